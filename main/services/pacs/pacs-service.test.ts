/**
 * PACS through the Workstation against a real Orthanc: saved nodes (secrets kept out of the store), echo and find
 * over the contract for both protocols, and the pacs.retrieve job landing the study in the store like an import.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsNode } from '../../contract/domain';
import { freePort } from '../../../testing/orthanc';
import { DicomwebClient } from '../../../workers/pacs/dicomweb-client';
import { retrieveStudy } from '../../../workers/pacs/retrieve-study';
import { PACS_SERIES_INSTANCES as N, pacsSkipReason, retrievedInstances, startLoadedPacs, type LoadedPacs } from '../../../workers/pacs/test-pacs';
import { createJobContext, JobCancelledError } from '../../../workers/process/job-context';
import { createDispatch, type Dispatch } from '../handlers';
import type { SecretStore } from '../sync/secret-store';
import { Workstation } from '../workstation';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get = (k: string) => this.values.get(k);
  set = (k: string, v: string) => void this.values.set(k, v);
  delete = (k: string) => void this.values.delete(k);
}

const SECRET = 'Bearer not-a-real-token-7f3a';
const skip = pacsSkipReason();

describe.skipIf(skip !== '')(`PACS service and retrieve job against Orthanc ${skip}`, () => {
  let pacs: LoadedPacs;
  let ws: Workstation;
  let dispatch: Dispatch;
  let dataDir: string;
  const secrets = new MemorySecrets();
  let web: PacsNode;
  let dimse: PacsNode;

  async function call<T>(channel: string, request: unknown): Promise<T> {
    const result = await dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.reply as T;
  }

  beforeAll(async () => {
    pacs = await startLoadedPacs();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twin-pacs-ws-'));
    ws = new Workstation({ dataDir, secrets, actor: 'tester@test' });
    dispatch = createDispatch(ws);
    web = await call<PacsNode>('pacs.nodes.save', {
      name: 'Orthanc web',
      kind: 'dicomweb',
      url: pacs.orthanc.dicomWebUrl,
      authHeaderName: 'Authorization',
      authHeaderValue: SECRET,
    });
    dimse = await call<PacsNode>('pacs.nodes.save', { name: 'Orthanc DIMSE', kind: 'dimse', host: '127.0.0.1', port: pacs.orthanc.dicomPort, calledAe: 'ORTHANC' });
  }, 30_000);

  afterAll(async () => {
    await ws?.close();
    await pacs?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('saves nodes with the auth secret in the SecretStore only (kept on edit, gone with the header), and refuses a duplicate name', async () => {
    expect(web).toMatchObject({ kind: 'dicomweb', authHeaderName: 'Authorization', hasAuthSecret: true });
    expect(dimse).toMatchObject({ kind: 'dimse', calledAe: 'ORTHANC', callingAe: null, dimseRetrieve: 'c-get', hasAuthSecret: false });
    expect((await call<PacsNode[]>('pacs.nodes.list', {})).map((n) => n.name)).toEqual(['Orthanc DIMSE', 'Orthanc web']);
    expect(JSON.stringify(ws.db.prepare('SELECT * FROM pacs_nodes').all())).not.toContain('not-a-real-token');
    expect(secrets.get(`pacs:${web.id}:auth`)).toBe(SECRET);
    await expect(call('pacs.nodes.save', { name: 'Orthanc web', kind: 'dicomweb', url: 'http://127.0.0.1:1/dicom-web' })).rejects.toThrow(/exists already/);
    const invalid = await dispatch('pacs.nodes.save', { name: 'no AE', kind: 'dimse', host: 'pacs', port: 104 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    const temp = await call<PacsNode>('pacs.nodes.save', { name: 'temp', kind: 'dicomweb', url: 'http://127.0.0.1:1/x', authHeaderName: 'Authorization', authHeaderValue: 'x' });
    expect(await call<PacsNode>('pacs.nodes.save', { id: temp.id, name: 'temp', kind: 'dicomweb', url: 'http://127.0.0.1:2/x', authHeaderName: 'Authorization' })).toMatchObject({ hasAuthSecret: true });
    const asDimse = await call<PacsNode>('pacs.nodes.save', { id: temp.id, name: 'temp', kind: 'dimse', host: 'pacs', port: 104, calledAe: 'PACS' });
    expect(asDimse).toMatchObject({ authHeaderName: null, hasAuthSecret: false, url: null });
    expect(secrets.get(`pacs:${temp.id}:auth`)).toBeUndefined();
    expect(await call('pacs.nodes.delete', { id: temp.id })).toEqual({ deleted: true });
    expect(await call('pacs.nodes.delete', { id: temp.id })).toEqual({ deleted: false });
  });

  it('echoes both nodes, and answers ok:false with the reason for a PACS that is not there', async () => {
    for (const node of [web, dimse]) expect(await call('pacs.echo', { nodeId: node.id })).toMatchObject({ ok: true });
    const gone = await call<PacsNode>('pacs.nodes.save', { name: 'gone', kind: 'dimse', host: '127.0.0.1', port: 1, calledAe: 'X' });
    expect(await call('pacs.echo', { nodeId: gone.id })).toMatchObject({ ok: false, message: 'PACS X@127.0.0.1:1 refused the connection (is it running, and is the port right?)' });
  });

  it('finds the same study over DICOMweb and DIMSE, and audits each query', async () => {
    const expected = { studies: [expect.objectContaining({ studyInstanceUID: pacs.studyUID, patientId: 'crlab', modalities: ['MR'], series: 1, instances: N })] };
    for (const node of [web, dimse]) expect(await call('pacs.find', { nodeId: node.id, query: { patientId: 'crlab' } })).toEqual(expected);
    expect(await call('pacs.series', { nodeId: dimse.id, studyInstanceUID: pacs.studyUID })).toEqual({ series: [expect.objectContaining({ modality: 'MR', instances: N })] });
    expect(ws.audit.recent(20).filter((a) => a.entityType === 'pacs-query')).toHaveLength(3);
  });

  it('the pacs.retrieve job lands the study in the store like an import, resuming an earlier attempt, without writing the secret down', async () => {
    // An earlier attempt, cancelled after 10 instances, left its whole files in the study's staging folder.
    const staging = path.join(dataDir, 'pacs-staging', pacs.studyUID);
    const cancel = new AbortController();
    const ctx = createJobContext((_, message) => void (/^retrieved 10\//.test(message ?? '') && cancel.abort()), cancel.signal);
    const client = new DicomwebClient({ kind: 'dicomweb', url: pacs.orthanc.dicomWebUrl });
    await expect(retrieveStudy(client, { studyInstanceUID: pacs.studyUID }, staging, ctx)).rejects.toThrow(JobCancelledError);
    const kept = retrievedInstances(staging).length;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(N);

    const changed: unknown[] = [];
    ws.onEvent((event, payload) => event === 'patients.changed' && changed.push(payload));
    const started = ws.startJob({ kind: 'pacs.retrieve', input: { nodeId: web.id, studyInstanceUID: pacs.studyUID } });
    const job = await ws.jobs.waitFor(started.id);
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ state: 'succeeded', message: `1 series, ${N} objects imported` });
    expect(job.result).toMatchObject({ retrieval: { total: N, alreadyPresent: kept, fetched: N - kept } });
    const patient = ws.patients.list().find((p) => p.patientId === 'crlab');
    expect(patient).toMatchObject({ studyCount: 1, seriesCount: 1 });
    const series = ws.patients.get(patient!.patientKey).studies[0]!.series[0]!;
    expect(series.instanceCount).toBe(N);
    expect(ws.patients.seriesFiles(series.seriesKey).instances.every((i) => i.filePath.startsWith(ws.locations.dicomDir))).toBe(true);
    expect(changed).toContainEqual({ patientKey: patient!.patientKey });
    expect(existsSync(path.join(dataDir, 'pacs-staging', pacs.studyUID))).toBe(false);
    expect(JSON.stringify(ws.db.prepare('SELECT input_json FROM jobs').all())).not.toContain('not-a-real-token');
    expect(ws.audit.recent(50).some((a) => a.entityType === 'pacs-retrieve' && a.entityId === web.id)).toBe(true);
  }, 30_000);

  it('a retrieval from a PACS that is not there fails with the reason', async () => {
    const port = await freePort();
    const gone = await call<PacsNode>('pacs.nodes.save', { name: 'gone too', kind: 'dicomweb', url: `http://127.0.0.1:${port}/dicom-web` });
    const job = await ws.jobs.waitFor(ws.startJob({ kind: 'pacs.retrieve', input: { nodeId: gone.id, studyInstanceUID: '1.2.3' } }).id);
    expect(job).toMatchObject({ state: 'failed', error: `PACS http://127.0.0.1:${port}/dicom-web refused the connection (is it running, and is the port right?)` });
    expect(await dispatch('jobs.start', { kind: 'pacs.retrieve', input: { nodeId: gone.id, studyInstanceUID: '../..' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  }, 30_000);
});
