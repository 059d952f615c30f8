/**
 * When an engine job stores a result for a patient linked to the EHR, the result goes into the sync outbox at once
 * (with its Provenance); an unlinked patient's result stays local and says why. Phantom studies never leave.
 */
import type { DerivedObject } from '../../contract/domain';
import type { ChallengeResult } from '../../../workers/ep/challenge/adrenaline-challenge';
import type { PlanSummary } from '../../../workers/process/kinds/rt-plan';
import type { Job } from '../../contract/domain';
import { ExportError, type ResultExporter } from './result-export';
import type { DvhMetric } from './mapping/rt-plan-summary';

export type StageOutcome = { staged: number } | { notStaged: string };

function planMetrics(summary: PlanSummary): DvhMetric[] {
  return summary.structures.flatMap((s): DvhMetric[] => [
    { structure: s.name, metric: 'Dmean', value: s.meanGy, unit: 'Gy' },
    { structure: s.name, metric: 'Dmax', value: s.maxGy, unit: 'Gy' },
    ...summary.goals.filter((g) => g.structure === s.name).map((g): DvhMetric => ({ structure: s.name, metric: `${g.metric}%`, value: g.achievedGy, unit: 'Gy' })),
  ]);
}

/** Imported studies of patients linked to the EHR go out as ImagingStudy (with Provenance); others stay local. */
export function stageImagingStudies(exporter: ResultExporter, studyInstanceUids: readonly string[], job: Job): number {
  let staged = 0;
  for (const uid of new Set(studyInstanceUids)) {
    try {
      staged += exporter.exportImagingStudy(uid, { id: job.id, kind: job.kind, finishedAt: new Date().toISOString() }).length;
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
    }
  }
  return staged;
}

export function stageResult(exporter: ResultExporter, derived: DerivedObject, job: Job): StageOutcome {
  if (!derived.patientKey) return { notStaged: 'phantom studies are not sent to the EHR' };
  const jobInfo = { id: job.id, kind: job.kind, finishedAt: new Date().toISOString() };
  try {
    if (derived.kind === 'rt-plan') {
      const summary = derived.summary as PlanSummary;
      // A plan whose objectives a learned model proposed names that model in its Provenance.
      const planJob = summary.objectivesFrom ? { ...jobInfo, models: [summary.objectivesFrom] } : jobInfo;
      const targets = summary.structures.filter((s) => s.role === 'target');
      const staged = exporter.exportRtPlanSummary(
        derived.patientKey,
        {
          planUid: derived.id,
          planLabel: derived.title,
          modality: 'photon',
          technique: 'IMRT',
          intent: 'curative',
          targets: targets.map((t) => ({ name: t.name, totalDoseGy: summary.prescriptionGy, fractions: summary.fractions })),
          dvh: planMetrics(summary),
          issued: derived.createdAt,
        },
        [],
        planJob,
      );
      return { staged: staged.length };
    }
    if (derived.kind === 'ep-challenge') {
      const summary = derived.summary as ChallengeResult;
      const worst = summary.results.reduce((m, r) => (r.qtMs > m.qtMs ? r : m), summary.results[0]!);
      const staged = exporter.exportArrhythmiaResult(
        derived.patientKey,
        {
          runId: derived.id,
          scenario: `Epinephrine QT stress test, ${summary.genotype}, ${summary.results.map((r) => r.dose).join('/')} µg/kg/min`,
          qtMs: worst.qtMs,
          inducible: summary.results.some((r) => r.events.some((e) => e.kind === 're-entry')),
          completedAt: derived.createdAt,
        },
        [],
        jobInfo,
      );
      return { staged: staged.length };
    }
    return { notStaged: `${derived.kind} results are kept locally` };
  } catch (err) {
    if (err instanceof ExportError) return { notStaged: err.message };
    throw err;
  }
}
