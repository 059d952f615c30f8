/**
 * `twin plan`: photon IMRT planning headless. Either a TG-119 benchmark phantom (--phantom) with its goals table,
 * or real data (--ct DIR --rtstruct FILE --target NAME) written out as RTPLAN + RTDOSE.
 */
import { createJobContext, type JobContext } from '../../../../workers/process/job-context';
import { planTg119 } from '../../../../workers/phantom/tg119-plan';
import { TG119_CASES, type Tg119Case } from '../../../../workers/phantom/tg119-phantoms';
import { planFromDicom } from '../../../../workers/rt/plan/plan-from-dicom';
import { exportPlanDicom } from '../../../../workers/rt/export/export-plan';
import { equispacedBeams } from '../../../../workers/rt/beams/beam-geometry';
import { uidFromSeed } from '../../../../workers/dicom/write/uid';
import type { GoalResult } from '../../../../workers/rt/plan/goals';
import type { Plan } from '../../../../workers/rt/plan/plan';
import { whatIf } from '../../../../workers/rt/plan/what-if';
import { numberOption, requireString, stringList, stringOption, UsageError, type CliCommand, type CliContext } from '../command';

const round2 = (s: number) => Math.round(s * 100) / 100;

function goalsText(goals: GoalResult[], timingsS: { dose: number; optimisation: number }): string {
  return [
    ...goals.map((g) => `${g.structure.padEnd(9)} ${g.metric.padEnd(5)} ${g.goal.padEnd(10)} ${g.achievedGy.toFixed(2).padStart(6)} Gy  ${g.pass ? 'pass' : 'FAIL'}`),
    `dose ${timingsS.dose} s, optimisation ${timingsS.optimisation} s`,
  ].join('\n');
}

function jobContext(ctx: CliContext): JobContext {
  let last = -1;
  return createJobContext((fraction, message) => {
    const pct = Math.floor(fraction * 10) * 10;
    if (!ctx.json && pct !== last) {
      last = pct;
      ctx.note(`${pct} % ${message ?? ''}`);
    }
  });
}

