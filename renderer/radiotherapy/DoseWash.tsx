/** One slice of the plan's dose grid (axial, coronal or sagittal) as isodose colour bands, with its legend. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { doseSliceRgba, hottestSlice, ISODOSE_LEVELS, PLANE_AXIS, type Plane } from './dose-colour-map';
import type { PlanSummary } from './plan-summary';

const PLANES: Plane[] = ['axial', 'coronal', 'sagittal'];

export function DoseWash({ dose, grid, prescriptionGy }: { dose: Float32Array; grid: PlanSummary['doseGrid']; prescriptionGy: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [plane, setPlane] = useState<Plane>('coronal');
  const [index, setIndex] = useState(() => hottestSlice(dose, grid.dims, 'coronal'));
  const axis = PLANE_AXIS[plane];
  const count = grid.dims[axis];
  const slice = Math.min(index, count - 1);
  const { width, height, rgba } = useMemo(() => doseSliceRgba(dose, grid.dims, plane, slice, prescriptionGy), [dose, grid.dims, plane, slice, prescriptionGy]);
  const [su, sv] = plane === 'axial' ? [grid.spacingMm[0], grid.spacingMm[1]] : plane === 'coronal' ? [grid.spacingMm[0], grid.spacingMm[2]] : [grid.spacingMm[1], grid.spacingMm[2]];

  useEffect(() => {
    canvas.current?.getContext('2d')?.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [rgba, width, height]);

  const choose = (p: Plane) => {
    setPlane(p);
    setIndex(hottestSlice(dose, grid.dims, p));
  };
  const positionMm = grid.originLps[axis] + grid.direction[axis * 3 + axis]! * slice * grid.spacingMm[axis];
  return (
    <section className="rt-dose-wash" aria-label="Dose wash">
      <h3 className="panel-title">Dose as planned</h3>
      <div className="rt-row">
        {PLANES.map((p) => (
          <button key={p} aria-pressed={p === plane} onClick={() => choose(p)}>{p}</button>
        ))}
      </div>
      <div className="rt-dose-body">
        <canvas ref={canvas} width={width} height={height} data-testid="rt-dose-wash" data-plane={plane} style={{ aspectRatio: `${width * su} / ${height * sv}` }} />
        <ul className="rt-isodose-legend" aria-label="Isodose levels">
          {ISODOSE_LEVELS.map((l) => (
            <li key={l.pct}><i style={{ background: `rgb(${l.rgb.join(',')})` }} />{l.pct} % ({((l.pct * prescriptionGy) / 100).toFixed(1)} Gy)</li>
          ))}
        </ul>
      </div>
      <label className="small">
        Slice {slice + 1}/{count} · {'xyz'[axis]} {positionMm.toFixed(1)} mm
        <input type="range" min={0} max={count - 1} value={slice} onChange={(e) => setIndex(Number(e.target.value))} />
      </label>
    </section>
  );
}
