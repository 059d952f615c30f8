/**
 * The cardiac workspace: the virtual epinephrine QT stress test on a transmural wedge. Choose a genotype and a dose
 * protocol, run it as a job, then read ΔQT against dose (runs compared), heart rate, QT and events per dose, and the
 * pseudo-ECG of each dose with its QT marked. A second view simulates the patient's own heart from the CT
 * (heart/PatientHeartView.tsx); vtk.js loads only when that view is first opened.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { WorkspaceProps } from '../workspaces/workspace';
import { useQuery } from '../bridge/bridge-context';
import { BetaAdrenergicTable } from './BetaAdrenergicTable';
import { ChallengeForm } from './ChallengeForm';
import { toChallengeRun, type ChallengeRun } from './challenge-result';
import { DoseQtChart, type ChartLine } from './DoseQtChart';
import { DoseTable } from './DoseTable';
import { EcgPlot } from './EcgPlot';
import { EventList } from './EventList';
import { genotypeLabel } from './genotypes';
import { RunList } from './RunList';
import { SurrogateCheck } from './SurrogateCheck';
import { SurrogatePreview } from './SurrogatePreview';
import './cardiac.css';

const RELOAD_ON = ['derived.changed' as const];

const GENOTYPE_COLORS: Record<string, string> = {
  control: '#4fa3ff',
  lqt1: '#f5b942',
  lqt2: '#c38bff',
  lqt3: '#3ecf8e',
  cpvt: '#ff8fb1',
  scar: '#9fb3d1',
};

/** By default the chart compares the newest run of each genotype. */
function newestPerGenotype(runs: ChallengeRun[]): Set<string> {
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const run of runs) {
    if (!run.result || seen.has(run.result.genotype)) continue;
    seen.add(run.result.genotype);
    ids.add(run.id);
  }
  return ids;
}

function QtStressTest({ patient }: WorkspaceProps) {
  const derived = useQuery('derived.list', { patientKey: patient.patientKey, kind: 'ep-challenge' }, RELOAD_ON);
  const runs = useMemo(() => (derived.data ?? []).map(toChallengeRun), [derived.data]);

  // The newest run is shown unless the user chose another; a finished job's run becomes the newest and shows.
  const [shownId, setShownId] = useState<string | null>(null);
  const [compared, setCompared] = useState<Set<string> | null>(null);
  const [seenNewestId, setSeenNewestId] = useState<string | null>(null);
  const [selectedDose, setSelectedDose] = useState<number | null>(null);
  const newestId = runs.find((r) => r.result)?.id ?? null;
  if (newestId !== seenNewestId) {
    setSeenNewestId(newestId);
    setShownId(newestId);
    setSelectedDose(null);
    if (newestId) setCompared((current) => (current === null ? null : new Set([...current, newestId])));
  }
  const comparedIds = compared ?? newestPerGenotype(runs);
  const shown = runs.find((r) => r.id === shownId) ?? null;

  const lines: ChartLine[] = useMemo(() => {
    const seenGenotypes = new Set<string>();
    return runs
      .filter((run) => comparedIds.has(run.id) && run.result)
      .map((run) => {
        const genotype = run.result!.genotype;
        // Older runs of a genotype already drawn are dashed, so repeated runs stay apart.
        const dashed = seenGenotypes.has(genotype);
        seenGenotypes.add(genotype);
        return {
          id: run.id,
          label: `${genotypeLabel(genotype)} · ${new Date(run.createdAt).toLocaleTimeString()}`,
          color: GENOTYPE_COLORS[genotype] ?? '#e6ecf7',
          dashed,
          result: run.result!,
        };
      });
  }, [runs, comparedIds]);

  const toggleCompare = (id: string) => {
    const next = new Set(comparedIds);
    if (!next.delete(id)) next.add(id);
    setCompared(next);
  };
  const colorOf = (id: string) => lines.find((l) => l.id === id)?.color ?? 'transparent';

  return (
    <div className="cardiac">
      <aside className="cardiac-side">
        <div className="panel-title">Epinephrine QT stress test</div>
        <ChallengeForm patientKey={patient.patientKey} />
        <BetaAdrenergicTable />
        <SurrogatePreview />
        <div className="panel-title">Runs</div>
        {derived.error && <div className="error small">{derived.error}</div>}
        <RunList runs={runs} shownId={shownId} comparedIds={comparedIds} colorOf={colorOf} onShow={setShownId} onToggleCompare={toggleCompare} />
      </aside>
      <main className="cardiac-main">
        {lines.length > 0 ? (
          <DoseQtChart lines={lines} selectedDose={selectedDose} />
        ) : (
          <div className="empty-state">
            {runs.length > 0 ? 'Tick runs in the list to compare their ΔQT.' : 'Run a challenge to see ΔQT against the epinephrine dose.'}
          </div>
        )}
        {shown?.result && (
          <section className="cardiac-run" data-testid="ep-run-detail" data-run={shown.id}>
            <h3>
              {genotypeLabel(shown.result.genotype)} <span className="muted small">{new Date(shown.createdAt).toLocaleString()}</span>
            </h3>
            <DoseTable results={shown.result.results} selectedDose={selectedDose} onSelect={setSelectedDose} />
            <SurrogateCheck result={shown.result} />
            <div className="panel-title">Arrhythmia events</div>
            <EventList results={shown.result.results} selectedDose={selectedDose} onSelect={setSelectedDose} />
            <div className="panel-title">Pseudo-ECG per dose (last paced beat, transmural wedge; QT shaded)</div>
            <div className="cardiac-ecgs">
              {shown.result.results.map((r) => (
                <EcgPlot key={r.dose} result={r} selected={r.dose === selectedDose} onSelect={() => setSelectedDose(r.dose)} />
              ))}
            </div>
          </section>
        )}
      </main>
    </div>
  );
}

const PatientHeartView = lazy(() => import('./heart/PatientHeartView').then((m) => ({ default: m.PatientHeartView })));
type CardiacView = 'qt-stress' | 'heart';

export function CardiacWorkspace({ patient, series }: WorkspaceProps) {
  const [view, setView] = useState<CardiacView>('qt-stress');
  return (
    <div className="cardiac-workspace">
      <div className="cardiac-views" role="tablist" aria-label="cardiac view">
        <button role="tab" className="tab" data-testid="cardiac-view-qt" aria-selected={view === 'qt-stress'} onClick={() => setView('qt-stress')}>
          QT stress test (wedge)
        </button>
        <button role="tab" className="tab" data-testid="cardiac-view-heart" aria-selected={view === 'heart'} onClick={() => setView('heart')}>
          Patient heart (3D)
        </button>
      </div>
      {view === 'qt-stress' ? (
        <QtStressTest patient={patient} series={series} />
      ) : (
        <Suspense fallback={<div className="muted">Starting the 3D view…</div>}>
          <PatientHeartView key={patient.patientKey} patient={patient} series={series} />
        </Suspense>
      )}
    </div>
  );
}
