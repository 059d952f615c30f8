import { MOUSE_BINDINGS, SHORTCUTS, keyLabel } from './shortcuts';

/** The keyboard and mouse bindings, from the same table the key handler uses. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <div className="viewer-help" role="dialog" aria-label="Viewer shortcuts" data-testid="viewer-help-panel">
      <div className="viewer-help-header">
        <h3>Keyboard and mouse</h3>
        <button onClick={onClose} aria-label="Close help">
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.description}>
              <td className="keys">
                {[...new Set(s.keys.map(keyLabel))].map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          {MOUSE_BINDINGS.map((m) => (
            <tr key={m.input}>
              <td className="keys">
                <kbd>{m.input}</kbd>
              </td>
              <td>{m.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
