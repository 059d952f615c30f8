import { useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { workspaces } from './registry';

export function WorkspaceArea({ patient, series }: { patient: PatientSummary; series: SeriesSummary | null }) {
  const [active, setActive] = useState(workspaces[0]!.id);
  const workspace = workspaces.find((w) => w.id === active) ?? workspaces[0]!;
  return (
    <section className="workspace-area">
      <div role="tablist" className="workspace-tabs">
        {workspaces.map((w) => (
          <button key={w.id} role="tab" aria-selected={w.id === active} className="tab" onClick={() => setActive(w.id)}>
            {w.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="workspace-panel">
        <ErrorBoundary what={`The ${workspace.title} workspace`} resetKey={`${workspace.id}|${patient.patientKey}|${series?.seriesKey ?? ''}`}>
          <workspace.Component patient={patient} series={series} />
        </ErrorBoundary>
      </div>
    </section>
  );
}
