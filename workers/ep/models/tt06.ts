/**
 * ten Tusscher–Panfilov 2006 human ventricular model (endo, M, epi). Parameters and citation: assets/ep/tt06.json.
 * Gates by Rush–Larsen; calcium concentrations with the rapid-buffering quadratic update of the authors' own code;
 * Na, K and V by forward Euler. A late sodium current (off by default) serves the LQT3 preset.
 */
import table from '../../../assets/ep/tt06.json';
import type { CurrentModifiers, IonicModel, StateArray } from './ionic-model';
import { naturalLog } from './natural-log';

export type Tt06CellType = 'endo' | 'm' | 'epi';

const STATE_NAMES = Object.keys(table.initialState);
const S = Object.fromEntries(STATE_NAMES.map((name, i) => [name, i])) as Record<keyof typeof table.initialState, number>;

/** Columns of the voltage lookup table. */
const C = {
  mInf: 0, mDecay: 1, hInf: 2, hDecay: 3, jDecay: 4, hLInf: 5, xr1Inf: 6, xr1Decay: 7, xr2Inf: 8, xr2Decay: 9,
  xsInf: 10, xsDecay: 11, rInf: 12, rDecay: 13, sInf: 14, sDecay: 15, dInf: 16, dDecay: 17, fInf: 18, fDecay: 19,
  f2Inf: 20, f2Decay: 21, ipK: 22, naK: 23, naCaIn: 24, naCaOut: 25, calSS: 26, calO: 27,
} as const;
const COLS = 28;
const V_MIN = -150;
const V_STEP = 0.05;
const V_ROWS = Math.round(250 / V_STEP) + 1; // −150 … +100 mV
const K1_MIN = -150;
const K1_ROWS = Math.round(400 / V_STEP) + 1; // V − EK in −150 … +250 mV
/**
 * The step loop runs over blocks of this many cells. Measured on the bench grid (bench/ep.ts): V8's code for the
 * big cell loop runs about 15% faster in blocks of 128–512 cells than in one sweep (2048 and more: no gain); the C
 * reference gains nothing from it, so it keeps one sweep. Results are the same either way (cells are independent).
 */
const BLOCK_CELLS = 256;

