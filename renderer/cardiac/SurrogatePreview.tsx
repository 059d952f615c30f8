/**
 * An instant preview while sliders move: the learned QT surrogate (native-models/ep-qt-surrogate) estimates what the
 * epinephrine challenge's wedge would give for channel scalings at one dose: QT, ΔQT against no epinephrine, the
 * epicardial APD90 and the probability of afterdepolarisations. Labelled as a model estimate with its version; the
 * full simulation (Run challenge) is what confirms it. Without the model the panel says why and the rest of the
 * workspace works as before.
 */
import { useState } from 'react';
import type { RequestOf } from '../../main/contract/channels';
import { useQuery } from '../bridge/bridge-context';
import { GENOTYPES, genotypeLabel } from './genotypes';
import { CONTROL_SCALINGS, QT_SURROGATE, surrogateScalingsFor } from './surrogate-scalings';

type Question = RequestOf<'models.epQt'>;

const signed = (ms: number) => `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${Math.abs(ms).toFixed(0)}`;
const PRESETS = GENOTYPES.flatMap((g) => {
  const scalings = surrogateScalingsFor(g);
  return scalings ? [{ genotype: g, scalings }] : [];
});

export function SurrogatePreview() {
  const status = useQuery('models.status', { model: QT_SURROGATE });
  const [values, setValues] = useState<Question>({ ...CONTROL_SCALINGS, doseUgPerKgMin: 0.05 });
  const estimate = useQuery('models.epQt', status.data?.available ? values : null);

  if (!status.data) return null;
  if (!status.data.available) return <p className="muted small" data-testid="surrogate-unavailable">Instant preview unavailable: {status.data.reason}</p>;
  const { inputs, heldOutMaxAbsError } = status.data;
  const e = estimate.data;
  return (
    <section className="surrogate" aria-label="Instant preview (model estimate)" data-testid="surrogate">
      <div className="panel-title">Instant preview · QT stress test</div>
      <div className="surrogate-presets">
        {PRESETS.map(({ genotype, scalings }) => (
          <button key={genotype} type="button" className="small" data-testid={`surrogate-preset-${genotype}`} onClick={() => setValues((v) => ({ ...scalings, doseUgPerKgMin: v.doseUgPerKgMin }))}>
            {genotypeLabel(genotype)}
          </button>
        ))}
      </div>
      {inputs
        .filter((i) => i.name in values)
        .map((i) => (
          <label key={i.name} className="surrogate-slider">
            <span title={i.description}>
              {i.name} = {values[i.name as keyof Question]} {i.unit}
            </span>
            <input
              type="range"
              min={i.min}
              max={i.max}
              step={(i.max - i.min) / 100}
              value={values[i.name as keyof Question]}
              data-testid={`surrogate-${i.name}`}
              onChange={(ev) => setValues((v) => ({ ...v, [i.name]: Number(ev.target.value) }))}
            />
          </label>
        ))}
      {e && (
        <div data-testid="surrogate-estimate">
          <p>
            QT ≈ <strong data-testid="surrogate-qt">{e.qtMs.toFixed(0)} ms</strong> · ΔQT{' '}
            <strong data-testid="surrogate-dqt">{signed(e.deltaQtMs)} ms</strong> vs no epinephrine · APD90 ≈ {e.apd90Ms.toFixed(0)} ms
          </p>
          <p>
            Afterdepolarisation / triggered activity: <strong data-testid="surrogate-probability">{(100 * e.arrhythmiaProbability).toFixed(0)} %</strong>
          </p>
          <p className="muted small">
            model estimate · {e.model.name} v{e.model.version} · held-out QT error ≤ {heldOutMaxAbsError.qtMs ?? '?'} ms · run the challenge to confirm
          </p>
        </div>
      )}
      {estimate.error && <p className="error small">{estimate.error}</p>}
    </section>
  );
}
