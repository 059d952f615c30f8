/**
 * One CT (or MR) series in 3D: its segmentations (newest first), their organ surfaces in a vtk.js view, a
 * structure list, an axial clipping plane, picking, camera reset, and the series volume-rendered through an
 * editable transfer function. A pick sets the linked point that the 2D viewer follows; a point set in the viewer
 * shows here as a marker, named by the organ it lies in. Meshes come ready-made from the segmentation job; the UI
 * thread only parses them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';
import { useBridge, useQuery } from '../bridge/bridge-context';
import { formatLps, linkedPoints, useLinkedPoint } from '../shell/linked-point';
import { AnatomyScene } from './anatomy-scene';
import { histogramOf, type Histogram } from './intensity-histogram';
import { loadCtVoxels, type CtVoxels } from './load-ct-volume';
import { organAppearance, structureLabel } from './organ-appearance';
import { structureAt } from './point-in-mesh';
import { SegmentPanel } from './SegmentPanel';
import { parseSegmentationSummary } from './segmentation-summary';
import { StructureList, type StructureState } from './StructureList';
import { TransferFunctionEditor } from './TransferFunctionEditor';
import { pointsFromTables, tablesFromPoints, type TransferPoint } from './transfer-function';
import { mrPreset, shiftedPreset, VOLUME_PRESETS, type VolumePreset } from './volume-presets';
import './anatomy.css';

type PresetId = VolumePreset['id'];
const PRESET_CHOICES: { id: PresetId; title: string }[] = [...VOLUME_PRESETS, { id: 'mr', title: 'MR (percentiles)' }];
/** Bins of the editor's histogram: one per ~16 HU over a CT's range, finer than the editor is wide. */
const HISTOGRAM_BINS = 256;
/** Voxels sampled for the histogram: enough for its shape, few enough to take milliseconds on the UI thread. */
const HISTOGRAM_SAMPLES = 2_000_000;

const RELOAD_ON = ['derived.changed' as const];

