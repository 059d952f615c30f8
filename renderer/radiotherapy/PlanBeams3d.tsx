/**
 * A plan in 3D: its structures (the plan job's display meshes, in the workspace's structure colours) and its beams
 * as field pyramids from the source to the isocentre plane, beams switched off in the what-if greyed out.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBridge } from '../bridge/bridge-context';
import { colourRgb } from '../../workers/rt/plan/structure-colours';
import type { BeamDisplay } from '../../workers/rt/beams/beam-display';
import { BeamsScene } from './beams-scene';
import type { PlanSummary } from './plan-summary';

const TARGET_OPACITY = 0.85;
const OAR_OPACITY = 0.55;

/** Beams with their display geometry (plans made before it was written have none). */
function displayBeams(summary: PlanSummary): BeamDisplay[] {
  return summary.beams.flatMap((b) =>
    b.sourceLps && b.isocentreLps && b.fieldCornersLps && b.sadMm !== undefined
      ? [{ gantryDeg: b.gantryDeg, couchDeg: b.couchDeg, sadMm: b.sadMm, sourceLps: b.sourceLps, isocentreLps: b.isocentreLps, fieldCornersLps: b.fieldCornersLps }]
      : [],
  );
}

export function PlanBeams3d({ id, summary, colours, beamsOn }: { id: string; summary: PlanSummary; colours: Map<string, string>; beamsOn: readonly boolean[] }) {
  const bridge = useBridge();
  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<BeamsScene | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  const beams = useMemo(() => displayBeams(summary), [summary]);

  useEffect(() => {
    const scene = new BeamsScene(containerRef.current!);
    sceneRef.current = scene;
    let live = true;
    scene.setBeams(beams);
    const withMesh = summary.structures.filter((s) => s.meshFile);
    setState('loading');
    Promise.all(withMesh.map((s) => bridge.derivedFile(id, s.meshFile!)))
      .then((stls) => {
        if (!live) return;
        stls.forEach((stl, n) => {
          const s = withMesh[n]!;
          const rgb = colourRgb(colours.get(s.name) ?? '#888888').map((c) => c / 255) as [number, number, number];
          scene.addSurface(s.name, stl, rgb, s.role === 'target' ? TARGET_OPACITY : OAR_OPACITY);
        });
        scene.resetCamera();
        setState('ready');
      })
      .catch((e: Error) => live && setState(e.message));
    return () => {
      live = false;
      sceneRef.current = null;
      scene.dispose();
    };
  }, [bridge, id, summary, beams, colours]);

  useEffect(() => {
    sceneRef.current?.setBeamsOn(beamsOn);
    sceneRef.current?.render();
  }, [beamsOn]);

  return (
    <section className="rt-beams-3d" aria-label="Beams in 3D">
      <h3 className="panel-title">Beams in 3D</h3>
      {beams.length === 0 && <p className="muted small">This plan was made before beam geometry was stored: plan again to see its beams.</p>}
      {state !== 'loading' && state !== 'ready' && <p className="error">Could not load the structures: {state}</p>}
      <div className="rt-beams-canvas" data-testid="rt-beams-3d" data-state={state} data-beams={beams.length} ref={containerRef} />
    </section>
  );
}
