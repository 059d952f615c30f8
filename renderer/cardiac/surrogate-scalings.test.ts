import { describe, expect, it } from 'vitest';
import { CONTROL_SCALINGS, surrogateScalingsFor } from './surrogate-scalings';

describe('genotype presets as surrogate inputs', () => {
  it('maps each channel genotype onto its scalings, LQT1 with its lost IKs β-AR response', () => {
    expect(surrogateScalingsFor('control')).toEqual(CONTROL_SCALINGS);
    expect(surrogateScalingsFor('lqt1')).toEqual({ ...CONTROL_SCALINGS, gKs: 0.2, iksBetaBlunting: 1 });
    expect(surrogateScalingsFor('lqt2')).toEqual({ ...CONTROL_SCALINGS, gKr: 0.4 });
    expect(surrogateScalingsFor('lqt3')).toEqual({ ...CONTROL_SCALINGS, gNaLAbsolute: 0.02 });
    expect(surrogateScalingsFor('cpvt')).toEqual({ ...CONTROL_SCALINGS, vLeak: 6 });
  });

  it('has no answer for the scar (a tissue change) or an unknown genotype', () => {
    expect(surrogateScalingsFor('scar')).toBeNull();
    expect(surrogateScalingsFor('lqt9')).toBeNull();
  });
});
