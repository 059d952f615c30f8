/** Every arrhythmia event of a run, in dose order: kind, time, named region and position (LPS mm). */
import type { ChallengeDoseResult } from './challenge-result';
import { eventKindLabel } from './event-kinds';

export function EventList({ results, selectedDose, onSelect }: { results: ChallengeDoseResult[]; selectedDose: number | null; onSelect: (dose: number) => void }) {
  const events = results.flatMap((r) => r.events.map((event, n) => ({ dose: r.dose, event, key: `${r.dose}-${n}` })));
  if (events.length === 0) return <div className="muted small" data-testid="ep-no-events">No arrhythmia events detected at any dose.</div>;
  return (
    <ul className="cardiac-events">
      {events.map(({ dose, event, key }) => (
        <li key={key} data-testid="ep-event" data-dose={dose} data-kind={event.kind} className={dose === selectedDose ? 'selected' : ''} onClick={() => onSelect(dose)}>
          <span className="event-kind">⚡ {eventKindLabel(event.kind)}</span>
          <span>{dose} µg/kg/min</span>
          <span>t = {event.timeMs.toFixed(0)} ms</span>
          <span>{event.region}</span>
          <span className="muted">
            LPS ({event.lps.map((c) => c.toFixed(1)).join(', ')}) mm
          </span>
        </li>
      ))}
    </ul>
  );
}
