/**
 * The "Patient heart" run form: CT series, genotype, epinephrine dose, pacing protocol, optional scar and grid; the
 * pacing site and scar centre come from clicks on the 3D heart. "Run" starts an `ep.heart` job and follows it
 * (progress, cancel) until it ends; the stored run then shows by itself (derived.changed).
 */
import type { SeriesSummary } from '../../../main/contract/domain';
import { JobStatusLine } from '../../jobs/JobStatusLine';
import { useStartedJob } from '../../jobs/use-started-job';
import { DEFAULT_DOSES_UG_PER_KG_MIN } from '../dose-protocol';
import { genotypeInfo, GENOTYPES } from '../genotypes';
import { buildHeartRunInput, type HeartForm } from './heart-protocol';

/** The clinical escalating infusion with its top 0.3 µg/kg/min step (Vyas et al. Circulation 2006;113:1385). */
const DOSES_UG_PER_KG_MIN = [...DEFAULT_DOSES_UG_PER_KG_MIN, 0.3];
/** In the patient's heart a scar is a placed sphere, not the wedge's whole-tissue "scar" preset. */
const HEART_GENOTYPES = GENOTYPES.filter((g) => g !== 'scar');

export type PickTarget = 'pacing' | 'scar';
const formatLps = (p: readonly number[]) => `(${p.map((c) => c.toFixed(1)).join(', ')})`;

