import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../testing/shared-data';
import { tempStore, type TempStore } from '../../../../testing/fhir-server/temp-store';

const run = promisify(execFile);
let store: TempStore | undefined;
afterEach(() => store?.cleanup());

describe('twin fhir import --json', () => {
  it('prints {"counts","errors"} with the resources stored per type', async () => {
    store = tempStore();
    store.db.close();
    const bundle = path.join(store.dir, 'b.json');
    const ndjson = path.join(store.dir, 'Observation.ndjson');
    writeFileSync(bundle, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p' } }, { resource: { resourceType: 'Unheard', id: 'u' } }] }));
    writeFileSync(ndjson, `${JSON.stringify({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p' } })}\n{broken\n`);
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), 'fhir', 'import', bundle, ndjson, '--db', store.file, '--data-dir', store.dir, '--json']);
    const out = JSON.parse(stdout) as { counts: Record<string, number>; errors: string[] };
    expect(out.counts).toEqual({ Patient: 1, Unheard: 1, Observation: 1 });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/^Observation\.ndjson:2:/);
  });
});
