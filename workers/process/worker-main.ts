/**
 * Entry point of a worker process (child_process.fork headless, utilityProcess under Electron).
 * Receives one `start`, runs the engine for that kind, reports progress, and answers with a result or an error.
 * A `cancel` aborts the job's signal; the runner kills the process if the engine does not stop in time.
 */
import { createJobContext, JobCancelledError } from './job-context';
import { jobKinds } from './job-kinds';
import type { FromWorker, ToWorker } from './protocol';

const controller = new AbortController();

/** Electron's utilityProcess talks through process.parentPort; a forked Node process through process.send. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: ToWorker }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: FromWorker): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function finished(): void {
  if (parentPort) process.exit(0);
  else process.disconnect?.();
}

let lastProgressAt = 0;
function reportProgress(fraction: number, message?: string): void {
  const now = Date.now();
  // Throttled: the tray needs a few updates a second, not thousands.
  if (now - lastProgressAt < 100 && fraction < 1) return;
  lastProgressAt = now;
  send({ type: 'progress', fraction: Math.min(1, Math.max(0, fraction)), message });
}

async function run(kind: string, input: unknown): Promise<void> {
  const load = jobKinds[kind];
  if (!load) {
    send({ type: 'error', message: `unknown job kind "${kind}"`, cancelled: false });
    return;
  }
  const ctx = createJobContext(reportProgress, controller.signal);
  try {
    const fn = await load();
    const result = await fn(input as never, ctx);
    send({ type: 'result', result });
  } catch (err) {
    const cancelled = err instanceof JobCancelledError || controller.signal.aborted;
    const e = err instanceof Error ? err : new Error(String(err));
    send({ type: 'error', message: e.message, stack: e.stack, cancelled });
  }
}

function onMessage(message: ToWorker): void {
  if (message.type === 'start') void run(message.kind, message.input).finally(finished);
  else if (message.type === 'cancel') controller.abort();
}

if (parentPort) parentPort.on('message', (e) => onMessage(e.data));
else {
  process.on('message', onMessage);
  process.on('disconnect', () => process.exit(0));
}
send({ type: 'ready' });
