import type { ViewerCommand, ViewerTool } from './shortcuts';
import { SHORTCUTS, keyLabel } from './shortcuts';
import { WINDOW_PRESETS } from './window-presets';

export type ViewerMode = 'stack' | 'mpr';

const TOOLS: { tool: ViewerTool; label: string; mprOnly?: boolean }[] = [
  { tool: 'WindowLevel', label: 'W/L' },
  { tool: 'Pan', label: 'Pan' },
  { tool: 'Zoom', label: 'Zoom' },
  { tool: 'Length', label: 'Length' },
  { tool: 'Angle', label: 'Angle' },
  { tool: 'EllipticalROI', label: 'Ellipse ROI' },
  { tool: 'RectangleROI', label: 'Rectangle ROI' },
  { tool: 'Crosshairs', label: 'Crosshairs', mprOnly: true },
];

/** "Lung (1)": the shortcut of a command, for tooltips. */
function withKey(label: string, matches: (c: ViewerCommand) => boolean): string {
  const key = SHORTCUTS.find((s) => matches(s.command))?.keys[0];
  return key ? `${label} (${keyLabel(key)})` : label;
}

interface Props {
  mode: ViewerMode;
  /** Why MPR is not offered for this series, or null when it is. */
  mprBlocked: string | null;
  tool: ViewerTool;
  preset: string | null;
  cine: boolean;
  help: boolean;
  /** True until the images are on screen. */
  disabled: boolean;
  onCommand: (command: ViewerCommand) => void;
  onMode: (mode: ViewerMode) => void;
}

export function ViewerToolbar({ mode, mprBlocked, tool, preset, cine, help, disabled, onCommand, onMode }: Props) {
  return (
    // Clicking a button must not leave it focused: Space would then press it again instead of playing cine.
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer tools" onMouseDown={(e) => e.preventDefault()}>
      <div className="tool-group" aria-label="Layout">
        <button aria-pressed={mode === 'stack'} data-testid="viewer-mode-stack" onClick={() => onMode('stack')}>
          Stack
        </button>
        <button
          aria-pressed={mode === 'mpr'}
          data-testid="viewer-mode-mpr"
          disabled={mprBlocked !== null}
          title={mprBlocked ?? withKey('Axial, sagittal and coronal views', (c) => c.kind === 'toggle-mode')}
          onClick={() => onMode('mpr')}
        >
          MPR
        </button>
      </div>
      <div className="tool-group" aria-label="Window presets">
        {WINDOW_PRESETS.map((p) => (
          <button
            key={p.name}
            aria-pressed={preset === p.name}
            data-testid={`wl-preset-${p.name}`}
            disabled={disabled}
            title={`${p.window ? `W ${p.window.widthHu} L ${p.window.levelHu}` : "The image's own window"} (${p.key})`}
            onClick={() => onCommand({ kind: 'preset', name: p.name })}
          >
            {p.label.replace(/^CT /, '')}
          </button>
        ))}
      </div>
      <div className="tool-group" aria-label="Mouse tool">
        {TOOLS.filter((t) => !t.mprOnly || mode === 'mpr').map((t) => (
          <button
            key={t.tool}
            aria-pressed={tool === t.tool}
            data-testid={`tool-${t.tool.toLowerCase()}`}
            disabled={disabled}
            title={withKey(t.label, (c) => c.kind === 'tool' && c.tool === t.tool)}
            onClick={() => onCommand({ kind: 'tool', tool: t.tool })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tool-group" aria-label="View">
        <button aria-pressed={cine} data-testid="viewer-cine" disabled={disabled} title="Cine (Space)" onClick={() => onCommand({ kind: 'cine' })}>
          {cine ? '■ Stop' : '▶ Cine'}
        </button>
        <button data-testid="viewer-invert" disabled={disabled} title="Invert (I)" onClick={() => onCommand({ kind: 'invert' })}>
          Invert
        </button>
        <button data-testid="viewer-reset" disabled={disabled} title="Reset (R)" onClick={() => onCommand({ kind: 'reset' })}>
          Reset
        </button>
        <button aria-pressed={help} data-testid="viewer-help" title="Keyboard shortcuts (?)" onClick={() => onCommand({ kind: 'help' })}>
          ?
        </button>
      </div>
    </div>
  );
}
