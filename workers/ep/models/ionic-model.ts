/**
 * An ionic model is data (parameters, state names, initial state) plus ONE step function, as in openCARP and
 * Myokit. State is stored structure-of-arrays so the tissue solver can hand a whole block of cells to one call:
 *   state[s * n + i] is state variable s of cell i, and s = 0 is always the membrane potential V (mV).
 * Units: ms, mV; currents in µA/µF (= pA/pF), so with Cm = 1 µF/cm² they equal µA/cm².
 */
export type StateArray = Float32Array | Float64Array;

/** Multipliers and shifts applied on top of a model's published parameters (genotypes, β-adrenergic stimulation). */
export interface CurrentModifiers {
  /** conductance / flux multipliers, 1 = unchanged */
  gNa?: number;
  gNaL?: number;
  gCaL?: number;
  gKr?: number;
  gKs?: number;
  gK1?: number;
  gto?: number;
  /** Na/K pump: max current multiplier and the Nai half-saturation multiplier (PKA lowers it) */
  pNaK?: number;
  kmNaiNaK?: number;
  /** background / plateau K current (TT06 IpK stands in for ORd IKb) */
  gKb?: number;
  /** SERCA: max uptake multiplier and Kup multiplier (phospholamban phosphorylation lowers Kup) */
  vmaxUp?: number;
  kmUp?: number;
  /** RyR: release flux multiplier and diastolic leak multiplier */
  vRel?: number;
  vLeak?: number;
  /** shift (mV) of Na channel steady-state inactivation (PKA) */
  naInactivationShiftMv?: number;
  /** late INa conductance in mS/µF added on top (TT06 has none by default) */
  gNaLAbsolute?: number;
  /**
   * Mitchell–Schaeffer only: multiplier of τclose, the time constant that sets its APD
   * (APD ≈ τclose·ln(τout/4τin), Mitchell & Schaeffer 2003); workers/ep/heart maps genotype and dose onto it.
   */
  tauCloseScale?: number;
}

export interface IonicModel {
  readonly id: string;
  readonly citation: string;
  readonly stateNames: readonly string[];
  readonly initialState: readonly number[];
  /** Largest time step (ms) at which the step function is accurate for action-potential shape. */
  readonly maxDtMs: number;
  /** Resting potential used for activation thresholds and event detection (mV). */
  readonly restingPotentialMv: number;
  /** Single-cell pacing stimulus the model's authors use, when it differs from paceCell's default. */
  readonly pacingStimulus?: { amplitudeUaPerUf: number; durationMs: number };
  /**
   * Advance cells [from, to) of an n-cell block by dtMs (Rush–Larsen for gates, forward Euler otherwise).
   * iStim: injected (depolarising when positive) current per cell in µA/µF, or null for none.
   */
  step(state: StateArray, n: number, from: number, to: number, dtMs: number, iStim: StateArray | null): void;
}

/** Copies a model's initial state into every cell of a SoA block. */
export function fillInitialState(model: IonicModel, state: StateArray, n: number, from = 0, to = n): void {
  model.initialState.forEach((value, s) => state.fill(value, s * n + from, s * n + to));
}

/** Additive modifier keys (shifts and absolute conductances); every other key is a multiplier. */
const ADDITIVE_MODIFIERS = new Set(['naInactivationShiftMv', 'gNaLAbsolute']);

/** Applies b on top of a: multipliers multiply, shifts and absolute conductances add. */
export function combineModifiers(a: CurrentModifiers, b: CurrentModifiers): CurrentModifiers {
  const out: Record<string, number> = { ...(a as Record<string, number>) };
  for (const [key, value] of Object.entries(b as Record<string, number>)) {
    out[key] = ADDITIVE_MODIFIERS.has(key) ? (out[key] ?? 0) + value : (out[key] ?? 1) * value;
  }
  return out as CurrentModifiers;
}
