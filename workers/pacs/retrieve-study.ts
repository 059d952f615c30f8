/**
 * Resumable retrieval of a study (or one series) into a staging folder named by the study UID. Each attempt first
 * asks the PACS which instances the study has, then fetches only those whose `<SOPInstanceUID>.dcm` is not yet in
 * the folder: a whole series when none of it is there, single instances otherwise. A cancelled or broken attempt
 * leaves only complete files behind (instance-file.ts), so the next one goes on where it stopped.
 */
import { mkdirSync } from 'node:fs';
import type { JobContext } from '../process/job-context';
import { presentInstances, removePartialFiles } from './instance-file';
import { PacsError, type PacsClient } from './pacs-client';

export interface RetrievalReport {
  /** Instances the PACS listed for the study (or series). */
  total: number;
  /** Already in the staging folder from an earlier attempt. */
  alreadyPresent: number;
  /** Fetched in this attempt. */
  fetched: number;
}

export async function retrieveStudy(
  client: PacsClient,
  target: { studyInstanceUID: string; seriesInstanceUID?: string | undefined },
  stagingDir: string,
  ctx: JobContext,
): Promise<RetrievalReport> {
  mkdirSync(stagingDir, { recursive: true });
  removePartialFiles(stagingDir);
  ctx.progress(0, 'asking the PACS for the instance list');
  const listed = await client.findInstances(target.studyInstanceUID, target.seriesInstanceUID, ctx.signal);
  const what = target.seriesInstanceUID ? `series ${target.seriesInstanceUID}` : `study ${target.studyInstanceUID}`;
  if (listed.length === 0) throw new PacsError(`the PACS has no instances of ${what}`);

  const present = presentInstances(stagingDir);
  const missingBySeries = new Map<string, { all: number; missing: string[] }>();
  for (const row of listed) {
    const entry = missingBySeries.get(row.seriesInstanceUID) ?? { all: 0, missing: [] };
    entry.all++;
    if (!present.has(row.sopInstanceUID)) entry.missing.push(row.sopInstanceUID);
    missingBySeries.set(row.seriesInstanceUID, entry);
  }
  const wanted = new Set(listed.map((r) => r.sopInstanceUID));
  const alreadyPresent = listed.length - [...missingBySeries.values()].reduce((n, s) => n + s.missing.length, 0);
  let done = alreadyPresent;
  let fetched = 0;
  const onStored = (sop: string) => {
    if (!wanted.delete(sop) || present.has(sop)) return;
    done++;
    fetched++;
    ctx.progress(done / listed.length, `retrieved ${done}/${listed.length} instances`);
  };
  ctx.progress(done / listed.length, alreadyPresent ? `resuming: ${alreadyPresent}/${listed.length} instances already here` : undefined);

  for (const [seriesInstanceUID, { all, missing }] of missingBySeries) {
    if (missing.length === 0) continue;
    ctx.throwIfCancelled();
    try {
      await client.retrieve(
        { studyInstanceUID: target.studyInstanceUID, seriesInstanceUID, ...(missing.length < all ? { sopInstanceUIDs: missing } : {}) },
        stagingDir,
        onStored,
        ctx.signal,
      );
    } catch (err) {
      ctx.throwIfCancelled();
      throw err;
    }
  }

  const arrived = presentInstances(stagingDir);
  const stillMissing = listed.filter((r) => !arrived.has(r.sopInstanceUID)).length;
  if (stillMissing > 0) throw new PacsError(`${stillMissing} of ${listed.length} instances of ${what} did not arrive; retry to fetch the rest`);
  return { total: listed.length, alreadyPresent, fetched };
}
