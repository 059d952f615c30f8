/** Per-structure dose and radiobiology under the current what-if settings, with the change from the plan. */
import type { StructureOutcome } from './what-if';

function pct(p: number | undefined): string {
  if (p === undefined) return '–';
  const v = 100 * p;
  // Poisson TCP spans hundreds of decades below a curative dose: beyond one decimal only "how small" matters.
  return v < 0.05 ? '< 0.1 %' : v > 99.95 ? '> 99.9 %' : `${v.toFixed(1)} %`;
}

function delta(now: number, then: number, unit: string): string {
  const d = now - then;
  return Math.abs(d) < 0.005 ? '' : ` (${d > 0 ? '+' : ''}${d.toFixed(2)}${unit})`;
}

export function StructureTable({ outcomes, planned, colours, voxelCm3 }: { outcomes: StructureOutcome[]; planned: StructureOutcome[]; colours: Map<string, string>; voxelCm3: number }) {
  return (
    <table className="rt-table">
      <caption>Structures</caption>
      <thead>
        <tr>
          <th>Structure</th><th>Role</th><th>Tissue</th><th>Volume (cm³)</th><th>Dmean (Gy)</th><th>Dmax (Gy)</th><th>EQD2 mean (Gy)</th><th>TCP</th><th>NTCP</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o, q) => {
          const p = planned[q]!;
          return (
            <tr
              key={o.name}
              data-testid="rt-structure-row"
              data-name={o.name}
              data-role={o.role}
              data-mean-gy={o.meanGy}
              {...(o.tcp !== undefined ? { 'data-tcp': o.tcp } : {})}
              {...(o.ntcp !== undefined ? { 'data-ntcp': o.ntcp } : {})}
            >
              <td><i className="swatch" style={{ background: colours.get(o.name) }} />{o.name}</td>
              <td>{o.role === 'target' ? 'target' : 'organ at risk'}</td>
              <td>{o.tissue}</td>
              <td>{(o.sortedGy.length * voxelCm3).toFixed(1)}</td>
              <td>{o.meanGy.toFixed(2)}<span className="delta">{delta(o.meanGy, p.meanGy, '')}</span></td>
              <td>{o.maxGy.toFixed(2)}<span className="delta">{delta(o.maxGy, p.maxGy, '')}</span></td>
              <td>{o.meanEqd2Gy.toFixed(2)}<span className="delta">{delta(o.meanEqd2Gy, p.meanEqd2Gy, '')}</span></td>
              <td>{pct(o.tcp)}</td>
              <td>{pct(o.ntcp)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
