import type { SeriesSummary } from '../../main/contract/domain';

/** One line of what the store knows of the series: matrix, count, voxel size and the importer's warnings. */
export function SeriesDetails({ series }: { series: SeriesSummary }) {
  const parts = [
    series.rows ? `${series.columns} × ${series.rows}` : null,
    `${series.instanceCount} ${series.instanceCount === 1 ? 'image' : 'images'}`,
    series.spacingMm ? `${series.spacingMm.map((v) => v.toFixed(2)).join(' × ')} mm` : null,
  ].filter(Boolean);
  return (
    <div className="series-details small" data-testid="series-info">
      <span>{parts.join(' · ')}</span>
      {series.warnings.length > 0 && (
        <span className="warning" title={series.warnings.join('\n')}>
          ⚠ {series.warnings.join('; ')}
        </span>
      )}
    </div>
  );
}
