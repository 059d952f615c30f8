/**
 * The RT Plan IOD (PS3.3 A.20) for an optimised photon plan: RT General Plan, Prescription, Patient Setup,
 * Fraction Scheme and RT Beams (C.8.8.9–C.8.8.14). Each beam is written as a static field with jaws around its
 * bixels, gantry and couch angles and the isocentre; the fluence itself is not (leaf sequencing comes later), so
 * BeamMeterset is the peak fluence in MU per fraction: the least any MLC delivery of that fluence needs.
 */
import {
  equipmentModule,
  frameOfReferenceModule,
  generalStudyModule,
  patientModule,
  seriesModule,
  sopCommonModule,
  type EquipmentInfo,
  type PatientInfo,
  type SeriesInfo,
  type StudyInfo,
} from '../../dicom/write/modules';
import type { DicomDataset } from '../../dicom/write/part10';
import { SOP_CLASS } from '../../dicom/write/sop-classes';
import { dicomDate, dicomTime, formatDs, formatIs, formatMm } from '../../dicom/write/values';
import type { BeamBixels } from '../beams/bixels';

/** MU per unit bixel weight: 1 unit gives 1 Gy at dmax of a 10 × 10 cm² field at SSD 100 cm (workers/rt/dose). */
const MU_PER_UNIT_WEIGHT = 100;

export interface RtPlanInput {
  patient: PatientInfo;
  study: StudyInfo;
  series: Omit<SeriesInfo, 'modality' | 'patientPosition'>;
  equipment: EquipmentInfo;
  sopInstanceUid: string;
  frameOfReferenceUid: string;
  /** With a structure set the plan geometry is PATIENT (C.8.8.9: then the reference is required). */
  referencedStructureSet?: { sopInstanceUid: string };
  label: string;
  dateTime: Date;
  beams: readonly BeamBixels[];
  /** Bixel weights of all beams, beam after beam (plan.weights), for the whole course. */
  weights: ArrayLike<number>;
  fractions: number;
  prescriptionGy: number;
  treatmentMachineName?: string;
}

export function rtPlanDataset(input: RtPlanInput): DicomDataset {
  let first = 0;
  const beams = input.beams.map((b, n) => {
    let peak = 0;
    for (let q = 0; q < b.uMm.length; q++) peak = Math.max(peak, input.weights[first + q]!);
    first += b.uMm.length;
    return { bixels: b, number: n + 1, metersetMu: (peak * MU_PER_UNIT_WEIGHT) / input.fractions };
  });
  return {
    ...sopCommonModule(SOP_CLASS.RtPlan, input.sopInstanceUid, input.dateTime),
    ...patientModule(input.patient),
    ...generalStudyModule(input.study),
    ...seriesModule({ ...input.series, modality: 'RTPLAN' }),
    OperatorsName: '',
    ...frameOfReferenceModule(input.frameOfReferenceUid),
    ...equipmentModule(input.equipment),
    // RT General Plan
    InstanceNumber: formatIs(1),
    RTPlanLabel: input.label.slice(0, 16),
    RTPlanDate: dicomDate(input.dateTime),
    RTPlanTime: dicomTime(input.dateTime),
    RTPlanGeometry: input.referencedStructureSet ? 'PATIENT' : 'TREATMENT_DEVICE',
    ...(input.referencedStructureSet
      ? { ReferencedStructureSetSequence: [{ ReferencedSOPClassUID: SOP_CLASS.RtStructureSet, ReferencedSOPInstanceUID: input.referencedStructureSet.sopInstanceUid }] }
      : {}),
    // RT Prescription
    DoseReferenceSequence: [
      { DoseReferenceNumber: formatIs(1), DoseReferenceStructureType: 'SITE', DoseReferenceType: 'TARGET', TargetPrescriptionDose: formatDs(input.prescriptionGy) },
    ],
    // RT Patient Setup: head-first supine, the orientation beam geometry assumes.
    PatientSetupSequence: [{ PatientSetupNumber: formatIs(1), PatientPosition: 'HFS' }],
    // RT Fraction Scheme
    FractionGroupSequence: [
      {
        FractionGroupNumber: formatIs(1),
        NumberOfFractionsPlanned: formatIs(input.fractions),
        NumberOfBeams: formatIs(beams.length),
        NumberOfBrachyApplicationSetups: formatIs(0),
        ReferencedBeamSequence: beams.map((b) => ({ ReferencedBeamNumber: formatIs(b.number), BeamMeterset: formatDs(Math.round(b.metersetMu * 100) / 100) })),
      },
    ],
    // RT Beams
    BeamSequence: beams.map((b) => beamItem(b.bixels, b.number, input.treatmentMachineName ?? 'TWIN_6MV')),
  };
}

function beamItem(b: BeamBixels, number: number, machine: string): DicomDataset {
  const g = b.beam;
  const half = b.bixelMm / 2;
  const jaws = (c: Float64Array) => {
    let lo = Infinity, hi = -Infinity;
    for (const x of c) { lo = Math.min(lo, x - half); hi = Math.max(hi, x + half); }
    return [formatMm(lo), formatMm(hi)];
  };
  const angle = (deg: number) => formatDs(((deg % 360) + 360) % 360);
  return {
    BeamNumber: formatIs(number),
    BeamName: `G${Math.round(g.gantryDeg)}`,
    BeamType: 'STATIC',
    RadiationType: 'PHOTON',
    TreatmentMachineName: machine,
    PrimaryDosimeterUnit: 'MU',
    SourceAxisDistance: formatDs(g.sadMm),
    BeamLimitingDeviceSequence: [
      { RTBeamLimitingDeviceType: 'ASYMX', NumberOfLeafJawPairs: formatIs(1) },
      { RTBeamLimitingDeviceType: 'ASYMY', NumberOfLeafJawPairs: formatIs(1) },
    ],
    ReferencedPatientSetupNumber: formatIs(1),
    TreatmentDeliveryType: 'TREATMENT',
    NumberOfWedges: formatIs(0),
    NumberOfCompensators: formatIs(0),
    NumberOfBoli: formatIs(0),
    NumberOfBlocks: formatIs(0),
    FinalCumulativeMetersetWeight: formatDs(1),
    NumberOfControlPoints: formatIs(2),
    ControlPointSequence: [
      {
        ControlPointIndex: formatIs(0),
        NominalBeamEnergy: formatDs(6),
        BeamLimitingDevicePositionSequence: [
          { RTBeamLimitingDeviceType: 'ASYMX', LeafJawPositions: jaws(b.uMm) },
          { RTBeamLimitingDeviceType: 'ASYMY', LeafJawPositions: jaws(b.vMm) },
        ],
        GantryAngle: angle(g.gantryDeg),
        GantryRotationDirection: 'NONE',
        BeamLimitingDeviceAngle: formatDs(0),
        BeamLimitingDeviceRotationDirection: 'NONE',
        PatientSupportAngle: angle(g.couchDeg),
        PatientSupportRotationDirection: 'NONE',
        TableTopEccentricAngle: formatDs(0),
        TableTopEccentricRotationDirection: 'NONE',
        IsocenterPosition: g.isocentre.map(formatMm),
        CumulativeMetersetWeight: formatDs(0),
      },
      { ControlPointIndex: formatIs(1), CumulativeMetersetWeight: formatDs(1) },
    ],
  };
}
