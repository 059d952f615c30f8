/** `twin segment INPUT --preset body|lungs|bone|heart`: segment a CT and print each label's volume and centroid. */
import { existsSync } from 'node:fs';
import { loadCtFromPaths } from '../../../../workers/anatomy/load-ct';
import { isPreset, PRESETS, segmentPreset, type Segmentation } from '../../../../workers/anatomy/segment/presets';
import { createJobContext } from '../../../../workers/process/job-context';
import { requireString, UsageError, type CliCommand, type CliContext } from '../command';

/** Loads INPUT (a folder or files of DICOM) and runs the preset named by --preset; shared with `twin mesh`. */
export async function segmentCliInput(ctx: CliContext): Promise<Segmentation> {
  const preset = requireString(ctx.values, 'preset');
  if (!isPreset(preset)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}, got "${preset}"`);
  let inputs = ctx.positionals;
  if (inputs.length === 0) throw new UsageError('give a folder of DICOM (or a series UID)');
  const missing = inputs.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    if (missing.length === 1 && inputs.length === 1 && /^[0-9.]+(#\d+)?$/.test(missing[0]!)) {
      // A series in the store (by SeriesInstanceUID, or its key when a series was split by geometry).
      const ws = await ctx.workstation();
      inputs = ws.patients.seriesFiles(missing[0]!).instances.map((i) => i.filePath);
    } else throw new UsageError(`not found: ${missing.join(', ')}`);
  }
  let lastNote = -1;
  const job = createJobContext((fraction, message) => {
    const percent = Math.floor(fraction * 10) * 10;
    if (percent !== lastNote) ctx.note(`${percent} % ${message ?? ''}`);
    lastNote = percent;
  });
  const ct = await loadCtFromPaths(inputs, job);
  return segmentPreset(ct, preset, job);
}

export const segmentCommand: CliCommand = {
  name: 'segment',
  summary: 'segment a CT with a threshold preset and print label volumes',
  usage: `Usage: twin segment INPUT --preset body|lungs|bone|heart [--db FILE] [--json]

INPUT is a folder (or files) of DICOM holding a CT series, or the SeriesInstanceUID of a series in the store.
Presets: body (outline without the couch), lungs (lung_left, lung_right), bone (spine, ribs: all other bone),
heart (heart, myocardium, lv_blood_pool; needs contrast, else all empty and exit code 1).
Prints {"labels":[{"name","volumeMl","voxels","centroidLps":[x,y,z]}]} (LPS mm).`,
  options: { preset: { type: 'string' } },
  async run(ctx) {
    const { labels } = await segmentCliInput(ctx);
    if (labels.every((l) => l.voxels === 0)) ctx.note('nothing found (the heart preset needs a contrast-enhanced CT)');
    const out = {
      labels: labels.map(({ name, volumeMl, voxels, centroidLps }) => ({ name, volumeMl, voxels, centroidLps })),
    };
    ctx.print(out, (d) =>
      d.labels
        .map((l) => `${l.name.padEnd(14)} ${l.volumeMl.toFixed(1).padStart(9)} mL  ${String(l.voxels).padStart(9)} voxels  centroid (${l.centroidLps.map((v) => v.toFixed(1)).join(', ')}) mm LPS`)
        .join('\n'),
    );
    return labels.some((l) => l.voxels > 0) ? 0 : 1;
  },
};
