/**
 * Runs long work in separate worker processes and keeps every job as a row in the store.
 *
 * A job moves queued → running → succeeded | failed | cancelled. A worker that crashes or is killed fails its job with
 * the reason and nothing else is affected. Cancel asks the worker to stop and kills it if it has not stopped within
 * the grace period, so cancel really stops the work.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobState } from '../../contract/domain';
import type { StoreDatabase } from '../store/open-store';
import type { WorkerHandle, WorkerLauncher } from './worker-launcher';

export interface JobSpec {
  kind: string;
  title: string;
  input: unknown;
  /** Merged into the input the worker receives but never written to the jobs table (credentials). */
  secretInput?: Record<string, unknown>;
  /** Main-side step after the worker's result (for example: index an import in the store). Its return is stored. */
  onResult?: (result: unknown, job: Job) => unknown | Promise<unknown>;
  /** The message the tray shows when the job succeeded (default "done"). */
  summarise?: (stored: unknown) => string;
  /** Clean-up after any outcome (succeeded, failed or cancelled). */
  onSettled?: (job: Job) => void;
}

type Outcome = { kind: 'result'; result: unknown } | { kind: 'error'; message: string; cancelled: boolean };

interface Running {
  worker: WorkerHandle;
  spec: JobSpec;
  cancelRequested: boolean;
  /** What the worker answered; the job is settled only once its process is gone. */
  outcome?: Outcome;
  killTimer?: NodeJS.Timeout;
}

type Row = Record<string, unknown>;

const CANCEL_GRACE_MS = 2000;
/** A worker that answered but does not exit within this time is killed. */
const EXIT_GRACE_MS = 5000;
const PROGRESS_WRITE_INTERVAL_MS = 250;

function toJob(r: Row): Job {
  return {
    id: r.id as string,
    kind: r.kind as string,
    title: r.title as string,
    state: r.state as JobState,
    progress: r.progress as number,
    message: r.message as string,
    error: (r.error as string | null) ?? null,
    result: r.result_json ? (JSON.parse(r.result_json as string) as unknown) : null,
    pid: (r.pid as number | null) ?? null,
    createdAt: r.created_at as string,
    startedAt: (r.started_at as string | null) ?? null,
    finishedAt: (r.finished_at as string | null) ?? null,
  };
}

