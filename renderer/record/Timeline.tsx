import type { PatientRecord } from '../../main/contract/domain';

type Item = PatientRecord['conditions'][number];

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '…');

export function Timeline({ title, items }: { title: string; items: Item[] }) {
  return (
    <section className="record-timeline" aria-label={title}>
      <h3 className="panel-title">
        {title} <span className="muted">({items.length})</span>
      </h3>
      <ul>
        {[...items].reverse().map((i) => (
          <li key={`${i.resourceType}/${i.id}`} data-testid="record-item">
            <span className="record-date">
              {date(i.start)}
              {i.end && i.end !== i.start ? ` → ${date(i.end)}` : ''}
            </span>
            <span>{i.display}</span>
            {i.status && <span className="muted small"> {i.status}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
