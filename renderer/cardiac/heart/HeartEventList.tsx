/** The run's arrhythmia events (kind, time, region, LPS); a click highlights one in 3D. */
import type { ArrhythmiaEvent } from '../challenge-result';
import { eventKindLabel } from '../event-kinds';

export function HeartEventList({ events, selected, onSelect }: { events: ArrhythmiaEvent[]; selected: number | null; onSelect: (index: number | null) => void }) {
  if (events.length === 0) return <div className="muted small" data-testid="heart-no-events">No arrhythmia events detected in this run.</div>;
  return (
    <ul className="cardiac-events heart-events">
      {events.map((event, n) => (
        <li
          key={n}
          data-testid="heart-event"
          data-kind={event.kind}
          className={n === selected ? 'selected' : ''}
          onClick={() => onSelect(n === selected ? null : n)}
          title="Show where it happened"
        >
          <span className="event-kind">⚡ {eventKindLabel(event.kind)}</span>
          <span>t = {event.timeMs.toFixed(0)} ms</span>
          <span>{event.region}</span>
          <span className="muted">LPS ({event.lps.map((c) => c.toFixed(1)).join(', ')}) mm</span>
        </li>
      ))}
    </ul>
  );
}
