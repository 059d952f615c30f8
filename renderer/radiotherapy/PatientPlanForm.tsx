/**
 * Plans a patient's CT with its structure set: the structures with their colours, each given a role (one target,
 * organs at risk, or not used), beams, prescription, fractions and PTV margin; "Plan" starts the job.
 */
import { useEffect, useState } from 'react';
import type { Job, StudySummary } from '../../main/contract/domain';
import { tissueForStructureName } from '../../workers/rt/plan/structure-tissue';
import { useBridge } from '../bridge/bridge-context';
import { BeamEditor, equispacedGantryDeg } from './BeamEditor';
import { readRois, type RoiInfo } from './rtstruct-rois';
import { StartedJob } from './StartedJob';
import { ObjectiveProposal, type AcceptedObjectives } from './ObjectiveProposal';
import { structureColours } from '../../workers/rt/plan/structure-colours';

type Role = 'target' | 'oar' | 'none';

/** The first structure named like a tumour volume is the target; organs with a tissue model are organs at risk. */
function defaultRoles(rois: RoiInfo[]): Map<string, Role> {
  const target = (rois.find((r) => /tumou?r|gtv|ctv|ptv/i.test(r.name)) ?? rois[0])?.name;
  return new Map(rois.map((r) => [r.name, r.name === target ? 'target' : tissueForStructureName(r.name) ? 'oar' : 'none']));
}

export function PatientPlanForm({ studies, rois, onRois }: { studies: StudySummary[]; rois: RoiInfo[]; onRois: (rois: RoiInfo[]) => void }) {
  const bridge = useBridge();
  const allSeries = studies.flatMap((s) => s.series);
  const cts = allSeries.filter((s) => s.modality === 'CT' && s.instanceCount > 1);
  const structs = allSeries.filter((s) => s.modality === 'RTSTRUCT');
  const [ctKey, setCtKey] = useState(cts[0]?.seriesKey ?? '');
  const [structKey, setStructKey] = useState(structs[0]?.seriesKey ?? '');
  const [roles, setRoles] = useState<Map<string, Role>>(new Map());
  const [gantryDeg, setGantryDeg] = useState(equispacedGantryDeg(9));
  const [prescriptionGy, setPrescriptionGy] = useState(60);
  const [fractions, setFractions] = useState(30);
  const [ptvMarginMm, setPtvMarginMm] = useState(5);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kbp, setKbp] = useState<AcceptedObjectives | null>(null);

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
        setRoles(defaultRoles(found));
      })
      .catch((e: Error) => live && setError(`Could not read the structure set: ${e.message}`));
    return () => {
      live = false;
    };
  }, [bridge, structKey, onRois]);

  if (cts.length === 0 || structs.length === 0) {
    return <p className="muted">To plan this patient, import a CT series and its RT structure set.</p>;
  }

  const target = [...roles].find(([, r]) => r === 'target')?.[0] ?? '';
  const oars = [...roles].filter(([, r]) => r === 'oar').map(([n]) => n);
  const colours = structureColours(rois.map((r) => ({ name: r.name, role: roles.get(r.name) ?? 'none' })), new Map(rois.flatMap((r) => (r.colour ? [[r.name, r.colour]] : []))));
  // One target: choosing a new one leaves the previous target unused.
  const setRole = (name: string, role: Role) =>
    setRoles((m) => new Map([...m].map(([n, r]) => [n, n === name ? role : role === 'target' && r === 'target' ? 'none' : r])));
  const plan = () => {
    setError(null);
    bridge
      .invoke('jobs.start', { kind: 'rt.plan.patient', input: { ctSeriesKey: ctKey, rtstructSeriesKey: structKey, target, ptvMarginMm, oars, gantryDeg, prescriptionGy, fractions, ...(kbp ? { oarObjectives: kbp.objectives, objectivesFrom: kbp.from } : {}) } })
      .then(setJob, (e: Error) => setError(e.message));
  };

  return (
    <section className="rt-card" aria-label="Patient plan">
      <h3 className="panel-title">Patient plan</h3>
      <div className="rt-form">
        <label>CT <select value={ctKey} onChange={(e) => setCtKey(e.target.value)}>{cts.map((s) => <option key={s.seriesKey} value={s.seriesKey}>{s.description || 'CT'} ({s.instanceCount})</option>)}</select></label>
        <label>Structure set <select value={structKey} onChange={(e) => setStructKey(e.target.value)}>{structs.map((s) => <option key={s.seriesKey} value={s.seriesKey}>{s.description || 'RTSTRUCT'}</option>)}</select></label>
        <label>PTV margin (mm) <input type="number" min={0} max={30} step={1} value={ptvMarginMm} onChange={(e) => setPtvMarginMm(Number(e.target.value))} /></label>
        <label>Prescription (Gy) <input type="number" min={1} max={100} step={1} value={prescriptionGy} onChange={(e) => setPrescriptionGy(Number(e.target.value))} /></label>
        <label>Fractions <input type="number" min={1} max={60} step={1} value={fractions} onChange={(e) => setFractions(Number(e.target.value))} /></label>
      </div>
      <ul className="rt-roi-list" aria-label="Structures and roles" data-testid="rt-roi-list">
        {rois.map((r) => {
          const role = roles.get(r.name) ?? 'none';
          return (
            <li key={r.roiNumber} data-testid="rt-roi" data-name={r.name} data-role={role} className={`role-${role}`}>
              <i className="swatch" style={{ background: colours.get(r.name) }} />
              <span className="rt-roi-name" title={`tissue model: ${role === 'target' ? 'tumour' : tissueForStructureName(r.name) ?? 'normal'}`}>{r.name}</span>
              <select value={role} onChange={(e) => setRole(r.name, e.target.value as Role)} aria-label={`Role of ${r.name}`}>
                <option value="target">target</option>
                <option value="oar">organ at risk</option>
                <option value="none">not used</option>
              </select>
            </li>
          );
        })}
      </ul>
      <BeamEditor gantryDeg={gantryDeg} onChange={setGantryDeg} />
      <ObjectiveProposal question={{ ctSeriesKey: ctKey, rtstructSeriesKey: structKey, target, ptvMarginMm, oars, prescriptionGy }} onAccepted={setKbp} />
      <div className="rt-row wrap">
        <button onClick={plan} disabled={!target || gantryDeg.length === 0} data-testid="rt-plan-patient">Plan {target || 'patient'}</button>
        <span className="small muted">PTV = {target || '…'} + {ptvMarginMm} mm · {prescriptionGy} Gy in {fractions} × {(prescriptionGy / fractions).toFixed(2)} Gy · 6 MV · {gantryDeg.length} beams · {oars.length} organs at risk{kbp ? ` · OAR objectives: model estimate · ${kbp.from.name} v${kbp.from.version}` : ''}</span>
      </div>
      {error && <p className="error">{error}</p>}
      {job && <StartedJob key={job.id} job={job} />}
    </section>
  );
}
