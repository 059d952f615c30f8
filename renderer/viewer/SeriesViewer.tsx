/** One series in the viewer: loads its images, shows the stack or MPR layout, runs toolbar and keyboard commands. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PatientSummary, SeriesSummary } from '../../main/contract/domain';
import { useBridge } from '../bridge/bridge-context';
import { HelpPanel } from './HelpPanel';
import { MeasurementList } from './MeasurementList';
import { SeriesDetails } from './SeriesDetails';
import { ViewerToolbar, type ViewerMode } from './ViewerToolbar';
import { ViewportOverlay } from './ViewportOverlay';
import { ContourOverlay } from './ContourOverlay';
import { useStructureContours } from './use-structure-contours';
import { DoseWashOverlay } from './DoseWashOverlay';
import { usePlanDose } from './use-plan-dose';
import { ensureCornerstone } from './init-cornerstone';
import { mprUnavailableReason } from './mpr-eligibility';
import { loadSeriesImages, releaseSeriesImages, type LoadProgress, type LoadedSeries } from './load-series-images';
import { commandForKey, type ViewerCommand, type ViewerTool } from './shortcuts';
import { MPR_PLANES, ViewerSession, frameOfReferenceOf, type MprPlane, type VolumeProgress } from './viewer-session';
import { WINDOW_PRESETS } from './window-presets';
import { useViewerLink } from './use-viewer-link';
import { formatLps, useLinkedPoint } from '../shell/linked-point';
import './viewer.css';

/** 'ready' once the opening image is there: the rest of the series keeps arriving behind it (`fetched`). */
type LoadState = { phase: 'loading' } | { phase: 'ready'; images: LoadedSeries } | { phase: 'failed'; error: string };

