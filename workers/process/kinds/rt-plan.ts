/**
 * Planning jobs: a TG-119 benchmark phantom, or a patient's CT + RTSTRUCT. Each writes the dose grid, the per-beam
 * dose of every structure's voxels (so the workspace can answer what-if questions live: dose scale, fractions,
 * beams on/off, without a new dose calculation), and for patients RTPLAN + RTDOSE.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { planTg119 } from '../../phantom/tg119-plan';
import type { Tg119Case } from '../../phantom/tg119-phantoms';
import { doseFromWeights } from '../../rt/dose/sparse';
import { exportPlanDicom } from '../../rt/export/export-plan';
import type { GoalResult } from '../../rt/plan/goals';
import { doseVolume, RING_STRUCTURE, type Plan } from '../../rt/plan/plan';
import { planFromDicom } from '../../rt/plan/plan-from-dicom';
import { whatIf, type DoseOutcome } from '../../rt/plan/what-if';
import type { Mat3, Vec3 } from '../../volume/volume';
import type { DerivedFileOut, DerivedOutput } from '../derived-output';
import { progressRange, type JobContext } from '../job-context';

export interface PlanStructureSummary extends DoseOutcome {
  name: string;
  role: string;
  tissue: string;
  voxelCount: number;
  /** Cumulative DVH sampled every binGy: volume fraction receiving at least k·binGy. */
  dvh: { binGy: number; cumulative: number[] };
}

export interface PlanSummary {
  source: { phantom: string } | { target: string; oars: string[] };
  prescriptionGy: number;
  fractions: number;
  beams: { gantryDeg: number; couchDeg: number }[];
  goals: GoalResult[];
  structures: PlanStructureSummary[];
  timingsS: { dose: number; optimisation: number };
  objectiveHistory: number[];
  /** The dose grid (Gy, float32 little-endian, i fastest) in `doseFile`. */
  doseGrid: { file: string; dims: Vec3; spacingMm: Vec3; originLps: Vec3; direction: Mat3; maxGy: number };
  /**
   * Per-beam dose of each structure's voxels (float32, Gy) in `beamDoseFile`: for each structure in `structures`
   * order, for each beam, `voxelCount` values.
   */
  beamDoseFile: string;
  dicom?: { rtPlanFile: string; rtDoseFile: string };
}

const DVH_POINTS = 200;

function sampleDvh(doseGy: Float64Array, cumulative: Float64Array): PlanStructureSummary['dvh'] {
  const maxGy = doseGy.length > 1 ? doseGy[doseGy.length - 1]! : 0;
  const binGy = Math.max(maxGy / DVH_POINTS, 0.01);
  const step = doseGy.length > 1 ? doseGy[1]! - doseGy[0]! : binGy;
  const out: number[] = [];
  for (let d = 0; d <= maxGy + binGy; d += binGy) out.push(cumulative[Math.min(cumulative.length - 1, Math.round(d / step))] ?? 0);
  return { binGy, cumulative: out };
}

/** Dose of each structure's voxels from each beam alone, at the optimised weights. */
function beamDoseByStructure(plan: Plan, structures: Plan['structures']): Float32Array {
  const nBeams = plan.beams.length;
  const perBeam = Array.from({ length: nBeams }, (_, beam) =>
    doseFromWeights(plan.influence, Float64Array.from(plan.weights, (w, b) => (plan.influence.bixelBeam[b] === beam ? w : 0))),
  );
  const total = structures.reduce((n, s) => n + s.voxels.length * nBeams, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const s of structures) {
    for (let beam = 0; beam < nBeams; beam++) {
      const dose = perBeam[beam]!;
      for (let v = 0; v < s.voxels.length; v++) out[at++] = dose[s.voxels[v]!]!;
    }
  }
  return out;
}

