/**
 * An instant preview while sliders move: the learned cell surrogate (native-models/ep-cell-surrogate) estimates the
 * action-potential duration for channel scalings, epinephrine dose and cycle length. Labelled as a model estimate
 * with its version; the full simulation (Run challenge) is what confirms it. Without the model the panel says why and
 * the rest of the workspace works as before.
 */
import { useEffect, useState } from 'react';
import { useBridge, useQuery } from '../bridge/bridge-context';

const MODEL = 'ep-cell-surrogate';
const SLIDERS = ['gKs', 'gKr', 'gCaL', 'gNaLAbsolute', 'doseUgPerKgMin', 'cycleLengthMs'] as const;
const CONTROL: Record<(typeof SLIDERS)[number], number> = { gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, doseUgPerKgMin: 0, cycleLengthMs: 1000 };

export function SurrogatePreview() {
  const bridge = useBridge();
  const status = useQuery('models.status', { model: MODEL });
  const [values, setValues] = useState(CONTROL);
  const [estimate, setEstimate] = useState<{ version: string; baseline: Record<string, number>; now: Record<string, number> } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!status.data?.available) return;
    let live = true;
    bridge
      .invoke('models.predict', { model: MODEL, cases: [CONTROL, values] })
      .then((r) => live && (setEstimate({ version: r.version, baseline: r.outputs[0]!, now: r.outputs[1]! }), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [bridge, status.data?.available, values]);

  if (!status.data) return null;
  if (!status.data.available) return <p className="muted small" data-testid="surrogate-unavailable">Instant preview unavailable: {status.data.reason}</p>;
  const { inputs, heldOutMaxAbsError } = status.data;
  return (
    <section className="surrogate" aria-label="Instant preview (model estimate)" data-testid="surrogate">
      <div className="panel-title">Instant preview · single cell</div>
      {inputs
        .filter((i) => (SLIDERS as readonly string[]).includes(i.name))
        .map((i) => (
          <label key={i.name} className="surrogate-slider">
            <span title={i.description}>
              {i.name} = {values[i.name as keyof typeof values]} {i.unit}
            </span>
            <input
              type="range"
              min={i.min}
              max={i.max}
              step={(i.max - i.min) / 100}
              value={values[i.name as keyof typeof values]}
              data-testid={`surrogate-${i.name}`}
              onChange={(e) => setValues((v) => ({ ...v, [i.name]: Number(e.target.value) }))}
            />
          </label>
        ))}
      {estimate && (
        <p data-testid="surrogate-estimate">
          APD90 ≈ <strong>{estimate.now.apd90Ms!.toFixed(0)} ms</strong> ({(estimate.now.apd90Ms! - estimate.baseline.apd90Ms!).toFixed(0)} ms vs control
          at 1 Hz) <span className="muted small">· model estimate, {MODEL} v{estimate.version}, held-out error ≤ {heldOutMaxAbsError.apd90Ms ?? '?'} ms</span>
        </p>
      )}
      {error && <p className="error small">{error}</p>}
    </section>
  );
}