const PLANE_TITLES: Record<MprPlane, string> = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal' };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function SeriesViewer({ patient, series }: { patient: PatientSummary; series: SeriesSummary }) {
  const bridge = useBridge();
  const [session, setSession] = useState<ViewerSession | null>(null);
  const [load, setLoad] = useState<LoadState>({ phase: 'loading' });
  const [fetched, setFetched] = useState<LoadProgress | null>(null);
  const [mode, setMode] = useState<ViewerMode>('stack');
  const [tool, setTool] = useState<ViewerTool>('WindowLevel');
  const [preset, setPreset] = useState<string | null>(null);
  const [cine, setCine] = useState(false);
  const [help, setHelp] = useState(false);
  const [viewError, setViewError] = useState<string | null>(null);
  const [volumeProgress, setVolumeProgress] = useState<VolumeProgress | null>(null);
  /** The elements cornerstone draws in once their layout is shown, for the overlays to follow. */
  const [shown, setShown] = useState<HTMLDivElement[]>([]);
  const [activeIndex, setActiveIndex] = useState(0);
  const stackRef = useRef<HTMLDivElement>(null);
  const planeRefs = useRef<Partial<Record<MprPlane, HTMLDivElement | null>>>({});
  const gridRef = useRef<HTMLDivElement>(null);

  const images = load.phase === 'ready' ? load.images : null;
  const mprBlocked = useMemo(() => (images ? mprUnavailableReason(images.instances) : 'Loading the images…'), [images]);
  const canMpr = mprBlocked === null;

  // cornerstone and this viewer's session, while the series' bytes are fetched. StrictMode runs this twice: the
  // first run is aborted and its session destroyed; fetches already under way are shared, not repeated.
  useEffect(() => {
    const abort = new AbortController();
    let created: ViewerSession | null = null;
    const ready = ensureCornerstone().then(() => {
      if (abort.signal.aborted) return;
      created = new ViewerSession();
      setSession(created);
    });
    const failed = (err: Error) => !abort.signal.aborted && setLoad({ phase: 'failed', error: err.message });
    loadSeriesImages(bridge, series.seriesKey, (progress) => !abort.signal.aborted && setFetched(progress), abort.signal, ready)
      .then((loaded) => {
        if (abort.signal.aborted) return;
        setLoad({ phase: 'ready', images: loaded });
        loaded.complete.catch(failed);
      })
      .catch(failed);
    return () => {
      abort.abort();
      created?.destroy();
    };
  }, [bridge, series.seriesKey]);

  // Leaving the series (another series, patient or workspace) frees its images; the views are gone by then.
  useEffect(() => {
    if (!images) return;
    return () => releaseSeriesImages(images);
  }, [images]);

  // Show the layout of the current mode once the images are there.
  useEffect(() => {
    if (!session || !images) return;
    let live = true;
    setShown([]);
    setCine(false);
    setViewError(null);
    setActiveIndex(0);
    const show =
      mode === 'stack'
        ? session.showStack(stackRef.current!, images.imageIds).then(() => [stackRef.current!])
        : (() => {
            const elements = Object.fromEntries(MPR_PLANES.map((p) => [p, planeRefs.current[p]!])) as Record<MprPlane, HTMLDivElement>;
            setVolumeProgress({ framesLoaded: 0, frameCount: images.imageIds.length });
            // a volume needs every slice's geometry: MPR waits for the whole series
            return images.complete
              .then(() => session.showMpr(elements, images.imageIds, series.seriesKey, (p) => live && setVolumeProgress(p)))
              .then(() => MPR_PLANES.map((p) => elements[p]));
          })();
    show
      .then((elements) => {
        if (!live) return;
        setShown(elements);
        session.setPrimaryTool(session.getPrimaryTool());
        setTool(session.getPrimaryTool());
      })
      .catch((err: Error) => live && setViewError(`Could not show the ${mode === 'stack' ? 'images' : 'MPR views'}: ${err.message}`));
    return () => {
      live = false;
    };
  }, [session, images, mode, series.seriesKey]);

  // Canvases follow the size of their boxes.
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || !session) return;
    const observer = new ResizeObserver(() => session.resize());
    observer.observe(grid);
    return () => observer.disconnect();
  }, [session, mode]);

  const run = useCallback(
    (command: ViewerCommand) => {
      switch (command.kind) {
        case 'help':
          setHelp((h) => !h);
          return;
        case 'close':
          setHelp(false);
          return;
        case 'toggle-mode':
          if (canMpr) setMode((m) => (m === 'stack' ? 'mpr' : 'stack'));
          return;
      }
      if (!session || shown.length === 0) return;
      switch (command.kind) {
        case 'preset': {
          const chosen = WINDOW_PRESETS.find((p) => p.name === command.name);
          if (chosen) session.applyPreset(chosen);
          setPreset(command.name);
          return;
        }
        case 'tool':
          if (command.tool === 'Crosshairs' && mode !== 'mpr') return;
          session.setPrimaryTool(command.tool);
          setTool(command.tool);
          return;
        case 'scroll':
          session.scroll(command.delta);
          return;
        case 'first-slice':
          session.jumpToEnd('first');
          return;
        case 'last-slice':
          session.jumpToEnd('last');
          return;
        case 'reset':
          session.reset();
          setPreset(null);
          return;
        case 'invert':
          session.invert();
          return;
        case 'flip-horizontal':
          session.flip('horizontal');
          return;
        case 'flip-vertical':
          session.flip('vertical');
          return;
        case 'zoom':
          session.zoom(command.factor);
          return;
        case 'cine':
          setCine(session.toggleCine());
          return;
      }
    },
    [session, shown, mode, canMpr],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const command = commandForKey(e.key);
      if (!command) return;
      e.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const activate = (element: HTMLDivElement | null, index: number) => {
    if (!element || !session) return;
    session.setActiveElement(element);
    setActiveIndex(index);
  };

  useViewerLink(session, shown, series.seriesKey);
  const linked = useLinkedPoint(series.seriesKey);

  const frameOfReferenceUid = images ? frameOfReferenceOf(images.imageIds[images.firstImageIndex]!) : null;
  const contours = useStructureContours(patient.patientKey, frameOfReferenceUid);
  const [showContours, setShowContours] = useState(true);
  const planDose = usePlanDose(patient.patientKey, series.seriesKey);
  const [showDose, setShowDose] = useState(true);
  const sliceSpacingMm = series.spacingMm?.[2] ?? 1;

  return (
    <div className="viewer" data-testid="viewer">
      <ViewerToolbar
        mode={mode}
        mprBlocked={mprBlocked}
        tool={tool}
        preset={preset}
        cine={cine}
        help={help}
        disabled={shown.length === 0}
        onCommand={run}
        onMode={setMode}
      />
      <SeriesDetails series={series} />
      <div className="viewer-body">
        <div ref={gridRef} className={`viewport-grid ${mode}`} onContextMenu={(e) => e.preventDefault()}>
          {mode === 'stack' ? (
            <div className={`viewport-box active`}>
              <div ref={stackRef} className="viewport-element" data-testid="viewer-viewport" />
              {shown[0] && <ViewportOverlay element={shown[0]} patient={patient} series={series} planeTitle={null} />}
              {shown[0] && planDose && showDose && <DoseWashOverlay element={shown[0]} dose={planDose} />}
              {shown[0] && contours && showContours && <ContourOverlay element={shown[0]} set={contours} sliceSpacingMm={sliceSpacingMm} />}
            </div>
          ) : (
            MPR_PLANES.map((plane, i) => (
              <div key={plane} className={`viewport-box ${plane} ${activeIndex === i ? 'active' : ''}`} onMouseDownCapture={() => activate(planeRefs.current[plane] ?? null, i)}>
                <div ref={(el) => void (planeRefs.current[plane] = el)} className="viewport-element" data-testid="viewer-viewport" data-plane={plane} />
                {shown[i] && <ViewportOverlay element={shown[i]} patient={patient} series={series} planeTitle={PLANE_TITLES[plane]} compact={i > 0} />}
                {shown[i] && planDose && showDose && <DoseWashOverlay element={shown[i]} dose={planDose} />}
                {shown[i] && plane === 'axial' && contours && showContours && <ContourOverlay element={shown[i]} set={contours} sliceSpacingMm={sliceSpacingMm} />}
              </div>
            ))
          )}
          {load.phase === 'loading' && (
            <div className="viewer-progress" data-testid="viewer-progress">
              <span>Loading images{fetched ? ` ${fetched.instancesLoaded}/${fetched.instanceCount}` : '…'}</span>
              <progress value={fetched?.instancesLoaded ?? 0} max={fetched?.instanceCount || 1} />
            </div>
          )}
          {load.phase === 'ready' && mode === 'stack' && fetched && fetched.instancesLoaded < fetched.instanceCount && (
            <div className="viewer-progress background" data-testid="viewer-fetch-progress">
              <span>
                Loading images {fetched.instancesLoaded}/{fetched.instanceCount}
              </span>
              <progress value={fetched.instancesLoaded} max={fetched.instanceCount} />
            </div>
          )}
          {mode === 'mpr' && volumeProgress && volumeProgress.framesLoaded < volumeProgress.frameCount && (
            <div className="viewer-progress volume" data-testid="viewer-volume-progress">
              <span>
                Building the volume {volumeProgress.framesLoaded}/{volumeProgress.frameCount}
              </span>
              <progress value={volumeProgress.framesLoaded} max={volumeProgress.frameCount} />
            </div>
          )}
          {(load.phase === 'failed' || viewError) && (
            <div className="viewer-error error" role="alert" data-testid="viewer-error">
              {load.phase === 'failed' ? `Could not load this series: ${load.error}` : viewError}
            </div>
          )}
          {help && <HelpPanel onClose={() => setHelp(false)} />}
        </div>
        <MeasurementList frameOfReferenceUid={frameOfReferenceUid} onRemoved={() => session?.renderAll()} />
        {contours && (
          <label className="structures-toggle">
            <input type="checkbox" checked={showContours} onChange={(e) => setShowContours(e.target.checked)} data-testid="viewer-structures-toggle" />
            Structures: {contours.description || 'RTSTRUCT'} ({contours.structures.length})
          </label>
        )}
        {planDose && (
          <label className="structures-toggle">
            <input type="checkbox" checked={showDose} onChange={(e) => setShowDose(e.target.checked)} data-testid="viewer-dose-toggle" />
            Dose wash: {planDose.title} (isodose % of {planDose.summary.prescriptionGy} Gy)
          </label>
        )}
        <div className="linked-point small" data-testid="viewer-linked-point" data-lps={linked?.pointLps.join(',') ?? ''}>
          {linked
            ? `Linked point${linked.structure ? `: ${linked.structure}` : ''} at LPS ${formatLps(linked.pointLps)} mm`
            : 'Linked point: none (click a view, move the crosshair, or pick in 3D)'}
        </div>
      </div>
    </div>
  );
}
