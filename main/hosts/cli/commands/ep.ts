/**
 * `twin ep`: the cardiac electrophysiology engines, headless.
 *   twin ep cell --model tt06-epi --bcl 1000 --beats 10
 *   twin ep niederer --dx 0.5 --dt 0.05
 *   twin ep challenge --genotype lqt1 --doses 0,0.05,0.1,0.2
 *   twin ep heart --dir DICOMDIR --genotype lqt1 --dose 0.1 --s1 600x3 --couplings 300  (ep-heart.ts)
 */
import { runAdrenalineChallenge } from '../../../../workers/ep/challenge/adrenaline-challenge';
import { GENOTYPES, isGenotype } from '../../../../workers/ep/challenge/beta-adrenergic';
import { createModel, isModelId, MODEL_IDS } from '../../../../workers/ep/models/registry';
import { paceCell } from '../../../../workers/ep/protocols/pace-cell';
import { runNiederer } from '../../../../workers/ep/tissue/niederer-benchmark';
import { createJobContext } from '../../../../workers/process/job-context';
import { EP_HEART_OPTIONS, EP_HEART_USAGE, epHeartCli } from './ep-heart';
import { numberOption, stringOption, UsageError, type CliCommand, type CliContext } from '../command';

const USAGE = `Usage:
  twin ep cell --model ${MODEL_IDS.join('|')} [--bcl MS] [--beats N] [--json]
  twin ep niederer --dx MM --dt MS [--json]
  twin ep challenge --genotype ${GENOTYPES.join('|')} [--doses 0,0.05,0.1,0.2] [--json]
  ${EP_HEART_USAGE}`;

async function cell(ctx: CliContext): Promise<number> {
  const id = stringOption(ctx.values, 'model') ?? 'tt06-epi';
  if (!isModelId(id)) throw new UsageError(`--model must be one of ${MODEL_IDS.join(', ')}`);
  const bclMs = numberOption(ctx.values, 'bcl') ?? 1000;
  const beats = numberOption(ctx.values, 'beats') ?? 10;
  if (!(bclMs > 0) || !Number.isInteger(beats) || beats < 1) throw new UsageError('--bcl must be > 0 and --beats a whole number ≥ 1');
  const r = paceCell({ model: createModel(id), bclMs, beats });
  const out = { apd90: r.apd90Ms, apd50: r.apd50Ms, vrest: r.vrestMv, vpeak: r.vpeakMv, dvdtMax: r.dvdtMaxVPerS };
  ctx.print(out, (d) =>
    `${id} at BCL ${bclMs} ms, beat ${beats}: APD90 ${d.apd90.toFixed(1)} ms, APD50 ${d.apd50.toFixed(1)} ms, ` +
    `Vrest ${d.vrest.toFixed(1)} mV, Vpeak ${d.vpeak.toFixed(1)} mV, dV/dt max ${d.dvdtMax.toFixed(0)} V/s`,
  );
  return 0;
}

async function niederer(ctx: CliContext): Promise<number> {
  const dxMm = numberOption(ctx.values, 'dx') ?? 0.5;
  const dtMs = numberOption(ctx.values, 'dt') ?? 0.05;
  if (!(dxMm > 0) || !(dtMs > 0)) throw new UsageError('--dx and --dt must be > 0');
  const job = createJobContext((f, m) => ctx.note(`${(f * 100).toFixed(0)} % ${m ?? ''}`));
  const r = await runNiederer({ dxMm, dtMs }, job);
  ctx.print({ points: r.points, runtimeS: r.runtimeS }, (d) =>
    [`Niederer 2011 slab, dx ${dxMm} mm, dt ${dtMs} ms (${r.cells} cells, ${d.runtimeS.toFixed(1)} s):`,
      ...Object.entries(d.points).map(([p, t]) => `  ${p}  ${t.toFixed(2)} ms`)].join('\n'),
  );
  return 0;
}

async function challenge(ctx: CliContext): Promise<number> {
  const genotype = stringOption(ctx.values, 'genotype') ?? 'control';
  if (!isGenotype(genotype)) throw new UsageError(`--genotype must be one of ${GENOTYPES.join(', ')}`);
  const doses = (stringOption(ctx.values, 'doses') ?? '0,0.05,0.1,0.2').split(',').map(Number);
  if (doses.some((d) => !Number.isFinite(d) || d < 0)) throw new UsageError('--doses must be a comma-separated list of rates ≥ 0 (µg/kg/min)');
  const job = createJobContext((f, m) => ctx.note(`${(f * 100).toFixed(0)} % ${m ?? ''}`));
  const r = await runAdrenalineChallenge({ genotype, dosesUgPerKgMin: doses }, job);
  const results = r.results.map(({ dose, heartRateBpm, qtMs, deltaQtMs, events }) => ({ dose, heartRateBpm, qtMs, deltaQtMs, events }));
  ctx.print({ results }, (d) =>
    [`Epinephrine QT stress test, ${genotype}:`, ...d.results.map((x) =>
      `  ${String(x.dose).padEnd(6)} µg/kg/min  HR ${x.heartRateBpm.toFixed(0)} bpm  QT ${x.qtMs.toFixed(0)} ms  ΔQT ${x.deltaQtMs >= 0 ? '+' : ''}${x.deltaQtMs.toFixed(0)} ms` +
      (x.events.length ? `  events: ${x.events.map((e) => `${e.kind} @ ${e.timeMs.toFixed(0)} ms (${e.region})`).join(', ')}` : ''),
    )].join('\n'),
  );
  return 0;
}

export const epCommand: CliCommand = {
  name: 'ep',
  summary: 'cardiac electrophysiology: single cell, Niederer benchmark, epinephrine challenge, the patient\'s heart',
  usage: USAGE,
  options: {
    model: { type: 'string' },
    bcl: { type: 'string' },
    beats: { type: 'string' },
    dx: { type: 'string' },
    dt: { type: 'string' },
    genotype: { type: 'string' },
    doses: { type: 'string' },
    ...EP_HEART_OPTIONS,
  },
  async run(ctx) {
    const [sub] = ctx.positionals;
    if (sub === 'cell') return cell(ctx);
    if (sub === 'niederer') return niederer(ctx);
    if (sub === 'challenge') return challenge(ctx);
    if (sub === 'heart') return epHeartCli(ctx);
    throw new UsageError(sub === undefined ? 'a subcommand is needed: cell, niederer, challenge or heart' : `unknown subcommand "${sub}"`);
  },
};
