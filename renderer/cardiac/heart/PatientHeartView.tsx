/**
 * The patient's own heart: the run form beside a vtk.js view of the heart. Before a run the view shows the
 * myocardium of the series' newest segmentation (if any) so the pacing site can be clicked on it; a finished run
 * colours the surface by activation time or APD90, plays its voltage movie, lists its arrhythmia events (a click
 * marks one in 3D) and draws its pseudo-ECG with the QT interval marked.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../../main/contract/domain';
import { parseSegmentationSummary } from '../../anatomy/segmentation-summary';
import { useBridge, useQuery } from '../../bridge/bridge-context';
import { genotypeLabel } from '../genotypes';
import { ACTIVATION_MAP, APD_MAP, colorize, finiteRange, VOLTAGE_MAP, VOLTAGE_RANGE_MV, type ColorMap } from './color-maps';
import { ColorBar } from './ColorBar';
import { HeartEcg } from './HeartEcg';
import { HeartEventList } from './HeartEventList';
import { HEART_RUN_KIND, parseHeartRunSummary } from './heart-run';
import { HeartScene, type Lps } from './heart-scene';
import { DEFAULT_HEART_FORM, describeProtocol, type HeartForm } from './heart-protocol';
import { HeartRunForm, type PickTarget } from './HeartRunForm';
import { loadHeartRun, type HeartRun } from './load-heart-run';
import { nearestVertex } from './nearest-vertex';
import { stimulusSchedule } from './stimulus-schedule';
import { frameAtTimeMs, frameValues } from './voltage-frames';
import { VoltageMovie } from './VoltageMovie';

const RELOAD_ON = ['derived.changed' as const];
type MapMode = 'activation' | 'apd90' | 'voltage';
const MAPS: Record<MapMode, { map: ColorMap; label: string; unit: string }> = {
  activation: { map: ACTIVATION_MAP, label: 'Activation time (after the last S1)', unit: 'ms' },
  apd90: { map: APD_MAP, label: 'APD90', unit: 'ms' },
  voltage: { map: VOLTAGE_MAP, label: 'Transmembrane voltage', unit: 'mV' },
};
const MARKERS = {
  runPacing: { color: [1, 1, 1] as Lps, radiusMm: 2.5 },
  formPacing: { color: [0.2, 0.9, 1] as Lps, radiusMm: 2.5 },
  event: { color: [1, 0.85, 0.1] as Lps, radiusMm: 3.5 },
};
const fmt = (p: readonly number[]) => `(${p.map((c) => c.toFixed(1)).join(', ')})`;

export function PatientHeartView({ patient, series }: { patient: PatientSummary; series: SeriesSummary | null }) {
  const bridge = useBridge();
  const detail = useQuery('patients.get', { patientKey: patient.patientKey });
  const ctSeries = useMemo(() => (detail.data?.studies ?? []).flatMap((s) => s.series).filter((s) => s.modality === 'CT'), [detail.data]);
  const [chosenSeriesKey, setSeriesKey] = useState<string | null>(null);
  const seriesKey = chosenSeriesKey ?? (series?.modality === 'CT' ? series.seriesKey : (ctSeries[0]?.seriesKey ?? null));

  // The newest segmentation of the series gives the myocardium to click on before a run.
  const segmentations = useQuery('derived.list', { patientKey: patient.patientKey, kind: 'segmentation' }, RELOAD_ON);
  const segmentation = (segmentations.data ?? []).find((d) => d.seriesKey === seriesKey) ?? null;
  const myocardiumFile = segmentation ? (parseSegmentationSummary(segmentation.summary)?.structures.find((s) => s.name === 'myocardium')?.meshFile ?? null) : null;
  const previewKey = segmentation && myocardiumFile ? `${segmentation.id}/${myocardiumFile}` : null;

  const runsQuery = useQuery('derived.list', { patientKey: patient.patientKey, kind: HEART_RUN_KIND }, RELOAD_ON);
  // Runs of the chosen CT series (and any not tied to a series), newest first.
  const runs = useMemo(() => (runsQuery.data ?? []).filter((r) => r.seriesKey === null || r.seriesKey === seriesKey), [runsQuery.data, seriesKey]);
  const [shownRunId, setShownRunId] = useState<string | null>(null);
  const [seenNewestId, setSeenNewestId] = useState<string | null>(null);
  const newestId = runs[0]?.id ?? null;
  if (newestId !== seenNewestId) {
    // A finished job's run becomes the newest and shows.
    setSeenNewestId(newestId);
    setShownRunId(newestId);
  }
  const shownDerived = runs.find((r) => r.id === shownRunId) ?? null;

  const [run, setRun] = useState<HeartRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [mode, setMode] = useState<MapMode>('activation');
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [selectedEvent, setSelectedEvent] = useState<number | null>(null);
  const [form, setForm] = useState<HeartForm>(DEFAULT_HEART_FORM);
  const [pickTarget, setPickTarget] = useState<PickTarget>('pacing');
  const [pickInfo, setPickInfo] = useState<string | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);

  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<HeartScene | null>(null);
  const colorsRef = useRef<Uint8Array>(new Uint8Array(0));
  const onPickRef = useRef<(point: Lps | null) => void>(() => {});

  useEffect(() => {
    const scene = new HeartScene(containerRef.current!, (point) => onPickRef.current(point));
    sceneRef.current = scene;
    scene.resetCamera();
    return () => {
      sceneRef.current = null;
      scene.dispose();
    };
  }, []);

  // Load the shown run's files.
  const shownId = shownDerived?.id ?? null;
  useEffect(() => {
    setRun(null);
    setRunError(null);
    setSelectedEvent(null);
    setFrame(0);
    setPlaying(false);
    if (!shownDerived) return;
    let live = true;
    loadHeartRun(shownDerived, (id, name) => bridge.derivedFile(id, name))
      .then((loaded) => live && setRun(loaded))
      .catch((err: Error) => live && setRunError(err.message));
    return () => {
      live = false;
    };
  }, [bridge, shownId]);

  // The surface: the run's heart, else the segmentation's myocardium, else nothing (the job's default is the LV apex).
  useEffect(() => {
    const scene = sceneRef.current!;
    setViewError(null);
    if (run) {
      scene.setMesh(run.surface.verticesLps, run.surface.triangles);
      colorsRef.current = new Uint8Array(run.surface.verticesLps.length);
      scene.resetCamera();
      return;
    }
    scene.clearSurface();
    scene.render();
    if (!previewKey || !segmentation || !myocardiumFile) return;
    let live = true;
    bridge
      .derivedFile(segmentation.id, myocardiumFile)
      .then((stl) => {
        if (!live || sceneRef.current !== scene) return;
        scene.setStlSurface(stl);
        scene.resetCamera();
      })
      .catch((err: Error) => live && setViewError(`The myocardium mesh could not be loaded: ${err.message}`));
    return () => {
      live = false;
    };
  }, [bridge, run, previewKey]);

  const stimuli = useMemo(() => (run ? stimulusSchedule(run.summary.protocol) : []), [run]);
  const layout = useMemo(() => (run ? { frames: run.summary.frames, vertices: run.summary.vertices, frameIntervalMs: run.summary.frameIntervalMs } : null), [run]);
  const range = useMemo((): [number, number] | null => {
    if (!run) return null;
    if (mode === 'voltage') return [...VOLTAGE_RANGE_MV];
    return finiteRange(mode === 'activation' ? run.activationMs : run.apd90Ms) ?? [0, 1];
  }, [run, mode]);

  // Colour the surface by the chosen map (the movie rewrites only the colour buffer).
  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || !run || !range || !layout) return;
    const values = mode === 'voltage' ? frameValues(run.voltageMv, layout, frame) : mode === 'activation' ? run.activationMs : run.apd90Ms;
    scene.setColors(colorize(MAPS[mode].map, values, range, colorsRef.current));
    scene.render();
  }, [run, mode, frame, range, layout]);

  // Markers: the run's pacing site, the site chosen for the next run, the scar sphere, the selected event.
  const event = run && selectedEvent !== null ? (run.summary.events[selectedEvent] ?? null) : null;
  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene) return;
    scene.setMarker('run-pacing', run ? run.summary.pacingSiteLps : null, MARKERS.runPacing);
    scene.setMarker('form-pacing', form.pacingSiteLps, MARKERS.formPacing);
    const scar = form.scar?.centreLps ? { centre: form.scar.centreLps, radiusMm: Number(form.scar.radiusMm) } : null;
    scene.setMarker('scar', scar && scar.radiusMm > 0 ? scar.centre : null, { color: [0.55, 0.55, 0.6], radiusMm: scar?.radiusMm ?? 1, opacity: 0.45 });
    scene.setMarker('event', event ? event.lps : null, MARKERS.event);
    scene.render();
  }, [run, form.pacingSiteLps, form.scar, event]);

  onPickRef.current = (point) => {
    if (!point) return;
    // On a run's surface a click snaps to the nearest vertex, so the values shown are those stored for it.
    const snapped = run ? nearestVertex(run.surface.verticesLps, point) : null;
    const at: Lps = snapped ? snapped.pointLps : point;
    if (pickTarget === 'scar' && form.scar) setForm((f) => ({ ...f, scar: f.scar && { ...f.scar, centreLps: at } }));
    else setForm((f) => ({ ...f, pacingSiteLps: at }));
    const values =
      run && snapped
        ? ` · ${run.surface.regions[snapped.index]} · activation ${fmtMs(run.activationMs[snapped.index]!)} · APD90 ${fmtMs(run.apd90Ms[snapped.index]!)}`
        : '';
    setPickInfo(`${pickTarget === 'scar' && form.scar ? 'Scar centre' : 'Pacing site'} set at LPS ${fmt(at)} mm${values}`);
  };

  const summary = run?.summary ?? (shownDerived ? parseHeartRunSummary(shownDerived.summary) : null);
  const onFrame = useCallback((k: number) => setFrame(k), []);
  // An event is marked in 3D, and the movie moves to its moment so the voltage view shows what happened there.
  const selectEvent = (index: number | null) => {
    setSelectedEvent(index);
    const chosen = index === null ? null : summary?.events[index];
    if (chosen && layout) {
      setPlaying(false);
      setFrame(frameAtTimeMs(layout, chosen.timeMs));
    }
  };
  const onPlaying = useCallback((p: boolean) => {
    setPlaying(p);
    if (p) setMode('voltage');
  }, []);


  return (
    <div className="cardiac heart-view">
      <aside className="cardiac-side">
        <div className="panel-title">Patient heart</div>
        <HeartRunForm
          ctSeries={ctSeries}
          seriesKey={seriesKey}
          onSeries={setSeriesKey}
          form={form}
          onForm={(patch) => setForm((f) => ({ ...f, ...patch }))}
          pickTarget={pickTarget}
          onPickTarget={setPickTarget}
        />
        <div className="panel-title">Runs</div>
        {runsQuery.error && <div className="error small">{runsQuery.error}</div>}
        {runs.length === 0 ? (
          <div className="muted small">No heart run for this patient yet.</div>
        ) : (
          <select data-testid="heart-run-select" aria-label="heart run" value={shownRunId ?? ''} onChange={(e) => setShownRunId(e.target.value)}>
            {runs.map((r) => {
              const s = parseHeartRunSummary(r.summary);
              return (
                <option key={r.id} value={r.id}>
                  {s ? `${genotypeLabel(s.genotype)} · ${s.doseUgPerKgMin} µg/kg/min · ${describeProtocol(s.protocol)}` : r.title} · {new Date(r.createdAt).toLocaleTimeString()}
                </option>
              );
            })}
          </select>
        )}
      </aside>
      <main className="cardiac-main">
        <div className="heart-toolbar">
          <button onClick={() => sceneRef.current?.resetCamera()}>Reset camera</button>
          {run && (
            <span className="heart-maps" role="radiogroup" aria-label="surface colour">
              {(Object.keys(MAPS) as MapMode[]).map((m) => (
                <label key={m} className="small">
                  <input type="radio" name="heart-map" data-testid={`heart-map-${m}`} checked={mode === m} onChange={() => setMode(m)} /> {m === 'apd90' ? 'APD90' : m}
                </label>
              ))}
            </span>
          )}
          <span className="small muted" data-testid="heart-view-state">
            {run
              ? `Run of ${new Date(shownDerived!.createdAt).toLocaleString()}`
              : shownDerived
                ? runError
                  ? ''
                  : 'Loading the run…'
                : previewKey
                  ? 'Myocardium of the newest segmentation: click to choose the pacing site.'
                  : 'No segmentation of this series yet: the run segments the heart itself and paces the LV apex by default.'}
          </span>
        </div>
        {runError && <div className="error small">This run could not be shown: {runError}</div>}
        {viewError && <div className="error small">{viewError}</div>}
        <div className="heart-canvas" data-testid="heart-canvas" ref={containerRef} />
        <div className="small heart-pick-info" data-testid="heart-pick-info">
          {pickInfo ?? 'Click the heart to set the pacing site; drag to rotate, right-drag or wheel to zoom.'}
        </div>
        {run && range && layout && (
          <>
            <ColorBar map={MAPS[mode].map} range={range} label={MAPS[mode].label} unit={MAPS[mode].unit} />
            <VoltageMovie layout={layout} stimuli={stimuli} frame={frame} playing={playing} onFrame={onFrame} onPlaying={onPlaying} />
          </>
        )}
        {summary && (
          <section className="cardiac-run" data-testid="heart-run-detail">
            <div className="small" data-testid="heart-run-summary">
              {genotypeLabel(summary.genotype)} · {summary.doseUgPerKgMin} µg/kg/min · {summary.heartRateBpm.toFixed(0)} bpm · {describeProtocol(summary.protocol)} ·
              pacing LPS {fmt(summary.pacingSiteLps)} mm (white) · {summary.gridMm} mm grid, {summary.cells.toLocaleString()} cells · {summary.model} ·{' '}
              {summary.runtimeS.toFixed(0)} s · QT {summary.qtMs === null ? 'not measurable' : `${summary.qtMs.toFixed(0)} ms`}
            </div>
            <div className="panel-title">Arrhythmia events</div>
            <HeartEventList events={summary.events} selected={selectedEvent} onSelect={selectEvent} />
            <div className="panel-title">Pseudo-ECG (torso electrodes; QT shaded on the beat it was measured on)</div>
            <HeartEcg summary={summary} />
          </section>
        )}
      </main>
    </div>
  );
}

function fmtMs(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} ms` : '—';
}
