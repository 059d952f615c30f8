import { readDicomFile } from '../../workers/dicom/header/read-dicom-file';
const r = readDicomFile('/work/shared/data/dicom/pydicom/badVR.dcm', 'full');
for (const e of Object.values(r.dataSet.elements)) if (e.length < 80) console.log(e.tag, e.vr, e.length, JSON.stringify(r.dataSet.string(e.tag)));
