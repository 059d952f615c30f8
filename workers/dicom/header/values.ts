/**
 * Typed readers over a dicom-parser DataSet. dicom-parser returns undefined for absent or empty elements; these keep
 * that contract and add parsing of multi-valued decimal strings, which the geometry attributes use.
 */
import type { DataSet } from 'dicom-parser';

/** Specific Character Set (0008,0005) defined terms → WHATWG encoding labels (PS3.3 C.12.1.1.2). */
const CHARSETS: Record<string, string> = {
  '': 'latin1',
  ISO_IR_6: 'latin1',
  ISO_IR_100: 'latin1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_13: 'shift_jis',
  ISO_IR_166: 'windows-874',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  ISO_2022_IR_6: 'latin1',
  ISO_2022_IR_100: 'latin1',
  ISO_2022_IR_87: 'iso-2022-jp',
  ISO_2022_IR_13: 'shift_jis',
  ISO_2022_IR_149: 'euc-kr',
  ISO_2022_IR_58: 'gb18030',
};
type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder>();
/** Each data set's decoder, looked up once: a header scan reads some twenty text values per file. */
const decoderOfDataSet = new WeakMap<DataSet, Decoder>();

/** The decoder for a data set's Specific Character Set; Latin-1 when absent or unknown (the DICOM default is ASCII). */
function decoderFor(ds: DataSet): Decoder {
  let decoder = decoderOfDataSet.get(ds);
  if (!decoder) {
    decoder = decoderForCharacterSet(ds.string('x00080005') ?? '');
    decoderOfDataSet.set(ds, decoder);
  }
  return decoder;
}

function decoderForCharacterSet(specificCharacterSet: string): Decoder {
  const terms = specificCharacterSet.split('\\').map((t) => t.trim().replace(/[ -]/g, '_'));
  // With code extensions the first value names the default repertoire; the last names the extended one.
  const label = CHARSETS[terms[terms.length - 1] ?? ''] ?? 'latin1';
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('latin1');
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** A text attribute decoded with the file's character set, padding removed; undefined when absent or empty. */
export function textValue(ds: DataSet, tag: string): string | undefined {
  const el = ds.elements[tag];
  if (!el || el.length === 0 || el.items) return undefined;
  const bytes = ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  const v = decoderFor(ds).decode(bytes).replace(/[\s\0]+$/, '').replace(/^\s+/, '');
  return v === '' ? undefined : v;
}

/** A number from an IS/DS string or from a binary US/SS/UL/FL/FD element, whichever the element holds. */
export function numberValue(ds: DataSet, tag: string): number | undefined {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return undefined;
  switch (el.vr) {
    case 'US':
      return ds.uint16(tag);
    case 'SS':
      return ds.int16(tag);
    case 'UL':
      return ds.uint32(tag);
    case 'SL':
      return ds.int32(tag);
    case 'FL':
      return ds.float(tag);
    case 'FD':
      return ds.double(tag);
    default: {
      const n = Number(ds.string(tag, 0));
      return Number.isFinite(n) ? n : undefined;
    }
  }
}

/** An unsigned short attribute (Rows, Columns, BitsAllocated…); implicit VR files carry no VR, so read it as US. */
export function uint16Value(ds: DataSet, tag: string): number | undefined {
  const el = ds.elements[tag];
  if (!el || el.length < 2) return undefined;
  return ds.uint16(tag);
}

/** Exactly `count` finite numbers from a multi-valued DS string, or undefined. */
export function numbersValue(ds: DataSet, tag: string, count: number): number[] | undefined {
  const raw = ds.string(tag);
  if (!raw) return undefined;
  const parts = raw.split('\\').map((s) => Number(s.trim()));
  if (parts.length < count || parts.slice(0, count).some((n) => !Number.isFinite(n))) return undefined;
  return parts.slice(0, count);
}

/** The first item's data set of a sequence, if any. */
export function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

export function formatTag(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
}
