/**
 * Writes the plan's structures as an RT Structure Set on the planning CT: the target or the PTV grown from it, the
 * organs at risk, and the normal-tissue ring the optimiser used, so another planning system sees exactly what was
 * planned. Contours come from the shared writer (workers/anatomy/rtstruct/write-rtstruct.ts).
 */
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import type { EquipmentInfo, PatientInfo, StudyInfo } from '../../dicom/write/modules';
import type { RtRoiInterpretedType } from '../../dicom/write/rtstruct';
import { uidFromSeed } from '../../dicom/write/uid';
import { rtStructFromMasks, type StructureToWrite } from '../../anatomy/rtstruct/write-rtstruct';
import { maskLike } from '../../anatomy/mask';
import type { Volume } from '../../volume/volume';
import type { Structure } from '../types';
import { RING_STRUCTURE, structureMaskOnDoseGrid, type Plan } from '../plan/plan';
import type { PlanningCt } from '../plan/planning-ct';
import { colourRgb, structureColours } from '../plan/structure-colours';

export interface StructureExportInfo {
  patient: PatientInfo;
  study: StudyInfo;
  /** The CT's frame of reference (a new one from the seed when the CT had none). */
  frameOfReferenceUid?: string;
  equipment?: EquipmentInfo;
  label: string;
  /** Seeds every UID written (use the plan export's seed: the files then belong together). */
  uidSeed: string;
  dateTime?: Date;
}

export interface WrittenStructureSet {
  rtStructFile: string;
  sopInstanceUid: string;
}

/** The plan's structures as CT-grid masks, the ring included (carried over from the dose grid). */
export function plannedStructureMasks(plan: Pick<Plan, 'grid' | 'voxels' | 'structures'>, structures: readonly Structure[], ct: Volume): (Structure & { mask: Volume<Uint8Array> })[] {
  const out = structures.filter((s) => s.role !== 'external');
  const ring = plan.structures.find((s) => s.name === RING_STRUCTURE);
  return ring ? [...out, { name: RING_STRUCTURE, role: 'oar', mask: doseGridToCtMask(plan, ring.voxels, ct) }] : out;
}

/**
 * Dose-grid voxels (indices into plan.voxels) → a mask on the CT grid by nearest neighbour. The dose grid shares
 * the CT's origin and direction (densityGridFromCt), so the lookup is a per-axis index map.
 */
function doseGridToCtMask(plan: Pick<Plan, 'grid' | 'voxels'>, voxels: Uint32Array, ct: Volume): Volume<Uint8Array> {
  const g = plan.grid;
  const onGrid = structureMaskOnDoseGrid(plan, voxels).data;
  const axis = (a: 0 | 1 | 2) =>
    Int32Array.from({ length: ct.dims[a] }, (_, i) => {
      const j = Math.round((i * ct.spacing[a]) / g.spacing[a]);
      return j < g.dims[a] ? j : -1;
    });
  const [mi, mj, mk] = [axis(0), axis(1), axis(2)];
  const mask = maskLike(ct);
  const [nx, ny, nz] = ct.dims;
  for (let k = 0; k < nz; k++) {
    if (mk[k]! < 0) continue;
    for (let j = 0; j < ny; j++) {
      if (mj[j]! < 0) continue;
      const rowG = g.dims[0] * (mj[j]! + g.dims[1] * mk[k]!);
      const rowC = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) if (mi[i]! >= 0 && onGrid[rowG + mi[i]!]) mask.data[rowC + i] = 1;
    }
  }
  return mask;
}

function interpretedType(s: Structure): RtRoiInterpretedType {
  if (s.name === RING_STRUCTURE) return 'CONTROL';
  if (s.role === 'external') return 'EXTERNAL';
  if (s.role === 'oar') return 'ORGAN';
  const m = /^(GTV|CTV|PTV)/i.exec(s.name);
  return m ? (m[1]!.toUpperCase() as RtRoiInterpretedType) : 'PTV';
}

export async function exportPlanStructures(
  plan: Pick<Plan, 'grid' | 'voxels' | 'structures'>,
  structures: readonly Structure[],
  planningCt: PlanningCt,
  info: StructureExportInfo,
  dir: string,
): Promise<WrittenStructureSet> {
  const images = planningCt.sliceImages;
  if (!images) throw new Error('the planning CT has no single-frame image per slice: a structure set cannot reference its slices');
  const uid = (what: string) => uidFromSeed(`${info.uidSeed}/${what}`);
  const masks = plannedStructureMasks(plan, structures, planningCt.ct);
  const colours = structureColours(masks);
  const toWrite: StructureToWrite[] = masks.map((s) => ({ name: s.name, mask: s.mask, colorRgb: colourRgb(colours.get(s.name)!), interpretedType: interpretedType(s) }));
  const dateTime = info.dateTime ?? new Date();
  const sopInstanceUid = uid('rtstruct');
  const bytes = rtStructFromMasks(toWrite, {
    patient: info.patient,
    study: info.study,
    series: { seriesInstanceUid: uid('rtstruct-series'), number: 900, description: `${info.label} structures` },
    equipment: info.equipment ?? { manufacturer: 'Twin Workstation', modelName: 'planner' },
    sopInstanceUid,
    frameOfReferenceUid: info.frameOfReferenceUid ?? planningCt.frameOfReferenceUid ?? uid('frame-of-reference'),
    referencedSeries: { seriesInstanceUid: planningCt.seriesInstanceUid, images },
    label: info.label.slice(0, 16),
    dateTime,
  });
  await mkdir(dir, { recursive: true });
  const rtStructFile = path.join(dir, 'RTSTRUCT.dcm');
  await writeFile(rtStructFile, bytes);
  return { rtStructFile, sopInstanceUid };
}
