import { execFile } from 'node:child_process';
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
});
