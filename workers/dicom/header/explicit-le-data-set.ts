/**
 * The data set of the commonest files, Part 10 in an explicit VR little endian transfer syntax, parsed as
 * dicom-parser parses it but faster. dicom-parser spends most of a header scan formatting each tag as a string
 * ('x00280010', measured ~0.3 µs an element, some 150 elements a CT or MR header); here tags are read as numbers and
 * their strings looked up, and each element is laid out exactly as dicom-parser lays it out. File meta information
 * and sequence items are left to dicom-parser's own readers. Anything else or anything unusual (another transfer
 * syntax, an unknown VR, an undefined length outside a sequence, an element past the end of the bytes) answers
 * undefined, and dicom-parser then parses the file as before, with its own errors and warnings.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';

/** Every VR of PS3.5 Table 6.2-1. */
export const VALUE_REPRESENTATIONS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

/** VRs whose explicit length takes 4 bytes after 2 reserved ones, as dicom-parser 1.8 reads them. */
const FOUR_BYTE_LENGTH_VRS = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN']);

/** The two VR bytes as one number (first byte high) → the VR. */
const VR_BY_CODE = new Map([...VALUE_REPRESENTATIONS].map((vr) => [(vr.charCodeAt(0) << 8) | vr.charCodeAt(1), vr]));

/** Syntaxes dicom-parser does not read as explicit little endian from the file's own bytes. */
const OTHER_ENCODINGS = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']);

const UNDEFINED_LENGTH = 0xffffffff;

/** dicom-parser exports its DataSet class, but its type declarations name only the interface. */
const { DataSet: DataSetClass } = dicomParser as unknown as {
  DataSet: new (parser: dicomParser.ByteArrayParser, bytes: Uint8Array, elements: DataSet['elements']) => DataSet;
};

/** dicom-parser's key of tag (group, element), e.g. 'x00280010', made once per tag seen (up to a bound). */
const tagKeys = new Map<number, string>();
const MAX_TAG_KEYS = 1 << 16;
function tagKey(group: number, element: number): string {
  const code = group * 0x10000 + element;
  let key = tagKeys.get(code);
  if (key === undefined) {
    key = `x${code.toString(16).padStart(8, '0')}`;
    // Files full of distinct private tags must not grow this without end.
    if (tagKeys.size >= MAX_TAG_KEYS) tagKeys.clear();
    tagKeys.set(code, key);
  }
  return key;
}

/** Elements from `position` to the end of `bytes` (or through `untilTag`), or undefined where dicom-parser should judge. */
function readElements(bytes: Uint8Array, position: number, untilTag: string | undefined, stream: dicomParser.ByteStream, elements: DataSet['elements']): boolean {
  const end = bytes.length;
  let p = position;
  while (p < end) {
    if (p + 8 > end) return false;
    const tag = tagKey(bytes[p]! | (bytes[p + 1]! << 8), bytes[p + 2]! | (bytes[p + 3]! << 8));
    const vr = VR_BY_CODE.get((bytes[p + 4]! << 8) | bytes[p + 5]!);
    if (vr === undefined) return false;
    let length: number;
    let dataOffset: number;
    if (FOUR_BYTE_LENGTH_VRS.has(vr)) {
      if (p + 12 > end) return false;
      length = (bytes[p + 8]! | (bytes[p + 9]! << 8) | (bytes[p + 10]! << 16) | (bytes[p + 11]! << 24)) >>> 0;
      dataOffset = p + 12;
    } else {
      length = bytes[p + 6]! | (bytes[p + 7]! << 8);
      dataOffset = p + 8;
    }
    const element: Element = { tag, vr, length, dataOffset };
    if (length === UNDEFINED_LENGTH) element.hadUndefinedLength = true;
    elements[tag] = element;
    if (tag === untilTag) return true;
    if (vr === 'SQ') {
      stream.position = dataOffset;
      dicomParser.readSequenceItemsExplicit(stream, element, stream.warnings);
      p = stream.position;
    } else if (length === UNDEFINED_LENGTH) {
      return false;
    } else {
      p = dataOffset + length;
    }
  }
  return p === end;
}

/**
 * What dicomParser.parseDicom(bytes, { untilTag }) returns, or undefined when the file is not one this path reads.
 * Every top-level element but Pixel Data (which may stop the reading) then ends within `bytes`.
 */
export function parseExplicitLittleEndianDataSet(bytes: Uint8Array, untilTag?: string): DataSet | undefined {
  try {
    const meta = dicomParser.readPart10Header(bytes) as DataSet & { position: number };
    const syntax = meta.elements['x00020010'];
    if (!syntax || OTHER_ENCODINGS.has(dicomParser.readFixedString(bytes, syntax.dataOffset, syntax.length))) return undefined;
    const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, meta.position);
    const elements: DataSet['elements'] = {};
    const dataSet = new DataSetClass(stream.byteArrayParser, bytes, elements);
    if (!readElements(bytes, meta.position, untilTag, stream, elements)) return undefined;
    // As dicom-parser merges them: the meta elements after the data set's, and their warnings first.
    for (const tag in meta.elements) elements[tag] = meta.elements[tag]!;
    dataSet.warnings = meta.warnings.concat(stream.warnings);
    return dataSet;
  } catch {
    return undefined;
  }
}
