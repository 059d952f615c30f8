/**
 * What every engine that runs as a job receives: a way to report progress and a cancellation signal.
 * Engines stay pure: they never know whether they run in a worker process, a thread or a test.
 */
export interface JobContext {
  /** fraction in [0, 1]; message is shown to the user in the job tray. */
  progress(fraction: number, message?: string): void;
  /** Aborted when the user cancels; long loops call throwIfCancelled() now and then. */
  readonly signal: AbortSignal;
  throwIfCancelled(): void;
}

export class JobCancelledError extends Error {
  constructor() {
    super('cancelled by the user');
    this.name = 'JobCancelledError';
  }
}

/** A context for tests and CLI runs that do not report anywhere. */
export function createJobContext(
  onProgress: (fraction: number, message?: string) => void = () => {},
  signal: AbortSignal = new AbortController().signal,
): JobContext {
  return {
    progress: onProgress,
    signal,
    throwIfCancelled() {
      if (signal.aborted) throw new JobCancelledError();
    },
  };
}

/** A context whose progress 0…1 maps onto [start, end] of the parent's: for one step of a multi-step job. */
export function progressRange(ctx: JobContext, start: number, end: number, defaultMessage?: string): JobContext {
  return { ...ctx, progress: (fraction, message) => ctx.progress(start + (end - start) * fraction, message ?? defaultMessage) };
}
