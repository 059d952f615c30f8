import type { WorkspaceProps } from './workspace';

/** What the store knows of the chosen series: geometry, count and the importer's warnings. */
export function SeriesInfoWorkspace({ series }: WorkspaceProps) {
  if (!series) return <div className="empty-state">Choose a series.</div>;
  return (
    <dl className="series-info" data-testid="series-info">
      <dt>Series</dt>
      <dd>{series.description || '(no description)'}</dd>
      <dt>Modality</dt>
      <dd>{series.modality}</dd>
      <dt>Images</dt>
      <dd>{series.instanceCount}</dd>
      <dt>Matrix</dt>
      <dd>{series.rows ? `${series.columns} × ${series.rows}` : '—'}</dd>
      <dt>Voxel spacing</dt>
      <dd>{series.spacingMm ? `${series.spacingMm.map((v) => v.toFixed(3)).join(' × ')} mm` : '—'}</dd>
      <dt>Series UID</dt>
      <dd className="uid">{series.seriesInstanceUid}</dd>
      <dt>Warnings</dt>
      <dd>{series.warnings.length ? series.warnings.join('; ') : 'none'}</dd>
    </dl>
  );
}
