/**
 * Every engine that runs as a job, by kind. The worker process looks the kind up here; nothing else decides what
 * runs in a worker. Inputs arrive already validated by the contract on the main side.
 */
import type { JobContext } from './job-context';
import { failOnPurpose, spin } from './kinds/diagnostics';
import { demoImport, dicomImport } from './kinds/imports';

export type JobFunction = (input: never, ctx: JobContext) => Promise<unknown>;

export const jobKinds: Record<string, JobFunction> = {
  'diagnostics.spin': spin,
  'diagnostics.fail': failOnPurpose,
  'dicom.import': dicomImport,
  'demo.import': demoImport,
};
