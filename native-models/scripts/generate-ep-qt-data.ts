/**
 * Training data for the EP QT surrogate: runs of the project's own transmural wedge (the adrenaline challenge's
 * engine, `runEpQtEngine`) over a box of channel scalings and epinephrine dose, drawn with a fixed seed.
 *
 *   npx tsx native-models/scripts/generate-ep-qt-data.ts [runs=3000] [seed=20261124] [shard=0] [shards=1]
 *   npx tsx native-models/scripts/generate-ep-qt-data.ts --merge
 *
 * About 0.6 s per run on one core. Shards split the same seeded sequence (run r belongs to shard r mod shards), so
 * `shards` processes in parallel give the same data as one; each appends to data/ep-qt-runs.part-SHARD.csv row by row,
 * so an interrupted run is still usable. `--merge` joins the parts, ordered by run, into data/ep-qt-runs.csv.
 * Sampling: uniform in the box, the dose squared-uniform (denser at low doses, where the Hill curves of the β-AR
 * effect change most), and in EDGE_FRACTION of the runs each input sits on its bound with probability 1/2 (a model
 * trained uniformly is worst at the faces). The first 2^7 runs are the box's corners, split `corner`, a second
 * held-out set. Every other run is assigned `train` (≈ 80 %) or `heldout` (≈ 20 %) by the same seeded stream.
 * After them come FOCUS_RUNS drawn in FOCUS_BOX (split `train` or `focus-heldout`, a third test set): strong IKs
 * (up-regulated by epinephrine, hardly blunted) and ICaL with little SR leak make repolarisation so uniform that the
 * T wave is small with a slow terminal limb, QT there lies 90–130 ms past APD90 (20–70 ms elsewhere) and changes
 * fast with the inputs, a corner the uniform draw visits too rarely to learn. Each focused input sits, with
 * probability ½, on the face the focus box shares with the whole box, where the gap is largest.
 * The box and the wedge settings are read from the model card, so data, service validation and tests agree.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import card from '../ep-qt-surrogate.card.json';
import { runEpQtEngine, type EpQtQuestion } from '../../main/services/models/ep-qt-question';
import { mulberry32Int } from '../../workers/phantom/seeded-random';

const HELDOUT_FRACTION = 0.2;
const EDGE_FRACTION = 0.3;
const CORNERS = 2 ** card.inputs.length;
const FOCUS_RUNS = 400;
const FOCUS_BOX: Readonly<Record<string, readonly [number, number]>> = {
  gKs: [1.3, 1.5],
  gCaL: [1.1, 1.3],
  vLeak: [1, 2],
  iksBetaBlunting: [0, 0.3],
  doseUgPerKgMin: [0.05, 0.3],
};

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../data');
const header = ['run', ...card.inputs.map((i) => i.name), 'qtMs', 'apd90Ms', 'heartRateBpm', 'arrhythmia', 'eventKinds', 'split'];

function merge(): void {
  const parts = readdirSync(dataDir).filter((f) => /^ep-qt-runs\.part-\d+\.csv$/.test(f));
  const rows = parts.flatMap((f) => readFileSync(path.join(dataDir, f), 'utf8').trim().split('\n').slice(1));
  rows.sort((a, b) => Number(a.split(',')[0]) - Number(b.split(',')[0]));
  writeFileSync(path.join(dataDir, 'ep-qt-runs.csv'), [header.join(','), ...rows].join('\n') + '\n');
  console.error(`merged ${rows.length} runs from ${parts.length} parts`);
}

async function generate(runs: number, seed: number, shard: number, shards: number): Promise<void> {
  const next = mulberry32Int(seed);
  const uniform = (): number => next() / 4294967296;
  const draw = (): number[] => {
    const onEdges = uniform() < EDGE_FRACTION;
    return card.inputs.map((i) => {
      if (onEdges && uniform() < 0.5) return uniform() < 0.5 ? i.min : i.max;
      const u = uniform();
      return i.min + (i.max - i.min) * (i.name === 'doseUgPerKgMin' ? u * u : u);
    });
  };
  const drawFocus = (): number[] =>
    card.inputs.map((i) => {
      const bounds = FOCUS_BOX[i.name];
      if (!bounds) return i.min + (i.max - i.min) * uniform();
      const [lo, hi] = bounds;
      if (uniform() < 0.5) return hi === i.max ? hi : lo;
      return lo + (hi - lo) * uniform();
    });
  const out = path.join(dataDir, `ep-qt-runs.part-${shard}.csv`);
  // Resume: runs already in the part file are skipped (the seeded stream is still drawn, so the sequence holds).
  const done = new Set(existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0])) : []);
  if (!existsSync(out)) writeFileSync(out, header.join(',') + '\n');
  const started = performance.now();
  let ran = 0;
  for (let r = 0; r < CORNERS + runs + FOCUS_RUNS; r++) {
    const corner = r < CORNERS;
    const focus = r >= CORNERS + runs;
    const x = corner ? card.inputs.map((i, k) => ((r >> k) & 1 ? i.max : i.min)) : focus ? drawFocus() : draw();
    const split = corner ? 'corner' : uniform() < HELDOUT_FRACTION ? (focus ? 'focus-heldout' : 'heldout') : 'train';
    if (r % shards !== shard || done.has(r)) continue;
    const q = Object.fromEntries(card.inputs.map((i, k) => [i.name, x[k]!])) as unknown as EpQtQuestion;
    const a = await runEpQtEngine(q);
    const row = [r, ...x.map((v) => v.toPrecision(7)), a.qtMs.toFixed(3), a.apd90Ms.toFixed(3), a.heartRateBpm.toFixed(3), a.arrhythmia ? 1 : 0, a.eventKinds.join('|'), split];
    appendFileSync(out, row.join(',') + '\n');
    if (++ran % 50 === 0) console.error(`shard ${shard}: ${ran} runs, ${((performance.now() - started) / ran).toFixed(0)} ms/run`);
  }
  console.error(`shard ${shard}: ${ran} runs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[2] === '--merge') merge();
else await generate(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 20261124), Number(process.argv[4] ?? 0), Number(process.argv[5] ?? 1));
