/**
 * An arrhythmia simulation result (in-silico EP study of the patient's heart, e.g. an adrenaline challenge with
 * S1–S2 pacing) as FHIR: Observations for the measured quantities (QT and QTc from the pseudo-ECG, inducibility of
 * re-entry, the shortest captured S2), a RiskAssessment based on them, and a DiagnosticReport grouping all of it.
 * QT codes are LOINC; the simulation-specific findings carry text and the workstation's own code system.
 */
import type { Patient, DiagnosticReport, Observation, Reference, RiskAssessment } from '@medplum/fhirtypes';
import { reference, stableId } from './provenance';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
export const EP_SIMULATION_SYSTEM = 'urn:twin-workstation:fhir:ep-simulation';

export interface ArrhythmiaSimulationResult {
  /** Stable id of the simulation run (the store's run or job id). */
  runId: string;
  scenario: string;
  qtMs: number;
  qtcMs?: number;
  /** Whether sustained re-entry was induced by the pacing protocol. */
  inducible: boolean;
  /** Shortest S2 coupling interval that still captured (ms), if measured. */
  shortestCapturedS2Ms?: number;
  /** Model-based probability of a sustained ventricular arrhythmia, 0…1, if the engine gives one. */
  riskProbability?: number;
  completedAt: string;
}

export interface ArrhythmiaResources {
  observations: (Observation & { id: string })[];
  risk: RiskAssessment & { id: string };
  report: DiagnosticReport & { id: string };
}

export function arrhythmiaResultToFhir(result: ArrhythmiaSimulationResult, subject: Reference<Patient>): ArrhythmiaResources {
  const common = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    subject,
    effectiveDateTime: result.completedAt,
    method: { text: `In-silico electrophysiology simulation: ${result.scenario}` },
  };
  const quantity = (ms: number) => ({ value: ms, unit: 'ms', system: UCUM, code: 'ms' });
  const observations: (Observation & { id: string })[] = [
    { ...common, id: stableId('ep', result.runId, 'qt'), code: { coding: [{ system: LOINC, code: '8634-8', display: 'Q-T interval' }], text: 'QT interval (simulated pseudo-ECG)' }, valueQuantity: quantity(result.qtMs) },
    ...(result.qtcMs !== undefined
      ? [{ ...common, id: stableId('ep', result.runId, 'qtc'), code: { coding: [{ system: LOINC, code: '8636-3', display: 'Q-T interval corrected' }], text: 'QTc (simulated pseudo-ECG)' }, valueQuantity: quantity(result.qtcMs) }]
      : []),
    { ...common, id: stableId('ep', result.runId, 'inducible'), code: { coding: [{ system: EP_SIMULATION_SYSTEM, code: 'reentry-inducible' }], text: 'Sustained re-entry inducible by programmed stimulation (simulated)' }, valueBoolean: result.inducible },
    ...(result.shortestCapturedS2Ms !== undefined
      ? [{ ...common, id: stableId('ep', result.runId, 's2'), code: { coding: [{ system: EP_SIMULATION_SYSTEM, code: 'shortest-captured-s2' }], text: 'Shortest captured S2 coupling interval (simulated)' }, valueQuantity: quantity(result.shortestCapturedS2Ms) }]
      : []),
  ];
  const risk: RiskAssessment & { id: string } = {
    resourceType: 'RiskAssessment',
    id: stableId('ep-risk', result.runId),
    status: 'final',
    subject,
    occurrenceDateTime: result.completedAt,
    method: { text: `In-silico electrophysiology simulation: ${result.scenario}` },
    basis: observations.map((o) => reference(o, o.code.text)),
    prediction: [
      {
        outcome: { text: 'Sustained ventricular arrhythmia' },
        ...(result.riskProbability !== undefined ? { probabilityDecimal: result.riskProbability } : {}),
        qualitativeRisk: { text: result.inducible ? 'high (re-entry inducible in simulation)' : 'low (no re-entry induced in simulation)' },
      },
    ],
  };
  const report: DiagnosticReport & { id: string } = {
    resourceType: 'DiagnosticReport',
    id: stableId('ep-report', result.runId),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'EC', display: 'Electrocardiac (e.g., EKG, EEC, Holter)' }] }],
    code: { text: `Arrhythmia simulation: ${result.scenario}` },
    subject,
    effectiveDateTime: result.completedAt,
    issued: result.completedAt,
    result: observations.map((o) => reference(o, o.code.text)),
    conclusion: result.inducible ? 'Sustained re-entry was inducible in the simulation.' : 'No sustained re-entry was induced in the simulation.',
  };
  return { observations, risk, report };
}
