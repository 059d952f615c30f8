/**
 * Plans a patient's CT with its structure set: the structures (roles and colours from the RTSTRUCT), target and
 * organs at risk, beams, prescription, fractions and PTV margin; "Plan" starts the job.
 */
import { useEffect, useState } from 'react';
import type { Job, StudySummary } from '../../main/contract/domain';
import { useBridge } from '../bridge/bridge-context';
import { tissueForStructureName } from '../../workers/rt/plan/structure-tissue';
import { BeamEditor, equispacedGantryDeg } from './BeamEditor';
import { readRois, type RoiInfo } from './rtstruct-rois';
import { StartedJob } from './StartedJob';
import { structureColour } from './structure-colours';

/** Structures that are neither target nor organ at risk by default (the outline, bone). */
const NOT_AN_OAR = /^(body|external|skin|outline|ribs?|bones?)$/i;

function defaultTarget(rois: RoiInfo[]): string {
  return (rois.find((r) => /tumou?r|gtv|ctv|ptv/i.test(r.name)) ?? rois[0])?.name ?? '';
}

export function PatientPlanForm({ studies, rois, onRois }: { studies: StudySummary[]; rois: RoiInfo[]; onRois: (rois: RoiInfo[]) => void }) {
  const bridge = useBridge();
  const allSeries = studies.flatMap((s) => s.series);
  const cts = allSeries.filter((s) => s.modality === 'CT' && s.instanceCount > 1);
  const structs = allSeries.filter((s) => s.modality === 'RTSTRUCT');
  const [ctKey, setCtKey] = useState(cts[0]?.seriesKey ?? '');
  const [structKey, setStructKey] = useState(structs[0]?.seriesKey ?? '');
  const [target, setTarget] = useState('');
  const [oars, setOars] = useState<string[]>([]);
  const [gantryDeg, setGantryDeg] = useState(equispacedGantryDeg(9));
  const [prescriptionGy, setPrescriptionGy] = useState(60);
  const [fractions, setFractions] = useState(30);
  const [ptvMarginMm, setPtvMarginMm] = useState(5);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!structKey) return;
    let live = true;
    bridge
      .invoke('series.instances', { seriesKey: structKey })
      .then(({ instances }) => bridge.instanceBytes(instances[0]!.sopInstanceUid))
      .then((bytes) => {
        if (!live) return;
        const found = readRois(bytes);
        onRois(found);
        const t = defaultTarget(found);
        setTarget(t);
        setOars(found.filter((r) => r.name !== t && tissueForStructureName(r.name) !== undefined).map((r) => r.name));
      })
      .catch((e: Error) => live && setError(`Could not read the structure set: ${e.message}`));
    return () => {
      live = false;
    };
  }, [bridge, structKey, onRois]);

  if (cts.length === 0 || structs.length === 0) {
    return <p className="muted">To plan this patient, import a CT series and its RT structure set.</p>;
  }

  const plan = () => {
    setError(null);
    bridge
      .invoke('jobs.start', { kind: 'rt.plan.patient', input: { ctSeriesKey: ctKey, rtstructSeriesKey: structKey, target, ptvMarginMm, oars, gantryDeg, prescriptionGy, fractions } })
      .then(setJob, (e: Error) => setError(e.message));
  };
  const toggleOar = (name: string, on: boolean) => setOars((list) => (on ? [...list, name] : list.filter((n) => n !== name)));

  return (
    <section className="rt-card" aria-label="Patient plan">
      <h3 className="panel-title">Patient plan</h3>
      <div className="rt-form">
        <label>CT <select value={ctKey} onChange={(e) => setCtKey(e.target.value)}>{cts.map((s) => <option key={s.seriesKey} value={s.seriesKey}>{s.description || 'CT'} ({s.instanceCount})</option>)}</select></label>
        <label>Structures <select value={structKey} onChange={(e) => setStructKey(e.target.value)}>{structs.map((s) => <option key={s.seriesKey} value={s.seriesKey}>{s.description || 'RTSTRUCT'}</option>)}</select></label>
        <label>Target <select value={target} onChange={(e) => { setTarget(e.target.value); toggleOar(e.target.value, false); }} data-testid="rt-target">{rois.map((r) => <option key={r.roiNumber} value={r.name}>{r.name}</option>)}</select></label>
        <label>PTV margin (mm) <input type="number" min={0} max={30} step={1} value={ptvMarginMm} onChange={(e) => setPtvMarginMm(Number(e.target.value))} /></label>
        <label>Prescription (Gy) <input type="number" min={1} max={100} step={1} value={prescriptionGy} onChange={(e) => setPrescriptionGy(Number(e.target.value))} /></label>
        <label>Fractions <input type="number" min={1} max={60} step={1} value={fractions} onChange={(e) => setFractions(Number(e.target.value))} /></label>
      </div>
      <table className="rt-table rt-roi-list" data-testid="rt-roi-list">
        <caption>Structures in the set</caption>
        <thead><tr><th>Structure</th><th>Role</th><th>Tissue model</th></tr></thead>
        <tbody>
          {rois.map((r) => {
            const role = r.name === target ? 'target' : oars.includes(r.name) ? 'oar' : 'none';
            return (
              <tr key={r.roiNumber} data-testid="rt-roi" data-name={r.name} data-role={role}>
                <td><i className="swatch" style={{ background: r.colour ?? structureColour(r.name, role) }} />{r.name}</td>
                <td>
                  {role === 'target' ? 'target (PTV by margin)' : (
                    <label><input type="checkbox" checked={role === 'oar'} disabled={NOT_AN_OAR.test(r.name) && role !== 'oar'} onChange={(e) => toggleOar(r.name, e.target.checked)} /> organ at risk</label>
                  )}
                </td>
                <td className="muted">{role === 'target' ? 'tumour' : tissueForStructureName(r.name) ?? 'normal'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <BeamEditor gantryDeg={gantryDeg} onChange={setGantryDeg} />
      <div className="rt-row">
        <button onClick={plan} disabled={!target || gantryDeg.length === 0} data-testid="rt-plan-patient">Plan {target || 'patient'}</button>
        <span className="small muted">{prescriptionGy} Gy in {fractions} × {(prescriptionGy / fractions).toFixed(2)} Gy · 6 MV · {gantryDeg.length} beams</span>
      </div>
      {error && <p className="error">{error}</p>}
      {job && <StartedJob key={job.id} job={job} />}
    </section>
  );
}
