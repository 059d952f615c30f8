/**
 * Encoding a dataset as a DICOM Part 10 file (PS3.10 §7): 128-byte preamble, "DICM", File Meta Information, then
 * the dataset in explicit VR little endian. Encoding is done by dcmjs; this module adds what dcmjs leaves to the
 * caller: the meta header from the dataset's own SOP class and instance, keyword checking (a misspelt keyword
 * would otherwise be dropped silently), and pixel data from a typed array.
 *
 * Datasets are "naturalised": keys are PS3.6 keywords, values are strings, numbers, arrays of them, arrays of
 * nested datasets (sequences), or a typed array for PixelData. Pass DS values already formatted (values.ts).
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './sop-classes';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './uid';

export type DicomValue = string | number | readonly (string | number)[] | readonly DicomDataset[] | Uint8Array | Uint16Array | Int16Array;

export interface DicomDataset {
  [keyword: string]: DicomValue | undefined;
}

/**
 * The part of dcmjs (0.52) we call. dcmjs ships no type declarations; loading it through require and naming the
 * few calls here keeps the untyped surface to this one place.
 */
interface DcmjsData {
  DicomDict: new (meta: Record<string, unknown>) => { dict: Record<string, unknown>; write(): ArrayBuffer };
  DicomMetaDictionary: {
    denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>;
    /** PS3.6 keyword → dictionary entry. */
    nameMap: Record<string, { tag: string; vr: string } | undefined>;
  };
}
const { DicomDict, DicomMetaDictionary } = (createRequire(import.meta.url)('dcmjs') as { data: DcmjsData }).data;

export function encodePart10(dataset: DicomDataset): Uint8Array {
  const sopClassUid = dataset.SOPClassUID;
  const sopInstanceUid = dataset.SOPInstanceUID;
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') {
    throw new Error('a Part 10 dataset needs SOPClassUID and SOPInstanceUID');
  }
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(toDcmjs(dataset, ''));
  return new Uint8Array(dict.write());
}

export async function writePart10File(file: string, dataset: DicomDataset): Promise<void> {
  await writeFile(file, encodePart10(dataset));
}

/** Checks keywords, drops undefined values and turns typed pixel data into what dcmjs expects. */
function toDcmjs(dataset: DicomDataset, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const vrMap: Record<string, string> = {};
  for (const [keyword, value] of Object.entries(dataset)) {
    if (value === undefined) continue;
    if (!DicomMetaDictionary.nameMap[keyword]) throw new Error(`unknown DICOM keyword "${path}${keyword}"`);
    if (ArrayBuffer.isView(value)) {
      const bytes = value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
      out[keyword] = [bytes];
      vrMap[keyword] = value instanceof Uint8Array ? 'OB' : 'OW';
    } else if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      out[keyword] = (value as DicomDataset[]).map((item, n) => toDcmjs(item, `${path}${keyword}[${n}].`));
    } else {
      out[keyword] = value;
    }
  }
  if (Object.keys(vrMap).length > 0) out._vrMap = vrMap;
  return out;
}
