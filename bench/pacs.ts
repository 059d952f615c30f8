/**
 * PACS bench (issue 3): retrieval of the 99-slice chest CT (shared data) from a throwaway Orthanc on loopback by
 * WADO-RS, C-GET and C-MOVE (workers/pacs/retrieve-study), each as wall time against copying the same files from
 * disk into a folder in the same run (the floor any retrieval into a staging folder has to pay). Loopback removes
 * the network, so the ratio is the protocol's and the PACS's own cost.
 *
 * Run: npx tsx bench/pacs.ts   (or npm run bench -- pacs)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, orthancMissingMessage, startOrthanc } from '../testing/orthanc';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import type { PacsConnection } from '../workers/pacs/connection';
import { openPacsClient } from '../workers/pacs/pacs-client';
import { retrieveStudy } from '../workers/pacs/retrieve-study';
import { readDicomFile } from '../workers/dicom/header/read-dicom-file';
import { TAG } from '../workers/dicom/header/dicom-tags';
import { textValue } from '../workers/dicom/header/values';
import { createJobContext } from '../workers/process/job-context';

const CT = 'dicom/ct-chest-cptac-99';

async function main(): Promise<void> {
  const dir = sharedData(CT);
  if (!dir) return console.log(missingDataMessage(CT));
  const scpPort = await freePort();
  const orthanc = await startOrthanc({ modalities: { twin: { aet: 'TWIN', port: scpPort } } });
  if (!orthanc) return console.log(orthancMissingMessage);
  const work = mkdtempSync(path.join(os.tmpdir(), 'twin-bench-pacs-'));
  try {
    const files = readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
    await orthanc.upload(files);
    const megabytes = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
    const studyInstanceUID = textValue(readDicomFile(files[0]!, 'header').dataSet, TAG.StudyInstanceUID)!;

    const copyMs = bestOf(3, () => {
      const out = path.join(work, `copy-${Math.random()}`);
      mkdirSync(out);
      const t0 = performance.now();
      for (const f of files) copyFileSync(f, path.join(out, path.basename(f)));
      return performance.now() - t0;
    });
    console.log(`${files.length} files, ${megabytes.toFixed(1)} MB; baseline: copying them into a folder ${copyMs.toFixed(0)} ms`);

    // Second baseline: the same WADO-RS answer read into memory, unparsed and unwritten: what Orthanc and HTTP cost.
    const series = (await (await openPacsClient({ kind: 'dicomweb', url: orthanc.dicomWebUrl })).findSeries(studyInstanceUID))[0]!;
    const drainRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const response = await fetch(`${orthanc.dicomWebUrl}/studies/${studyInstanceUID}/series/${series.seriesInstanceUID}`, {
        headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
      });
      await response.arrayBuffer();
      drainRuns.push(performance.now() - t0);
    }
    const drainMs = Math.min(...drainRuns);
    console.log(`second baseline: reading the WADO-RS answer unparsed ${drainMs.toFixed(0)} ms`);

    const dimse = { kind: 'dimse', host: '127.0.0.1', port: orthanc.dicomPort, calledAe: orthanc.aet, callingAe: 'TWIN', localStorePort: scpPort } as const;
    const ways: [string, PacsConnection][] = [
      ['WADO-RS', { kind: 'dicomweb', url: orthanc.dicomWebUrl }],
      ['C-GET', { ...dimse, retrieve: 'c-get' }],
      ['C-MOVE', { ...dimse, retrieve: 'c-move' }],
    ];
    for (const [name, connection] of ways) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const client = await openPacsClient(connection);
        const t0 = performance.now();
        const report = await retrieveStudy(client, { studyInstanceUID }, path.join(work, `${name}-${i}`), createJobContext());
        runs.push(performance.now() - t0);
        if (report.fetched !== files.length) throw new Error(`${name} fetched ${report.fetched} of ${files.length}`);
      }
      const ms = Math.min(...runs);
      console.log(
        `${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms  ${(megabytes / (ms / 1000)).toFixed(0).padStart(4)} MB/s  ${(ms / copyMs).toFixed(1)}× the copy, ${(ms / drainMs).toFixed(1)}× the unparsed WADO-RS answer`,
      );
    }
  } finally {
    await orthanc.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function bestOf(n: number, run: () => number): number {
  return Math.min(...Array.from({ length: n }, run));
}

await main();