export function AnatomyView({ patient, series }: { patient: PatientSummary; series: SeriesSummary }) {
  const bridge = useBridge();
  const derived = useQuery('derived.list', { patientKey: patient.patientKey, kind: 'segmentation' }, RELOAD_ON);
  const segmentations = useMemo(() => (derived.data ?? []).filter((d) => d.seriesKey === series.seriesKey), [derived.data, series.seriesKey]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  // The newest segmentation unless the user chose another; a new job's result becomes the newest and shows.
  const [seenNewestId, setSeenNewestId] = useState<string | null>(null);
  const newestId = segmentations[0]?.id ?? null;
  if (newestId !== seenNewestId) {
    setSeenNewestId(newestId);
    setChosenId(newestId);
  }
  const segmentation = segmentations.find((s) => s.id === chosenId) ?? null;
  // Keyed by id: the list is re-fetched on every stored object, and the meshes must not reload each time.
  const segmentationId = segmentation?.id ?? null;
  const summary = useMemo(() => (segmentation ? parseSegmentationSummary(segmentation.summary) : null), [segmentationId]);

  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<AnatomyScene | null>(null);
  const linked = useLinkedPoint(series.seriesKey);
  const [structures, setStructures] = useState<StructureState[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [clipMm, setClipMm] = useState<number | null>(null);
  const [zRange, setZRange] = useState<[number, number] | null>(null);
  // MR has no surfaces to show (the segmentation presets are HU thresholds), so it opens volume-rendered.
  const [presetId, setPresetId] = useState<PresetId | null>(series.modality === 'MR' ? 'mr' : null);
  const [volumeStatus, setVolumeStatus] = useState<string | null>(null);
  const [volumeShiftHu, setVolumeShiftHu] = useState(0);
  const [volume, setVolume] = useState<{ voxels: CtVoxels; histogram: Histogram } | null>(null);
  const [tfPoints, setTfPoints] = useState<TransferPoint[] | null>(null);
  const isCt = series.modality === 'CT';

  useEffect(() => {
    const scene = new AnatomyScene(containerRef.current!, (pick) => {
      if (pick) linkedPoints.set(series.seriesKey, { pointLps: pick.pointLps, structure: structureLabel(pick.name), source: 'anatomy' });
    });
    sceneRef.current = scene;
    scene.resetCamera();
    return () => {
      sceneRef.current = null;
      scene.dispose();
    };
  }, []);

  // Load the chosen segmentation's meshes into the scene.
  useEffect(() => {
    const scene = sceneRef.current!;
    scene.clear();
    setLoadError(null);
    setClipMm(null);
    setZRange(null);
    scene.setAxialClip(null);
    if (!segmentationId || !summary) {
      setStructures([]);
      scene.render();
      return;
    }
    let live = true;
    const initial = summary.structures.map((structure, n) => ({ structure, appearance: organAppearance(structure.name, n), visible: true, stl: null }));
    setStructures(initial);
    Promise.all(
      initial.map(async ({ structure, appearance }) => {
        const stl = await bridge.derivedFile(segmentationId, structure.meshFile);
        if (!live) return;
        scene.addSurface(structure.name, stl, appearance);
        setStructures((current) => current.map((s) => (s.structure.name === structure.name ? { ...s, stl } : s)));
      }),
    )
      .then(() => {
        if (!live) return;
        const b = scene.bounds();
        setZRange(b ? [b[4], b[5]] : null);
        scene.resetCamera();
      })
      .catch((err: Error) => live && setLoadError(err.message));
    return () => {
      live = false;
    };
  }, [bridge, segmentationId, summary]);

  // The series' voxels and their histogram, loaded once the first preset is chosen.
  const wantVolume = presetId !== null;
  useEffect(() => {
    if (!wantVolume || volume) return;
    let live = true;
    setVolumeStatus(`Loading the ${series.modality}…`);
    loadCtVoxels(bridge, series.seriesKey)
      .then((voxels) => {
        if (!live) return;
        const stride = Math.max(1, Math.ceil(voxels.scalars.length / HISTOGRAM_SAMPLES));
        setVolume({ voxels, histogram: histogramOf(voxels.scalars, HISTOGRAM_BINS, stride) });
      })
      .catch((err: Error) => live && setVolumeStatus(`The ${series.modality} could not be loaded: ${err.message}`));
    return () => {
      live = false;
    };
  }, [bridge, series.seriesKey, series.modality, wantVolume, volume]);

  // A chosen preset (or a shift of it) loads into the editor; edits after that are the editor's.
  const histogram = volume?.histogram ?? null;
  useEffect(() => {
    if (!presetId || !histogram) {
      setTfPoints(null);
      return;
    }
    const preset = presetId === 'mr' ? mrPreset(histogram) : VOLUME_PRESETS.find((p) => p.id === presetId)!;
    setTfPoints(pointsFromTables(shiftedPreset(preset, volumeShiftHu)));
    setVolumeStatus(`${PRESET_CHOICES.find((p) => p.id === presetId)!.title} shown`);
  }, [presetId, histogram, volumeShiftHu]);

  // The transfer function applies live; the voxels are wrapped once.
  useEffect(() => {
    const scene = sceneRef.current!;
    const hadVolume = scene.hasVolume();
    scene.setVolume(tfPoints && volume ? volume.voxels : null, tfPoints ? tablesFromPoints(tfPoints) : null);
    if (!hadVolume && tfPoints && !scene.bounds()) scene.resetCamera();
    scene.renderSoon();
    if (!tfPoints && !presetId) setVolumeStatus(null);
  }, [volume, tfPoints, presetId]);

  // The linked point's marker, wherever the point was set.
  useEffect(() => {
    sceneRef.current!.setLinkedPoint(linked?.pointLps ?? null);
    sceneRef.current!.renderSoon();
  }, [linked]);
  // A point set in the 2D viewer names no organ: find the one it lies in from the meshes.
  const linkedStructure = useMemo(() => {
    if (!linked) return null;
    if (linked.structure) return linked.structure;
    const meshed = structures.filter((s) => s.stl).map((s) => ({ name: s.structure.name, stl: s.stl!, volumeMl: s.structure.volumeMl }));
    const name = structureAt(linked.pointLps, meshed);
    return name && structureLabel(name);
  }, [linked, structures]);

  const change = useCallback((name: string, patch: Partial<Pick<StructureState, 'appearance' | 'visible'>>) => {
    const scene = sceneRef.current!;
    if (patch.appearance) scene.setAppearance(name, patch.appearance);
    if (patch.visible !== undefined) scene.setVisible(name, patch.visible);
    scene.render();
    setStructures((current) => current.map((s) => (s.structure.name === name ? { ...s, ...patch } : s)));
  }, []);

  const setClip = (zMm: number | null) => {
    setClipMm(zMm);
    sceneRef.current!.setAxialClip(zMm);
    sceneRef.current!.render();
  };

  return (
    <div className="anatomy">
      <aside className="anatomy-side">
        <div className="panel-title">Segment</div>
        {isCt ? <SegmentPanel seriesKey={series.seriesKey} /> : <div className="muted small">The segmentation presets are Hounsfield-unit thresholds: CT only.</div>}
        <div className="panel-title">Structures</div>
        {segmentations.length > 1 && (
          <select aria-label="segmentation" value={chosenId ?? ''} onChange={(e) => setChosenId(e.target.value)}>
            {segmentations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} · {new Date(s.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        )}
        {derived.error && <div className="error">{derived.error}</div>}
        {loadError && <div className="error">Meshes could not be loaded: {loadError}</div>}
        {segmentation && !summary && <div className="error">This segmentation's summary has an unknown shape.</div>}
        {!segmentation && !derived.loading && <div className="empty-state">No segmentation of this series yet: choose presets and Segment.</div>}
        <StructureList structures={structures} onChange={change} />
        {tfPoints && (
          <>
            <div className="panel-title">Transfer function</div>
            <TransferFunctionEditor points={tfPoints} histogram={histogram} unit={isCt ? 'HU' : ''} onChange={setTfPoints} />
          </>
        )}
      </aside>
      <div className="anatomy-main">
        <div className="anatomy-toolbar">
          <button onClick={() => sceneRef.current?.resetCamera()}>Reset camera</button>
          <label className="small">
            <input type="checkbox" data-testid="anatomy-clip" disabled={!zRange} checked={clipMm !== null} onChange={(e) => setClip(e.target.checked && zRange ? (zRange[0] + zRange[1]) / 2 : null)} /> Axial clip
          </label>
          {clipMm !== null && zRange && (
            <label className="small">
              <input type="range" data-testid="anatomy-clip-mm" min={zRange[0]} max={zRange[1]} step={1} value={clipMm} onChange={(e) => setClip(Number(e.target.value))} /> z ≤{' '}
              {clipMm.toFixed(0)} mm
            </label>
          )}
          <label className="small">
            Volume{' '}
            <select data-testid="anatomy-volume-preset" value={presetId ?? ''} onChange={(e) => setPresetId((e.target.value || null) as PresetId | null)}>
              <option value="">off</option>
              {PRESET_CHOICES.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          {presetId && (
            <label className="small" title="Moves the preset's transfer function along the value axis (reloads the editor)">
              <input type="range" data-testid="anatomy-volume-shift" min={-500} max={500} step={10} value={volumeShiftHu} onChange={(e) => setVolumeShiftHu(Number(e.target.value))} />{' '}
              {volumeShiftHu > 0 ? '+' : ''}
              {volumeShiftHu} {isCt ? 'HU' : ''}
            </label>
          )}
          {volumeStatus && (
            <span className="small muted" data-testid="anatomy-volume-status">
              {volumeStatus}
            </span>
          )}
          <span className="anatomy-pick small" data-testid="anatomy-pick-info" data-lps={linked?.pointLps.join(',') ?? ''}>
            {linked
              ? `${linkedStructure ?? 'No structure'} at LPS ${formatLps(linked.pointLps)} mm`
              : 'Click a surface to name it and link the 2D viewer there; drag to rotate, right-drag or wheel to zoom.'}
          </span>
        </div>
        <div className="anatomy-canvas" data-testid="anatomy-canvas" ref={containerRef} />
      </div>
    </div>
  );
}
