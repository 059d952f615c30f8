/** The job runner with real worker processes: results, thrown errors, cancel and a killed worker. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store';
import { JobRunner } from './job-runner';
import { NodeForkLauncher } from './worker-launcher';

const db = openStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'twin-jobs-')), 'twin.sqlite'));
const runner = new JobRunner(db, new NodeForkLauncher());
afterAll(async () => {
  await runner.shutdown();
  db.close();
});

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 50));
}

describe('JobRunner', () => {
  it('runs a job in a worker process and stores its result', async () => {
    const job = runner.start({ kind: 'diagnostics.spin', title: 'spin', input: { seconds: 0.3 } });
    expect(job.state).toMatch(/queued|running/);
    const done = await runner.waitFor(job.id);
    expect(done.state).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect((done.result as { iterations: number }).iterations).toBeGreaterThan(0);
    expect(done.pid).toBeGreaterThan(0);
    expect(done.pid).not.toBe(process.pid);
  });

  it('fails a job whose engine throws, with the message', async () => {
    const job = runner.start({ kind: 'diagnostics.fail', title: 'fail', input: { message: 'the engine broke: bad input in x.dcm' } });
    const done = await runner.waitFor(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toBe('the engine broke: bad input in x.dcm');
  });

  it('cancel stops the work', async () => {
    const job = runner.start({ kind: 'diagnostics.spin', title: 'long', input: { seconds: 60 } });
    await until(() => runner.get(job.id)!.progress > 0);
    runner.cancel(job.id);
    const done = await runner.waitFor(job.id);
    expect(done.state).toBe('cancelled');
    expect(() => process.kill(done.pid!, 0)).toThrow(); // the process is gone
  });

  it('a killed worker fails its job with the reason, and the runner goes on', async () => {
    const job = runner.start({ kind: 'diagnostics.spin', title: 'victim', input: { seconds: 60 } });
    await until(() => runner.get(job.id)!.progress > 0);
    process.kill(runner.get(job.id)!.pid!, 'SIGKILL');
    const done = await runner.waitFor(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/killed \(SIGKILL\)/);
    const next = await runner.waitFor(runner.start({ kind: 'diagnostics.spin', title: 'after', input: { seconds: 0.1 } }).id);
    expect(next.state).toBe('succeeded');
  });

  it('marks jobs left running by a crashed workstation as interrupted', () => {
    db.prepare(
      "INSERT INTO jobs (id, kind, title, state, input_json, created_at) VALUES ('stale', 'x', 'stale', 'running', '{}', ?)",
    ).run(new Date().toISOString());
    const fresh = new JobRunner(db, new NodeForkLauncher());
    expect(fresh.get('stale')!.state).toBe('failed');
    expect(fresh.get('stale')!.error).toMatch(/interrupted/);
  });
});
