/**
 * Every engine that runs as a job, by kind. The worker process looks the kind up here; nothing else decides what
 * runs in a worker. Each entry loads its engine lazily, so a worker starts with only the code its job needs.
 * Inputs arrive already validated by the contract on the main side.
 */
import type { JobContext } from './job-context';

export type JobFunction = (input: never, ctx: JobContext) => Promise<unknown>;

export const jobKinds: Record<string, () => Promise<JobFunction>> = {
  'diagnostics.spin': async () => (await import('./kinds/diagnostics')).spin,
  'diagnostics.fail': async () => (await import('./kinds/diagnostics')).failOnPurpose,
  'dicom.import': async () => (await import('./kinds/dicom-import')).dicomImport,
  'demo.import': async () => (await import('./kinds/demo-import')).demoImport,
  'anatomy.segment': async () => (await import('./kinds/anatomy-segment')).anatomySegment,
  'rt.plan.phantom': async () => (await import('./kinds/rt-plan')).rtPlanPhantom,
  'rt.plan.patient': async () => (await import('./kinds/rt-plan')).rtPlanPatient,
  'rt.kbp.features': async () => (await import('../rt/kbp/oar-features-from-dicom')).oarFeaturesFromDicom,
  'ep.challenge': async () => (await import('./kinds/ep-challenge')).epChallenge,
  'ep.heart': async () => (await import('./kinds/ep-heart')).epHeart,
  'model.predict': async () => (await import('./kinds/model-predict')).modelPredict,
  'pacs.retrieve': async () => (await import('./kinds/pacs-retrieve')).pacsRetrieve,
};
