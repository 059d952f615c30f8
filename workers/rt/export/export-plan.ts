/** Writes a plan as RTPLAN + RTDOSE Part 10 files (one folder), with UIDs derived from one seed. */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { EquipmentInfo, PatientInfo, StudyInfo } from '../../dicom/write/modules';
import { writePart10File } from '../../dicom/write/part10';
import { uidFromSeed } from '../../dicom/write/uid';
import { doseVolume, type Plan } from '../plan/plan';
import { rtDoseDataset } from './rt-dose';
import { rtPlanDataset } from './rt-plan';

export interface PlanExportInfo {
  patient: PatientInfo;
  study: StudyInfo;
  /** The CT's frame of reference (new one from the seed when the CT had none, e.g. a phantom). */
  frameOfReferenceUid?: string;
  referencedStructureSet?: { sopInstanceUid: string };
  equipment?: EquipmentInfo;
  label: string;
  prescriptionGy: number;
  /** Seeds every UID written, so the same export twice gives the same files. */
  uidSeed: string;
  dateTime?: Date;
}

export interface WrittenPlanFiles {
  rtPlanFile: string;
  rtDoseFile: string;
  rtPlanSopInstanceUid: string;
  rtDoseSopInstanceUid: string;
}

export async function exportPlanDicom(plan: Plan, info: PlanExportInfo, dir: string): Promise<WrittenPlanFiles> {
  await mkdir(dir, { recursive: true });
  const uid = (what: string) => uidFromSeed(`${info.uidSeed}/${what}`);
  const dateTime = info.dateTime ?? new Date();
  const equipment = info.equipment ?? { manufacturer: 'Twin Workstation', modelName: 'pencil beam 6 MV' };
  const frameOfReferenceUid = info.frameOfReferenceUid ?? uid('frame-of-reference');
  const rtPlanSopInstanceUid = uid('rtplan');
  const rtDoseSopInstanceUid = uid('rtdose');
  const common = { patient: info.patient, study: info.study, equipment, frameOfReferenceUid, dateTime };
  const planDs = rtPlanDataset({
    ...common,
    series: { seriesInstanceUid: uid('rtplan-series'), number: 901, description: info.label },
    sopInstanceUid: rtPlanSopInstanceUid,
    ...(info.referencedStructureSet ? { referencedStructureSet: info.referencedStructureSet } : {}),
    label: info.label,
    beams: plan.beams,
    weights: plan.weights,
    fractions: plan.fractions,
    prescriptionGy: info.prescriptionGy,
  });
  const doseDs = rtDoseDataset({
    ...common,
    series: { seriesInstanceUid: uid('rtdose-series'), number: 902, description: `${info.label} dose` },
    sopInstanceUid: rtDoseSopInstanceUid,
    referencedRtPlan: { sopInstanceUid: rtPlanSopInstanceUid },
    dose: doseVolume(plan, plan.doseGy),
  });
  const rtPlanFile = path.join(dir, 'RTPLAN.dcm');
  const rtDoseFile = path.join(dir, 'RTDOSE.dcm');
  await writePart10File(rtPlanFile, planDs);
  await writePart10File(rtDoseFile, doseDs);
  return { rtPlanFile, rtDoseFile, rtPlanSopInstanceUid, rtDoseSopInstanceUid };
}
