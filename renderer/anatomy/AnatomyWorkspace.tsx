/**
 * The 3D anatomy workspace: organ surfaces from the segmentation job, rendered with vtk.js. vtk.js loads only when
 * the tab is first opened, so the shell starts without it.
 */
import { lazy, Suspense } from 'react';
import type { WorkspaceProps } from '../workspaces/workspace';

const AnatomyView = lazy(() => import('./AnatomyView').then((m) => ({ default: m.AnatomyView })));

export function AnatomyWorkspace({ patient, series }: WorkspaceProps) {
  if (!series) return <div className="empty-state">Choose a CT series to segment and view in 3D (or an MR series to volume-render).</div>;
  // CT segments (the presets are Hounsfield-unit thresholds) and volume-renders; MR volume-renders on its own
  // intensity percentiles. Other modalities have no volume to show.
  if (series.modality !== 'CT' && series.modality !== 'MR') {
    return <div className="empty-state">3D anatomy shows CT and MR series; this one is {series.modality}. Choose a CT or MR series.</div>;
  }
  return (
    <Suspense fallback={<div className="muted">Starting the 3D view…</div>}>
      <AnatomyView key={series.seriesKey} patient={patient} series={series} />
    </Suspense>
  );
}
