/** `twin pacs`: arguments, and an ad hoc find and echo against a real Orthanc (skipped when Orthanc is absent). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacsSkipReason, startLoadedPacs, type LoadedPacs } from '../../../../workers/pacs/test-pacs';
import { Workstation } from '../../../services/workstation';
import { UsageError, type CliContext } from '../command';
import { pacsCommand } from './pacs';

function context(positionals: string[], values: CliContext['values'], ws?: Workstation): CliContext & { printed: unknown[] } {
  const printed: unknown[] = [];
  return {
    values,
    positionals,
    json: true,
    printed,
    print: (data) => void printed.push(data),
    note: () => {},
    workstation: () => (ws ? Promise.resolve(ws) : Promise.reject(new Error('no store in this test'))),
  };
}

describe('twin pacs arguments', () => {
  let ws: Workstation;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twin-pacs-cli-'));
    ws = new Workstation({ dataDir });
  });
  afterAll(async () => {
    await ws.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a missing action, a missing PACS, both kinds at once, and a study that is not a UID', async () => {
    await expect(pacsCommand.run(context([], {}, ws))).rejects.toBeInstanceOf(UsageError);
    await expect(pacsCommand.run(context(['echo'], {}, ws))).rejects.toThrow(/--node NAME, --url URL/);
    await expect(pacsCommand.run(context(['echo'], { url: 'http://a/dicom-web', host: 'a' }, ws))).rejects.toThrow(/not both/);
    await expect(pacsCommand.run(context(['echo'], { host: 'a', port: '104' }, ws))).rejects.toThrow(/calledAe: a DIMSE node needs the PACS's AE title/);
    await expect(pacsCommand.run(context(['retrieve'], { url: 'http://a/dicom-web', study: '../..' }, ws))).rejects.toThrow('--study: a DICOM UID is digits separated by dots');
  });

  it('reads an auth header value from the environment only', async () => {
    await expect(pacsCommand.run(context(['nodes', 'add'], { name: 'w', url: 'http://a/dicom-web', 'auth-header': 'Authorization' }, ws))).rejects.toThrow(/TWIN_PACS_AUTH/);
  });
});

const skip = pacsSkipReason();

describe.skipIf(skip !== '')(`twin pacs against Orthanc ${skip}`, () => {
  let pacs: LoadedPacs;
  let ws: Workstation;
  beforeAll(async () => {
    pacs = await startLoadedPacs();
    ws = new Workstation({ dataDir: path.join(pacs.work, 'data') });
  }, 30_000);
  afterAll(async () => {
    await ws?.close();
    await pacs?.stop();
  });

  it('echoes and finds ad hoc, and through a saved node', async () => {
    const dimse = { host: '127.0.0.1', port: String(pacs.orthanc.dicomPort), aet: pacs.orthanc.aet };
    const echo = context(['echo'], dimse, ws);
    expect(await pacsCommand.run(echo)).toBe(0);
    expect(echo.printed[0]).toMatchObject({ ok: true });
    const wrongAe = context(['echo'], { ...dimse, aet: 'ELSEWHERE' }, ws);
    expect(await pacsCommand.run(wrongAe)).toBe(1);
    expect(wrongAe.printed[0]).toMatchObject({ ok: false, message: expect.stringContaining('called AE title not recognised') });

    const find = context(['find'], { url: pacs.orthanc.dicomWebUrl, 'patient-id': 'crlab' }, ws);
    expect(await pacsCommand.run(find)).toBe(0);
    expect(find.printed[0]).toEqual({ studies: [expect.objectContaining({ studyInstanceUID: pacs.studyUID })] });

    expect(await pacsCommand.run(context(['nodes', 'add'], { name: 'orthanc', ...dimse }, ws))).toBe(0);
    const byNode = context(['find'], { node: 'orthanc', 'patient-name': 'HFS' }, ws);
    expect(await pacsCommand.run(byNode)).toBe(0);
    expect(byNode.printed[0]).toEqual(find.printed[0]);
  });
});
