import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../testing/shared-data';

const run = promisify(execFile);
const twin = (...args: string[]) => run(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), 'ep', ...args, '--json']);

describe('twin ep --json', () => {
  it('cell prints {"apd90","apd50","vrest","vpeak","dvdtMax"}', async () => {
    const { stdout } = await twin('cell', '--model', 'bo', '--bcl', '1000', '--beats', '2');
    const r = JSON.parse(stdout);
    expect(Object.keys(r).sort()).toEqual(['apd50', 'apd90', 'dvdtMax', 'vpeak', 'vrest']);
    expect(r.apd90).toBeGreaterThan(200);
  });

  it('niederer prints nine activation times and the runtime', async () => {
    const { stdout } = await twin('niederer', '--dx', '1', '--dt', '0.1');
    const r = JSON.parse(stdout);
    expect(Object.keys(r.points)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9']);
    expect(typeof r.runtimeS).toBe('number');
  });

  it('heart refuses a run without a CT or with a malformed S1 train (usage errors)', async () => {
    await expect(twin('heart', '--genotype', 'lqt1')).rejects.toMatchObject({ code: 2 });
    await expect(twin('heart', '--dir', '.', '--s1', '600y3')).rejects.toMatchObject({ code: 2 });
  });

  it('refuses an unknown model with a usage error', async () => {
    await expect(twin('cell', '--model', 'nope')).rejects.toMatchObject({ code: 2 });
  });
});