export function createTt06(cellType: Tt06CellType, mod: CurrentModifiers = {}): IonicModel {
  const c = table.constants;
  const type = table.cellTypes[cellType];
  const RTONF = (c.R * c.T) / c.F;
  const FONRT = 1 / RTONF;
  const GNa = c.GNa * (mod.gNa ?? 1);
  const GNaL = (c.GNaL + (mod.gNaLAbsolute ?? 0)) * (mod.gNaL ?? 1);
  const GCaL = c.GCaL * (mod.gCaL ?? 1);
  const GKr = c.GKr * (mod.gKr ?? 1) * Math.sqrt(c.Ko / 5.4);
  const GKs = type.GKs * (mod.gKs ?? 1);
  const GK1 = c.GK1 * (mod.gK1 ?? 1);
  const Gto = type.Gto * (mod.gto ?? 1);
  const PNaK = c.PNaK * (mod.pNaK ?? 1);
  const KmNa = c.KmNa * (mod.kmNaiNaK ?? 1);
  const GpK = c.GpK * (mod.gKb ?? 1);
  const Vmaxup = c.Vmaxup * (mod.vmaxUp ?? 1);
  const Kup = c.Kup * (mod.kmUp ?? 1);
  const Vrel = c.Vrel * (mod.vRel ?? 1);
  const Vleak = c.Vleak * (mod.vLeak ?? 1);
  const hShift = mod.naInactivationShiftMv ?? 0;
  const endoS = type.sGate === 'endo';
  const { Ko, Nao, Cao, Vc, Vsr, Vss, capacitanceUf: Cap } = c;
  const { BufC, BufSR, BufSS, EC, GbCa, GbNa, GpCa, KbufC, KbufSR, KbufSS, KpCa, Vxfer, alphaNaCa, gammaNaCa, k1prime, k2prime, k3, k4, ksat, maxSR, minSR, pKNa } = c;
  const nakK = (PNaK * Ko) / (Ko + c.KmK);
  const naCaScale = c.kNaCa / ((c.KmNai ** 3 + Nao ** 3) * (c.KmCa + Cao));
  const nao3 = Nao ** 3;
  const inverseVcF2 = 1 / (2 * Vc * c.F);
  const inverseVcF = 1 / (Vc * c.F);
  const inverseVssF2 = 1 / (2 * Vss * c.F);
  const calFactor = (4 * c.F * c.F) / (c.R * c.T);
  const gCaLLimit = 2 * c.F; // limit of the GHK term at V = 15 mV
  // Constant sub-expressions of the cell update, folded once here as a C compiler folds them (same values)
  const ECaScale = 0.5 * RTONF;
  const KoNaoKs = Ko + pKNa * Nao;
  const KupSquared = Kup * Kup;
  const ryrRange = maxSR - minSR;
  const VcOverVss = Vc / Vss;
  const VsrOverVss = Vsr / Vss;
  const VsrOverVc = Vsr / Vc;

  /**
   * Everything that depends on V alone, tabulated once per time step size on a 0.05 mV grid and linearly
   * interpolated (the lookup tables of openCARP/CARP): gate targets, Rush–Larsen decay factors exp(−dt/τ) and the
   * exponential factors of ICaL, INaCa, INaK and IpK. Interpolation error is below 1e-5 of each column's range.
   */
  const tables = new Map<number, Float64Array>();
  function voltageTable(dt: number): Float64Array {
    let t = tables.get(dt);
    if (t) return t;
    t = new Float64Array(V_ROWS * COLS);
    for (let row = 0; row < V_ROWS; row++) fillVoltageRow(V_MIN + row * V_STEP, dt, t, row * COLS);
    tables.set(dt, t);
    return t;
  }

  function fillVoltageRow(V: number, dt: number, t: Float64Array, o: number): void {
    const rl = (tau: number): number => Math.exp(-dt / tau);
    t[o + C.mInf] = 1 / ((1 + Math.exp((-56.86 - V) / 9.03)) ** 2);
    t[o + C.mDecay] = rl((1 / (1 + Math.exp((-60 - V) / 5))) * (0.1 / (1 + Math.exp((V + 35) / 5)) + 0.1 / (1 + Math.exp((V - 50) / 200))));
    const Vh = V - hShift;
    t[o + C.hInf] = 1 / ((1 + Math.exp((Vh + 71.55) / 7.43)) ** 2);
    if (Vh >= -40) {
      t[o + C.hDecay] = rl(1 / (0.77 / (0.13 * (1 + Math.exp(-(Vh + 10.66) / 11.1)))));
      t[o + C.jDecay] = rl(1 / ((0.6 * Math.exp(0.057 * Vh)) / (1 + Math.exp(-0.1 * (Vh + 32)))));
    } else {
      t[o + C.hDecay] = rl(1 / (0.057 * Math.exp(-(Vh + 80) / 6.8) + 2.7 * Math.exp(0.079 * Vh) + 3.1e5 * Math.exp(0.3485 * Vh)));
      const aj = ((-2.5428e4 * Math.exp(0.2444 * Vh) - 6.948e-6 * Math.exp(-0.04391 * Vh)) * (Vh + 37.78)) / (1 + Math.exp(0.311 * (Vh + 79.23)));
      const bj = (0.02424 * Math.exp(-0.01052 * Vh)) / (1 + Math.exp(-0.1378 * (Vh + 40.14)));
      t[o + C.jDecay] = rl(1 / (aj + bj));
    }
    t[o + C.hLInf] = 1 / (1 + Math.exp((V + 87.61) / 7.488));
    t[o + C.xr1Inf] = 1 / (1 + Math.exp((-26 - V) / 7));
    t[o + C.xr1Decay] = rl((450 / (1 + Math.exp((-45 - V) / 10))) * (6 / (1 + Math.exp((V + 30) / 11.5))));
    t[o + C.xr2Inf] = 1 / (1 + Math.exp((V + 88) / 24));
    t[o + C.xr2Decay] = rl((3 / (1 + Math.exp((-60 - V) / 20))) * (1.12 / (1 + Math.exp((V - 60) / 20))));
    t[o + C.xsInf] = 1 / (1 + Math.exp((-5 - V) / 14));
    t[o + C.xsDecay] = rl((1400 / Math.sqrt(1 + Math.exp((5 - V) / 6))) * (1 / (1 + Math.exp((V - 35) / 15))) + 80);
    t[o + C.rInf] = 1 / (1 + Math.exp((20 - V) / 6));
    t[o + C.rDecay] = rl(9.5 * Math.exp(-((V + 40) * (V + 40)) / 1800) + 0.8);
    if (endoS) {
      t[o + C.sInf] = 1 / (1 + Math.exp((V + 28) / 5));
      t[o + C.sDecay] = rl(1000 * Math.exp(-((V + 67) * (V + 67)) / 1000) + 8);
    } else {
      t[o + C.sInf] = 1 / (1 + Math.exp((V + 20) / 5));
      t[o + C.sDecay] = rl(85 * Math.exp(-((V + 45) * (V + 45)) / 320) + 5 / (1 + Math.exp((V - 20) / 5)) + 3);
    }
    t[o + C.dInf] = 1 / (1 + Math.exp((-8 - V) / 7.5));
    t[o + C.dDecay] = rl((1.4 / (1 + Math.exp((-35 - V) / 13)) + 0.25) * (1.4 / (1 + Math.exp((V + 5) / 5))) + 1 / (1 + Math.exp((50 - V) / 20)));
    t[o + C.fInf] = 1 / (1 + Math.exp((V + 20) / 7));
    t[o + C.fDecay] = rl(1102.5 * Math.exp(-((V + 27) * (V + 27)) / 225) + 200 / (1 + Math.exp((13 - V) / 10)) + 180 / (1 + Math.exp((V + 30) / 10)) + 20);
    t[o + C.f2Inf] = 0.67 / (1 + Math.exp((V + 35) / 7)) + 0.33;
    t[o + C.f2Decay] = rl(562 * Math.exp(-((V + 27) * (V + 27)) / 240) + 31 / (1 + Math.exp((25 - V) / 10)) + 80 / (1 + Math.exp((V + 30) / 10)));
    t[o + C.ipK] = GpK / (1 + Math.exp((25 - V) / 5.98));
    t[o + C.naK] = 1 / (1 + 0.1245 * Math.exp(-0.1 * V * FONRT) + 0.0353 * Math.exp(-V * FONRT));
    const up = Math.exp(gammaNaCa * V * FONRT);
    const down = Math.exp((gammaNaCa - 1) * V * FONRT);
    t[o + C.naCaIn] = (naCaScale * up * Cao) / (1 + ksat * down);
    t[o + C.naCaOut] = (naCaScale * down * nao3 * alphaNaCa) / (1 + ksat * down);
    // ICaL = G·d·f·f2·fCass·(calSS·CaSS − calO): the GHK flux split in its two concentration terms
    const vc = V - 15;
    if (Math.abs(vc) < 1e-6) {
      t[o + C.calSS] = GCaL * gCaLLimit * 0.25;
      t[o + C.calO] = GCaL * gCaLLimit * Cao;
    } else {
      const e2 = Math.exp(2 * vc * FONRT);
      t[o + C.calSS] = (GCaL * calFactor * vc * 0.25 * e2) / (e2 - 1);
      t[o + C.calO] = (GCaL * calFactor * vc * Cao) / (e2 - 1);
    }
  }

  /** IK1 rectification depends on V − EK only; tabulated on its own axis. */
  const ik1Table = new Float64Array(K1_ROWS);
  for (let row = 0; row < K1_ROWS; row++) {
    const x = K1_MIN + row * V_STEP;
    const ak1 = 0.1 / (1 + Math.exp(0.06 * (x - 200)));
    const bk1 = (3 * Math.exp(0.0002 * (x + 100)) + Math.exp(0.1 * (x - 10))) / (1 + Math.exp(-0.5 * x));
    ik1Table[row] = (GK1 * ak1) / (ak1 + bk1);
  }

  /**
   * fCass (Ca-dependent ICaL inactivation): Rush–Larsen from the updated CaSS, fCass ← fCass∞ − (fCass∞ − fCass)·
   * exp(−dt/τ). A loop of its own, with the same arithmetic as inline: Math.exp is a call in V8's optimised code,
   * and inside the big cell loop that call made TurboFan spill the loop's registers.
   */
  function relaxFCass(st: StateArray, oCaSS: number, oFCass: number, from: number, to: number, dt: number): void {
    for (let i = from; i < to; i++) {
      const CaSS = st[oCaSS + i]!;
      const cass2 = (CaSS / 0.05) * (CaSS / 0.05);
      const fCassInf = 0.6 / (1 + cass2) + 0.4;
      st[oFCass + i] = fCassInf - (fCassInf - st[oFCass + i]!) * Math.exp(-dt / (80 / (1 + cass2) + 2));
    }
  }

  function step(st: StateArray, n: number, from: number, to: number, dt: number, iStim: StateArray | null): void {
    const T = voltageTable(dt);
    const hLDecay = Math.exp(-dt / 200);
    const oXr1 = S.Xr1 * n, oXr2 = S.Xr2 * n, oXs = S.Xs * n, om = S.m * n, oh = S.h * n, oj = S.j * n;
    const od = S.d * n, of = S.f * n, of2 = S.f2 * n, oFCass = S.fCass * n, os = S.s * n, or = S.r * n;
    const oCai = S.Cai * n, oCaSR = S.CaSR * n, oCaSS = S.CaSS * n, oRp = S.Rprime * n, oNai = S.Nai * n, oKi = S.Ki * n;
    const ohL = S.hL * n;
    const invStep = 1 / V_STEP;
    // Blocks of BLOCK_CELLS cells: each block's main loop, then its fCass pass
    for (let blockFrom = from; blockFrom < to; blockFrom += BLOCK_CELLS) {
      const blockTo = Math.min(to, blockFrom + BLOCK_CELLS);
      for (let i = blockFrom; i < blockTo; i++) {
        const V = st[i]!;
        let xr1 = st[oXr1 + i]!, xr2 = st[oXr2 + i]!, xs = st[oXs + i]!;
        let m = st[om + i]!, h = st[oh + i]!, j = st[oj + i]!;
        let d = st[od + i]!, f = st[of + i]!, f2 = st[of2 + i]!;
        const fCass = st[oFCass + i]!;
        let s = st[os + i]!, r = st[or + i]!;
        let Cai = st[oCai + i]!, CaSR = st[oCaSR + i]!, CaSS = st[oCaSS + i]!, Rp = st[oRp + i]!;
        const Nai = st[oNai + i]!, Ki = st[oKi + i]!;
        let hL = st[ohL + i]!;
        const stim = iStim === null ? 0 : iStim[i]!;

        // Row pair and weight of V in the voltage table (clamped to its range)
        let u = (V - V_MIN) * invStep;
        u = u < 0 ? 0 : u > V_ROWS - 1.001 ? V_ROWS - 1.001 : u;
        const row = u | 0;
        const w = u - row;
        const a = row * COLS;
        const b = a + COLS;

        // Reversal potentials (naturalLog: Math.log's accuracy without a call that spills this loop's registers)
        const EK = RTONF * naturalLog(Ko / Ki);
        const ENa = RTONF * naturalLog(Nao / Nai);
        const EKs = RTONF * naturalLog(KoNaoKs / (Ki + pKNa * Nai));
        const ECa = ECaScale * naturalLog(Cao / Cai);

        // Currents (µA/µF)
        const m3 = m * m * m;
        const INa = GNa * m3 * h * j * (V - ENa);
        const INaL = GNaL * m3 * hL * (V - ENa);
        const ICaL = d * f * f2 * fCass * ((T[a + 26]! + w * (T[b + 26]! - T[a + 26]!)) /* calSS */ * CaSS - (T[a + 27]! + w * (T[b + 27]! - T[a + 27]!)) /* calO */);
        const Ito = Gto * r * s * (V - EK);
        const IKr = GKr * xr1 * xr2 * (V - EK);
        const IKs = GKs * xs * xs * (V - EKs);
        let uk = (V - EK - K1_MIN) * invStep;
        uk = uk < 0 ? 0 : uk > K1_ROWS - 1.001 ? K1_ROWS - 1.001 : uk;
        const rk = uk | 0;
        const IK1 = (ik1Table[rk]! + (uk - rk) * (ik1Table[rk + 1]! - ik1Table[rk]!)) * (V - EK);
        const INaCa = (T[a + 24]! + w * (T[b + 24]! - T[a + 24]!)) /* naCaIn */ * Nai * Nai * Nai - (T[a + 25]! + w * (T[b + 25]! - T[a + 25]!)) /* naCaOut */ * Cai;
        const INaK = ((nakK * Nai) / (Nai + KmNa)) * (T[a + 23]! + w * (T[b + 23]! - T[a + 23]!)) /* naK */;
        const IpCa = (GpCa * Cai) / (KpCa + Cai);
        const IpK = (T[a + 22]! + w * (T[b + 22]! - T[a + 22]!)) /* ipK */ * (V - EK);
        const IbNa = GbNa * (V - ENa);
        const IbCa = GbCa * (V - ECa);
        const Iion = INa + INaL + ICaL + Ito + IKr + IKs + IK1 + INaCa + INaK + IpCa + IpK + IbNa + IbCa;

        // Calcium handling (RyR four-state reduced to R' and O, rapid buffering solved exactly)
        const kCaSR = maxSR - ryrRange / (1 + (EC / CaSR) * (EC / CaSR));
        const k1 = k1prime / kCaSR;
        const k2 = k2prime * kCaSR;
        Rp += dt * (k4 * (1 - Rp) - k2 * CaSS * Rp);
        const O = (k1 * CaSS * CaSS * Rp) / (k3 + k1 * CaSS * CaSS);
        const Irel = Vrel * O * (CaSR - CaSS);
        const Ileak = Vleak * (CaSR - Cai);
        const Iup = Vmaxup / (1 + KupSquared / (Cai * Cai));
        const Ixfer = Vxfer * (CaSS - Cai);

        const CaCSQN = (BufSR * CaSR) / (CaSR + KbufSR);
        const dCaSR = dt * (Iup - Irel - Ileak);
        const bjsr = BufSR - CaCSQN - dCaSR - CaSR + KbufSR;
        const cjsr = KbufSR * (CaCSQN + dCaSR + CaSR);
        CaSR = (Math.sqrt(bjsr * bjsr + 4 * cjsr) - bjsr) / 2;

        const CaSSBuf = (BufSS * CaSS) / (CaSS + KbufSS);
        const dCaSS = dt * (-Ixfer * VcOverVss + Irel * VsrOverVss - ICaL * inverseVssF2 * Cap);
        const bcss = BufSS - CaSSBuf - dCaSS - CaSS + KbufSS;
        const ccss = KbufSS * (CaSSBuf + dCaSS + CaSS);
        CaSS = (Math.sqrt(bcss * bcss + 4 * ccss) - bcss) / 2;

        const CaBuf = (BufC * Cai) / (Cai + KbufC);
        const dCai = dt * (-(IbCa + IpCa - 2 * INaCa) * inverseVcF2 * Cap - (Iup - Ileak) * VsrOverVc + Ixfer);
        const bc = BufC - CaBuf - dCai - Cai + KbufC;
        const cc = KbufC * (CaBuf + dCai + Cai);
        Cai = (Math.sqrt(bc * bc + 4 * cc) - bc) / 2;

        // Stimulus current is carried by K+ (keeps single-cell pacing charge-conserving)
        st[oNai + i] = Nai - dt * (INa + INaL + IbNa + 3 * INaK + 3 * INaCa) * inverseVcF * Cap;
        st[oKi + i] = Ki - dt * (IK1 + Ito + IKr + IKs - 2 * INaK + IpK - stim) * inverseVcF * Cap;

        // Gates: Rush–Larsen, x ← x∞ − (x∞ − x)·exp(−dt/τ), both factors from the table
        let inf = (T[a + 0]! + w * (T[b + 0]! - T[a + 0]!)) /* mInf */;
        m = inf - (inf - m) * (T[a + 1]! + w * (T[b + 1]! - T[a + 1]!)) /* mDecay */;
        inf = (T[a + 2]! + w * (T[b + 2]! - T[a + 2]!)) /* hInf */;
        h = inf - (inf - h) * (T[a + 3]! + w * (T[b + 3]! - T[a + 3]!)) /* hDecay */;
        j = inf - (inf - j) * (T[a + 4]! + w * (T[b + 4]! - T[a + 4]!)) /* jDecay */;
        inf = (T[a + 5]! + w * (T[b + 5]! - T[a + 5]!)) /* hLInf */;
        hL = inf - (inf - hL) * hLDecay;
        inf = (T[a + 6]! + w * (T[b + 6]! - T[a + 6]!)) /* xr1Inf */;
        xr1 = inf - (inf - xr1) * (T[a + 7]! + w * (T[b + 7]! - T[a + 7]!)) /* xr1Decay */;
        inf = (T[a + 8]! + w * (T[b + 8]! - T[a + 8]!)) /* xr2Inf */;
        xr2 = inf - (inf - xr2) * (T[a + 9]! + w * (T[b + 9]! - T[a + 9]!)) /* xr2Decay */;
        inf = (T[a + 10]! + w * (T[b + 10]! - T[a + 10]!)) /* xsInf */;
        xs = inf - (inf - xs) * (T[a + 11]! + w * (T[b + 11]! - T[a + 11]!)) /* xsDecay */;
        inf = (T[a + 12]! + w * (T[b + 12]! - T[a + 12]!)) /* rInf */;
        r = inf - (inf - r) * (T[a + 13]! + w * (T[b + 13]! - T[a + 13]!)) /* rDecay */;
        inf = (T[a + 14]! + w * (T[b + 14]! - T[a + 14]!)) /* sInf */;
        s = inf - (inf - s) * (T[a + 15]! + w * (T[b + 15]! - T[a + 15]!)) /* sDecay */;
        inf = (T[a + 16]! + w * (T[b + 16]! - T[a + 16]!)) /* dInf */;
        d = inf - (inf - d) * (T[a + 17]! + w * (T[b + 17]! - T[a + 17]!)) /* dDecay */;
        inf = (T[a + 18]! + w * (T[b + 18]! - T[a + 18]!)) /* fInf */;
        f = inf - (inf - f) * (T[a + 19]! + w * (T[b + 19]! - T[a + 19]!)) /* fDecay */;
        inf = (T[a + 20]! + w * (T[b + 20]! - T[a + 20]!)) /* f2Inf */;
        f2 = inf - (inf - f2) * (T[a + 21]! + w * (T[b + 21]! - T[a + 21]!)) /* f2Decay */;

        st[i] = V + dt * (stim - Iion);
        st[oXr1 + i] = xr1;
        st[oXr2 + i] = xr2;
        st[oXs + i] = xs;
        st[om + i] = m;
        st[oh + i] = h;
        st[oj + i] = j;
        st[od + i] = d;
        st[of + i] = f;
        st[of2 + i] = f2;
        st[os + i] = s;
        st[or + i] = r;
        st[oCai + i] = Cai;
        st[oCaSR + i] = CaSR;
        st[oCaSS + i] = CaSS;
        st[oRp + i] = Rp;
        st[ohL + i] = hL;
      }
      relaxFCass(st, oCaSS, oFCass, blockFrom, blockTo, dt);
    }
  }

  return {
    id: `tt06-${cellType}`,
    citation: table.citation,
    stateNames: STATE_NAMES,
    initialState: Object.values(table.initialState),
    maxDtMs: 0.05,
    restingPotentialMv: -85,
    step,
  };
}

/** Index of a named TT06 state variable in the SoA block (for tests and read-outs such as Cai). */
export const tt06StateIndex = S;
