/**
 * The 2D viewer workspace: one series as a stack or as three orthogonal MPR views of its volume, with window
 * presets, measurement tools, cine and OHIF-like keyboard shortcuts. cornerstone3d (several MB) loads only when a
 * series is first opened, so the shell starts without it.
 */
import { lazy, Suspense, useEffect } from 'react';
import type { WorkspaceProps } from '../workspaces/workspace';

const loadSeriesViewer = () => import('./SeriesViewer');
const SeriesViewer = lazy(() => loadSeriesViewer().then((m) => ({ default: m.SeriesViewer })));

/** Modalities whose instances carry no image to show (structures, plans, reports, presentation states). */
const NON_IMAGE_MODALITIES = new Set(['RTSTRUCT', 'RTPLAN', 'RTRECORD', 'SR', 'KO', 'PR', 'REG', 'DOC', 'RWV']);

export function ViewerWorkspace({ patient, series }: WorkspaceProps) {
  // Fetch and parse the viewer's code while the clinician is still choosing a series (about 2 s saved on the
  // first image on this machine).
  useEffect(() => void loadSeriesViewer(), []);
  if (!series) return <div className="empty-state">Choose a series.</div>;
  if (NON_IMAGE_MODALITIES.has(series.modality)) {
    return <div className="empty-state">This {series.modality} series holds no images to view. Choose an image series (CT, MR…).</div>;
  }
  return (
    <Suspense fallback={<div className="muted">Starting the viewer…</div>}>
      <SeriesViewer key={series.seriesKey} patient={patient} series={series} />
    </Suspense>
  );
}
