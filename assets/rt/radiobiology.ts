/**
 * Radiobiology parameters per tissue: α/β for the LQ model, Poisson TCP parameters for targets and
 * Lyman–Kutcher–Burman (LKB) NTCP parameters for organs at risk. Each entry cites where its numbers come from.
 *
 * LKB: NTCP = Φ((gEUD − TD50) / (m · TD50)), gEUD = (Σ vᵢ Dᵢ^(1/n))ⁿ, doses as EQD2 (Gy).
 * Poisson TCP: TCP = Π exp(−ρ · Vᵢ · SFᵢ), SFᵢ = exp(−α Dᵢ − β Dᵢ dᵢ) (Webb & Nahum, Phys Med Biol 38:653, 1993).
 */
export interface LkbParameters { td50Gy: number; m: number; n: number; endpoint: string; source: string }
export interface TcpParameters { alphaPerGy: number; clonogensPerCm3: number; source: string }
export interface TissueParameters {
  alphaBetaGy: number;
  alphaBetaSource: string;
  lkb?: LkbParameters;
  tcp?: TcpParameters;
}

const JOINER = 'Joiner & van der Kogel, Basic Clinical Radiobiology, 4th ed. (2009), α/β tables';
const BURMAN = 'Burman et al., IJROBP 21:123 (1991), fit to the Emami et al. 1991 tolerance data';

export const TISSUES: Record<string, TissueParameters> = {
  tumour: {
    alphaBetaGy: 10,
    alphaBetaSource: JOINER,
    // ρ = 10⁷ clonogens/cm³ and α = 0.3 Gy⁻¹ are the values commonly used with the Webb–Nahum model.
    tcp: { alphaPerGy: 0.3, clonogensPerCm3: 1e7, source: 'Webb & Nahum, Phys Med Biol 38:653 (1993)' },
  },
  prostateTumour: {
    alphaBetaGy: 1.5,
    alphaBetaSource: 'Brenner & Hall, IJROBP 43:1095 (1999)',
    tcp: { alphaPerGy: 0.15, clonogensPerCm3: 1e7, source: 'Brenner & Hall (1999); Webb & Nahum (1993) model' },
  },
  lung: {
    alphaBetaGy: 3,
    alphaBetaSource: JOINER,
    lkb: { td50Gy: 30.8, m: 0.37, n: 0.99, endpoint: 'radiation pneumonitis', source: 'Seppenwoolde et al., IJROBP 55:724 (2003); QUANTEC lung, Marks et al., IJROBP 76:S70 (2010)' },
  },
  heart: {
    alphaBetaGy: 3,
    alphaBetaSource: JOINER,
    lkb: { td50Gy: 48, m: 0.1, n: 0.35, endpoint: 'pericarditis', source: BURMAN },
  },
  spinalCord: {
    alphaBetaGy: 2,
    alphaBetaSource: 'QUANTEC spinal cord, Kirkpatrick et al., IJROBP 76:S42 (2010)',
    lkb: { td50Gy: 66.5, m: 0.175, n: 0.05, endpoint: 'myelitis / necrosis', source: BURMAN },
  },
  parotid: {
    alphaBetaGy: 3,
    alphaBetaSource: JOINER,
    lkb: { td50Gy: 39.9, m: 0.4, n: 1, endpoint: 'xerostomia (< 25 % flow)', source: 'QUANTEC parotid, Deasy et al., IJROBP 76:S58 (2010)' },
  },
  rectum: {
    alphaBetaGy: 3,
    alphaBetaSource: JOINER,
    lkb: { td50Gy: 76.9, m: 0.13, n: 0.09, endpoint: 'grade ≥ 2 late rectal toxicity', source: 'QUANTEC rectum, Michalski et al., IJROBP 76:S123 (2010)' },
  },
  bladder: {
    alphaBetaGy: 3,
    alphaBetaSource: JOINER,
    lkb: { td50Gy: 80, m: 0.11, n: 0.5, endpoint: 'contracture / volume loss', source: BURMAN },
  },
  /** Tissue with no organ-specific model: LQ only. */
  normal: { alphaBetaGy: 3, alphaBetaSource: JOINER },
};
