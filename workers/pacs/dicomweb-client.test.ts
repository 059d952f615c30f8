/** The DICOMweb client against a real Orthanc on loopback: QIDO-RS, WADO-RS, errors, resume. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/orthanc';
import { missingDataMessage, sharedData } from '../../testing/shared-data';
import { describePixels } from '../dicom/decode/describe-pixels';
import { readDicomFile } from '../dicom/header/read-dicom-file';
import { TAG } from '../dicom/header/dicom-tags';
import { textValue } from '../dicom/header/values';
import { createJobContext, JobCancelledError } from '../process/job-context';
import { DicomwebClient } from './dicomweb-client';
import { retrieveStudy } from './retrieve-study';
import { PACS_SERIES_INSTANCES as N, pacsSkipReason, pixelMismatches, retrievedInstances, startLoadedPacs, type LoadedPacs } from './test-pacs';

const skip = pacsSkipReason();
const ENCODINGS = 'dicom/transfer-syntaxes';

describe.skipIf(skip !== '')(`DICOMweb client against Orthanc ${skip}`, () => {
  let pacs: LoadedPacs;
  const dicomweb = (url = pacs.orthanc.dicomWebUrl) => new DicomwebClient({ kind: 'dicomweb', url, timeoutMs: 5000 });

  beforeAll(async () => {
    pacs = await startLoadedPacs();
  }, 30_000);
  afterAll(() => pacs?.stop());

  it('QIDO-RS answers the echo probe and finds the study by name with a wildcard', async () => {
    await expect(dicomweb().echo()).resolves.toBeUndefined();
    expect(await dicomweb().findStudies({ patientName: 'HF*', modality: 'MR' })).toEqual([
      { studyInstanceUID: pacs.studyUID, patientName: 'HFS', patientId: 'crlab', studyDate: '20220407', studyDescription: 'Rorden^Rorden_Prisma', modalities: ['MR'], series: 1, instances: N },
    ]);
    expect(await dicomweb().findStudies({ patientId: 'nobody' })).toEqual([]);
    expect(await dicomweb().findSeries(pacs.studyUID)).toEqual([expect.objectContaining({ modality: 'MR', instances: N })]);
    expect(await dicomweb().findInstances(pacs.studyUID)).toHaveLength(N);
  });

  it('pages through an instance list longer than one QIDO-RS page', async () => {
    const paged = new DicomwebClient({ kind: 'dicomweb', url: pacs.orthanc.dicomWebUrl }, 10);
    const rows = await paged.findInstances(pacs.studyUID);
    expect(new Set(rows.map((r) => r.sopInstanceUID))).toEqual(new Set(pacs.originals.keys()));
  });

  it('a server that is not there, and a wrong DICOMweb root, give clear errors', async () => {
    const port = await freePort();
    await expect(dicomweb(`http://127.0.0.1:${port}/dicom-web`).echo()).rejects.toThrow(`PACS http://127.0.0.1:${port}/dicom-web refused the connection`);
    await expect(dicomweb(`${pacs.orthanc.httpUrl}/no-dicom-web`).echo()).rejects.toThrow(`HTTP 404 for ${pacs.orthanc.httpUrl}/no-dicom-web/studies?limit=1`);
  });

  it('WADO-RS retrieves the study with pixels equal to the originals', async () => {
    const folder = path.join(pacs.work, 'wado');
    expect(await retrieveStudy(dicomweb(), { studyInstanceUID: pacs.studyUID }, folder, createJobContext())).toEqual({ total: N, alreadyPresent: 0, fetched: N });
    expect(await pixelMismatches(pacs, folder)).toEqual([]);
  });

  const encodings = sharedData(ENCODINGS);
  it.skipIf(!encodings)(`WADO-RS brings compressed instances as stored, with the same pixels ${encodings ? '' : missingDataMessage(ENCODINGS)}`, async () => {
    // One MR slice in nine transfer syntaxes (explicit/implicit/big endian, RLE, JPEG lossless, JPEG-LS, JPEG 2000).
    const files = readdirSync(encodings!).map((f) => path.join(encodings!, f));
    await pacs.orthanc.upload(files);
    const study = textValue(readDicomFile(files[0]!, 'header').dataSet, TAG.StudyInstanceUID)!;
    const folder = path.join(pacs.work, 'encodings');
    expect((await retrieveStudy(dicomweb(), { studyInstanceUID: study }, folder, createJobContext())).fetched).toBe(files.length);
    const received = await Promise.all(retrievedInstances(folder).map((sop) => describePixels(path.join(folder, `${sop}.dcm`))));
    const sent = await Promise.all(files.map((f) => describePixels(f)));
    expect(new Set(received.map((r) => r.sha256))).toEqual(new Set([sent[0]!.sha256]));
    expect(received.map((r) => r.transferSyntaxUID).sort()).toEqual(sent.map((r) => r.transferSyntaxUID).sort());
  });

  it('a WADO-RS retrieval cancelled after 10 instances leaves only whole files and resumes with only the rest', async () => {
    const folder = path.join(pacs.work, 'resume');
    const cancel = new AbortController();
    const ctx = createJobContext((_, message) => void (/^retrieved 10\//.test(message ?? '') && cancel.abort()), cancel.signal);
    await expect(retrieveStudy(dicomweb(), { studyInstanceUID: pacs.studyUID }, folder, ctx)).rejects.toThrow(JobCancelledError);
    expect(readdirSync(folder).filter((f) => !f.endsWith('.dcm'))).toEqual([]);
    const kept = retrievedInstances(folder).length;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(N);

    expect(await retrieveStudy(dicomweb(), { studyInstanceUID: pacs.studyUID }, folder, createJobContext())).toEqual({ total: N, alreadyPresent: kept, fetched: N - kept });
    expect(await pixelMismatches(pacs, folder)).toEqual([]);
  });
});
