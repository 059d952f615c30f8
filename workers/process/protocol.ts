/**
 * Messages between the job runner (main side) and a worker process. One worker process runs one job, so a crash or
 * a kill takes only that job down.
 */
export type ToWorker =
  | { type: 'start'; jobId: string; kind: string; input: unknown }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; stack?: string; cancelled: boolean };
