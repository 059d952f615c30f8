/**
 * The API other features call to send a result to the EHR: map it to FHIR, add a Provenance (software version as a
 * Device, the inputs, the job), and stage everything in the outbox in one transaction. The sync pushes it later,
 * whenever the network allows. The subject is the FHIR Patient linked to the DICOM patient.
 */
import type { Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { AuditLog } from '../audit/audit-log';
import type { StoreDatabase } from '../store/open-store';
import { FhirOutbox } from '../sync/outbox';
import { arrhythmiaResultToFhir, type ArrhythmiaSimulationResult } from './mapping/arrhythmia-result';
import { imagingStudyFrom, loadStudyForExport } from './mapping/imaging-study';
import { modelDevice, provenanceFor, softwareDevice, type JobInfo, type SoftwareInfo } from './mapping/provenance';
import { rtPlanSummaryToFhir, type RtPlanSummary } from './mapping/rt-plan-summary';

export class ExportError extends Error {
  override name = 'ExportError';
}

export class ResultExporter {
  private readonly outbox: FhirOutbox;
  constructor(
    private readonly db: StoreDatabase,
    audit: AuditLog,
    actor: string,
    private readonly software: SoftwareInfo,
  ) {
    this.outbox = new FhirOutbox(db, audit, actor);
  }

  /** The FHIR Patient a DICOM patient is linked to; results cannot go to the EHR without one. */
  subjectOf(patientKey: string): Reference<Patient> {
    const row = this.db
      .prepare('SELECT fhir_patient_id FROM fhir_patient_links WHERE patient_key = ? ORDER BY created_at LIMIT 1')
      .get(patientKey) as { fhir_patient_id: string } | undefined;
    if (!row) throw new ExportError(`patient "${patientKey}" is not linked to a FHIR Patient: link it first`);
    return { reference: `Patient/${row.fhir_patient_id}` };
  }

  exportImagingStudy(studyInstanceUid: string, job: JobInfo): Resource[] {
    const loaded = loadStudyForExport(this.db, studyInstanceUid);
    if (!loaded) throw new ExportError(`no study ${studyInstanceUid} in the store`);
    const study = imagingStudyFrom(loaded.study, this.subjectOf(loaded.patientKey));
    return this.stageWithProvenance([study], [], job);
  }

  exportRtPlanSummary(patientKey: string, plan: RtPlanSummary, inputs: Reference[], job: JobInfo): Resource[] {
    const r = rtPlanSummaryToFhir(plan, this.subjectOf(patientKey));
    return this.stageWithProvenance([...r.volumes, r.serviceRequest, ...r.observations, r.report], inputs, job);
  }

  exportArrhythmiaResult(patientKey: string, result: ArrhythmiaSimulationResult, inputs: Reference[], job: JobInfo): Resource[] {
    const r = arrhythmiaResultToFhir(result, this.subjectOf(patientKey));
    return this.stageWithProvenance([...r.observations, r.risk, r.report], inputs, job);
  }

  private stageWithProvenance(results: (Resource & { id: string })[], inputs: Reference[], job: JobInfo): Resource[] {
    const device = softwareDevice(this.software);
    const models = (job.models ?? []).map(modelDevice);
    const provenance = provenanceFor(results, device, inputs, job, models);
    const all = [device, ...models, ...results, provenance];
    this.outbox.stage(all);
    return all;
  }
}
