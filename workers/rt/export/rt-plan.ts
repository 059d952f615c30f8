/**
 * The RT Plan IOD (PS3.3 A.20) for an optimised photon plan: RT General Plan, Prescription, Patient Setup,
 * Fraction Scheme and RT Beams (C.8.8.9–C.8.8.14). Each beam is a step-and-shoot MLC field: jaws around its
 * bixels, one MLCX leaf pair per bixel row, and the segments of its leaf-sequenced fluence
 * (workers/rt/beams/leaf-sequencing.ts) as control-point pairs (open the aperture, deliver its meterset weight);
 * BeamMeterset is the total of the segments in MU per fraction.
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
import { sequenceFluence, type SequencedBeam } from '../beams/leaf-sequencing';

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
  /** Quantisation levels of each fluence map for leaf sequencing (default 10: within 5 % of the peak). */
  fluenceLevels?: number;
}

export function rtPlanDataset(input: RtPlanInput): DicomDataset {
  let first = 0;
  const beams = input.beams.map((b, n) => {
    const weights = Array.from({ length: b.uMm.length }, (_, q) => input.weights[first + q]!);
    first += b.uMm.length;
    const sequenced = sequenceFluence(b, weights, input.fluenceLevels ?? 10);
    const total = sequenced.segments.reduce((t, s) => t + s.weight, 0);
    return { bixels: b, sequenced, number: n + 1, metersetMu: (total * MU_PER_UNIT_WEIGHT) / input.fractions };
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
    BeamSequence: beams.map((b) => beamItem(b.bixels, b.sequenced, b.number, input.treatmentMachineName ?? 'TWIN_6MV')),
  };
}

function beamItem(b: BeamBixels, sequenced: SequencedBeam, number: number, machine: string): DicomDataset {
  const g = b.beam;
  const half = b.bixelMm / 2;
  const jaws = (c: Float64Array) => {
    let lo = Infinity, hi = -Infinity;
    for (const x of c) { lo = Math.min(lo, x - half); hi = Math.max(hi, x + half); }
    return [lo, hi] as const;
  };
  const [x1, x2] = jaws(b.uMm);
  const [y1, y2] = jaws(b.vMm);
  // Leaf pair r covers bixel row r; column c's left edge lies at originU + (c − ½)·bixel. Closed pairs park at X1.
  const columnEdge = (c: number) => b.originUMm + (c - 0.5) * b.bixelMm;
  const leafBoundaries = Array.from({ length: b.nRows + 1 }, (_, r) => formatMm(b.originVMm + (r - 0.5) * b.bixelMm));
  const leaves = (s: { leftCol: Int32Array; rightCol: Int32Array }) => {
    const open = (r: number) => s.leftCol[r]! < s.rightCol[r]!;
    const bankA = Array.from({ length: b.nRows }, (_, r) => formatMm(open(r) ? columnEdge(s.leftCol[r]!) : x1));
    const bankB = Array.from({ length: b.nRows }, (_, r) => formatMm(open(r) ? columnEdge(s.rightCol[r]!) : x1));
    return [...bankA, ...bankB];
  };
  const total = sequenced.segments.reduce((t, s) => t + s.weight, 0) || 1;
  const segments = sequenced.segments.length > 0 ? sequenced.segments : [{ leftCol: new Int32Array(b.nRows), rightCol: new Int32Array(b.nRows), weight: 0 }];
  // Two control points per segment: the aperture at the cumulative weight before it, then after it.
  const controlPoints: DicomDataset[] = [];
  let cumulative = 0;
  segments.forEach((s, k) => {
    const mlc = { RTBeamLimitingDeviceType: 'MLCX', LeafJawPositions: leaves(s) };
    controlPoints.push({
      ControlPointIndex: formatIs(2 * k),
      ...(k === 0
        ? {
            NominalBeamEnergy: formatDs(6),
            BeamLimitingDevicePositionSequence: [
              { RTBeamLimitingDeviceType: 'ASYMX', LeafJawPositions: [formatMm(x1), formatMm(x2)] },
              { RTBeamLimitingDeviceType: 'ASYMY', LeafJawPositions: [formatMm(y1), formatMm(y2)] },
              mlc,
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
          }
        : { BeamLimitingDevicePositionSequence: [mlc] }),
      CumulativeMetersetWeight: formatDs(weightFraction(cumulative / total)),
    });
    cumulative += s.weight;
    controlPoints.push({ ControlPointIndex: formatIs(2 * k + 1), CumulativeMetersetWeight: formatDs(weightFraction(cumulative / total)) });
  });
  return {
    BeamNumber: formatIs(number),
    BeamName: `G${Math.round(g.gantryDeg)}`,
    // Step-and-shoot: the MLC moves between control points, so the beam is not STATIC (C.8.8.14.1).
    BeamType: segments.length > 1 ? 'DYNAMIC' : 'STATIC',
    RadiationType: 'PHOTON',
    TreatmentMachineName: machine,
    PrimaryDosimeterUnit: 'MU',
    SourceAxisDistance: formatDs(g.sadMm),
    BeamLimitingDeviceSequence: [
      { RTBeamLimitingDeviceType: 'ASYMX', NumberOfLeafJawPairs: formatIs(1) },
      { RTBeamLimitingDeviceType: 'ASYMY', NumberOfLeafJawPairs: formatIs(1) },
      { RTBeamLimitingDeviceType: 'MLCX', NumberOfLeafJawPairs: formatIs(b.nRows), LeafPositionBoundaries: leafBoundaries },
    ],
    ReferencedPatientSetupNumber: formatIs(1),
    TreatmentDeliveryType: 'TREATMENT',
    NumberOfWedges: formatIs(0),
    NumberOfCompensators: formatIs(0),
    NumberOfBoli: formatIs(0),
    NumberOfBlocks: formatIs(0),
    FinalCumulativeMetersetWeight: formatDs(1),
    NumberOfControlPoints: formatIs(controlPoints.length),
    ControlPointSequence: controlPoints,
  };
}

const angle = (deg: number) => formatDs(((deg % 360) + 360) % 360);

/** Cumulative meterset weights to 6 decimals (DS holds 16 characters), the last exactly 1. */
const weightFraction = (f: number) => Math.round(f * 1e6) / 1e6;
