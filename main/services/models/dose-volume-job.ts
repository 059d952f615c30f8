/**
 * "Propose objectives" for a patient plan: the geometry features run as a job (the CT and structure set are loaded in
 * a worker, as the plan job loads them), then the dose-volume predictor answers on the main side's model service.
 */
import type { OarFeatures } from '../../../workers/rt/kbp/oar-features-from-dicom';
import type { JobRunner } from '../jobs/job-runner';
import type { PatientRepository } from '../patients/patient-repository';
import { DOSE_VOLUME_MODEL, proposeObjectives, type ObjectiveProposal } from './dose-volume-proposal';
import { ModelUnavailableError, type ModelService } from './model-service';

export interface ProposalRequest {
  ctSeriesKey: string;
  rtstructSeriesKey: string;
  target: string;
  ptvMarginMm: number;
  oars: string[];
  prescriptionGy: number;
}

export async function proposeObjectivesForSeries(
  ws: { jobs: JobRunner; patients: PatientRepository; models: ModelService },
  req: ProposalRequest,
): Promise<ObjectiveProposal> {
  // Fail before loading a CT when the model cannot answer anyway.
  const status = ws.models.status(DOSE_VOLUME_MODEL);
  if (!status.available) throw new ModelUnavailableError(`the dose-volume predictor is unavailable: ${status.reason}`);
  const ct = ws.patients.seriesFiles(req.ctSeriesKey);
  const rtstruct = ws.patients.seriesFiles(req.rtstructSeriesKey);
  if (rtstruct.patientKey !== ct.patientKey) throw new Error('the structure set belongs to another patient than the CT');
  const started = ws.jobs.start({
    kind: 'rt.kbp.features',
    title: `OAR geometry against ${req.target} (dose-volume predictor)`,
    input: { ctPaths: ct.instances.map((i) => i.filePath), rtstructFile: rtstruct.instances[0]!.filePath, target: req.target, ptvMarginMm: req.ptvMarginMm, oars: req.oars },
  });
  const job = await ws.jobs.waitFor(started.id);
  if (job.state !== 'succeeded') throw new Error(`the OAR geometry could not be computed: ${job.error ?? job.state}`);
  return proposeObjectives(ws.models, job.result as OarFeatures, req.prescriptionGy);
}
