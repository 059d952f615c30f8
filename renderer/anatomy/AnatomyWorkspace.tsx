/**
 * The 3D anatomy workspace: organ surfaces from the segmentation job, rendered with vtk.js. vtk.js loads only when
 * the tab is first opened, so the shell starts without it.
 */
import { lazy, Suspense } from 'react';
import type { WorkspaceProps } from '../workspaces/workspace';

const AnatomyView = lazy(() => import('./AnatomyView').then((m) => ({ default: m.AnatomyView })));

export function AnatomyWorkspace({ patient, series }: WorkspaceProps) {
  if (!series) return <div className="empty-state">Choose a CT series to segment and view in 3D.</div>;
  // The presets are Hounsfield-unit thresholds: they mean nothing on other modalities.
  if (series.modality !== 'CT') {
    return <div className="empty-state">3D anatomy segments CT series; this one is {series.modality}. Choose a CT series.</div>;
  }
  return (
    <Suspense fallback={<div className="muted">Starting the 3D view…</div>}>
      <AnatomyView key={series.seriesKey} patient={patient} series={series} />
    </Suspense>
  );
}
