/**
 * The workstation shell: patients on the left, the chosen patient's studies and a workspace (viewer, 3D,
 * radiotherapy, cardiac: modes in the spirit of OHIF) in the middle, and the job tray at the bottom.
 */
import { useState } from 'react';
import { useQuery } from '../bridge/bridge-context';
import { DiagnosticsMenu } from '../diagnostics/DiagnosticsMenu';
import { ImportPanel } from '../imports/ImportPanel';
import { JobTray } from '../jobs/JobTray';
import { PatientList } from '../studies/PatientList';
import { PatientView } from '../studies/PatientView';
import { SyncStatusBar } from '../sync/SyncStatusBar';

export function App() {
  const info = useQuery('app.info', {});
  const [patientKey, setPatientKey] = useState<string | null>(null);

  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Twin Workstation</span>
        <span className="host-note" data-testid="app-info">
          {info.data ? `v${info.data.version} · ${info.data.host === 'electron' ? 'desktop' : 'web host'} · ${info.data.actor}` : ''}
        </span>
        <SyncStatusBar />
        <DiagnosticsMenu />
      </header>
      <aside className="shell-sidebar">
        <PatientList selected={patientKey} onSelect={setPatientKey} />
        <ImportPanel />
      </aside>
      <main className="shell-main">
        {patientKey ? (
          <PatientView patientKey={patientKey} />
        ) : (
          <div className="empty-state">Choose a patient on the left.</div>
        )}
      </main>
      <footer className="shell-tray">
        <JobTray />
      </footer>
    </div>
  );
}
