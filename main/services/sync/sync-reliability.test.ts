/**
 * Reliability of the sync under the faults it will meet (issue 7): 1000 results pushed through a fault-injecting
 * proxy while the sync process (the real `twin sync` CLI) is killed with SIGKILL at random moments and restarted.
 * At the end the server holds exactly the expected resources (none lost, none twice), the store passes
 * integrity_check, the conflicts planted on purpose are listed, and every pushed resource has its audit row.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, Resource } from '@medplum/fhirtypes';
import { repoRoot } from '../../../testing/shared-data';
import { seededRandom, startFaultProxy, type FaultProxy } from '../../../testing/fhir-server/fault-proxy';
import { startFhirTestServer, type FhirTestServer } from '../../../testing/fhir-server/fhir-test-server';
import { tempStore, type TempStore } from '../../../testing/fhir-server/temp-store';
import { AuditLog } from '../audit/audit-log';
import { FhirImporter } from '../fhir/fhir-import';
import { PatientLinks } from '../fhir/patient-links';
import { openStore } from '../store/open-store';
import { ConflictStore } from './conflicts';
import { FhirOutbox } from './outbox';
import { MemorySecretStore } from './secret-store';
import { SyncEngine } from './sync-engine';

const NEW_RESOURCES = 1000;
const SEEDED = 20; // on the server before: 10 updated locally only, 10 changed on both sides (conflicts)
const MIN_KILLS = 20;
const CLIENT_TIMEOUT_MS = 800;
const IDENTIFIER_SYSTEM = 'urn:test:result';

/**
 * The `twin` CLI bundled by esbuild, as a build would ship it: the same code as bin/twin.mjs, without compiling
 * TypeScript at every start, so that the 20+ restarts stay quick on a busy machine. It sits two folders below the
 * repository (like dist/app/) so that its relative path to package.json is the one the sources expect.
 */
const CLI_DIR = path.join(repoRoot, 'test-results', 'sync-reliability-cli');
const CLI = path.join(CLI_DIR, 'twin.mjs');

