/**
 * Worker self-tests for IT staff (and the e2e specs): a CPU-bound job that runs for a set time, and one that fails on
 * purpose, to prove that progress, cancel and failure reach the job tray.
 */
import type { JobContext } from '../job-context';

export async function spin(input: { seconds: number }, ctx: JobContext): Promise<{ iterations: number }> {
  const end = Date.now() + input.seconds * 1000;
  let iterations = 0;
  let x = 0;
  while (Date.now() < end) {
    for (let i = 0; i < 100_000; i++) x = (x * 1664525 + 1013904223) % 4294967296;
    iterations++;
    if (iterations % 50 === 0) {
      ctx.throwIfCancelled();
      const left = Math.max(0, end - Date.now());
      ctx.progress(1 - left / (input.seconds * 1000), `self-test: ${(left / 1000).toFixed(0)} s left`);
      // Yield so that a cancel message can arrive.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { iterations };
}

export async function failOnPurpose(input: { message: string }, ctx: JobContext): Promise<never> {
  ctx.progress(0.5, 'about to fail on purpose');
  await new Promise((resolve) => setTimeout(resolve, 200));
  throw new Error(input.message);
}
