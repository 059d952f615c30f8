/**
 * Typed readers over a dicom-parser DataSet. dicom-parser returns undefined for absent or empty elements; these keep
 * that contract and add parsing of multi-valued decimal strings, which the geometry attributes use.
 */
import type { DataSet } from 'dicom-parser';

export function textValue(ds: DataSet, tag: string): string | undefined {
  const v = ds.string(tag);
  return v === undefined || v === '' ? undefined : v;
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
