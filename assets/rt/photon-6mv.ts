/**
 * A 6 MV photon beam model for the pencil-beam engine (workers/rt/dose).
 *
 * Depth dose: central-axis percentage depth dose of a 10 × 10 cm² field at SSD 100 cm in water, representative
 * of the 6 MV data in BJR Supplement 25 (Central axis depth dose data for use in radiotherapy, 1996) and of
 * published linac commissioning sets (dmax 1.5 cm, PDD(10 cm) ≈ 67 %, PDD(20 cm) ≈ 38 %). Values are rounded
 * representative numbers, not a transcription of one machine. The engine derives its pencil-beam depth function
 * from this table by dividing out the lateral kernel and the inverse square (workers/rt/dose/beam-model.ts), so the
 * engine reproduces this PDD for a 10 × 10 cm² field by construction and the tests check the whole chain.
 *
 * Lateral spread: the kernel is a sum of two Gaussians (a narrow primary term and a broader scatter term), the
 * decomposition of pencil-beam kernels of Bortfeld, Schlegel & Rhein, Med Phys 20:311 (1993) and the
 * multi-Gaussian photon kernels of matRad (Wieser et al., Med Phys 44:2556, 2017). The numbers are tuned by
 * hand so that the 80–20 % penumbra of a 10 × 10 cm² field at 10 cm depth is ≈ 5 mm, within the 3–8 mm reported
 * for 6 MV linacs (e.g. AAPM TG-106, Das et al. 2008), and the scatter fraction grows with depth.
 * σ and weights are functions of the radiological depth d (mm): value = atSurface + perMmDepth · d.
 */
export interface PhotonBeamModel {
  name: string;
  sadMm: number;
  pdd10x10: { ssdMm: number; fieldMm: number; depthMm: readonly number[]; percent: readonly number[] };
  primarySigmaMm: { atSurface: number; perMmDepth: number };
  scatterSigmaMm: { atSurface: number; perMmDepth: number };
  scatterWeight: { atSurface: number; perMmDepth: number; max: number };
}

export const PHOTON_6MV: PhotonBeamModel = {
  name: '6 MV photons',
  sadMm: 1000,
  pdd10x10: {
    ssdMm: 1000,
    fieldMm: 100,
    depthMm: [0, 2.5, 5, 7.5, 10, 12.5, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120, 150, 200, 250, 300, 400],
    percent: [45, 70, 86, 94, 97.6, 99.4, 100, 99.0, 95.9, 92.0, 87.6, 83.3, 79.1, 75.0, 71.1, 67.3, 60.2, 50.9, 38.3, 28.9, 21.8, 12.5],
  },
  primarySigmaMm: { atSurface: 1.8, perMmDepth: 0.006 },
  scatterSigmaMm: { atSurface: 5, perMmDepth: 0.045 },
  scatterWeight: { atSurface: 0.05, perMmDepth: 0.0015, max: 0.4 },
};