let server: FhirTestServer | undefined;
let proxy: FaultProxy | undefined;
let store: TempStore | undefined;
beforeAll(async () => {
  await build({
    stdin: { contents: "import { runCli } from './main/hosts/cli/main';\nprocess.exitCode = await runCli(process.argv.slice(2));\n", resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: CLI,
    logLevel: 'warning',
  });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
  store?.cleanup();
  rmSync(CLI_DIR, { recursive: true, force: true });
});

const obs = (id: string, value: number): Observation & { id: string } => ({
  resourceType: 'Observation',
  id,
  identifier: [{ system: IDENTIFIER_SYSTEM, value: id }],
  status: 'final',
  code: { text: 'simulated QT' },
  subject: { reference: 'Patient/p1' },
  valueQuantity: { value, unit: 'ms' },
});

async function put(resource: Resource & { id: string }, ifMatch?: string): Promise<void> {
  const res = await fetch(`${server!.url}/${resource.resourceType}/${resource.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/fhir+json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify(resource),
  });
  if (!res.ok) throw new Error(`seed PUT ${resource.id}: ${res.status}`);
  await res.text();
}

function runSync(proxyUrl: string, dbFile: string, dataDir: string, timeoutMs = CLIENT_TIMEOUT_MS): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const child = spawn(
    process.execPath,
    [CLI, 'sync', '--server', proxyUrl, '--db', dbFile, '--data-dir', dataDir, '--json', '--timeout-ms', String(timeoutMs), '--max-attempts', '4'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

describe('sync reliability: random faults and SIGKILL', () => {
  it(`pushes ${NEW_RESOURCES} resources exactly once through faults and at least ${MIN_KILLS} kills`, async () => {
    server = await startFhirTestServer({ pageSize: 50 });
    store = tempStore();
    const s = store;
    s.addDicomPatient('K1');
    await put({ resourceType: 'Patient', id: 'p1' });
    for (let i = 0; i < SEEDED; i++) await put(obs(`seed-${i}`, i));
    new FhirImporter(s.db, s.audit, s.actor).importText(JSON.stringify({ resourceType: 'Patient', id: 'p1' }), 'p1.json', { counts: {}, errors: [] });
    new PatientLinks(s.db, s.audit, s.actor).link('K1', 'p1');
    const first = await new SyncEngine(s.db, s.audit, s.actor).sync({ server: { site: 't', baseUrl: server.url, auth: { kind: 'none' } }, secrets: new MemorySecretStore() });
    expect(first.pulled).toBe(SEEDED + 1);

    // Someone at the EHR changes seed-10…19; the workstation changes seed-0…19 and produces 1000 new results.
    for (let i = 10; i < SEEDED; i++) await put(obs(`seed-${i}`, 5000 + i), 'W/"1"');
    const outbox = new FhirOutbox(s.db, s.audit, s.actor);
    outbox.stage(Array.from({ length: SEEDED }, (_, i) => obs(`seed-${i}`, 1000 + i)));
    for (let i = 0; i < NEW_RESOURCES; i += 100) {
      outbox.stage(Array.from({ length: 100 }, (_, j) => obs(`result-${String(i + j).padStart(4, '0')}`, 400 + ((i + j) % 50))));
    }
    expect(outbox.queuedCount()).toBe(NEW_RESOURCES + SEEDED);
    s.db.close(); // from here on only the sync processes touch the store

    proxy = await startFaultProxy({
      target: server.url,
      seed: 20261124,
      delayMs: CLIENT_TIMEOUT_MS + 400,
      refusedMs: 250,
      latencyMs: 80, // a slow link, so that the kills land while the queue is being pushed
      probabilities: { refused: 0.05, error500: 0.05, error503: 0.05, delay: 0.04, resetMidResponse: 0.07, lostAfterCommit: 0.09 },
    });
    const random = seededRandom(7);
    let kills = 0;
    let runs = 0;
    let killsWhileQueued = 0;
    const queuedNow = (): number => {
      const db = openStore(s.file, { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM fhir_outbox WHERE state = 'queued'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    // At least MIN_KILLS kills, and as many as possible while changes are still queued (bounded by the queue emptying).
    while (kills < MIN_KILLS || (killsWhileQueued < MIN_KILLS && queuedNow() > 0)) {
      const requestsBefore = proxy.stats.requests;
      const { child, done } = runSync(proxy.url, s.file, s.dir);
      runs++;
      if (runs > 200) throw new Error(`${runs} sync runs and only ${kills} kills: the sync exits before it can be killed`);
      let exited = false;
      void done.then(() => (exited = true));
      // Start-up time varies with the machine's load: the random moment is counted from the first request, so
      // that the kill lands in the middle of the sync's work rather than before it began.
      while (!exited && proxy.stats.requests === requestsBefore) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 1000)));
      if (!exited) {
        child.kill('SIGKILL');
        await done;
        kills++;
        if (queuedNow() > 0) killsWhileQueued++;
      }
    }
    const pushedUnderFaults = NEW_RESOURCES + SEEDED - queuedNow();

    // The network heals; the sync runs to the end (a run may still give up on a transient fault: run again).
    proxy.setEnabled(false);
    let final: { pulled: number; pushed: number; conflicts: number; errors: string[] } | undefined;
    for (let i = 0; i < 5 && (i === 0 || queuedNow() > 0); i++) {
      const { done } = runSync(proxy.url, s.file, s.dir, 10_000); // the test server is slow to search 1000 resources
      runs++;
      final = JSON.parse((await done).stdout) as typeof final;
    }
    expect(queuedNow()).toBe(0);
    expect(final?.errors).toEqual([]);

    const onServer = server.repo.all('Observation') as Observation[];
    const expectedIds = new Set([...Array.from({ length: SEEDED }, (_, i) => `seed-${i}`), ...Array.from({ length: NEW_RESOURCES }, (_, i) => `result-${String(i).padStart(4, '0')}`)]);
    const byIdentifier = new Map<string, number>();
    for (const o of onServer) {
      const key = o.identifier?.find((x) => x.system === IDENTIFIER_SYSTEM)?.value ?? `(none) ${o.id}`;
      byIdentifier.set(key, (byIdentifier.get(key) ?? 0) + 1);
    }
    const lost = [...expectedIds].filter((id) => !byIdentifier.has(id));
    const duplicates = [...byIdentifier.values()].filter((n) => n > 1).length;
    const unexpected = [...byIdentifier.keys()].filter((id) => !expectedIds.has(id));
    const value = (id: string) => onServer.find((o) => o.id === id)?.valueQuantity?.value;

    const db = openStore(s.file);
    const audit = new AuditLog(db);
    const integrity = db.pragma('integrity_check', { simple: true });
    const conflicts = new ConflictStore(db, audit, s.actor).list();
    const exported = new Set(
      (db.prepare("SELECT DISTINCT entity_id FROM audit WHERE action = 'export' AND entity_type = 'Observation'").all() as { entity_id: string }[]).map((r) => r.entity_id),
    );
    const faults = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
    console.log(
      `sync reliability: resources ${NEW_RESOURCES} new + ${SEEDED} updated; requests ${proxy.stats.requests}, faults injected ${faults} ${JSON.stringify(proxy.stats.faults)}; ` +
        `sync runs ${runs}, SIGKILLs ${kills} (${killsWhileQueued} with changes still queued); pushed or settled before the network healed ${pushedUnderFaults}; lost ${lost.length}, duplicates ${duplicates}, unexpected ${unexpected.length}; ` +
        `conflicts listed ${conflicts.length}; integrity_check ${integrity}; last run ${JSON.stringify(final)}`,
    );
    db.close();

    expect(faults).toBeGreaterThan(0);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
    expect(unexpected).toEqual([]);
    expect(onServer).toHaveLength(NEW_RESOURCES + SEEDED);
    expect(integrity).toBe('ok');
    // The EHR's own changes were never overwritten: they are conflicts waiting for a person.
    expect(conflicts.map((c) => c.resourceId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `seed-${i + 10}`).sort());
    for (let i = 10; i < SEEDED; i++) expect(value(`seed-${i}`)).toBe(5000 + i);
    for (let i = 0; i < 10; i++) expect(value(`seed-${i}`)).toBe(1000 + i);
    // An audit row for every resource that reached the EHR.
    const pushedIds = [...expectedIds].filter((id) => !/^seed-1\d$/.test(id));
    expect(pushedIds.filter((id) => !exported.has(id))).toEqual([]);
  }, 240_000);
});
