/**
 * Conductivities (S/m) to monodomain diffusivities (mm²/ms).
 * The monodomain equation χ·Cm·∂V/∂t = ∇·(σm∇V) − χ·Iion uses, per direction, the harmonic combination
 * σm = σi·σe/(σi + σe) of the bidomain intra- and extracellular conductivities (equal anisotropy ratios assumed).
 */
export interface BidomainConductivities {
  intraLongitudinalSPerM: number;
  intraTransverseSPerM: number;
  extraLongitudinalSPerM: number;
  extraTransverseSPerM: number;
}

export interface Diffusivity {
  longitudinalMm2PerMs: number;
  transverseMm2PerMs: number;
}

export function monodomainConductivity(sigmaIntra: number, sigmaExtra: number): number {
  return (sigmaIntra * sigmaExtra) / (sigmaIntra + sigmaExtra);
}

/**
 * D = σ/(χ·Cm). With σ in S/m, χ in cm⁻¹ and Cm in µF/cm²: D[m²/s] = σ / (χ·100 · Cm·1e-2) and 1 m²/s = 1000 mm²/ms.
 */
export function diffusivityFromConductivity(sigmaSPerM: number, chiPerCm: number, cmUfPerCm2: number): number {
  const chiPerM = chiPerCm * 100;
  const cmFPerM2 = cmUfPerCm2 * 1e-2;
  return (sigmaSPerM / (chiPerM * cmFPerM2)) * 1000;
}

export function monodomainDiffusivity(s: BidomainConductivities, chiPerCm: number, cmUfPerCm2: number): Diffusivity {
  return {
    longitudinalMm2PerMs: diffusivityFromConductivity(monodomainConductivity(s.intraLongitudinalSPerM, s.extraLongitudinalSPerM), chiPerCm, cmUfPerCm2),
    transverseMm2PerMs: diffusivityFromConductivity(monodomainConductivity(s.intraTransverseSPerM, s.extraTransverseSPerM), chiPerCm, cmUfPerCm2),
  };
}

/** Volumetric stimulus (µA/cm³) to membrane current density per capacitance (µA/µF). */
export function stimulusPerCapacitance(uaPerCm3: number, chiPerCm: number, cmUfPerCm2: number): number {
  return uaPerCm3 / chiPerCm / cmUfPerCm2;
}