export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly queue: { id: string; spec: JobSpec }[] = [];
  private readonly settledHooks = new Map<string, (job: Job) => void>();
  private readonly listeners = new Set<(job: Job) => void>();
  private readonly lastProgressWrite = new Map<string, number>();
  private readonly waiters = new Map<string, ((job: Job) => void)[]>();

  constructor(
    private readonly db: StoreDatabase,
    private readonly launcher: WorkerLauncher,
    private readonly maxConcurrent = 2,
  ) {
    // Jobs that were running when the workstation last stopped can never finish now: say so.
    db.prepare(
      `UPDATE jobs SET state = 'failed', error = 'interrupted: the workstation stopped while this job ran',
       finished_at = ? WHERE state IN ('queued', 'running')`,
    ).run(new Date().toISOString());
  }

  onChange(listener: (job: Job) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): Job | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? toJob(row) : undefined;
  }

  list(limit = 100): Job[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Row[]).map(toJob);
  }

  start(spec: JobSpec): Job {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, title, state, progress, message, input_json, created_at)
         VALUES (?, ?, ?, 'queued', 0, 'waiting for a worker', ?, ?)`,
      )
      .run(id, spec.kind, spec.title, JSON.stringify(spec.input ?? null), new Date().toISOString());
    if (spec.onSettled) this.settledHooks.set(id, spec.onSettled);
    this.queue.push({ id, spec });
    this.emit(id);
    this.pump();
    return this.get(id)!;
  }

  /** Resolves when the job has finished (any final state). */
  waitFor(id: string): Promise<Job> {
    const job = this.get(id);
    if (job && isFinal(job.state)) return Promise.resolve(job);
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  cancel(id: string): Job | undefined {
    const queued = this.queue.findIndex((q) => q.id === id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(id, 'cancelled', { message: 'cancelled before it started' });
      return this.get(id);
    }
    const run = this.running.get(id);
    if (run && !run.cancelRequested) {
      run.cancelRequested = true;
      this.update(id, { message: 'cancelling…' });
      run.worker.send({ type: 'cancel' });
      run.killTimer = setTimeout(() => run.worker.kill(), CANCEL_GRACE_MS);
    }
    return this.get(id);
  }

  /** Cancels everything and waits for the workers to go (used on shutdown). */
  async shutdown(): Promise<void> {
    for (const q of this.queue.splice(0)) this.finish(q.id, 'cancelled', { message: 'the workstation closed' });
    const ids = [...this.running.keys()];
    for (const id of ids) this.cancel(id);
    await Promise.all(ids.map((id) => this.waitFor(id)));
  }

  private pump(): void {
    while (this.running.size < this.maxConcurrent && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.launch(next.id, next.spec);
    }
  }

  private launch(id: string, spec: JobSpec): void {
    let worker: WorkerHandle;
    try {
      worker = this.launcher.launch();
    } catch (err) {
      this.finish(id, 'failed', { error: `could not start a worker process: ${(err as Error).message}` });
      return;
    }
    const run: Running = { worker, spec, cancelRequested: false };
    this.running.set(id, run);
    this.db
      .prepare(`UPDATE jobs SET state = 'running', started_at = ?, pid = ?, message = 'starting' WHERE id = ?`)
      .run(new Date().toISOString(), worker.pid, id);
    this.emit(id);

    worker.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          worker.send({ type: 'start', jobId: id, kind: spec.kind, input: spec.secretInput ? { ...(spec.input as object), ...spec.secretInput } : spec.input });
          break;
        case 'progress':
          this.progress(id, message.fraction, message.message);
          break;
        case 'result':
          run.outcome ??= { kind: 'result', result: message.result };
          this.killIfLingering(run);
          break;
        case 'error':
          run.outcome ??= { kind: 'error', message: message.message, cancelled: message.cancelled };
          this.killIfLingering(run);
          break;
      }
    });
    worker.onExit((reason) => {
      if (run.killTimer) clearTimeout(run.killTimer);
      this.running.delete(id);
      void this.settle(id, run, reason).finally(() => this.pump());
    });
  }

  private killIfLingering(run: Running): void {
    if (run.killTimer) clearTimeout(run.killTimer);
    run.killTimer = setTimeout(() => run.worker.kill(), EXIT_GRACE_MS);
  }

  /** The worker process is gone: the job ends with what it answered, or with why it died. */
  private async settle(id: string, run: Running, exitReason: string | null): Promise<void> {
    const outcome = run.outcome;
    if (run.cancelRequested && outcome?.kind !== 'result') {
      this.finish(id, 'cancelled', { message: 'cancelled by the user' });
    } else if (outcome?.kind === 'result') {
      await this.complete(id, run, outcome.result);
    } else if (outcome?.kind === 'error') {
      if (outcome.cancelled) this.finish(id, 'cancelled', { message: 'cancelled by the user' });
      else this.finish(id, 'failed', { error: outcome.message });
    } else {
      this.finish(id, 'failed', { error: exitReason ?? 'the worker process ended without a result' });
    }
  }

  private async complete(id: string, run: Running, result: unknown): Promise<void> {
    try {
      const job = this.get(id)!;
      const stored = run.spec.onResult ? await run.spec.onResult(result, job) : result;
      this.finish(id, 'succeeded', { result: stored, message: run.spec.summarise?.(stored) ?? 'done' });
    } catch (err) {
      this.finish(id, 'failed', { error: (err as Error).message });
    }
  }

  private progress(id: string, fraction: number, message?: string): void {
    const now = Date.now();
    const last = this.lastProgressWrite.get(id) ?? 0;
    if (now - last < PROGRESS_WRITE_INTERVAL_MS && fraction < 1) return;
    this.lastProgressWrite.set(id, now);
    this.update(id, { progress: fraction, ...(message !== undefined ? { message } : {}) });
  }

  private update(id: string, fields: { progress?: number; message?: string }): void {
    if (fields.progress !== undefined) this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(fields.progress, id);
    if (fields.message !== undefined) this.db.prepare('UPDATE jobs SET message = ? WHERE id = ?').run(fields.message, id);
    this.emit(id);
  }

  private finish(
    id: string,
    state: 'succeeded' | 'failed' | 'cancelled',
    fields: { result?: unknown; error?: string; message?: string },
  ): void {
    const message = fields.message ?? (state === 'failed' ? 'failed' : state);
    this.db
      .prepare(
        `UPDATE jobs SET state = ?, finished_at = ?, message = ?, error = ?, result_json = ?,
         progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END WHERE id = ?`,
      )
      .run(
        state,
        new Date().toISOString(),
        message,
        fields.error ?? null,
        fields.result === undefined ? null : JSON.stringify(fields.result),
        state,
        id,
      );
    this.lastProgressWrite.delete(id);
    this.emit(id);
    const job = this.get(id)!;
    const settled = this.settledHooks.get(id);
    this.settledHooks.delete(id);
    try {
      settled?.(job);
    } catch (err) {
      console.error(`clean-up after job ${id} failed: ${(err as Error).message}`);
    }
    for (const resolve of this.waiters.get(id) ?? []) resolve(job);
    this.waiters.delete(id);
  }

  private emit(id: string): void {
    const job = this.get(id);
    if (!job) return;
    for (const listener of this.listeners) listener(job);
  }
}

export function isFinal(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}
