/** The colour bar of the heart view: the map's gradient with its range in the value's unit. */
import { cssGradient, type ColorMap } from './color-maps';

export function ColorBar({ map, range, label, unit }: { map: ColorMap; range: readonly [number, number]; label: string; unit: string }) {
  const mid = (range[0] + range[1]) / 2;
  return (
    <div className="heart-colorbar" data-testid="heart-colorbar" data-map={map.id}>
      <span className="small">{label}</span>
      <div className="heart-colorbar-gradient" style={{ background: cssGradient(map) }} />
      <div className="heart-colorbar-ticks small muted">
        <span>{range[0].toFixed(0)}</span>
        <span>{mid.toFixed(0)}</span>
        <span>
          {range[1].toFixed(0)} {unit}
        </span>
      </div>
    </div>
  );
}
