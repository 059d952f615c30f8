/**
 * Training data for the EP cell surrogate: runs of the project's own single-cell engine (TT06 epicardial cell,
 * `paceCell`) over a box of channel scalings, epinephrine dose and cycle length, drawn with a fixed seed.
 *
 *   npx tsx native-models/scripts/generate-ep-cell-data.ts [runs=1500] [seed=20261124]
 *
 * Sampling: uniform in the box, except that in EDGE_FRACTION of the runs each input sits on its bound with
 * probability 1/2: APD is most curved at the box's faces, and a purely uniform draw leaves them thin (a first model
 * trained uniformly was 24 ms off at a corner while 1.5 ms on uniform held-out runs). The 2^6 box corners themselves
 * are never drawn; they are run separately as a second held-out set.
 *
 * Writes native-models/data/ep-cell-runs.csv (one row per run, a `split` column: train / heldout) and
 * native-models/ep-cell-surrogate.heldout.json with the first HELDOUT_FIXED held-out rows and all box corners, which
 * the training script scores and the tests replay.
 * The box and the engine settings are read from the model card (ep-cell-surrogate.card.json), so the data, the
 * service's validation and the tests cannot disagree about them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import card from '../ep-cell-surrogate.card.json';
import { runEpCellEngine, type EpCellQuestion } from '../../main/services/models/ep-cell-question';
import { mulberry32Int } from '../../workers/phantom/seeded-random';

const HELDOUT_FRACTION = 0.2;
const HELDOUT_FIXED = 40;
const EDGE_FRACTION = 0.3;

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 1500);
const seed = Number(process.argv[3] ?? 20261124);
const next = mulberry32Int(seed);
const uniform = (): number => next() / 4294967296;

function draw(): number[] {
  const onEdges = uniform() < EDGE_FRACTION;
  const x = card.inputs.map((i) => (onEdges && uniform() < 0.5 ? (uniform() < 0.5 ? i.min : i.max) : i.min + (i.max - i.min) * uniform()));
  const isCorner = x.every((v, k) => v === card.inputs[k]!.min || v === card.inputs[k]!.max);
  return isCorner ? draw() : x;
}

function ask(x: number[]): ReturnType<typeof runEpCellEngine> {
  return runEpCellEngine(Object.fromEntries(card.inputs.map((i, k) => [i.name, x[k]!])) as unknown as EpCellQuestion);
}

const header = [...card.inputs.map((i) => i.name), ...card.outputs.map((o) => o.name), 'regular', 'split'];
const lines = [header.join(',')];
const heldout: { inputs: number[]; apd90Ms: number; apd50Ms: number }[] = [];
const started = performance.now();
let irregular = 0;
for (let r = 0; r < runs; r++) {
  const x = draw();
  const result = ask(x);
  const split = uniform() < HELDOUT_FRACTION ? 'heldout' : 'train';
  if (!result.regular) irregular++;
  lines.push([...x.map((v) => v.toPrecision(7)), result.apd90Ms.toFixed(3), result.apd50Ms.toFixed(3), result.regular ? 1 : 0, split].join(','));
  if (split === 'heldout' && result.regular && heldout.length < HELDOUT_FIXED) heldout.push({ inputs: x.map((v) => Number(v.toPrecision(7))), apd90Ms: result.apd90Ms, apd50Ms: result.apd50Ms });
  if ((r + 1) % 100 === 0) console.error(`${r + 1}/${runs} runs, ${((performance.now() - started) / (r + 1)).toFixed(0)} ms/run`);
}
const corners = Array.from({ length: 2 ** card.inputs.length }, (_, bits) => {
  const x = card.inputs.map((i, k) => ((bits >> k) & 1 ? i.max : i.min));
  const result = ask(x);
  return { inputs: x, apd90Ms: result.apd90Ms, apd50Ms: result.apd50Ms, regular: result.regular };
}).filter((c) => c.regular).map(({ regular: _regular, ...c }) => c);
writeFileSync(path.join(here, '../data/ep-cell-runs.csv'), lines.join('\n') + '\n');
writeFileSync(path.join(here, '../ep-cell-surrogate.heldout.json'), JSON.stringify({ seed, engine: card.engine, cases: heldout, corners }, null, 1) + '\n');
console.error(`${runs} runs (${irregular} without 1:1 repolarisation) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
