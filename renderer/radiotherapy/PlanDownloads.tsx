/** Download links for a plan's DICOM files (RTSTRUCT, RTPLAN, RTDOSE), fetched from the derived object on demand. */
import { useState } from 'react';
import { useBridge } from '../bridge/bridge-context';
import type { PlanSummary } from './plan-summary';

type Dicom = NonNullable<PlanSummary['dicom']>;

export function PlanDownloads({ id, dicom }: { id: string; dicom: Dicom }) {
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const files = [
    ...(dicom.rtStructFile ? [{ label: 'RTSTRUCT', file: dicom.rtStructFile }] : []),
    { label: 'RTPLAN', file: dicom.rtPlanFile },
    { label: 'RTDOSE', file: dicom.rtDoseFile },
  ];
  // The bytes arrive asynchronously, so the link cannot hand them to the browser's own download: fetch, then save.
  const save = (file: string) => {
    setError(null);
    bridge
      .derivedFile(id, file)
      .then((bytes) => {
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/dicom' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = file;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      })
      .catch((e: Error) => setError(e.message));
  };
  return (
    <span className="rt-downloads small" data-testid="rt-downloads">
      Download:{' '}
      {files.map(({ label, file }) => (
        <button key={file} type="button" className="link" data-testid="rt-download" data-file={file} onClick={() => save(file)}>
          {label}
        </button>
      ))}
      {error && <span className="error"> {error}</span>}
    </span>
  );
}
