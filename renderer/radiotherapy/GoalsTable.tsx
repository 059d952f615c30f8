import type { PlanSummary } from './plan-summary';

/** The plan's dose goals (TG-119 style) as the job evaluated them, with pass/fail. */
export function GoalsTable({ goals }: { goals: PlanSummary['goals'] }) {
  if (goals.length === 0) return <p className="muted">This plan has no dose goals.</p>;
  const met = goals.filter((g) => g.pass).length;
  return (
    <table className="rt-table">
      <caption>Goals: {met} of {goals.length} met</caption>
      <thead>
        <tr><th>Structure</th><th>Metric</th><th>Goal</th><th>Achieved</th><th>Result</th></tr>
      </thead>
      <tbody>
        {goals.map((g, q) => (
          <tr key={q} data-testid="rt-goal" data-pass={String(g.pass)}>
            <td>{g.structure}</td>
            <td>{g.metric}</td>
            <td>{g.goal}</td>
            <td>{g.achievedGy.toFixed(2)} Gy</td>
            <td className={g.pass ? 'pass' : 'fail'}>{g.pass ? '✓ pass' : '✗ fail'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
