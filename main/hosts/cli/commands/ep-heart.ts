/**
 * `twin ep heart`: programmed stimulation of the patient's own LV from a CT (workers/ep/heart), headless.
 *   twin ep heart --series UID [--db FILE] | --dir DICOMDIR  --genotype lqt1 --dose 0.1 --protocol s1s4
 *                 --s1 600x3 --couplings 300,260 [--burst 250x10] [--site x,y,z] [--scar x,y,z,radius,border]
 *                 [--grid 1] [--duration MS] [--model ms|tt06] [--threads N] [--out DIR] [--json]
 * Prints the run's summary (the 'ep-heart-run' summary); --out also writes the payload files there.
 */
import { mkdirSync } from 'node:fs';
import { loadCtFromPaths } from '../../../../workers/anatomy/load-ct';
import { isGenotype, GENOTYPES } from '../../../../workers/ep/challenge/beta-adrenergic';
import { runHeartFromCt, type HeartRunRequest } from '../../../../workers/ep/heart/heart-run';
import { createJobContext } from '../../../../workers/process/job-context';
import { writeHeartRunFiles } from '../../../../workers/process/kinds/ep-heart';
import type { Vec3 } from '../../../../workers/volume/volume';
import { numberOption, stringOption, UsageError, type CliContext, type CliOptions } from '../command';

export const EP_HEART_USAGE = `twin ep heart --series UID | --dir DICOMDIR [--genotype G] [--dose UG_PER_KG_MIN] [--protocol s1s4|burst]
                [--s1 600x3] [--couplings 300,260] [--burst 250x10] [--site x,y,z] [--scar x,y,z,radiusMm,borderMm]
                [--grid MM] [--duration MS] [--model ms|tt06] [--threads N] [--out DIR] [--json]`;

export const EP_HEART_OPTIONS: CliOptions = {
  series: { type: 'string' },
  dir: { type: 'string' },
  dose: { type: 'string' },
  protocol: { type: 'string' },
  s1: { type: 'string' },
  couplings: { type: 'string' },
  burst: { type: 'string' },
  site: { type: 'string' },
  scar: { type: 'string' },
  grid: { type: 'string' },
  duration: { type: 'string' },
  threads: { type: 'string' },
  out: { type: 'string' },
};

function numbers(text: string, name: string, count?: number): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v)) || (count !== undefined && values.length !== count)) {
    throw new UsageError(`--${name} must be ${count ?? 'a list of'} comma-separated numbers, got "${text}"`);
  }
  return values;
}

/** "600x3" → [600, 3] */
function cycleTimesBeats(text: string, name: string): [number, number] {
  const m = /^(\d+(?:\.\d+)?)x(\d+)$/.exec(text);
  if (!m) throw new UsageError(`--${name} must look like 600x3 (cycle length ms × beats), got "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

export function heartRequestFromOptions(ctx: CliContext): HeartRunRequest {
  const v = ctx.values;
  const genotype = stringOption(v, 'genotype') ?? 'control';
  if (!isGenotype(genotype)) throw new UsageError(`--genotype must be one of ${GENOTYPES.join(', ')}`);
  const kind = stringOption(v, 'protocol') ?? 's1s4';
  if (kind !== 's1s4' && kind !== 'burst') throw new UsageError('--protocol must be s1s4 or burst');
  const [s1CycleMs, s1Beats] = cycleTimesBeats(stringOption(v, 's1') ?? '600x3', 's1');
  const couplings = stringOption(v, 'couplings');
  const couplingsMs = couplings === undefined ? (kind === 's1s4' ? [300] : []) : couplings === '' ? [] : numbers(couplings, 'couplings');
  if (couplingsMs.length > 3) throw new UsageError('--couplings takes at most three intervals (S2, S3, S4)');
  const burst = stringOption(v, 'burst');
  const [burstCycleMs, burstBeats] = burst ? cycleTimesBeats(burst, 'burst') : [250, 10];
  const site = stringOption(v, 'site');
  const scar = stringOption(v, 'scar');
  const scarValues = scar ? numbers(scar, 'scar', 5) : undefined;
  const model = stringOption(v, 'model') ?? 'ms';
  if (model !== 'ms' && model !== 'tt06') throw new UsageError('--model must be ms or tt06 for the heart');
  const gridMm = numberOption(v, 'grid') ?? 1;
  if (!(gridMm >= 0.5 && gridMm <= 2)) throw new UsageError('--grid must be between 0.5 and 2 mm');
  const durationMs = numberOption(v, 'duration');
  const threads = numberOption(v, 'threads');
  return {
    genotype,
    doseUgPerKgMin: numberOption(v, 'dose') ?? 0,
    protocol: { kind, s1CycleMs, s1Beats, couplingsMs: kind === 's1s4' ? couplingsMs : [], ...(kind === 'burst' ? { burstCycleMs, burstBeats } : {}) },
    ...(site ? { pacingSiteLps: numbers(site, 'site', 3) as Vec3 } : {}),
    ...(scarValues ? { scar: { centreLps: scarValues.slice(0, 3) as Vec3, radiusMm: scarValues[3]!, borderMm: scarValues[4]! } } : {}),
    gridMm,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ionicModel: model,
    ...(threads !== undefined ? { threads } : {}),
  };
}

export async function epHeartCli(ctx: CliContext): Promise<number> {
  const request = heartRequestFromOptions(ctx);
  const series = stringOption(ctx.values, 'series');
  const dir = stringOption(ctx.values, 'dir');
  if ((series === undefined) === (dir === undefined)) throw new UsageError('give either --series UID or --dir DICOMDIR');
  const paths = series !== undefined ? (await ctx.workstation()).patients.seriesFiles(series).instances.map((i) => i.filePath) : [dir!];
  let lastNote = -1;
  const job = createJobContext((fraction, message) => {
    const percent = Math.floor(fraction * 20) * 5;
    if (percent !== lastNote) ctx.note(`${percent} % ${message ?? ''}`);
    lastNote = percent;
  });
  const ct = await loadCtFromPaths(paths, job);
  const { result, summary } = await runHeartFromCt(ct, request, job);
  const out = stringOption(ctx.values, 'out');
  if (out) {
    mkdirSync(out, { recursive: true });
    writeHeartRunFiles(result, out);
  }
  ctx.print(summary, (s) =>
    [
      `LV model: ${s.cells} cells at ${s.gridMm} mm, ${s.vertices} surface vertices; ${s.model}`,
      `${s.genotype}, ${s.doseUgPerKgMin} µg/kg/min, paced at (${s.pacingSiteLps.map((x) => x.toFixed(1)).join(', ')}) mm LPS; ` +
        `QT ${s.qtMs === null ? 'not measurable' : `${s.qtMs.toFixed(0)} ms`} (lead II); ${s.runtimeS.toFixed(1)} s`,
      ...(s.events.length ? s.events.map((e) => `  ${e.timeMs.toFixed(0).padStart(6)} ms  ${e.kind.padEnd(18)} ${e.region}  (${e.lps.map((x) => x.toFixed(1)).join(', ')})`) : ['  no arrhythmia events']),
      ...(out ? [`files written to ${out}`] : []),
    ].join('\n'),
  );
  return 0;
}
