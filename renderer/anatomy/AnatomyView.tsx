/**
 * One CT series in 3D: its segmentations (newest first), their organ surfaces in a vtk.js view, a structure list,
 * an axial clipping plane, picking and camera reset. Meshes come ready-made from the segmentation job; the UI
 * thread only parses them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';
import { useBridge, useQuery } from '../bridge/bridge-context';
import { AnatomyScene, type PickResult } from './anatomy-scene';
import { loadCtVoxels } from './load-ct-volume';
import { organAppearance, structureLabel } from './organ-appearance';
import { SegmentPanel } from './SegmentPanel';
import { parseSegmentationSummary } from './segmentation-summary';
import { StructureList, type StructureState } from './StructureList';
import { shiftedPreset, VOLUME_PRESETS, type VolumePreset } from './volume-presets';
import './anatomy.css';

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
  const [pick, setPick] = useState<PickResult | null>(null);
  const [structures, setStructures] = useState<StructureState[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [clipMm, setClipMm] = useState<number | null>(null);
  const [zRange, setZRange] = useState<[number, number] | null>(null);
  const [volumePreset, setVolumePreset] = useState<VolumePreset | null>(null);
  const [volumeStatus, setVolumeStatus] = useState<string | null>(null);
  const [volumeShiftHu, setVolumeShiftHu] = useState(0);

  useEffect(() => {
    const scene = new AnatomyScene(containerRef.current!, setPick);
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
    setPick(null);
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

  // Volume rendering of the CT itself; its voxels are decoded once, the preset only changes transfer functions.
  useEffect(() => {
    const scene = sceneRef.current!;
    if (!volumePreset) {
      scene.setVolume(null, null);
      scene.render();
      setVolumeStatus(null);
      return;
    }
    let live = true;
    setVolumeStatus('Loading the CT…');
    loadCtVoxels(bridge, series.seriesKey)
      .then((voxels) => {
        if (!live) return;
        scene.setVolume(voxels, shiftedPreset(volumePreset, volumeShiftHu));
        if (!scene.bounds()) scene.resetCamera();
        scene.render();
        setVolumeStatus(`${volumePreset.title} shown`);
      })
      .catch((err: Error) => live && setVolumeStatus(`The CT could not be loaded: ${err.message}`));
    return () => {
      live = false;
    };
  }, [bridge, series.seriesKey, volumePreset, volumeShiftHu]);

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
        <SegmentPanel seriesKey={series.seriesKey} />
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
            <select
              data-testid="anatomy-volume-preset"
              value={volumePreset?.id ?? ''}
              onChange={(e) => setVolumePreset(VOLUME_PRESETS.find((p) => p.id === e.target.value) ?? null)}
            >
              <option value="">off</option>
              {VOLUME_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          {volumePreset && (
            <label className="small" title="Moves the preset's transfer function along the HU axis">
              <input type="range" data-testid="anatomy-volume-shift" min={-500} max={500} step={10} value={volumeShiftHu} onChange={(e) => setVolumeShiftHu(Number(e.target.value))} />{' '}
              {volumeShiftHu > 0 ? '+' : ''}
              {volumeShiftHu} HU
            </label>
          )}
          {volumeStatus && (
            <span className="small muted" data-testid="anatomy-volume-status">
              {volumeStatus}
            </span>
          )}
          <span className="anatomy-pick small" data-testid="anatomy-pick-info">
            {pick
              ? `${structureLabel(pick.name)} at LPS (${pick.pointLps.map((c) => c.toFixed(1)).join(', ')}) mm`
              : 'Click a surface to name it; drag to rotate, right-drag or wheel to zoom.'}
          </span>
        </div>
        <div className="anatomy-canvas" data-testid="anatomy-canvas" ref={containerRef} />
      </div>
    </div>
  );
}