function writePlanOutputs(plan: Plan, goals: GoalResult[], outDir: string, prescriptionGy: number, source: PlanSummary['source']): { summary: PlanSummary; files: DerivedFileOut[] } {
  const shown = plan.structures.filter((s) => s.name !== RING_STRUCTURE);
  const outcome = whatIf(plan);
  const dose = doseVolume(plan, plan.doseGy);
  writeFileSync(path.join(outDir, 'dose.f32'), new Uint8Array(dose.data.buffer, dose.data.byteOffset, dose.data.byteLength));
  const beamDose = beamDoseByStructure(plan, shown);
  writeFileSync(path.join(outDir, 'beam-dose.f32'), new Uint8Array(beamDose.buffer));
  let maxGy = 0;
  for (const d of dose.data) if (d > maxGy) maxGy = d;
  const summary: PlanSummary = {
    source,
    prescriptionGy,
    fractions: plan.fractions,
    beams: plan.beams.map((b) => ({ gantryDeg: b.beam.gantryDeg, couchDeg: b.beam.couchDeg })),
    goals,
    structures: shown.map((s) => {
      const o = outcome.structures.find((x) => x.name === s.name)!;
      return {
        name: s.name,
        role: s.role,
        tissue: o.tissue,
        voxelCount: s.voxels.length,
        minGy: o.minGy,
        meanGy: o.meanGy,
        maxGy: o.maxGy,
        meanEqd2Gy: o.meanEqd2Gy,
        ...(o.tcp !== undefined ? { tcp: o.tcp } : {}),
        ...(o.ntcp !== undefined ? { ntcp: o.ntcp } : {}),
        dvh: sampleDvh(o.dvh.doseGy, o.dvh.cumulative),
      };
    }),
    timingsS: plan.timingsS,
    objectiveHistory: plan.objectiveHistory,
    doseGrid: { file: 'dose.f32', dims: dose.dims, spacingMm: dose.spacing, originLps: dose.origin, direction: dose.direction, maxGy },
    beamDoseFile: 'beam-dose.f32',
  };
  return {
    summary,
    files: [
      { name: 'dose.f32', mediaType: 'application/x-twin-dose-float32' },
      { name: 'beam-dose.f32', mediaType: 'application/x-twin-beam-dose-float32' },
    ],
  };
}

export async function rtPlanPhantom(input: { phantom: Tg119Case; outDir: string }, ctx: JobContext): Promise<DerivedOutput<PlanSummary>> {
  const r = planTg119(input.phantom, progressRange(ctx, 0, 0.95));
  ctx.progress(0.95, 'writing the plan');
  const prescriptionGy = 50;
  const { summary, files } = writePlanOutputs(r.plan, r.goals, input.outDir, prescriptionGy, { phantom: input.phantom });
  return { kind: 'rt-plan', title: `Plan ${input.phantom}: ${r.goals.filter((g) => g.pass).length}/${r.goals.length} goals met`, summary, files };
}

export interface PatientPlanInput {
  ctFiles: string[];
  rtstructFile: string;
  target: string;
  ptvMarginMm: number;
  oars: string[];
  gantryDeg: number[];
  prescriptionGy: number;
  fractions: number;
  patient: { name: string; id: string };
  studyInstanceUid: string;
  outDir: string;
}

export async function rtPlanPatient(input: PatientPlanInput, ctx: JobContext): Promise<DerivedOutput<PlanSummary>> {
  const r = await planFromDicom(
    {
      ctPaths: input.ctFiles,
      rtstructFile: input.rtstructFile,
      target: input.target,
      ptvMarginMm: input.ptvMarginMm,
      oars: input.oars,
      beams: input.gantryDeg.map((g) => ({ gantryDeg: g, couchDeg: 0 })),
      prescriptionGy: input.prescriptionGy,
      fractions: input.fractions,
    },
    progressRange(ctx, 0, 0.9),
  );
  ctx.progress(0.9, 'writing RTPLAN and RTDOSE');
  const seed = `twin-plan/${input.outDir}`;
  const written = await exportPlanDicom(
    r.plan,
    {
      patient: { name: input.patient.name, id: input.patient.id },
      study: { studyInstanceUid: input.studyInstanceUid, dateTime: new Date(), id: '1' },
      ...(r.frameOfReferenceUid ? { frameOfReferenceUid: r.frameOfReferenceUid } : {}),
      label: input.target.slice(0, 16),
      prescriptionGy: input.prescriptionGy,
      uidSeed: seed,
    },
    input.outDir,
  );
  const { summary, files } = writePlanOutputs(r.plan, r.goals, input.outDir, input.prescriptionGy, { target: input.target, oars: input.oars });
  summary.dicom = { rtPlanFile: path.basename(written.rtPlanFile), rtDoseFile: path.basename(written.rtDoseFile) };
  files.push({ name: path.basename(written.rtPlanFile), mediaType: 'application/dicom' }, { name: path.basename(written.rtDoseFile), mediaType: 'application/dicom' });
  return { kind: 'rt-plan', title: `Plan ${input.target}: ${input.prescriptionGy} Gy in ${input.fractions}`, summary, files };
}
