/** One axial slice of the plan's dose grid as isodose colour bands, with the legend and a slice slider. */
import { useEffect, useRef, useState } from 'react';
import { doseSliceRgba, ISODOSE_LEVELS } from './dose-colour-map';
import type { PlanSummary } from './plan-summary';

function hottestSlice(dose: Float32Array, dims: readonly [number, number, number]): number {
  const plane = dims[0] * dims[1];
  let best = 0, bestSum = -1;
  for (let k = 0; k < dims[2]; k++) {
    let s = 0;
    for (let p = k * plane; p < (k + 1) * plane; p++) s += dose[p]!;
    if (s > bestSum) [best, bestSum] = [k, s];
  }
  return best;
}

export function DoseWash({ dose, grid, prescriptionGy }: { dose: Float32Array; grid: PlanSummary['doseGrid']; prescriptionGy: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [k, setK] = useState(() => hottestSlice(dose, grid.dims));
  const [nx, ny, nz] = grid.dims;

  useEffect(() => setK(hottestSlice(dose, grid.dims)), [dose, grid.dims]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(doseSliceRgba(dose, grid.dims, Math.min(k, nz - 1), prescriptionGy), nx, ny), 0, 0);
  }, [dose, grid.dims, k, nx, ny, nz, prescriptionGy]);

  const zMm = grid.originLps[2] + grid.direction[8]! * k * grid.spacingMm[2];
  return (
    <section className="rt-dose-wash" aria-label="Dose wash">
      <h3 className="panel-title">Dose, axial slice (as planned)</h3>
      <div className="rt-dose-body">
        <canvas
          ref={canvas} width={nx} height={ny} data-testid="rt-dose-wash"
          style={{ aspectRatio: `${nx * grid.spacingMm[0]} / ${ny * grid.spacingMm[1]}` }}
        />
        <ul className="rt-isodose-legend">
          {ISODOSE_LEVELS.map((l) => (
            <li key={l.pct}><i style={{ background: `rgb(${l.rgb.join(',')})` }} />{l.pct} % ({((l.pct * prescriptionGy) / 100).toFixed(1)} Gy)</li>
          ))}
        </ul>
      </div>
      <label className="small">
        Slice {k + 1}/{nz} · z {zMm.toFixed(1)} mm
        <input type="range" min={0} max={nz - 1} value={k} onChange={(e) => setK(Number(e.target.value))} />
      </label>
    </section>
  );
}
