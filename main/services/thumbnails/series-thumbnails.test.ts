/** Series thumbnails through the byte reader every host uses: made once from the middle image, then read from the cache. */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { scanDicom } from '../../../workers/dicom/scan';
import { createJobContext } from '../../../workers/process/job-context';
import { createByteReader } from '../handlers';
import { indexScan } from '../imports/index-scan';
import { Workstation } from '../workstation';

const CT = 'dicom/ct-chest-cptac-99';
const RTSTRUCT = 'rt/dicompyler/rtss.dcm';
const ct = sharedData(CT);
const rtstruct = sharedData(RTSTRUCT);

describe.skipIf(!ct || !rtstruct)(`series thumbnails ${ct && rtstruct ? '' : missingDataMessage(ct ? RTSTRUCT : CT)}`, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twin-thumbnails-'));
  let ws: Workstation;
  let keys: Record<string, string>;

  beforeAll(async () => {
    ws = new Workstation({ dataDir });
    const scan = await scanDicom([ct!, rtstruct!], createJobContext());
    const summary = indexScan(ws.db, ws.audit, ws.actor, scan);
    keys = Object.fromEntries(summary.series.map((s) => [s.modality, s.seriesKey]));
  });
  afterAll(async () => {
    await ws.close();
  });

  it('serves a 128 × 128 PNG of the CT and keeps it in the data folder', async () => {
    const read = createByteReader(ws);
    const result = await read({ type: 'thumbnail', seriesKey: keys.CT });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.bytes.toString('latin1', 1, 4)).toBe('PNG');
    expect([result.bytes.readUInt32BE(16), result.bytes.readUInt32BE(20)]).toEqual([128, 128]);
    const cached = readdirSync(ws.locations.thumbnailsDir);
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(/-99\.png$/);
    // The second request is the cached file, byte for byte.
    const again = await read({ type: 'thumbnail', seriesKey: keys.CT });
    expect(again.ok && again.bytes.equals(result.bytes)).toBe(true);
  });

  it('answers not-found for a structure set (no pixels) and for an unknown series, and refuses a bad reference', async () => {
    const read = createByteReader(ws);
    expect(await read({ type: 'thumbnail', seriesKey: keys.RTSTRUCT })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await read({ type: 'thumbnail', seriesKey: '1.2.3.4' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await read({ type: 'thumbnail', seriesKey: 'x'.repeat(500) })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
