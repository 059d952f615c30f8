/** The what-if controls: dose scale, fraction count and beams on/off; the tables and DVH follow them live. */
import type { PlanSummary } from './plan-summary';
import type { WhatIfSettings } from './what-if';

export function WhatIfPanel({ summary, settings, onChange, sources }: { summary: PlanSummary; settings: WhatIfSettings; onChange: (s: WhatIfSettings) => void; sources: string[] }) {
  const scalePct = Math.round(settings.doseScale * 100);
  return (
    <section className="rt-whatif" aria-label="What-if">
      <h3 className="panel-title">What if…</h3>
      <label>
        Dose scale <output>{scalePct} %</output>
        <input
          type="range" min={50} max={150} step={1} value={scalePct} data-testid="rt-whatif-scale"
          onChange={(e) => onChange({ ...settings, doseScale: Number(e.target.value) / 100 })}
        />
      </label>
      <label>
        Fractions <output>{settings.fractions} × {((settings.doseScale * summary.prescriptionGy) / settings.fractions).toFixed(2)} Gy</output>
        <input
          type="range" min={1} max={40} step={1} value={settings.fractions} data-testid="rt-whatif-fractions"
          onChange={(e) => onChange({ ...settings, fractions: Number(e.target.value) })}
        />
      </label>
      <fieldset className="rt-beams-on">
        <legend>Beams on</legend>
        {summary.beams.map((b, q) => (
          <label key={q}>
            <input
              type="checkbox" checked={settings.beamsOn[q] ?? true} data-testid="rt-whatif-beam"
              onChange={(e) => onChange({ ...settings, beamsOn: settings.beamsOn.map((on, r) => (r === q ? e.target.checked : on)) })}
            />
            {b.gantryDeg}°
          </label>
        ))}
      </fieldset>
      <button onClick={() => onChange({ doseScale: 1, fractions: summary.fractions, beamsOn: summary.beams.map(() => true) })}>Back to the plan</button>
      <p className="small muted" data-testid="rt-model-note">
        model: LQ/LKB (EQD2 and BED by the linear-quadratic model, Poisson TCP for targets, Lyman–Kutcher–Burman NTCP for organs at risk), parameters from {sources.join('; ')}.
      </p>
    </section>
  );
}
