import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { listFiles } from '../files/list-files';
import { TAG } from './dicom-tags';
import { parseExplicitLittleEndianDataSet } from './explicit-le-data-set';

const dicom = sharedData('dicom');
const rt = sharedData('rt');

/** Everything of a data set that readers see, in dicom-parser's order: elements, nested items, warnings. */
function describeDataSet(ds: DataSet): unknown {
  const elements = [];
  for (const tag in ds.elements) {
    const { vr, length, dataOffset, hadUndefinedLength, items } = ds.elements[tag]!;
    elements.push({ tag, vr, length, dataOffset, hadUndefinedLength, items: items?.map((i) => ({ tag: i.tag, length: i.length, dataOffset: i.dataOffset, dataSet: i.dataSet && describeDataSet(i.dataSet) })) });
  }
  return { elements, warnings: ds.warnings, bytes: ds.byteArray.length };
}

function dicomParserResult(bytes: Uint8Array, untilTag: string | undefined): unknown {
  try {
    return describeDataSet(dicomParser.parseDicom(bytes, untilTag ? ({ untilTag } as dicomParser.ParseDicomOptions) : {}));
  } catch {
    return 'throws';
  }
}

describe.skipIf(!dicom)(dicom ? 'explicit VR little endian data sets' : missingDataMessage('dicom'), () => {
  // Every small reference file (broken ones included), and the first images of the large series.
  const files = [
    ...listFiles([`${dicom}/pydicom`, `${dicom}/transfer-syntaxes`, `${dicom}/orientation`, ...(rt ? [rt] : [])]).files,
    ...listFiles([`${dicom}/ct-chest-cptac-99`]).files.slice(0, 5),
    ...listFiles([`${dicom}/mr-brain-mixed`]).files.slice(0, 5),
  ];

  it('parse exactly as dicom-parser, whole or cut short, up to Pixel Data or to the end, or are left to it', () => {
    let parsedHere = 0;
    for (const file of files) {
      const whole = new Uint8Array(readFileSync(file));
      // Cut inside the meta information, inside the data set, and (for most files) inside Pixel Data.
      for (const bytes of [whole, whole.subarray(0, 200), whole.subarray(0, 1500), whole.subarray(0, whole.length - 7)]) {
        for (const untilTag of [TAG.PixelData, undefined]) {
          const here = parseExplicitLittleEndianDataSet(bytes, untilTag);
          if (!here) continue;
          parsedHere++;
          expect(describeDataSet(here), `${file}, ${bytes.length} bytes, until ${untilTag}`).toEqual(dicomParserResult(bytes, untilTag));
          // What read-dicom-file relies on to check only Pixel Data for truncation.
          for (const tag in here.elements) {
            const { length, dataOffset, hadUndefinedLength } = here.elements[tag]!;
            if (tag !== TAG.PixelData && !hadUndefinedLength) expect(dataOffset + length).toBeLessThanOrEqual(bytes.length);
          }
        }
      }
    }
    // The CT and MR series, and most reference files, take this path.
    expect(parsedHere).toBeGreaterThan(2 * files.length);
  });

  it('leaves implicit VR, big endian and deflated files to dicom-parser', () => {
    for (const name of ['2.dcm', '3.dcm']) expect(parseExplicitLittleEndianDataSet(readFileSync(`${dicom}/transfer-syntaxes/${name}`), TAG.PixelData)).toBeUndefined();
    expect(parseExplicitLittleEndianDataSet(readFileSync(`${dicom}/pydicom/image_dfl.dcm`), TAG.PixelData)).toBeUndefined();
  });
});