async function writeFiles(plan: Plan, out: string, label: string, prescriptionGy: number, frameOfReferenceUid?: string) {
  const seed = `twin-plan/${label}/${Date.now()}`;
  return exportPlanDicom(
    plan,
    {
      patient: { name: 'Twin^Plan', id: label.slice(0, 64) },
      study: { studyInstanceUid: uidFromSeed(`${seed}/study`), dateTime: new Date(), id: '1' },
      ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
      label,
      prescriptionGy,
      uidSeed: seed,
    },
    out,
  );
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'plan photon IMRT on a TG-119 phantom or on CT + RTSTRUCT, check dose goals, write RTPLAN/RTDOSE',
  usage: `Usage: twin plan --phantom ${TG119_CASES.join('|')} [--dose-grid MM] [--bixel MM] [--out DIR] [--json]
       twin plan --ct DIR --rtstruct FILE --target NAME [--ptv-margin MM] [--oar NAME...] [--beams 0,40,...]
                 [--prescription GY] [--fractions N] [--dose-grid MM] [--bixel MM] --out DIR [--json]

Computes the 6 MV pencil-beam dose-influence matrix, optimises the fluence and normalises the prescription
(TG-119 C-shape: PTV D95 = 50 Gy; multitarget: Central D99 = 50 Gy; real data: target D95 = --prescription).
With --phantom prints {"goals":[{"structure","metric","goal","achievedGy","pass"}],"timingsS":{"dose","optimisation"}}
where metric is "D95", "D10" … and goal is the comparator and dose, e.g. "<= 55 Gy" ("=" passes within 1 %).
With --ct the same plus "structures":[{"name","role","meanGy","maxGy","tcp"|"ntcp"}] and "files":{"rtPlan","rtDose"}; with --ptv-margin the grown target is planned as "PTV". Defaults: dose grid 2.5 mm (phantoms) or 3 mm (CT),
bixels 5 mm, 9 beams at 40° steps, 60 Gy in 30 fractions. Exit 0 when every goal passes, 1 otherwise.`,
  options: {
    phantom: { type: 'string' },
    'dose-grid': { type: 'string' },
    bixel: { type: 'string' },
    out: { type: 'string' },
    ct: { type: 'string' },
    rtstruct: { type: 'string' },
    target: { type: 'string' },
    'ptv-margin': { type: 'string' },
    oar: { type: 'string', multiple: true },
    beams: { type: 'string' },
    prescription: { type: 'string' },
    fractions: { type: 'string' },
  },
  async run(ctx) {
    const doseGridMm = numberOption(ctx.values, 'dose-grid');
    const bixelMm = numberOption(ctx.values, 'bixel');
    const sizes = { ...(doseGridMm !== undefined ? { doseGridMm } : {}), ...(bixelMm !== undefined ? { bixelMm } : {}) };
    const out = stringOption(ctx.values, 'out');
    const phantom = stringOption(ctx.values, 'phantom');
    if (phantom !== undefined) {
      if (!(TG119_CASES as readonly string[]).includes(phantom)) throw new UsageError(`unknown phantom "${phantom}"; one of ${TG119_CASES.join(', ')}`);
      const r = planTg119(phantom as Tg119Case, jobContext(ctx), sizes);
      const result = { goals: r.goals, timingsS: { dose: round2(r.timingsS.dose), optimisation: round2(r.timingsS.optimisation) } };
      if (out) {
        const files = await writeFiles(r.plan, out, phantom, 50);
        ctx.note(`wrote ${files.rtPlanFile} and ${files.rtDoseFile}`);
      }
      ctx.print(result, (d) => goalsText(d.goals, d.timingsS));
      return result.goals.every((g) => g.pass) ? 0 : 1;
    }
    const ct = requireString(ctx.values, 'ct');
    const rtstructFile = requireString(ctx.values, 'rtstruct');
    const target = requireString(ctx.values, 'target');
    const outDir = requireString(ctx.values, 'out');
    const beamsText = stringOption(ctx.values, 'beams');
    const gantry = beamsText ? beamsText.split(',').map((s) => Number(s.trim())) : equispacedBeams(9, 40).map((b) => b.gantryDeg);
    if (gantry.some((g) => !Number.isFinite(g))) throw new UsageError(`--beams must be gantry angles in degrees separated by commas, got "${beamsText}"`);
    const prescriptionGy = numberOption(ctx.values, 'prescription') ?? 60;
    const fractions = numberOption(ctx.values, 'fractions') ?? 30;
    const r = await planFromDicom(
      { ctPaths: [ct], rtstructFile, target, ptvMarginMm: numberOption(ctx.values, 'ptv-margin') ?? 0, oars: stringList(ctx.values, 'oar'), beams: gantry.map((g) => ({ gantryDeg: g, couchDeg: 0 })), prescriptionGy, fractions, ...sizes },
      jobContext(ctx),
    );
    const files = await writeFiles(r.plan, outDir, target, prescriptionGy, r.frameOfReferenceUid);
    const outcome = whatIf(r.plan);
    const result = {
      goals: r.goals,
      timingsS: { dose: round2(r.plan.timingsS.dose), optimisation: round2(r.plan.timingsS.optimisation) },
      structures: outcome.structures.map((s) => ({
        name: s.name,
        role: s.role,
        meanGy: round2(s.meanGy),
        maxGy: round2(s.maxGy),
        ...(s.tcp !== undefined ? { tcp: round2(s.tcp) } : {}),
        ...(s.ntcp !== undefined ? { ntcp: round2(s.ntcp) } : {}),
      })),
      files: { rtPlan: files.rtPlanFile, rtDose: files.rtDoseFile },
    };
    ctx.print(result, (d) =>
      [
        goalsText(d.goals, d.timingsS),
        ...d.structures.map((s) => `${s.name.padEnd(12)} mean ${s.meanGy.toFixed(2)} Gy, max ${s.maxGy.toFixed(2)} Gy${s.tcp !== undefined ? `, TCP ${s.tcp}` : ''}${s.ntcp !== undefined ? `, NTCP ${s.ntcp}` : ''}`),
        `wrote ${d.files.rtPlan}`,
        `wrote ${d.files.rtDose}`,
      ].join('\n'),
    );
    return result.goals.every((g) => g.pass) ? 0 : 1;
  },
};
