import { describe, expect, it } from 'vitest';
import { diffusivityFromConductivity, monodomainConductivity, monodomainDiffusivity, stimulusPerCapacitance } from './conductivity';

describe('monodomain conductivity', () => {
  it('is the harmonic combination σiσe/(σi+σe)', () => {
    expect(monodomainConductivity(0.17, 0.62)).toBeCloseTo(0.1334, 4);
    expect(monodomainConductivity(0.019, 0.24)).toBeCloseTo(0.017606, 5);
  });

  it('converts to mm²/ms with χ = 1400 /cm and Cm = 1 µF/cm² (Niederer 2011 slab)', () => {
    // 0.1334 S/m / (1400 cm⁻¹ · 1 µF/cm²) = 9.53e-4 cm²/ms = 0.0953 mm²/ms
    expect(diffusivityFromConductivity(0.13342, 1400, 1)).toBeCloseTo(0.0953, 4);
    const d = monodomainDiffusivity(
      { intraLongitudinalSPerM: 0.17, intraTransverseSPerM: 0.019, extraLongitudinalSPerM: 0.62, extraTransverseSPerM: 0.24 },
      1400,
      1,
    );
    expect(d.longitudinalMm2PerMs / d.transverseMm2PerMs).toBeCloseTo(0.13342 / 0.017606, 3);
  });

  it('turns 50 000 µA/cm³ into 35.7 µA/µF', () => {
    expect(stimulusPerCapacitance(50000, 1400, 1)).toBeCloseTo(35.714, 3);
  });
});
