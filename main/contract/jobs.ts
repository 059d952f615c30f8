/**
 * The jobs a user may start through the contract, each with its input schema. The worker process runs the engine
 * behind each kind (workers/process/job-kinds.ts); some kinds start on the main side only (they need the store).
 */
import { z } from 'zod';

export const JobRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo.import'), input: z.object({}).default({}) }),
  z.object({
    kind: z.literal('diagnostics.spin'),
    input: z.object({ seconds: z.number().positive().max(3600) }),
  }),
  z.object({
    kind: z.literal('diagnostics.fail'),
    input: z.object({ message: z.string().max(500) }),
  }),
]);
export type JobRequest = z.infer<typeof JobRequest>;
export type JobKind = JobRequest['kind'];
