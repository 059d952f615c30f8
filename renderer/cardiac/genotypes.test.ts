import { describe, expect, it } from 'vitest';
import { betaAdrenergicTargets, genotypeInfo, GENOTYPES } from './genotypes';

describe('genotype presets as shown', () => {
  it('describes every genotype the job accepts with its change and its source sentence', () => {
    for (const id of GENOTYPES) {
      const info = genotypeInfo(id);
      expect(info.change.length).toBeGreaterThan(10);
      expect(info.citation.length).toBeGreaterThan(10);
    }
  });

  it('takes each long-QT citation from its own sentence and splits the scar reference off its note', () => {
    expect(genotypeInfo('lqt1').citation).toMatch(/^LQT1: Schwartz PJ/);
    expect(genotypeInfo('lqt3').citation).toMatch(/^LQT3: .*Clancy/);
    expect(genotypeInfo('lqt3').change).toContain('late INa');
    expect(genotypeInfo('scar').change).not.toContain('Ursell');
    expect(genotypeInfo('scar').citation).toMatch(/^Ursell PC/);
  });

  it('lists the β-adrenergic targets with positive effects and half-effect doses', () => {
    const targets = betaAdrenergicTargets();
    expect(targets.map((t) => t.target)).toContain('gKs');
    for (const t of targets) expect(t.ec50UgPerKgMin).toBeGreaterThan(0);
  });
});
