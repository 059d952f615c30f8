/**
 * Keyboard shortcuts of the viewer, modelled on OHIF's defaults (hotkeys in its default extension): one table
 * feeds both the key handler and the help panel, so the panel cannot drift from what the keys do.
 */
import { WINDOW_PRESETS } from './window-presets';

export type ViewerTool = 'WindowLevel' | 'Pan' | 'Zoom' | 'Length' | 'Angle' | 'EllipticalROI' | 'RectangleROI' | 'Crosshairs';

export type ViewerCommand =
  | { kind: 'preset'; name: string }
  | { kind: 'scroll'; delta: number }
  | { kind: 'first-slice' }
  | { kind: 'last-slice' }
  | { kind: 'reset' }
  | { kind: 'invert' }
  | { kind: 'flip-horizontal' }
  | { kind: 'flip-vertical' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'tool'; tool: ViewerTool }
  | { kind: 'cine' }
  | { kind: 'toggle-mode' }
  | { kind: 'help' }
  | { kind: 'close' };

export interface Shortcut {
  /** KeyboardEvent.key values that trigger it. */
  keys: string[];
  description: string;
  command: ViewerCommand;
}

export const SHORTCUTS: readonly Shortcut[] = [
  ...WINDOW_PRESETS.map((p) => ({ keys: [p.key], description: `Window: ${p.label}`, command: { kind: 'preset', name: p.name } as const })),
  { keys: ['ArrowDown', 'ArrowRight', 'PageDown'], description: 'Next image', command: { kind: 'scroll', delta: 1 } },
  { keys: ['ArrowUp', 'ArrowLeft', 'PageUp'], description: 'Previous image', command: { kind: 'scroll', delta: -1 } },
  { keys: ['Home'], description: 'First image', command: { kind: 'first-slice' } },
  { keys: ['End'], description: 'Last image', command: { kind: 'last-slice' } },
  { keys: ['r', 'R'], description: 'Reset view (zoom, pan, window, invert)', command: { kind: 'reset' } },
  { keys: ['i', 'I'], description: 'Invert greyscale', command: { kind: 'invert' } },
  { keys: ['h', 'H'], description: 'Flip horizontally', command: { kind: 'flip-horizontal' } },
  { keys: ['v', 'V'], description: 'Flip vertically', command: { kind: 'flip-vertical' } },
  { keys: ['+', '='], description: 'Zoom in', command: { kind: 'zoom', factor: 1.25 } },
  { keys: ['-'], description: 'Zoom out', command: { kind: 'zoom', factor: 0.8 } },
  { keys: ['w', 'W'], description: 'Tool: window/level (drag)', command: { kind: 'tool', tool: 'WindowLevel' } },
  { keys: ['p', 'P'], description: 'Tool: pan', command: { kind: 'tool', tool: 'Pan' } },
  { keys: ['z', 'Z'], description: 'Tool: zoom', command: { kind: 'tool', tool: 'Zoom' } },
  { keys: ['l', 'L'], description: 'Tool: length (mm)', command: { kind: 'tool', tool: 'Length' } },
  { keys: ['a', 'A'], description: 'Tool: angle (°)', command: { kind: 'tool', tool: 'Angle' } },
  { keys: ['e', 'E'], description: 'Tool: elliptical ROI (mean, SD, area)', command: { kind: 'tool', tool: 'EllipticalROI' } },
  { keys: ['c', 'C'], description: 'Tool: crosshairs (MPR)', command: { kind: 'tool', tool: 'Crosshairs' } },
  { keys: [' '], description: 'Cine: play / stop', command: { kind: 'cine' } },
  { keys: ['m', 'M'], description: 'Switch stack / MPR', command: { kind: 'toggle-mode' } },
  { keys: ['?'], description: 'Show / hide this help', command: { kind: 'help' } },
  { keys: ['Escape'], description: 'Close help', command: { kind: 'close' } },
];

/** Mouse bindings shown in the help panel (as in OHIF: the primary button runs the chosen tool). */
export const MOUSE_BINDINGS: readonly { input: string; description: string }[] = [
  { input: 'Left drag', description: 'The chosen tool (window/level by default)' },
  { input: 'Middle drag', description: 'Pan' },
  { input: 'Right drag', description: 'Zoom' },
  { input: 'Wheel', description: 'Scroll through images' },
];

export function commandForKey(key: string): ViewerCommand | null {
  return SHORTCUTS.find((s) => s.keys.includes(key))?.command ?? null;
}

export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', ' ': 'Space', PageDown: 'PgDn', PageUp: 'PgUp', Escape: 'Esc',
  };
  return names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}
