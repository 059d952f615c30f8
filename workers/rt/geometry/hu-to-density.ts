/** HU → relative electron density by piecewise-linear interpolation of a calibration table (assets/rt). */
import { CIRS_062M_TYPICAL, type HuToRedTable } from '../../../assets/rt/hu-to-red';

export function huToRelativeElectronDensity(hu: number, table: HuToRedTable = CIRS_062M_TYPICAL): number {
  const x = table.hu;
  const y = table.relativeElectronDensity;
  if (hu <= x[0]!) return y[0]!;
  const last = x.length - 1;
  if (hu >= x[last]!) return y[last]!;
  let k = 1;
  while (x[k]! < hu) k++;
  const t = (hu - x[k - 1]!) / (x[k]! - x[k - 1]!);
  return y[k - 1]! + t * (y[k]! - y[k - 1]!);
}
