/**
 * The main side of the long-lived model worker (workers/process/kinds/model-worker.ts): one forked process, started
 * on the first prediction, answering requests by id. If it dies, the pending predictions fail with the reason and
 * the next prediction starts a fresh one. Headless it forks the TypeScript entry under tsx; under Electron the
 * bundled model-worker.cjs (scripts/build-electron.mjs), which Electron's fork runs as plain Node.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromModelWorker, ToModelWorker } from '../../../workers/process/kinds/model-worker';
import type { ModelPredictOutput } from '../../../workers/process/kinds/model-predict';
import { exitReason } from '../jobs/worker-launcher';
import type { RunModel } from './run-in-worker';

const entryTs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workers/process/kinds/model-worker.ts');

interface Pending {
  resolve(output: ModelPredictOutput): void;
  reject(err: Error): void;
}

export class ModelWorkerClient {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly entry: string = entryTs,
    private readonly execArgv: string[] = ['--import', import.meta.resolve('tsx')],
  ) {}

  readonly run: RunModel = (input) =>
    new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.process().send({ id, input } satisfies ToModelWorker);
    });

  /** The worker's process id while one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops the worker; pending predictions fail. */
  close(): void {
    this.child?.disconnect();
    this.child = undefined;
  }

  private process(): ChildProcess {
    if (this.child?.connected) return this.child;
    const child = fork(this.entry, [], { execArgv: this.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('error', () => {}); // EPIPE to an exiting process; its exit is handled below
    child.on('message', (m: FromModelWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.output);
      else p.reject(new Error(m.message));
    });
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      const reason = exitReason(code, signal) ?? 'the model worker exited';
      for (const p of this.pending.values()) p.reject(new Error(reason));
      this.pending.clear();
    });
    this.child = child;
    return child;
  }
}
