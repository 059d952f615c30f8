/**
 * The segmentation presets as one entry point: `segmentPreset(ct, 'lungs', ctx)` → a label map and, per label,
 * its voxel count, volume (mL) and LPS centroid. Presets build on each other (lungs need the body, the heart needs
 * the lungs, bone needs the blood pool to leave it out), so each computes only the steps it needs.
 */
import type { JobContext } from '../../process/job-context';
import type { LabelMap, Volume } from '../../volume/volume';
import { labelStats, maskLike, type BinaryMask, type LabelStats } from '../mask';
import { segmentBody } from './body';
import { segmentBone } from './bone';
import { findBloodPool, segmentHeart } from './heart';
import { segmentLungs } from './lungs';

export const PRESETS = ['body', 'lungs', 'bone', 'heart'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Segmentation {
  /** Values 1, 2, … in the order of `labels`; where structures nest (heart ⊃ myocardium) the inner one is painted. */
  labelMap: LabelMap;
  /** Statistics of each whole structure (the heart's include the myocardium and blood pool painted over it). */
  labels: LabelStats[];
  /** Each structure's own mask, for surfaces of nested structures. */
  structures: { name: string; mask: BinaryMask }[];
}

export function isPreset(name: string): name is Preset {
  return (PRESETS as readonly string[]).includes(name);
}

/** Paints masks into one label map as values 1, 2, … in order (a later mask wins), with each mask's own statistics. */
function paint(ct: Volume, named: [string, BinaryMask][]): Segmentation {
  const labelMap = maskLike(ct);
  named.forEach(([, mask], n) => {
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i] !== 0) labelMap.data[i] = n + 1;
  });
  const labels = named.map(([name, mask], n) => ({ ...labelStats(mask, new Map([[1, name]]))[0]!, value: n + 1 }));
  return { labelMap, labels, structures: named.map(([name, mask]) => ({ name, mask })) };
}

/**
 * Several presets over one CT, sharing the steps they have in common (the body outline is computed once for all).
 * Results come in the order asked for.
 */
export function segmentPresets(ct: Volume, presets: readonly Preset[], ctx: JobContext): Segmentation[] {
  const share = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const body = share(() => segmentBody(ct, ctx));
  const lungs = share(() => segmentLungs(ct, body(), ctx));
  const bloodPool = share(() => findBloodPool(ct, body(), lungs()));
  const run: Record<Preset, () => Segmentation> = {
    body: () => paint(ct, [['body', body()]]),
    lungs: () =>
      paint(ct, [
        ['lung_left', lungs().left],
        ['lung_right', lungs().right],
      ]),
    heart: () => {
      const heart = segmentHeart(ct, body(), lungs(), bloodPool(), ctx);
      return paint(ct, [
        ['heart', heart.heart],
        ['myocardium', heart.myocardium],
        ['lv_blood_pool', heart.bloodPool],
      ]);
    },
    bone: () => {
      const bones = segmentBone(ct, body(), lungs(), bloodPool());
      return paint(ct, [
        ['spine', bones.spine],
        ['ribs', bones.ribs],
      ]);
    },
  };
  return presets.map((preset, n) => {
    ctx.throwIfCancelled();
    ctx.progress(n / presets.length, `segmenting ${preset}`);
    const result = run[preset]();
    ctx.progress((n + 1) / presets.length, `${preset}: ${result.labels.map((l) => `${l.name} ${l.volumeMl.toFixed(1)} mL`).join(', ')}`);
    return result;
  });
}

export function segmentPreset(ct: Volume, preset: Preset, ctx: JobContext): Segmentation {
  return segmentPresets(ct, [preset], ctx)[0]!;
}
