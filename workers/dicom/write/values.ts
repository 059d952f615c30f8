/**
 * Formatting numbers and dates into DICOM value representations (PS3.5 §6.2). dcmjs would truncate a Decimal
 * String longer than 16 characters with a warning; formatting here keeps full control of precision.
 */

/** A Decimal String (DS): at most 16 characters; uses as many decimals as fit, without trailing zeros. */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`DS value must be finite, got ${value}`);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  for (let decimals = 6; decimals >= 0; decimals--) {
    const s = trimZeros(value.toFixed(decimals));
    if (s.length <= 16) return s === '-0' ? '0' : s;
  }
  const e = value.toExponential(8);
  if (e.length <= 16) return e;
  throw new Error(`DS value ${value} does not fit in 16 characters`);
}

/** Millimetre coordinates as DS with 0.001 mm resolution (contours, positions): short and plenty precise. */
export function formatMm(value: number): string {
  const s = trimZeros(value.toFixed(3));
  return s === '-0' ? '0' : s;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** An Integer String (IS): a whole number of at most 12 characters. */
export function formatIs(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) > 2 ** 31) throw new Error(`IS value must be an integer, got ${value}`);
  return String(value);
}

/** DA (YYYYMMDD) and TM (HHMMSS) of a UTC instant. */
export function dicomDate(instant: Date): string {
  return instant.toISOString().slice(0, 10).replaceAll('-', '');
}

export function dicomTime(instant: Date): string {
  return instant.toISOString().slice(11, 19).replaceAll(':', '');
}
