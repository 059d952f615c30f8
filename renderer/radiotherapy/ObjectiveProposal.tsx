/**
 * "Propose objectives": the dose-volume predictor (knowledge-based planning) estimates what the standard plan achieves
 * in each OAR of this geometry, and proposes a mean-dose and a D2 objective at those values. Each value is labelled as
 * a model estimate with the model's version; the clinician edits them and accepts, and only then does the plan use
 * them (and record the model in its summary and Provenance). Without the model the form plans as before.
 */
import { useEffect, useState } from 'react';
import type { ReplyOf } from '../../main/contract/channels';
import type { PlanOarObjective } from '../../main/contract/jobs';
import { useBridge } from '../bridge/bridge-context';

type Proposal = ReplyOf<'models.proposeObjectives'>;

export interface AcceptedObjectives {
  objectives: PlanOarObjective[];
  from: { name: string; version: string };
}

export interface ProposalQuestion {
  ctSeriesKey: string;
  rtstructSeriesKey: string;
  target: string;
  ptvMarginMm: number;
  oars: string[];
  prescriptionGy: number;
}

export function ObjectiveProposal({ question, onAccepted }: { question: ProposalQuestion; onAccepted: (accepted: AcceptedObjectives | null) => void }) {
  const bridge = useBridge();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [edited, setEdited] = useState<PlanOarObjective[]>([]);
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(question);

  // A new target, OAR set, margin or prescription makes an earlier proposal stale.
  useEffect(() => {
    setProposal(null);
    setAccepted(false);
    setError(null);
    onAccepted(null);
  }, [key, onAccepted]);

  useEffect(() => {
    onAccepted(accepted && proposal ? { objectives: edited, from: proposal.model } : null);
  }, [accepted, edited, proposal, onAccepted]);

  const propose = () => {
    setBusy(true);
    setError(null);
    bridge
      .invoke('models.proposeObjectives', question)
      .then((p) => {
        setProposal(p);
        setEdited(p.oars.flatMap((o) => ('objectives' in o ? o.objectives : [])));
        setAccepted(false);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  const setDose = (k: number, doseGy: number) => setEdited((list) => list.map((o, j) => (j === k ? { ...o, doseGy } : o)));
  const label = proposal ? `model estimate · ${proposal.model.name} v${proposal.model.version}` : '';

  return (
    <div className="rt-proposal" data-testid="rt-objective-proposal">
      <div className="rt-row wrap">
        <button onClick={propose} disabled={busy || question.oars.length === 0 || !question.target} data-testid="rt-propose-objectives">
          {busy ? 'Estimating…' : 'Propose objectives'}
        </button>
        <span className="small muted">achievable OAR doses from the geometry (knowledge-based planning)</span>
      </div>
      {error && <p className="error small">{error} · the plan uses the default objectives</p>}
      {proposal && (
        <>
          <table className="rt-table compact" aria-label="Proposed OAR objectives">
            <thead>
              <tr>
                <th>OAR</th>
                <th>Objective</th>
                <th>Dose (Gy)</th>
                <th>Predicted V50 %</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {proposal.oars.map((o) =>
                'refused' in o ? (
                  <tr key={o.name} data-testid="rt-proposal-refused">
                    <td>{o.name}</td>
                    <td colSpan={4} className="muted" title={o.refused}>
                      outside the model's trained range: default objective
                    </td>
                  </tr>
                ) : (
                  o.objectives.map((objective) => {
                    const k = edited.findIndex((e) => e.structure === objective.structure && e.kind === objective.kind);
                    return (
                      <tr key={`${o.name}-${objective.kind}`} data-testid="rt-proposal-row" data-oar={o.name}>
                        <td>{o.name}</td>
                        <td>{objective.kind === 'meanDose' ? 'mean dose ≤' : `D${objective.volumePct ?? 2} ≤`}</td>
                        <td>
                          <input
                            type="number"
                            min={0}
                            step={0.1}
                            value={edited[k]?.doseGy ?? objective.doseGy}
                            onChange={(e) => setDose(k, Number(e.target.value))}
                            aria-label={`${o.name} ${objective.kind} objective (Gy)`}
                          />
                        </td>
                        <td>{objective.kind === 'meanDose' ? o.v50Pct.toFixed(0) : ''}</td>
                        <td className="small muted" data-testid="rt-proposal-label">{label}</td>
                      </tr>
                    );
                  })
                ),
              )}
            </tbody>
          </table>
          <label className="small">
            <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="rt-accept-objectives" /> Plan with these
            objectives (edited values are used as shown)
          </label>
        </>
      )}
    </div>
  );
}
