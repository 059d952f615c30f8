import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle, Observation, Resource } from '@medplum/fhirtypes';
import { startFhirTestServer, type FhirTestServer } from '../../../testing/fhir-server/fhir-test-server';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { FhirImporter } from '../fhir/fhir-import';
import { PatientLinks } from '../fhir/patient-links';
import { FhirResourceStore } from '../fhir/resource-store';
import { ConflictStore } from './conflicts';
import { FhirOutbox } from './outbox';
import { MemorySecretStore } from './secret-store';
import { SyncEngine, type SyncOptions } from './sync-engine';

let server: FhirTestServer | undefined;
let store: TempStore | undefined;
afterEach(async () => {
  await server?.close();
  store?.cleanup();
  server = undefined;
});

const FAST = { baseMs: 5, capMs: 20, maxAttempts: 4 };
const obs = (id: string, value: number, patient = 'p1'): Observation & { id: string } => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { text: 'heart rate' },
  subject: { reference: `Patient/${patient}` },
  valueQuantity: { value, unit: '/min' },
});

async function put(resource: Resource & { id: string }, ifMatch?: string): Promise<number> {
  const res = await fetch(`${server!.url}/${resource.resourceType}/${resource.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/fhir+json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify(resource),
  });
  await res.text();
  return res.status;
}

async function serverRead<T extends Resource>(type: string, id: string): Promise<T> {
  return (await (await fetch(`${server!.url}/${type}/${id}`)).json()) as T;
}

/** A store with Patient p1 imported and linked to DICOM patient K1, and a server that holds p1 and 7 observations. */
async function setup(pageSize = 3) {
  server = await startFhirTestServer({ pageSize });
  store = tempStore();
  store.addDicomPatient('K1');
  await put({ resourceType: 'Patient', id: 'p1' });
  for (let i = 0; i < 7; i++) await put(obs(`o${i}`, 60 + i));
  await put(obs('other', 1, 'p2'));
  const result = { counts: {}, errors: [] };
  new FhirImporter(store.db, store.audit, store.actor).importText(JSON.stringify({ resourceType: 'Patient', id: 'p1' }), 'p1.json', result);
  new PatientLinks(store.db, store.audit, store.actor).link('K1', 'p1');
  const engine = new SyncEngine(store.db, store.audit, store.actor);
  const options: SyncOptions = { server: { site: 'test', baseUrl: server.url, auth: { kind: 'none' } }, secrets: new MemorySecretStore(), timeoutMs: 5000, backoff: FAST };
  return { engine, options, outbox: new FhirOutbox(store.db, store.audit, store.actor), resources: new FhirResourceStore(store.db), s: store };
}

describe('sync engine against the loopback FHIR server', () => {
  it('pulls the linked patient following next links, then only what changed', async () => {
    const { engine, options, resources } = await setup();
    expect(await engine.sync(options)).toEqual({ pulled: 8, pushed: 0, conflicts: 0, errors: [] });
    expect(resources.forPatient('Patient/p1').map((r) => r.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'p1']);
    expect(resources.get('Observation', 'other')).toBeUndefined(); // not a linked patient
    expect(resources.get('Observation', 'o4')!.versionId).toBe('1');
    expect(await engine.sync(options)).toEqual({ pulled: 0, pushed: 0, conflicts: 0, errors: [] });
    await put(obs('o4', 99), 'W/"1"');
    await put(obs('o7', 70));
    expect((await engine.sync(options)).pulled).toBe(2);
    expect((resources.get('Observation', 'o4')!.resource as Observation).valueQuantity?.value).toBe(99);
    const status = engine.status();
    expect(status).toMatchObject({ online: true, queued: 0, conflicts: 0, lastErrors: [] });
  });

  it('pushes staged creates and updates with client ids and If-Match, and records the server versions', async () => {
    const { engine, options, outbox, resources, s } = await setup();
    await engine.sync(options);
    const [a, b] = outbox.stage([obs('new-a', 80), { ...obs('x', 81), id: undefined } as Resource]);
    expect(b!.id).toMatch(/^[0-9a-f-]{36}$/);
    outbox.stage([obs('o1', 100)]);
    expect(outbox.list().map((r) => [r.resourceId, r.operation, r.baseVersionId])).toEqual([
      ['new-a', 'create', null],
      [b!.id, 'create', null],
      ['o1', 'update', '1'],
    ]);
    const result = await engine.sync(options);
    expect(result).toMatchObject({ pushed: 3, conflicts: 0, errors: [] });
    expect(outbox.list()).toEqual([]);
    expect((await serverRead<Observation>('Observation', 'o1')).valueQuantity?.value).toBe(100);
    expect((await serverRead<Observation>('Observation', a!.id)).meta?.versionId).toBe('1');
    expect(resources.get('Observation', 'o1')!.versionId).toBe('2');
    expect(s.audit.recent(200).filter((r) => r.action === 'export').map((r) => r.entityId).sort()).toEqual([b!.id, 'new-a', 'o1'].sort());
    expect(s.audit.recent(200).filter((r) => r.action === 'export').every((r) => r.patientKey === 'K1')).toBe(true);
  });

  it('turns a 412 into a listed conflict, never an overwrite; keep-local and keep-server resolve it', async () => {
    const { engine, options, outbox, resources, s } = await setup();
    await engine.sync(options);
    await put(obs('o2', 222), 'W/"1"'); // someone else changes o2 and o3 on the server
    await put(obs('o3', 333), 'W/"1"');
    outbox.stage([obs('o2', 2), obs('o3', 3), obs('fresh', 4)]);
    const first = await engine.sync(options);
    expect(first).toMatchObject({ pushed: 1, conflicts: 2 });
    expect((await serverRead<Observation>('Observation', 'o2')).valueQuantity?.value).toBe(222);
    const conflicts = new ConflictStore(s.db, s.audit, s.actor);
    const listed = conflicts.list();
    expect(listed.map((c) => [c.resourceId, (c.local as Observation).valueQuantity?.value, (c.server as Observation).valueQuantity?.value, c.serverVersionId])).toEqual([
      ['o2', 2, 222, '2'],
      ['o3', 3, 333, '2'],
    ]);
    // A conflicted change is not retried by itself.
    expect((await engine.sync(options)).pushed).toBe(0);
    conflicts.resolve(listed[0]!.id, 'keep-local');
    conflicts.resolve(listed[1]!.id, 'keep-server');
    expect(await engine.sync(options)).toMatchObject({ pushed: 1, conflicts: 0, errors: [] });
    expect((await serverRead<Observation>('Observation', 'o2')).valueQuantity?.value).toBe(2);
    expect((await serverRead<Observation>('Observation', 'o3')).valueQuantity?.value).toBe(333);
    expect((resources.get('Observation', 'o3')!.resource as Observation).valueQuantity?.value).toBe(333);
    expect(conflicts.list(true).map((c) => c.resolution)).toEqual(['keep-local', 'keep-server']);
  });

  it('treats a 412 on its own earlier, committed upload (answer lost) as done, not as a conflict', async () => {
    const { engine, options, outbox } = await setup();
    await engine.sync(options);
    outbox.stage([obs('o5', 555)]);
    let lost = false;
    const fetchFn: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!lost && (init?.method === 'POST' || init?.method === 'PUT')) {
        lost = true; // the server committed the write; its answer never arrives
        await res.text();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return res;
    };
    const result = await engine.sync({ ...options, fetchFn });
    expect(lost).toBe(true);
    expect(result).toMatchObject({ pushed: 1, conflicts: 0, errors: [] });
    expect((await serverRead<Observation>('Observation', 'o5')).meta?.versionId).toBe('2');
  });

  it('pushes a deletion with If-Match, and drops a local create that never reached the server', async () => {
    const { engine, options, outbox, resources } = await setup();
    await engine.sync(options);
    outbox.remove('Observation', 'o6');
    outbox.stage([obs('draft', 1)]);
    outbox.remove('Observation', 'draft');
    expect(outbox.list().map((r) => [r.resourceId, r.operation, r.baseVersionId])).toEqual([['o6', 'delete', '1']]);
    expect(resources.get('Observation', 'o6')).toBeUndefined();
    expect(await engine.sync(options)).toMatchObject({ pushed: 1, conflicts: 0, errors: [] });
    expect(server!.repo.exists('Observation', 'o6')).toBe(false);
    expect(server!.repo.exists('Observation', 'draft')).toBe(false);
  });

  it('keeps the queue when the server is out of reach, and says so', async () => {
    const { engine, options, outbox } = await setup();
    outbox.stage([obs('n1', 1)]);
    await server!.close(); // the EHR goes away
    server = undefined;
    const result = await engine.sync({ ...options, timeoutMs: 500 });
    expect(result.pushed).toBe(0);
    expect(result.errors[0]).toMatch(/ECONNREFUSED/);
    expect(engine.status()).toMatchObject({ online: false, queued: 1 });
    expect(outbox.list()[0]!.attempts).toBe(1);
    expect(await engine.probe({ ...options, timeoutMs: 500 })).toBe(false);
    server = await startFhirTestServer();
    expect(await engine.probe({ ...options, server: { ...options.server, baseUrl: server.url } })).toBe(true);
    expect(engine.status()).toMatchObject({ online: true, queued: 1 });
  });
});

describe('pull watermark', () => {
  it('does not lose a resource stamped in the same millisecond as the last one seen', async () => {
    store = tempStore();
    store.addDicomPatient('K1');
    new FhirImporter(store.db, store.audit, store.actor).importText(JSON.stringify({ resourceType: 'Patient', id: 'p1' }), 'p.json', { counts: {}, errors: [] });
    new PatientLinks(store.db, store.audit, store.actor).link('K1', 'p1');
    const T1 = '2026-01-01T00:00:00.001Z';
    const T2 = '2026-01-01T00:00:00.002Z';
    const at = (id: string, t: string) => ({ ...obs(id, 1), meta: { versionId: '1', lastUpdated: t } });
    let serverObs = [at('a', T1), at('b', T2)];
    const queries: string[] = [];
    const fetchFn: typeof fetch = async (input) => {
      const url = new URL(String(input));
      const type = url.pathname.split('/').pop();
      if (type === 'Observation') queries.push(url.searchParams.get('_lastUpdated') ?? '');
      const since = url.searchParams.get('_lastUpdated');
      const entries = type === 'Observation' ? serverObs.filter((o) => !since || o.meta.lastUpdated >= since.slice(2)) : [];
      const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', entry: entries.map((resource) => ({ resource })) };
      return new Response(JSON.stringify(bundle), { status: 200, headers: { 'Content-Type': 'application/fhir+json' } });
    };
    const engine = new SyncEngine(store.db, store.audit, store.actor);
    const options: SyncOptions = { server: { site: 's', baseUrl: 'http://ehr.test/fhir', auth: { kind: 'none' } }, secrets: new MemorySecretStore(), backoff: FAST, pullTypes: ['Observation'], fetchFn };
    expect((await engine.sync(options)).pulled).toBe(2);
    serverObs = [...serverObs, at('c', T2)]; // committed later, same millisecond as b
    expect((await engine.sync(options)).pulled).toBe(1);
    expect(queries).toEqual(['', `ge${T2}`]);
    expect(new FhirResourceStore(store.db).get('Observation', 'c')).toBeDefined();
  });
});
