/**
 * Whether a series can be reformatted into MPR views, from the importer's slice order and positions. cornerstone
 * builds a volume from any list of images; for images that are not one stack of distinct parallel slices (echoes
 * sharing a position, images without a position, multi-frame objects) it draws garbage or fails in WebGL.
 */
import type { SeriesInstance } from '../../main/contract/domain';

/** Fewer slices than this make no volume worth reformatting. */
export const MIN_MPR_SLICES = 3;

/** Two slices closer than this (mm) are taken as the same position. */
const SAME_POSITION_MM = 1e-3;

/** null when MPR is possible, else the reason, for the MPR button's tooltip. */
export function mprUnavailableReason(instances: readonly SeriesInstance[]): string | null {
  if (instances.length < MIN_MPR_SLICES) return `MPR needs at least ${MIN_MPR_SLICES} slices`;
  if (instances.some((i) => i.frames > 1)) return 'MPR of multi-frame images is not supported yet';
  const positions = instances.map((i) => i.positionLps);
  if (positions.some((p) => p === null)) return 'Some images have no position: MPR needs positioned slices';
  for (let k = 1; k < positions.length; k++) {
    const [a, b] = [positions[k - 1]!, positions[k]!];
    if (Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < SAME_POSITION_MM) {
      return 'Several images share a slice position (echoes, phases?): not one volume';
    }
  }
  return null;
}
