import { execFile } from 'node:child_process';
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../testing/shared-data';
import { startFhirTestServer, type FhirTestServer } from '../../../../testing/fhir-server/fhir-test-server';
import { tempStore, type TempStore } from '../../../../testing/fhir-server/temp-store';
import { FhirOutbox } from '../../../services/sync/outbox';

const run = promisify(execFile);
let store: TempStore | undefined;
let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.close();
  store?.cleanup();
});

describe('twin sync --json', () => {
  it('prints {"pulled","pushed","conflicts","errors"} and empties the outbox', async () => {
    server = await startFhirTestServer();
    store = tempStore();
    new FhirOutbox(store.db, store.audit, store.actor).stage([
      { resourceType: 'Observation', id: 'a', status: 'final', code: { text: 'x' } },
      { resourceType: 'Observation', id: 'b', status: 'final', code: { text: 'y' } },
    ]);
    store.db.close();
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), 'sync', '--server', server.url, '--db', store.file, '--data-dir', store.dir, '--json']);
    expect(JSON.parse(stdout)).toEqual({ pulled: 0, pushed: 2, conflicts: 0, errors: [] });
    expect(server.repo.all('Observation').map((o) => o.id).sort()).toEqual(['a', 'b']);
  });

  it('--save stores the server with its auth, keeps the secret out of the database, and refuses a missing secret', async () => {
    store = tempStore();
    store.db.close();
    const twin = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      run(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), 'sync', '--db', store!.file, '--data-dir', store!.dir, '--json', ...args], { env: { ...process.env, ...env } });
    const url = 'https://ehr.example/fhir';
    await expect(twin(['--server', url, '--save', '--auth', 'basic', '--user', 'ws01'])).rejects.toMatchObject({ code: 2 });
    const { stdout } = await twin(['--server', url, '--save', '--auth', 'basic', '--user', 'ws01'], { TWIN_FHIR_SECRET: 's3cret-pw' });
    expect(JSON.parse(stdout)).toEqual({ saved: { site: url, baseUrl: url, auth: 'basic' } });
    const db = new Database(store.file, { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM fhir_servers').all()) + JSON.stringify(db.prepare('SELECT * FROM settings').all());
    db.close();
    expect(dump).toContain('ws01');
    expect(dump).not.toContain('s3cret-pw');
    const secrets = readFileSync(path.join(store.dir, 'secrets.json'), 'utf8');
    expect(secrets).toContain('s3cret-pw');
    expect(statSync(path.join(store.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});
