/** The DIMSE client against a real Orthanc on loopback: C-ECHO, C-FIND, C-GET and C-MOVE, errors, resume. */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/orthanc';
import { missingDataMessage, sharedData } from '../../testing/shared-data';
import { describePixels } from '../dicom/decode/describe-pixels';
import { readDicomFile } from '../dicom/header/read-dicom-file';
import { TAG } from '../dicom/header/dicom-tags';
import { textValue } from '../dicom/header/values';
import { createJobContext, JobCancelledError } from '../process/job-context';
import type { DimseConnection } from './connection';
import { DimseClient } from './dimse-client';
import { retrieveStudy } from './retrieve-study';
import { PACS_SERIES_INSTANCES as N, pacsSkipReason, pixelMismatches, retrievedInstances, startLoadedPacs, type LoadedPacs } from './test-pacs';

const skip = pacsSkipReason();
const ENCODINGS = 'dicom/transfer-syntaxes';

describe.skipIf(skip !== '')(`DIMSE client against Orthanc ${skip}`, () => {
  let pacs: LoadedPacs;
  const dimse = (overrides: Partial<DimseConnection> = {}): DimseClient =>
    new DimseClient({ kind: 'dimse', host: '127.0.0.1', port: pacs.orthanc.dicomPort, calledAe: pacs.orthanc.aet, callingAe: 'TWIN', retrieve: 'c-get', timeoutMs: 5000, ...overrides });

  beforeAll(async () => {
    pacs = await startLoadedPacs();
  }, 30_000);
  afterAll(() => pacs?.stop());

  it('C-ECHO succeeds', async () => {
    await expect(dimse().echo()).resolves.toBeUndefined();
  });

  it('C-ECHO to a port nobody listens on says the connection was refused', async () => {
    const port = await freePort();
    await expect(dimse({ port }).echo()).rejects.toThrow(`PACS ORTHANC@127.0.0.1:${port} refused the connection`);
  });

  it('a wrong called AE title is a rejected association that names the AE and the reason', async () => {
    await expect(dimse({ calledAe: 'NOT-ORTHANC' }).echo()).rejects.toThrow(
      'PACS NOT-ORTHANC@127.0.0.1:' + pacs.orthanc.dicomPort + ' rejected the association (permanent; called AE "NOT-ORTHANC", calling AE "TWIN"): called AE title not recognised',
    );
  });

  it('C-FIND finds the study by patient ID and lists its series and instances', async () => {
    const studies = await dimse().findStudies({ patientId: 'crlab' });
    expect(studies).toEqual([
      { studyInstanceUID: pacs.studyUID, patientName: 'HFS', patientId: 'crlab', studyDate: '20220407', studyDescription: 'Rorden^Rorden_Prisma', modalities: ['MR'], series: 1, instances: N },
    ]);
    expect(await dimse().findStudies({ patientId: 'nobody' })).toEqual([]);
    const series = await dimse().findSeries(pacs.studyUID);
    expect(series).toEqual([expect.objectContaining({ modality: 'MR', instances: N })]);
    expect(await dimse().findInstances(pacs.studyUID)).toHaveLength(N);
  });

  it.each(['c-get', 'c-move'] as const)('%s retrieves the study with pixels equal to the originals', async (method) => {
    const folder = path.join(pacs.work, method);
    const report = await retrieveStudy(dimse({ retrieve: method, localStorePort: pacs.scpPort }), { studyInstanceUID: pacs.studyUID }, folder, createJobContext());
    expect(report).toEqual({ total: N, alreadyPresent: 0, fetched: N });
    expect(await pixelMismatches(pacs, folder)).toEqual([]);
  });

  const encodings = sharedData(ENCODINGS);
  it.skipIf(!encodings).each(['c-get', 'c-move'] as const)(`%s brings compressed instances as stored, with the same pixels ${encodings ? '' : missingDataMessage(ENCODINGS)}`, async (method) => {
    // One MR slice in nine transfer syntaxes (explicit/implicit/big endian, RLE, JPEG lossless, JPEG-LS, JPEG 2000).
    const files = readdirSync(encodings!).map((f) => path.join(encodings!, f));
    await pacs.orthanc.upload(files);
    const study = textValue(readDicomFile(files[0]!, 'header').dataSet, TAG.StudyInstanceUID)!;
    const folder = path.join(pacs.work, `encodings-${method}`);
    const report = await retrieveStudy(dimse({ retrieve: method, localStorePort: pacs.scpPort }), { studyInstanceUID: study }, folder, createJobContext());
    expect(report.fetched).toBe(files.length);
    const received = await Promise.all(retrievedInstances(folder).map((sop) => describePixels(path.join(folder, `${sop}.dcm`))));
    const sent = await Promise.all(files.map((f) => describePixels(f)));
    expect(new Set(received.map((r) => r.sha256))).toEqual(new Set([sent[0]!.sha256]));
    expect(received.map((r) => r.transferSyntaxUID).sort()).toEqual(sent.map((r) => r.transferSyntaxUID).sort());
  });

  it('a C-GET cancelled after 10 instances resumes and fetches only the rest, instance by instance', async () => {
    const folder = path.join(pacs.work, 'resume');
    const cancel = new AbortController();
    const ctx = createJobContext((_, message) => void (/^retrieved 10\//.test(message ?? '') && cancel.abort()), cancel.signal);
    await expect(retrieveStudy(dimse(), { studyInstanceUID: pacs.studyUID }, folder, ctx)).rejects.toThrow(JobCancelledError);
    writeFileSync(path.join(folder, '.incoming-1-2-x.part'), 'half an instance from a killed attempt');
    const kept = retrievedInstances(folder).length;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(N);

    expect(await retrieveStudy(dimse(), { studyInstanceUID: pacs.studyUID }, folder, createJobContext())).toEqual({ total: N, alreadyPresent: kept, fetched: N - kept });
    expect(readdirSync(folder).sort()).toEqual([...pacs.originals.keys()].map((sop) => `${sop}.dcm`).sort());
  });
});
