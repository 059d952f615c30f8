/**
 * Planning jobs: a TG-119 benchmark phantom, or a patient's CT + RTSTRUCT. Each writes the dose grid, the per-beam
 * dose of every structure's voxels (so the workspace can answer what-if questions live: dose scale, fractions,
 * beams on/off, without a new dose calculation), a display mesh of every structure and the beams' geometry for
 * the 3D view, and for patients RTSTRUCT (the planned structures) + RTPLAN + RTDOSE.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { binaryStl } from '../../anatomy/export/stl';
import { labelMeshes } from '../../anatomy/surfaces/label-meshes';
import { planTg119 } from '../../phantom/tg119-plan';
import type { Tg119Case } from '../../phantom/tg119-phantoms';
import { doseFromWeights } from '../../rt/dose/sparse';
import { beamDisplay, type BeamDisplay } from '../../rt/beams/beam-display';
import { exportPlanDicom } from '../../rt/export/export-plan';
import { exportPlanStructures } from '../../rt/export/export-structures';
import type { GoalResult } from '../../rt/plan/goals';
import type { StructureObjective } from '../../rt/optimise/fluence';
import { doseVolume, RING_STRUCTURE, structureMaskOnDoseGrid, type Plan } from '../../rt/plan/plan';
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
  /** Display surface (binary STL, LPS mm) extracted at the dose-grid resolution; absent when the mask is empty. */
  meshFile?: string;
}

export interface PlanSummary {
  source: { phantom: string } | { target: string; oars: string[] };
  prescriptionGy: number;
  fractions: number;
  /** Angles, source at SAD, isocentre and field corners (from the bixel extent) of each beam, LPS mm. */
  beams: BeamDisplay[];
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
  dicom?: { rtPlanFile: string; rtDoseFile: string; rtStructFile?: string };
  /** The learned model that proposed the OAR objectives (model estimates the clinician accepted or edited). */
  objectivesFrom?: { name: string; version: string };
}

const DVH_POINTS = 200;
/** Triangles per structure surface: smooth enough at a 2.5–3 mm grid, small enough to load at once. */
const MESH_TRIANGLES = 4000;

const safeName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

/** One STL per structure, from its dose-grid mask (the grid the plan was computed on, 2.5–3 mm). */
function writeStructureMeshes(plan: Plan, structures: Plan['structures'], outDir: string, ctx: JobContext): Map<string, string> {
  const files = new Map<string, string>();
  structures.forEach((s, n) => {
    if (s.voxels.length === 0) return;
    const step = progressRange(ctx, n / structures.length, (n + 1) / structures.length, `surface of ${s.name}`);
    const [labelMesh] = labelMeshes(structureMaskOnDoseGrid(plan, s.voxels), [{ value: 1, name: s.name }], { targetTriangles: MESH_TRIANGLES }, step);
    if (!labelMesh || labelMesh.mesh.triangles.length === 0) return;
    const file = `mesh-${n}-${safeName(s.name)}.stl`;
    writeFileSync(path.join(outDir, file), binaryStl(labelMesh.mesh, `Twin Workstation plan structure ${s.name}, LPS mm`));
    files.set(s.name, file);
  });
  return files;
}

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

function writePlanOutputs(
  plan: Plan,
  goals: GoalResult[],
  outDir: string,
  prescriptionGy: number,
  source: PlanSummary['source'],
  ctx: JobContext,
): { summary: PlanSummary; files: DerivedFileOut[] } {
  const shown = plan.structures.filter((s) => s.name !== RING_STRUCTURE);
  const meshes = writeStructureMeshes(plan, shown, outDir, ctx);
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
    beams: plan.beams.map(beamDisplay),
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
        ...(meshes.has(s.name) ? { meshFile: meshes.get(s.name)! } : {}),
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
      ...[...meshes.values()].map((name) => ({ name, mediaType: 'model/stl' })),
    ],
  };
}

export async function rtPlanPhantom(input: { phantom: Tg119Case; outDir: string }, ctx: JobContext): Promise<DerivedOutput<PlanSummary>> {
  const r = planTg119(input.phantom, progressRange(ctx, 0, 0.9));
  const prescriptionGy = 50;
  const { summary, files } = writePlanOutputs(r.plan, r.goals, input.outDir, prescriptionGy, { phantom: input.phantom }, progressRange(ctx, 0.9, 1, 'writing the plan'));
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
  /** Replace the default objective of the OARs they name (rt.plan.patient's contract: PlanOarObjective). */
  oarObjectives?: { structure: string; kind: 'meanDose' | 'maxDvh'; doseGy: number; volumePct?: number; weight: number }[];
  objectivesFrom?: { name: string; version: string };
}

function toStructureObjective(o: NonNullable<PatientPlanInput['oarObjectives']>[number]): StructureObjective {
  return o.kind === 'meanDose'
    ? { structure: o.structure, objective: { kind: 'meanDose', doseGy: o.doseGy, weight: o.weight } }
    : { structure: o.structure, objective: { kind: 'maxDvh', doseGy: o.doseGy, volumePct: o.volumePct ?? 2, weight: o.weight } };
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
      ...(input.oarObjectives ? { oarObjectives: input.oarObjectives.map(toStructureObjective) } : {}),
    },
    progressRange(ctx, 0, 0.85),
  );
  ctx.progress(0.85, 'writing RTSTRUCT, RTPLAN and RTDOSE');
  const seed = `twin-plan/${input.outDir}`;
  const patient = { name: input.patient.name, id: input.patient.id };
  const study = { studyInstanceUid: input.studyInstanceUid, dateTime: new Date(), id: '1' };
  // A CT without one image per slice (multi-frame) cannot be referenced contour by contour: plan without RTSTRUCT.
  const structureSet = r.planningCt.sliceImages
    ? await exportPlanStructures(
        r.plan,
        r.structures,
        r.planningCt,
        { patient, study, ...(r.frameOfReferenceUid ? { frameOfReferenceUid: r.frameOfReferenceUid } : {}), label: input.target, uidSeed: seed },
        input.outDir,
      )
    : undefined;
  const written = await exportPlanDicom(
    r.plan,
    {
      patient,
      study,
      ...(r.frameOfReferenceUid ? { frameOfReferenceUid: r.frameOfReferenceUid } : {}),
      ...(structureSet ? { referencedStructureSet: { sopInstanceUid: structureSet.sopInstanceUid } } : {}),
      label: input.target.slice(0, 16),
      prescriptionGy: input.prescriptionGy,
      uidSeed: seed,
    },
    input.outDir,
  );
  const { summary, files } = writePlanOutputs(r.plan, r.goals, input.outDir, input.prescriptionGy, { target: input.target, oars: input.oars }, progressRange(ctx, 0.9, 1, 'writing the plan'));
  const dicomFiles = [written.rtPlanFile, written.rtDoseFile, ...(structureSet ? [structureSet.rtStructFile] : [])].map((f) => path.basename(f));
  summary.dicom = { rtPlanFile: dicomFiles[0]!, rtDoseFile: dicomFiles[1]!, ...(structureSet ? { rtStructFile: dicomFiles[2]! } : {}) };
  files.push(...dicomFiles.map((name) => ({ name, mediaType: 'application/dicom' })));
  if (input.objectivesFrom) summary.objectivesFrom = input.objectivesFrom;
  return { kind: 'rt-plan', title: `Plan ${input.target}: ${input.prescriptionGy} Gy in ${input.fractions}`, summary, files };
}
