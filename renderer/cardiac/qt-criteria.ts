/**
 * The clinical reading of the epinephrine QT stress test: a paradoxical QT prolongation of 30 ms or more at a low
 * infusion rate (≤ 0.1 µg/kg/min) points to LQT1 (Vyas H, Hejlik J, Ackerman MJ. Circulation 2006;113:1385;
 * Shimizu W et al. Heart Rhythm 2004;1:276), while QT shortens in healthy hearts.
 */
export const PARADOXICAL_PROLONGATION_MS = 30;
export const LOW_DOSE_LIMIT_UG_PER_KG_MIN = 0.1;
export const QT_CRITERION_CITATION = 'Vyas H, Hejlik J, Ackerman MJ. Circulation 2006;113:1385–1392';

export function isParadoxicalProlongation(doseUgPerKgMin: number, deltaQtMs: number): boolean {
  return doseUgPerKgMin > 0 && doseUgPerKgMin <= LOW_DOSE_LIMIT_UG_PER_KG_MIN && deltaQtMs >= PARADOXICAL_PROLONGATION_MS;
}
