/** The CLI's contract with scripts: usage errors exit 2, --json prints one document, unknown commands are refused. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../testing/shared-data';

function twin(...args: string[]) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twin-cli-'));
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TWIN_DATA_DIR: dataDir },
  });
}

describe('twin CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = twin('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Commands:/);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/import/);
  });

  it('an unknown flag prints the usage and exits 2', () => {
    const r = twin('patients', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(r.stderr).toMatch(/Usage: twin patients/);
  });

  it('an unknown command exits 2', () => {
    const r = twin('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('--json prints exactly one JSON document', () => {
    const r = twin('patients', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ patients: [] });
  });

  it('a corrupt --db gives a clear error and exit 1', () => {
    const r = twin('patients', '--db', path.join(repoRoot, 'package.json'), '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a SQLite database/);
    expect(JSON.parse(r.stdout).error).toMatch(/package\.json/);
  });
});
