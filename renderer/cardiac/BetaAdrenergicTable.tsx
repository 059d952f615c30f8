/** What epinephrine does in the model: each β-adrenergic target's maximal effect and half-effect dose, with sources. */
import { BETA_ADRENERGIC_CITATION, betaAdrenergicTargets, CLINICAL_PROTOCOL_CITATION } from './genotypes';

export function BetaAdrenergicTable() {
  return (
    <details className="cardiac-beta small">
      <summary>What epinephrine changes in the model</summary>
      <table className="cardiac-table compact">
        <thead>
          <tr>
            <th>Target</th>
            <th>Maximal effect (×)</th>
            <th>EC50 (µg/kg/min)</th>
          </tr>
        </thead>
        <tbody>
          {betaAdrenergicTargets().map((t) => (
            <tr key={t.target}>
              <td>{t.target}</td>
              <td>{t.target.endsWith('Mv') ? `${t.maxEffect} mV` : `×${t.maxEffect}`}</td>
              <td>{t.ec50UgPerKgMin}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{BETA_ADRENERGIC_CITATION}</p>
      <p className="muted">{CLINICAL_PROTOCOL_CITATION}</p>
    </details>
  );
}
