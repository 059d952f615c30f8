import type { StudySummary } from '../../main/contract/domain';
import { SeriesThumbnail } from './SeriesThumbnail';
import './studies.css';

function formatSpacing(s: [number, number, number] | null): string {
  return s ? `${s.map((v) => v.toFixed(2)).join(' × ')} mm` : 'spacing unknown';
}

export function SeriesList({
  studies,
  selected,
  onSelect,
}: {
  studies: StudySummary[];
  selected: string | null;
  onSelect: (seriesKey: string) => void;
}) {
  return (
    <section className="series-list" aria-label="Studies and series" data-testid="series-list">
      {studies.map((study) => (
        <div key={study.studyInstanceUid} className="study">
          <h3 className="study-title">
            {study.description || 'Study'} <span className="muted">{study.date ?? ''}</span>
          </h3>
          <ul>
            {study.series.map((s) => (
              <li key={s.seriesKey}>
                <button
                  className={s.seriesKey === selected ? 'series with-thumbnail selected' : 'series with-thumbnail'}
                  onClick={() => onSelect(s.seriesKey)}
                  data-testid="series-item"
                >
                  <SeriesThumbnail seriesKey={s.seriesKey} modality={s.modality} instanceCount={s.instanceCount} />
                  <span className="series-text">
                    <span className="modality">{s.modality}</span>
                    <span className="series-description">{s.description || '(no description)'}</span>
                    <span className="series-meta" data-testid="series-count">
                      {s.instanceCount} {s.instanceCount === 1 ? 'object' : 'images'}
                      {s.rows ? ` · ${s.columns}×${s.rows}` : ''} · {formatSpacing(s.spacingMm)}
                    </span>
                    {s.warnings.length > 0 && (
                      <span className="warning" title={s.warnings.join('\n')}>
                        ⚠ {s.warnings.length} warning{s.warnings.length > 1 ? 's' : ''}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
