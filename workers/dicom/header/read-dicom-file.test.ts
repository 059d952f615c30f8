import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { listFiles } from '../files/list-files';
import { readInstanceHeader } from './instance-header';
import { createReadBuffer, readDicomFile } from './read-dicom-file';

const mr = sharedData('dicom/mr-brain-mixed');
const CSA_SERIES_HEADER = 'x00291020';

describe.skipIf(!mr)(mr ? 'header reads that skip long private values' : missingDataMessage('dicom/mr-brain-mixed'), () => {
  const files = mr ? listFiles([mr]).files : [];

  it('give the same instances as full header reads, across series of different layouts and files that are not DICOM', () => {
    const skipping = createReadBuffer({ skipPrivateValues: true });
    for (const file of files) {
      const outcome = (reuse?: ReturnType<typeof createReadBuffer>): unknown => {
        try {
          return readInstanceHeader(file, reuse);
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(outcome(skipping), file).toEqual(outcome());
    }
  });

  it('leave the Siemens CSA header of the next image of a series unread (zeros)', () => {
    const skipping = createReadBuffer({ skipPrivateValues: true });
    const [first, second] = files.filter((f) => /\d$/.test(f));
    readDicomFile(first!, 'header', skipping);
    const skipped = readDicomFile(second!, 'header', skipping).dataSet;
    const full = readDicomFile(second!, 'header').dataSet;
    const csa = full.elements[CSA_SERIES_HEADER]!;
    expect(skipped.elements[CSA_SERIES_HEADER]).toEqual(csa);
    const middle = (ds: typeof full): number[] => Array.from(ds.byteArray.subarray(csa.dataOffset + csa.length / 2, csa.dataOffset + csa.length / 2 + 64));
    expect(middle(skipped).every((b) => b === 0)).toBe(true);
    expect(middle(full).every((b) => b === 0)).toBe(false);
  });
});
