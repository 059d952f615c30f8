import { readdirSync } from 'node:fs';
import { readDicomFile } from '../../workers/dicom/header/read-dicom-file';
for (const d of ['/work/shared/data/dicom/pydicom', '/work/shared/data/dicom/transfer-syntaxes']) for (const f of readdirSync(d)) {
  try { const r = readDicomFile(`${d}/${f}`, 'header'); console.log(f, r.transferSyntaxUid, r.dataSet.string('x00080018')?.slice(0,20), r.dataSet.elements.x7fe00010?.length, r.fileSizeBytes); }
  catch (e) { console.log(f, 'ERR', (e as Error).message.slice(d.length)); }
}
for (const f of ['MR_truncated.dcm','rtplan_truncated.dcm','UN_sequence.dcm','badVR.dcm']) { try { const r = readDicomFile(`/work/shared/data/dicom/pydicom/${f}`, 'full'); console.log('full', f, Object.keys(r.dataSet.elements).length, r.dataSet.warnings) } catch (e) { console.log('full', f, (e as Error).message) } }
