import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataMessage, repoRoot, sharedData } from '../../../../testing/shared-data';
import { describePixels } from '../../../../workers/dicom/decode/describe-pixels';

const syntaxes = sharedData('dicom/transfer-syntaxes');
const pydicom = sharedData('dicom/pydicom');
const twin = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'twin.mjs'), ...args], { encoding: 'utf8' });

describe.skipIf(!syntaxes || !pydicom)(syntaxes && pydicom ? 'twin pixels' : missingDataMessage('dicom'), () => {
  it('prints the contract JSON for a JPEG-LS file, with the hash of its uncompressed twin', async () => {
    const jpegLs = twin('pixels', path.join(syntaxes!, '7.dcm'), '--json');
    const plain = await describePixels(path.join(syntaxes!, '1.dcm'));
    expect(jpegLs.status).toBe(0);
    const report = JSON.parse(jpegLs.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['transferSyntaxUID', 'rows', 'columns', 'frames', 'samplesPerPixel', 'min', 'max', 'sha256']);
    expect(report).toMatchObject({ transferSyntaxUID: '1.2.840.10008.1.2.4.80', rows: 384, columns: 384, frames: 1, samplesPerPixel: 1 });
    expect(report.sha256).toBe(plain.sha256);
  });

  it('names the file and the reason on stderr and exits 1 for a truncated file', () => {
    const file = path.join(pydicom!, 'MR_truncated.dcm');
    const result = twin('pixels', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/truncated/);
  });
});
