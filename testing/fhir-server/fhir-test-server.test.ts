import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import { startFaultProxy, type FaultKind, type FaultProxy } from './fault-proxy';
import { startFhirTestServer, type FhirTestServer } from './fhir-test-server';

let server: FhirTestServer | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/${path}`, {
    method,
    headers: { 'Content-Type': 'application/fhir+json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Bundle };
}

const obs = (id: string, patient = 'p1') => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${patient}` } });

describe('loopback FHIR test server', () => {
  it('answers PUT-create with 201, ETag and Location, and honours If-Match with 412', async () => {
    server = await startFhirTestServer();
    const created = await call(server.url, 'PUT', 'Patient/p1', { resourceType: 'Patient', id: 'p1' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.headers.get('location')).toBe(`${server.url}/Patient/p1/_history/1`);
    const updated = await call(server.url, 'PUT', 'Patient/p1', { resourceType: 'Patient', id: 'p1', active: true }, { 'If-Match': 'W/"1"' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('W/"2"');
    const stale = await call(server.url, 'PUT', 'Patient/p1', { resourceType: 'Patient', id: 'p1', active: false }, { 'If-Match': 'W/"1"' });
    expect(stale.status).toBe(412);
  });

  it('makes a transaction all-or-nothing', async () => {
    server = await startFhirTestServer();
    await call(server.url, 'PUT', 'Patient/p1', { resourceType: 'Patient', id: 'p1' });
    const failing = await call(server.url, 'POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: obs('o1'), request: { method: 'PUT', url: 'Observation/o1' } },
        { resource: { resourceType: 'Patient', id: 'p1', active: true }, request: { method: 'PUT', url: 'Patient/p1', ifMatch: 'W/"9"' } },
      ],
    });
    expect(failing.status).toBe(412);
    expect((await call(server.url, 'GET', 'Observation/o1')).status).toBe(404);
    const ok = await call(server.url, 'POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: obs('o1'), request: { method: 'PUT', url: 'Observation/o1' } },
        { resource: { resourceType: 'Patient', id: 'p1', active: true }, request: { method: 'PUT', url: 'Patient/p1', ifMatch: 'W/"1"' } },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.entry!.map((e) => e.resource!.meta!.versionId)).toEqual(['1', '2']);
  });

  it('refuses unknown and chained search parameters instead of matching nothing', async () => {
    server = await startFhirTestServer();
    expect((await call(server.url, 'GET', 'Observation?nonsense=1')).status).toBe(400);
    expect((await call(server.url, 'GET', 'Observation?subject.name=x')).status).toBe(400);
    expect((await call(server.url, 'GET', 'Observation?subject=Patient/p1')).status).toBe(200);
  });

  it('pages search results with next links, in strictly increasing _lastUpdated', async () => {
    server = await startFhirTestServer({ pageSize: 4 });
    for (let i = 0; i < 10; i++) await call(server.url, 'PUT', `Observation/o${i}`, obs(`o${i}`, i % 2 ? 'p1' : 'p2'));
    const seen: string[] = [];
    const times: string[] = [];
    let next: string | undefined = `${server.url}/Observation?_sort=_lastUpdated&patient=Patient/p1`;
    let pages = 0;
    while (next) {
      const page = (await (await fetch(next)).json()) as Bundle;
      pages++;
      for (const e of page.entry ?? []) {
        seen.push(e.resource!.id!);
        times.push(e.resource!.meta!.lastUpdated!);
      }
      next = page.link?.find((l) => l.relation === 'next')?.url;
    }
    expect(seen).toEqual(['o1', 'o3', 'o5', 'o7', 'o9']);
    expect(pages).toBe(2);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    const after = await call(server.url, 'GET', `Observation?_lastUpdated=gt${times[2]}&patient=Patient/p1`);
    expect(after.body.entry!.map((e) => e.resource!.id)).toEqual(['o7', 'o9']);
  });
});

describe('fault-injecting proxy', () => {
  async function faultOnly(kind: FaultKind, extra: Partial<Parameters<typeof startFaultProxy>[0]> = {}) {
    server = await startFhirTestServer();
    proxy = await startFaultProxy({ target: server.url, probabilities: { [kind]: 1 }, delayMs: 300, refusedMs: 100, ...extra });
    return proxy;
  }

  it('passes requests through when no fault is drawn', async () => {
    server = await startFhirTestServer();
    proxy = await startFaultProxy({ target: server.url, probabilities: {} });
    expect((await call(proxy.url, 'PUT', 'Patient/a', { resourceType: 'Patient', id: 'a' })).status).toBe(201);
    expect(proxy.stats.requests).toBe(1);
  });

  it('answers 500 and 503 without reaching the server', async () => {
    const p = await faultOnly('error503');
    expect((await call(p.url, 'PUT', 'Patient/a', { resourceType: 'Patient', id: 'a' })).status).toBe(503);
    expect(server!.repo.exists('Patient', 'a')).toBe(false);
  });

  it('loses the answer after the server committed (and resets mid-response)', async () => {
    for (const kind of ['lostAfterCommit', 'resetMidResponse'] as const) {
      const p = await faultOnly(kind);
      await expect(call(p.url, 'PUT', 'Patient/a', { resourceType: 'Patient', id: 'a' })).rejects.toThrow();
      expect(server!.repo.exists('Patient', 'a')).toBe(true);
      expect(p.stats.faults[kind]).toBe(1);
      await proxy!.close();
      await server!.close();
    }
    proxy = undefined;
    server = undefined;
  });

  it('refuses connections for a while', async () => {
    const p = await faultOnly('refused', { refusedMs: 400 });
    await expect(call(p.url, 'GET', 'Patient/a')).rejects.toThrow();
    const err = await fetch(`${p.url}/Patient/a`).catch((e: Error & { cause?: { code?: string } }) => e.cause?.code);
    expect(err).toBe('ECONNREFUSED');
  });

  it('delays past a client timeout, then delivers to the server all the same', async () => {
    const p = await faultOnly('delay');
    await expect(fetch(`${p.url}/Patient/a`, { method: 'PUT', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', id: 'a' }), signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(server!.repo.exists('Patient', 'a')).toBe(true);
  });
});
