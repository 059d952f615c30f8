/**
 * The ROI names and display colours of an RT Structure Set (PS3.3 C.8.8.5–C.8.8.6), read in the browser from the
 * instance's bytes so the plan form can offer the structures before any plan exists. Contours are not needed
 * here: the planning job reads them itself (workers/anatomy/rtstruct/read-rtstruct.ts, which reads from a file).
 */
import dicomParser, { type DataSet } from 'dicom-parser';

export interface RoiInfo {
  roiNumber: number;
  name: string;
  /** CSS colour from ROI Display Color (3006,002A), when present. */
  colour?: string;
}

const items = (ds: DataSet, tag: string): DataSet[] =>
  (ds.elements[tag]?.items ?? []).map((item) => item.dataSet).filter((d): d is DataSet => d !== undefined);

export function readRois(bytes: ArrayBuffer): RoiInfo[] {
  const ds = dicomParser.parseDicom(new Uint8Array(bytes));
  const colours = new Map<number, string>();
  for (const roi of items(ds, 'x30060039')) {
    const rgb = (roi.string('x3006002a') ?? '').split('\\').map(Number);
    if (rgb.length === 3 && rgb.every(Number.isFinite)) colours.set(Number(roi.string('x30060084')), `rgb(${rgb.join(', ')})`);
  }
  return items(ds, 'x30060020').map((roi) => {
    const roiNumber = Number(roi.string('x30060022'));
    const colour = colours.get(roiNumber);
    return { roiNumber, name: roi.string('x30060026')?.trim() || `ROI ${roiNumber}`, ...(colour ? { colour } : {}) };
  });
}
