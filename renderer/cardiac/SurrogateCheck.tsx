/**
 * The full simulation confirms the surrogate: for a finished challenge run, the QT surrogate's estimate of the same
 * question (the genotype's scalings at each dose) beside the simulated QT and ΔQT. Shown only when the model is
 * available and can express the genotype; doses outside its range are marked instead of estimated.
 */
import { useEffect, useState } from 'react';
import type { ReplyOf } from '../../main/contract/channels';
import { useBridge, useQuery } from '../bridge/bridge-context';
import type { ChallengeResult } from './challenge-result';
import { QT_SURROGATE, surrogateScalingsFor } from './surrogate-scalings';

type Estimate = ReplyOf<'models.epQt'>;

export function SurrogateCheck({ result }: { result: ChallengeResult }) {
  const bridge = useBridge();
  const status = useQuery('models.status', { model: QT_SURROGATE });
  const [estimates, setEstimates] = useState<(Estimate | string)[] | null>(null);
  const available = status.data?.available === true;
  const scalings = surrogateScalingsFor(result.genotype);

  useEffect(() => {
    if (!available || !scalings) return;
    let live = true;
    Promise.allSettled(result.results.map((r) => bridge.invoke('models.epQt', { ...scalings, doseUgPerKgMin: r.dose }))).then(
      (settled) => live && setEstimates(settled.map((s) => (s.status === 'fulfilled' ? s.value : String((s.reason as Error).message ?? s.reason)))),
    );
    return () => {
      live = false;
    };
    // scalings is derived from result.genotype (a fresh object each render, so not a dependency itself)
  }, [bridge, available, result]);

  if (!available || !scalings || !estimates) return null;
  const version = estimates.find((e): e is Estimate => typeof e !== 'string')?.model.version;
  return (
    <details className="small" open data-testid="surrogate-check">
      <summary>
        Simulated vs model estimate · {QT_SURROGATE} v{version ?? '?'}
      </summary>
      <table className="cardiac-table compact">
        <thead>
          <tr>
            <th>Epinephrine</th>
            <th>QT simulated</th>
            <th>QT model</th>
            <th>ΔQT simulated</th>
            <th>ΔQT model</th>
            <th>Afterdepolarisation probability (model) · events (simulated)</th>
          </tr>
        </thead>
        <tbody>
          {result.results.map((r, k) => {
            const e = estimates[k]!;
            return (
              <tr key={r.dose} data-testid="surrogate-check-row">
                <td>{r.dose}</td>
                <td>{r.qtMs.toFixed(0)} ms</td>
                {typeof e === 'string' ? (
                  <td colSpan={4} className="muted" title={e}>
                    outside the model's trained range
                  </td>
                ) : (
                  <>
                    <td data-testid="surrogate-check-qt">{e.qtMs.toFixed(0)} ms</td>
                    <td>{r.deltaQtMs.toFixed(0)} ms</td>
                    <td>{e.deltaQtMs.toFixed(0)} ms</td>
                    <td>
                      {(100 * e.arrhythmiaProbability).toFixed(0)} % · {r.events.length > 0 ? `⚡ ${r.events.length}` : 'none'}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
