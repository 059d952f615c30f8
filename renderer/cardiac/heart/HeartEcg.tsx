/**
 * A heart run's pseudo-ECG from the torso electrodes: one lead (II by default, where the job measures QT), as the
 * beat QT was measured on with its QT marked, and as the whole run.
 */
import { memo, useState } from 'react';
import { EcgPlot } from '../EcgPlot';
import type { HeartRunSummary } from './heart-run';
import { qtBeat } from './qt-beat';

/** Memoised: the voltage movie re-renders the view 20 times a second, the ECG traces need not follow. */
export const HeartEcg = memo(function HeartEcg({ summary }: { summary: HeartRunSummary }) {
  const { leads, sampleIntervalMs } = summary.ecg;
  const [chosen, setChosen] = useState<string | null>(null);
  const lead = leads.find((l) => l.name === chosen) ?? leads.find((l) => l.name === 'II') ?? leads.find((l) => l.name === 'V5') ?? leads[0];
  if (!lead) return <div className="muted small">This run has no pseudo-ECG (no torso electrodes were found on the CT).</div>;
  const beat = qtBeat(summary.protocol, lead.mv, sampleIntervalMs);
  const result = (values: number[], qtMs: number) => ({
    dose: summary.doseUgPerKgMin,
    heartRateBpm: summary.heartRateBpm,
    qtMs,
    deltaQtMs: 0,
    events: [],
    ecg: { dtMs: sampleIntervalMs, values },
  });
  return (
    <div className="heart-ecg" data-testid="heart-ecg">
      <label className="small">
        Lead{' '}
        <select aria-label="lead" data-testid="heart-lead" value={lead.name} onChange={(e) => setChosen(e.target.value)}>
          {leads.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
      </label>
      <div className="cardiac-ecgs">
        {beat && (
          <EcgPlot
            result={result(beat.values, summary.qtMs ?? NaN)}
            selected={false}
            onSelect={() => {}}
            labels={{
              title: `Lead ${lead.name} · beat from ${beat.startMs} ms${summary.qtMs === null ? ' · QT not measurable' : ''}`,
              timeAxis: 'time from its S1 stimulus (ms)',
              valueAxis: 'mV',
            }}
          />
        )}
        <EcgPlot
          result={result(lead.mv, NaN)}
          selected={false}
          onSelect={() => {}}
          labels={{ title: `Lead ${lead.name} · whole run, ${summary.heartRateBpm.toFixed(0)} bpm`, timeAxis: 'time from the first stimulus (ms)', valueAxis: 'mV' }}
        />
      </div>
    </div>
  );
});
