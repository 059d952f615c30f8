/**
 * The volume-rendering transfer-function editor: the voxel histogram (log counts) behind the opacity curve, a
 * colour bar below it, and one draggable handle per control point. Click empty space to add a point, drag a handle
 * to move it, double-click it or press Delete to remove it, pick its colour below. Every change goes to `onChange`
 * at once; the scene coalesces renders per animation frame.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Histogram } from './intensity-histogram';
import { colorToHex, hexToColor } from './organ-appearance';
import { addPoint, editorDomain, linear, movePoint, recolourPoint, removePoint, type TransferPoint } from './transfer-function';

interface Props {
  points: TransferPoint[];
  histogram: Histogram | null;
  /** The value's unit ('HU' for CT; MR intensities have none). */
  unit: string;
  onChange: (points: TransferPoint[]) => void;
}

const PLOT_HEIGHT_PX = 110;
const COLOUR_BAR_PX = 12;

export function TransferFunctionEditor({ points, histogram, unit, onChange }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const dragging = useRef<number | null>(null);
  const domain = editorDomain(points, histogram);
  const toX = (value: number) => ((value - domain[0]) / (domain[1] - domain[0])) * widthPx;
  const toY = (opacity: number) => (1 - opacity) * PLOT_HEIGHT_PX;

  useEffect(() => {
    const box = boxRef.current!;
    const observer = new ResizeObserver(() => setWidthPx(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current!;
    if (widthPx === 0) return;
    canvas.width = widthPx;
    canvas.height = PLOT_HEIGHT_PX + COLOUR_BAR_PX;
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const valueAt = (x: number) => domain[0] + (x / widthPx) * (domain[1] - domain[0]);
    if (histogram) drawHistogram(ctx, histogram, widthPx, valueAt);
    const colorCurves = [0, 1, 2].map((c) => points.map((p) => [p.value, p.color[c]!]));
    for (let x = 0; x < widthPx; x++) {
      const v = valueAt(x);
      ctx.fillStyle = `rgb(${colorCurves.map((curve) => Math.round(linear(curve, v) * 255)).join(',')})`;
      ctx.fillRect(x, PLOT_HEIGHT_PX, 1, COLOUR_BAR_PX);
    }
    ctx.strokeStyle = '#e6ecf7';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(0, toY(points[0]!.opacity));
    points.forEach((p) => ctx.lineTo(toX(p.value), toY(p.opacity)));
    ctx.lineTo(widthPx, toY(points[points.length - 1]!.opacity));
    ctx.stroke();
  });

  const pointAt = (e: ReactPointerEvent): { value: number; opacity: number } => {
    const rect = boxRef.current!.getBoundingClientRect();
    return {
      value: domain[0] + ((e.clientX - rect.left) / rect.width) * (domain[1] - domain[0]),
      opacity: 1 - (e.clientY - rect.top) / PLOT_HEIGHT_PX,
    };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const handle = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    let index: number;
    if (handle) {
      index = Number(handle.dataset.index);
    } else {
      const { value, opacity } = pointAt(e);
      const added = addPoint(points, value, opacity);
      index = added.index;
      onChange(added.points);
    }
    setSelected(index);
    dragging.current = index;
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (dragging.current === null) return;
    if ((e.buttons & 1) === 0) {
      dragging.current = null; // released outside the plot
      return;
    }
    // Captured only once it moves: a captured pointer's clicks go to the plot, and a handle's double-click is lost.
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.setPointerCapture(e.pointerId);
    const { value, opacity } = pointAt(e);
    onChange(movePoint(points, dragging.current, value, opacity));
  };

  const remove = (index: number) => {
    onChange(removePoint(points, index));
    setSelected(null);
  };

  const chosen = selected !== null ? points[selected] : undefined;
  return (
    <div className="tf-editor">
      <div
        ref={boxRef}
        className="tf-plot"
        data-testid="tf-editor"
        data-domain={domain.join(',')}
        style={{ height: PLOT_HEIGHT_PX + COLOUR_BAR_PX }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (dragging.current = null)}
      >
        <canvas ref={canvasRef} />
        {widthPx > 0 &&
          points.map((p, i) => (
            <button
              key={i}
              type="button"
              className={`tf-point ${i === selected ? 'selected' : ''}`}
              data-testid="tf-point"
              data-index={i}
              data-value={p.value.toFixed(1)}
              data-opacity={p.opacity.toFixed(3)}
              aria-label={`${p.value.toFixed(0)} ${unit}, opacity ${p.opacity.toFixed(2)}`}
              style={{ left: toX(p.value), top: toY(p.opacity), background: colorToHex(p.color) }}
              onDoubleClick={() => remove(i)}
              onKeyDown={(e) => (e.key === 'Delete' || e.key === 'Backspace') && remove(i)}
            />
          ))}
      </div>
      <div className="tf-readout small">
        {chosen ? (
          <>
            <input type="color" aria-label="colour of the chosen point" value={colorToHex(chosen.color)} onChange={(e) => onChange(recolourPoint(points, selected!, hexToColor(e.target.value)))} />{' '}
            {chosen.value.toFixed(0)} {unit} · opacity {chosen.opacity.toFixed(2)}
          </>
        ) : (
          <span className="muted">
            {domain[0].toFixed(0)} to {domain[1].toFixed(0)} {unit}: click to add a point, drag to move, double-click or Delete to remove.
          </span>
        )}
      </div>
    </div>
  );
}

/** Log-scaled bars: a CT is mostly air and soft tissue, and bone would not show on a linear scale. */
function drawHistogram(ctx: CanvasRenderingContext2D, { min, max, counts }: Histogram, widthPx: number, valueAt: (x: number) => number): void {
  const peak = Math.log1p(Math.max(...counts));
  if (peak === 0) return;
  ctx.fillStyle = '#2a3a5e';
  const binWidth = (max - min) / counts.length;
  for (let x = 0; x < widthPx; x++) {
    const bin = Math.floor((valueAt(x) - min) / binWidth);
    if (bin < 0 || bin >= counts.length) continue;
    const h = (Math.log1p(counts[bin]!) / peak) * PLOT_HEIGHT_PX;
    ctx.fillRect(x, PLOT_HEIGHT_PX - h, 1, h);
  }
}
