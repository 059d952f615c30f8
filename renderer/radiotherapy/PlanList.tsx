/** Previous plans, newest first: this patient's and the phantom plans; one is shown. */
import type { DerivedObject } from '../../main/contract/domain';

export function PlanList({ plans, selected, onSelect }: { plans: DerivedObject[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <section className="rt-plan-list" aria-label="Plans">
      <h3 className="panel-title">Plans</h3>
      {plans.length === 0 && <p className="muted small">No plans yet.</p>}
      <ul>
        {plans.map((p) => (
          <li key={p.id}>
            <button className={p.id === selected ? 'series selected' : 'series'} onClick={() => onSelect(p.id)} data-testid="rt-plan-item" data-plan-id={p.id}>
              <span>{p.title}</span>
              <span className="series-meta">{p.patientKey ? 'patient' : 'phantom'} · {new Date(p.createdAt).toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
