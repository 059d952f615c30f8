import { describe, expect, it } from 'vitest';
import type { DerivedObject, Job } from '../../contract/domain';
import type { JobInfo } from './mapping/provenance';
import type { ResultExporter } from './result-export';
import { stageResult } from './stage-results';

const JOB = { id: 'job-7', kind: 'rt.plan.patient' } as Job;

function plan(objectivesFrom?: { name: string; version: string }): DerivedObject {
  const summary = { prescriptionGy: 60, fractions: 30, goals: [], structures: [{ name: 'PTV', role: 'target', meanGy: 60, maxGy: 63 }], ...(objectivesFrom ? { objectivesFrom } : {}) };
  return { id: 'plan-1', kind: 'rt-plan', patientKey: 'K1', seriesKey: null, title: 'Plan PTV', jobId: JOB.id, summary, files: [], createdAt: '2026-11-24T14:00:00Z' };
}

/** The job info each export received: what the Provenance is built from. */
function recordingExporter(): { exporter: ResultExporter; jobs: JobInfo[] } {
  const jobs: JobInfo[] = [];
  const exporter = { exportRtPlanSummary: (_k: string, _p: unknown, _i: unknown, job: JobInfo) => (jobs.push(job), [{}]) } as unknown as ResultExporter;
  return { exporter, jobs };
}

describe('staging a plan for the EHR', () => {
  it('names the model that proposed its objectives, so its Provenance lists it', () => {
    const { exporter, jobs } = recordingExporter();
    expect(stageResult(exporter, plan({ name: 'dose-volume-predictor', version: '0.1.0' }), JOB)).toEqual({ staged: 1 });
    expect(jobs[0]).toMatchObject({ id: 'job-7', models: [{ name: 'dose-volume-predictor', version: '0.1.0' }] });
  });

  it('names no model for a plan with the default objectives', () => {
    const { exporter, jobs } = recordingExporter();
    stageResult(exporter, plan(), JOB);
    expect(jobs[0]!.models).toBeUndefined();
  });
});
