/**
 * How a worker process is started. Headless hosts fork Node; the Electron shell supplies a launcher built on
 * utilityProcess (main/app). The runner only sees this interface.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../../workers/process/protocol';

export interface WorkerHandle {
  readonly pid: number | null;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the process is gone, with a human-readable reason when it did not exit cleanly. */
  onExit(listener: (reason: string | null) => void): void;
  kill(): void;
}

export interface WorkerLauncher {
  launch(): WorkerHandle;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const workerEntryTs = path.resolve(here, '../../../workers/process/worker-main.ts');

export function exitReason(code: number | null, signal: string | null): string | null {
  if (signal) return `the worker process was killed (${signal})`;
  if (code !== 0 && code !== null) return `the worker process exited with code ${code}`;
  return null;
}

/** Forks `workers/process/worker-main.ts` under tsx (development and headless use). */
export class NodeForkLauncher implements WorkerLauncher {
  constructor(
    private readonly entry: string = workerEntryTs,
    private readonly execArgv: string[] = ['--import', import.meta.resolve('tsx')],
  ) {}

  launch(): WorkerHandle {
    const child = fork(this.entry, [], {
      execArgv: this.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // A message to a worker that is already exiting fails with EPIPE; its exit is reported through onExit.
    child.on('error', () => {});
    return {
      pid: child.pid ?? null,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => child.once('exit', (code, signal) => listener(exitReason(code, signal))),
      kill: () => child.kill('SIGKILL'),
    };
  }
}