export function HeartRunForm({
  ctSeries,
  seriesKey,
  onSeries,
  form,
  onForm,
  pickTarget,
  onPickTarget,
}: {
  ctSeries: SeriesSummary[];
  seriesKey: string | null;
  onSeries: (seriesKey: string) => void;
  form: HeartForm;
  onForm: (patch: Partial<HeartForm>) => void;
  pickTarget: PickTarget;
  onPickTarget: (target: PickTarget) => void;
}) {
  const { job, running, error, start: startJob, cancel } = useStartedJob('ep.heart');
  const series = ctSeries.find((s) => s.seriesKey === seriesKey) ?? null;
  const built = series ? buildHeartRunInput(form, series.seriesKey) : ({ ok: false, error: 'Choose a CT series.' } as const);

  const start = () => {
    if (built.ok) startJob(built.input);
  };
  const field = (key: keyof HeartForm, label: string, testId: string) => (
    <label className="cardiac-field heart-number">
      <span className="small muted">{label}</span>
      <input data-testid={testId} value={form[key] as string} onChange={(e) => onForm({ [key]: e.target.value })} spellCheck={false} />
    </label>
  );

  return (
    <div className="cardiac-form" data-testid="heart-form">
      <label className="cardiac-field">
        <span className="small muted">CT series</span>
        <select data-testid="heart-series" value={seriesKey ?? ''} onChange={(e) => onSeries(e.target.value)}>
          {ctSeries.length === 0 && <option value="">no CT series</option>}
          {ctSeries.map((s) => (
            <option key={s.seriesKey} value={s.seriesKey}>
              {s.description || 'CT'} · {s.instanceCount} images
            </option>
          ))}
        </select>
      </label>
      <div className="heart-row">
        <label className="cardiac-field">
          <span className="small muted">Genotype</span>
          <select data-testid="heart-genotype" value={form.genotype} onChange={(e) => onForm({ genotype: e.target.value as HeartForm['genotype'] })}>
            {HEART_GENOTYPES.map((id) => (
              <option key={id} value={id}>
                {genotypeInfo(id).label}
              </option>
            ))}
          </select>
        </label>
        <label className="cardiac-field">
          <span className="small muted">Epinephrine (µg/kg/min)</span>
          <select data-testid="heart-dose" value={form.doseUgPerKgMin} onChange={(e) => onForm({ doseUgPerKgMin: Number(e.target.value) })}>
            {DOSES_UG_PER_KG_MIN.map((dose) => (
              <option key={dose} value={dose}>
                {dose}
              </option>
            ))}
          </select>
        </label>
      </div>

      <fieldset className="heart-protocol">
        <legend className="small muted">Pacing protocol</legend>
        <div className="heart-row">
          {field('s1CycleMs', 'S1 cycle (ms)', 'heart-s1-cycle')}
          {field('s1Beats', 'S1 beats', 'heart-s1-beats')}
        </div>
        <div className="heart-row small">
          <label>
            <input type="radio" name="heart-protocol" data-testid="heart-protocol-s1s4" checked={form.protocolKind === 's1s4'} onChange={() => onForm({ protocolKind: 's1s4' })} /> S2–S4
          </label>
          <label>
            <input type="radio" name="heart-protocol" data-testid="heart-protocol-burst" checked={form.protocolKind === 'burst'} onChange={() => onForm({ protocolKind: 'burst' })} /> burst
          </label>
        </div>
        {form.protocolKind === 's1s4' ? (
          field('couplingsMs', 'S2, S3, S4 couplings (ms; empty: S1 only)', 'heart-couplings')
        ) : (
          <div className="heart-row">
            {field('burstCycleMs', 'Burst cycle (ms)', 'heart-burst-cycle')}
            {field('burstBeats', 'Burst beats', 'heart-burst-beats')}
          </div>
        )}
      </fieldset>

      <div className="heart-row small">
        <span className="muted">Click on the heart sets:</span>
        <label>
          <input type="radio" name="heart-pick" data-testid="heart-pick-pacing" checked={pickTarget === 'pacing'} onChange={() => onPickTarget('pacing')} /> pacing site
        </label>
        <label>
          <input type="radio" name="heart-pick" data-testid="heart-pick-scar" disabled={!form.scar} checked={pickTarget === 'scar'} onChange={() => onPickTarget('scar')} /> scar centre
        </label>
      </div>
      <div className="small" data-testid="heart-pacing-site">
        Pacing site:{' '}
        {form.pacingSiteLps ? (
          <>
            LPS {formatLps(form.pacingSiteLps)} mm{' '}
            <button className="link" onClick={() => onForm({ pacingSiteLps: null })}>
              reset
            </button>
          </>
        ) : (
          <span className="muted">default: LV apex</span>
        )}
      </div>

      <label className="small">
        <input
          type="checkbox"
          data-testid="heart-scar"
          checked={form.scar !== null}
          onChange={(e) => {
            onForm({ scar: e.target.checked ? { centreLps: null, radiusMm: '10', borderMm: '3' } : null });
            onPickTarget(e.target.checked ? 'scar' : 'pacing');
          }}
        />{' '}
        Scar (non-conducting core with a border zone)
      </label>
      {form.scar && (
        <div className="heart-row">
          <span className="small">{form.scar.centreLps ? `centre LPS ${formatLps(form.scar.centreLps)}` : <span className="muted">click the heart for its centre</span>}</span>
          <label className="cardiac-field heart-number">
            <span className="small muted">radius (mm)</span>
            <input data-testid="heart-scar-radius" value={form.scar.radiusMm} onChange={(e) => onForm({ scar: { ...form.scar!, radiusMm: e.target.value } })} />
          </label>
          <label className="cardiac-field heart-number">
            <span className="small muted">border (mm)</span>
            <input value={form.scar.borderMm} onChange={(e) => onForm({ scar: { ...form.scar!, borderMm: e.target.value } })} />
          </label>
        </div>
      )}
      {field('gridMm', 'Grid (mm; 0.5–2, finer is slower)', 'heart-grid')}

      {!built.ok && <div className="error small">{built.error}</div>}
      <div className="cardiac-actions">
        <button data-testid="heart-run" disabled={running || !built.ok} onClick={start}>
          {running ? 'Running…' : 'Run'}
        </button>
        {running && (
          <button data-testid="heart-cancel" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      {job && <JobStatusLine job={job} running={running} testId="heart-job" progressLabel="heart run progress" />}
      {error && <div className="error small">{error}</div>}
    </div>
  );
}
