/**
 * Training data for the dose-volume predictor: the standard plan (`workers/rt/kbp/kbp-plan.ts`: 7 beams, uniform
 * target, OARs as low as reasonably achievable, D95 = prescription) on randomised phantoms
 * (`workers/rt/kbp/kbp-phantom.ts`), one CSV row per OAR: its geometry features (OVH, volumes) and what the plan
 * achieved in it (as fractions of the prescription).
 *
 *   nice npx tsx native-models/scripts/generate-kbp-data.ts [cases=1000] [seed=20261124]
 *
 * Incremental: cases already in native-models/data/kbp-plans.csv are kept and the run continues after the last one,
 * so it can be stopped and resumed. The split is by case (all OARs of a case in one split), ≈ 20 % held out.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJobContext } from '../../workers/process/job-context';
import { KBP_TARGET, kbpPhantom } from '../../workers/rt/kbp/kbp-phantom';
import { OAR_DOSE_POINT_NAMES, planStandard } from '../../workers/rt/kbp/kbp-plan';
import { KBP_OVH_DISTANCES_MM, oarGeometryFeatures } from '../../workers/rt/kbp/overlap-volume-histogram';

const HELDOUT_FRACTION = 0.2;
const here = path.dirname(fileURLToPath(import.meta.url));
const csvPath = path.join(here, '../data/kbp-plans.csv');
const cases = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 20261124);

const header = ['case', 'oar', 'targetVolumeMl', 'oarVolumeMl', ...KBP_OVH_DISTANCES_MM.map((d) => `ovh${d < 0 ? 'm' : ''}${Math.abs(d)}mm`), ...OAR_DOSE_POINT_NAMES, 'split', 'description'];

let first = 0;
if (existsSync(csvPath)) {
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
  if (lines[0] !== header.join(',')) throw new Error(`${csvPath} has another header: delete it to start again`);
  if (lines.length > 1) first = Number(lines[lines.length - 1]!.split(',')[0]) + 1;
} else writeFileSync(csvPath, header.join(',') + '\n');

const ctx = createJobContext();
const started = performance.now();
for (let c = first; c < cases; c++) {
  const phantom = kbpPhantom(seed, c);
  const target = phantom.structures.find((s) => s.name === KBP_TARGET)!.mask;
  const result = planStandard(phantom.ct, phantom.structures, KBP_TARGET, ctx);
  // The split comes from the case's own seed stream, so it does not depend on where a resumed run started.
  const split = ((Math.imul(c + 1, 2654435761) >>> 0) % 1000) / 1000 < HELDOUT_FRACTION ? 'heldout' : 'train';
  const rows = result.oars.map(({ name, points }) => {
    const f = oarGeometryFeatures(target, phantom.structures.find((s) => s.name === name)!.mask);
    const values = [f.targetVolumeMl.toFixed(2), f.oarVolumeMl.toFixed(2), ...f.ovh.map((x) => x.toFixed(4)), ...OAR_DOSE_POINT_NAMES.map((k) => points[k].toFixed(5))];
    return [c, name, ...values, split, `"${phantom.description}"`].join(',');
  });
  appendFileSync(csvPath, rows.join('\n') + '\n');
  if ((c + 1) % 20 === 0) console.error(`${c + 1}/${cases} cases, ${((performance.now() - started) / (c + 1 - first)).toFixed(0)} ms/case`);
}
console.error(`done: cases ${first}…${cases - 1} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
