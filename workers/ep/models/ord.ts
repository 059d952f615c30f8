/**
 * O'Hara–Rudy dynamic model 2011 (endo, epi, M). Parameters and citation: assets/ep/ord2011.json.
 * Gates by Rush–Larsen, concentrations and CaMK by forward Euler, as in the authors' code. Written for single cells
 * and small tissues (no lookup tables); use dt ≤ 0.01 ms.
 */
import table from '../../../assets/ep/ord2011.json';
import type { CurrentModifiers, IonicModel, StateArray } from './ionic-model';

export type OrdCellType = keyof typeof table.cellTypes;

const STATE_NAMES = Object.keys(table.initialState);
const NS = STATE_NAMES.length;

/** Two-state Na/Ca exchanger flux (the authors' E1–E4 cycle), for one compartment's Na and Ca. */
function naCaExchange(na: number, ca: number, hna: number, hca: number, nao: number, cao: number): number {
  const kna1 = 15, kna2 = 5, kna3 = 88.12, kasymm = 12.5, wna = 6e4, wca = 6e4, wnaca = 5e3, kcaon = 1.5e6, kcaoff = 5e3;
  const h1 = 1 + (na / kna3) * (1 + hna);
  const h2 = (na * hna) / (kna3 * h1);
  const h3 = 1 / h1;
  const h4 = 1 + (na / kna1) * (1 + na / kna2);
  const h5 = (na * na) / (h4 * kna1 * kna2);
  const h6 = 1 / h4;
  const h7 = 1 + (nao / kna3) * (1 + 1 / hna);
  const h8 = nao / (kna3 * hna * h7);
  const h9 = 1 / h7;
  const h10 = kasymm + 1 + (nao / kna1) * (1 + nao / kna2);
  const h11 = (nao * nao) / (h10 * kna1 * kna2);
  const h12 = 1 / h10;
  const k1 = h12 * cao * kcaon;
  const k2 = kcaoff;
  const k3pp = h8 * wnaca;
  const k3 = h9 * wca + k3pp;
  const k4pp = h2 * wnaca;
  const k4 = (h3 * wca) / hca + k4pp;
  const k5 = kcaoff;
  const k6 = h6 * ca * kcaon;
  const k7 = h5 * h2 * wna;
  const k8 = h8 * h11 * wna;
  const x1 = k2 * k4 * (k7 + k6) + k5 * k7 * (k2 + k3);
  const x2 = k1 * k7 * (k4 + k5) + k4 * k6 * (k1 + k8);
  const x3 = k1 * k3 * (k7 + k6) + k8 * k6 * (k2 + k3);
  const x4 = k2 * k8 * (k4 + k5) + k3 * k5 * (k1 + k8);
  const sum = x1 + x2 + x3 + x4;
  const E1 = x1 / sum, E2 = x2 / sum, E3 = x3 / sum, E4 = x4 / sum;
  const allo = 1 / (1 + (150e-6 / ca) ** 2);
  const JncxNa = 3 * (E4 * k7 - E1 * k8) + E3 * k4pp - E2 * k3pp;
  const JncxCa = E2 * k2 - E1 * k1;
  return allo * (JncxNa + 2 * JncxCa);
}

export function createOrd(cellType: OrdCellType, mod: CurrentModifiers = {}): IonicModel {
  const c = table.constants;
  const t = table.cellTypes[cellType];
  const { nao, cao, ko, R, T, F } = c;
  const vcell = 1000 * 3.14 * c.rad * c.rad * c.L;
  const Ageo = 2 * 3.14 * c.rad * c.rad + 2 * 3.14 * c.rad * c.L;
  const Acap = 2 * Ageo;
  const vmyo = 0.68 * vcell, vnsr = 0.0552 * vcell, vjsr = 0.0048 * vcell, vss = 0.02 * vcell;
  const RTF = (R * T) / F;
  const GNa = c.GNa * (mod.gNa ?? 1);
  const GNaL = (c.GNaL * t.GNaL + (mod.gNaLAbsolute ?? 0)) * (mod.gNaL ?? 1);
  const Gto = c.Gto * t.Gto * (mod.gto ?? 1);
  const PCa = c.PCa * t.PCa * (mod.gCaL ?? 1);
  const GKr = c.GKr * t.GKr * (mod.gKr ?? 1) * Math.sqrt(ko / 5.4);
  const GKs = c.GKs * t.GKs * (mod.gKs ?? 1);
  const GK1 = c.GK1 * t.GK1 * (mod.gK1 ?? 1) * Math.sqrt(ko);
  const Gncx = c.Gncx * t.Gncx;
  const Pnak = c.Pnak * t.Pnak * (mod.pNaK ?? 1);
  const GKb = c.GKb * t.GKb * (mod.gKb ?? 1);
  const Jupmax = c.Jupmax * t.Jup * (mod.vmaxUp ?? 1);
  const KmUp = c.KmUp * (mod.kmUp ?? 1);
  const relScale = t.Jrel * (mod.vRel ?? 1);
  const leak = c.JleakMax * (mod.vLeak ?? 1);
  const Knai0 = 9.073 * (mod.kmNaiNaK ?? 1);
  const hShift = mod.naInactivationShiftMv ?? 0;
  const cmdnmax = c.cmdnmax * t.cmdn;
  const y = new Float64Array(NS);

  function step(st: StateArray, n: number, from: number, to: number, dt: number, iStim: StateArray | null): void {
    const rl = (inf: number, x: number, tau: number): number => inf - (inf - x) * Math.exp(-dt / tau);
    for (let i = from; i < to; i++) {
      for (let s = 0; s < NS; s++) y[s] = st[s * n + i]!;
      const nai = y[1]!, ki = y[3]!, cai = y[5]!;
      let v = y[0]!, nass = y[2]!, kss = y[4]!, cass = y[6]!, cansr = y[7]!, cajsr = y[8]!, m = y[9]!, hf = y[10]!,
        hs = y[11]!, j = y[12]!, hsp = y[13]!, jp = y[14]!, mL = y[15]!, hL = y[16]!, hLp = y[17]!, a = y[18]!,
        iF = y[19]!, iS = y[20]!, ap = y[21]!, iFp = y[22]!, iSp = y[23]!, d = y[24]!, ff = y[25]!, fs = y[26]!,
        fcaf = y[27]!, fcas = y[28]!, jca = y[29]!, nca = y[30]!, ffp = y[31]!, fcafp = y[32]!, xrf = y[33]!, xrs = y[34]!,
        xs1 = y[35]!, xs2 = y[36]!, xk1 = y[37]!, Jrelnp = y[38]!, Jrelp = y[39]!, CaMKt = y[40]!;
      const stim = iStim === null ? 0 : iStim[i]!;
      const ENa = RTF * Math.log(nao / nai);
      const EK = RTF * Math.log(ko / ki);
      const EKs = RTF * Math.log((ko + 0.01833 * nao) / (ki + 0.01833 * nai));
      const CaMKb = (c.CaMKo * (1 - CaMKt)) / (1 + c.KmCaM / cass);
      const CaMKa = CaMKb + CaMKt;
      const fp = 1 / (1 + c.KmCaMK / CaMKa); // CaMK-phosphorylated fraction
      const vffrt = (v * F * F) / (R * T);
      const vfrt = (v * F) / (R * T);

      // INa
      const mss = 1 / (1 + Math.exp(-(v + 39.57) / 9.871));
      const tm = 1 / (6.765 * Math.exp((v + 11.64) / 34.77) + 8.552 * Math.exp(-(v + 77.42) / 5.955));
      m = rl(mss, m, tm);
      const vh = v - hShift;
      const hss = 1 / (1 + Math.exp((vh + 82.9) / 6.086));
      const thf = 1 / (1.432e-5 * Math.exp(-(v + 1.196) / 6.285) + 6.149 * Math.exp((v + 0.5096) / 20.27));
      const ths = 1 / (0.009794 * Math.exp(-(v + 17.95) / 28.05) + 0.3343 * Math.exp((v + 5.73) / 56.66));
      hf = rl(hss, hf, thf);
      hs = rl(hss, hs, ths);
      const h = 0.99 * hf + 0.01 * hs;
      const tj = 2.038 + 1 / (0.02136 * Math.exp(-(v + 100.6) / 8.281) + 0.3052 * Math.exp((v + 0.9941) / 38.45));
      j = rl(hss, j, tj);
      const hssp = 1 / (1 + Math.exp((vh + 89.1) / 6.086));
      hsp = rl(hssp, hsp, 3 * ths);
      const hp = 0.99 * hf + 0.01 * hsp;
      jp = rl(hss, jp, 1.46 * tj);
      const INa = GNa * (v - ENa) * m * m * m * ((1 - fp) * h * j + fp * hp * jp);
      // INaL
      mL = rl(1 / (1 + Math.exp(-(v + 42.85) / 5.264)), mL, tm);
      hL = rl(1 / (1 + Math.exp((v + 87.61) / 7.488)), hL, 200);
      hLp = rl(1 / (1 + Math.exp((v + 93.81) / 7.488)), hLp, 600);
      const INaL = GNaL * (v - ENa) * mL * ((1 - fp) * hL + fp * hLp);
      // Ito
      const ass = 1 / (1 + Math.exp(-(v - 14.34) / 14.82));
      const ta = 1.0515 / (1 / (1.2089 * (1 + Math.exp(-(v - 18.4099) / 29.3814))) + 3.5 / (1 + Math.exp((v + 100) / 29.3814)));
      a = rl(ass, a, ta);
      const iss = 1 / (1 + Math.exp((v + 43.94) / 5.711));
      const deltaEpi = t.epiInactivation ? 1 - 0.95 / (1 + Math.exp((v + 70) / 5)) : 1;
      const tiF = (4.562 + 1 / (0.3933 * Math.exp(-(v + 100) / 100) + 0.08004 * Math.exp((v + 50) / 16.59))) * deltaEpi;
      const tiS = (23.62 + 1 / (0.001416 * Math.exp(-(v + 96.52) / 59.05) + 1.78e-8 * Math.exp((v + 114.1) / 8.079))) * deltaEpi;
      const AiF = 1 / (1 + Math.exp((v - 213.6) / 151.2));
      iF = rl(iss, iF, tiF);
      iS = rl(iss, iS, tiS);
      const ii = AiF * iF + (1 - AiF) * iS;
      ap = rl(1 / (1 + Math.exp(-(v - 24.34) / 14.82)), ap, ta);
      const dtiDevelop = 1.354 + 1e-4 / (Math.exp((v - 167.4) / 15.89) + Math.exp(-(v - 12.23) / 0.2154));
      const dtiRecover = 1 - 0.5 / (1 + Math.exp((v + 70) / 20));
      iFp = rl(iss, iFp, dtiDevelop * dtiRecover * tiF);
      iSp = rl(iss, iSp, dtiDevelop * dtiRecover * tiS);
      const ip = AiF * iFp + (1 - AiF) * iSp;
      const Ito = Gto * (v - EK) * ((1 - fp) * a * ii + fp * ap * ip);
      // ICaL, ICaNa, ICaK
      d = rl(1 / (1 + Math.exp(-(v + 3.94) / 4.23)), d, 0.6 + 1 / (Math.exp(-0.05 * (v + 6)) + Math.exp(0.09 * (v + 14))));
      const fss = 1 / (1 + Math.exp((v + 19.58) / 3.696));
      const tff = 7 + 1 / (0.0045 * Math.exp(-(v + 20) / 10) + 0.0045 * Math.exp((v + 20) / 10));
      const tfs = 1000 + 1 / (0.000035 * Math.exp(-(v + 5) / 4) + 0.000035 * Math.exp((v + 5) / 6));
      ff = rl(fss, ff, tff);
      fs = rl(fss, fs, tfs);
      const f = 0.6 * ff + 0.4 * fs;
      const tfcaf = 7 + 1 / (0.04 * Math.exp(-(v - 4) / 7) + 0.04 * Math.exp((v - 4) / 7));
      const tfcas = 100 + 1 / (0.00012 * Math.exp(-v / 3) + 0.00012 * Math.exp(v / 7));
      const Afcaf = 0.3 + 0.6 / (1 + Math.exp((v - 10) / 10));
      fcaf = rl(fss, fcaf, tfcaf);
      fcas = rl(fss, fcas, tfcas);
      const fca = Afcaf * fcaf + (1 - Afcaf) * fcas;
      jca = rl(fss, jca, 75);
      ffp = rl(fss, ffp, 2.5 * tff);
      const fpp = 0.6 * ffp + 0.4 * fs;
      fcafp = rl(fss, fcafp, 2.5 * tfcaf);
      const fcap = Afcaf * fcafp + (1 - Afcaf) * fcas;
      const km2n = jca;
      const anca = 1 / (1000 / km2n + (1 + 0.002 / cass) ** 4);
      nca = anca * (1000 / km2n) - (anca * (1000 / km2n) - nca) * Math.exp(-km2n * dt);
      const e2 = Math.exp(2 * vfrt);
      const e1 = Math.exp(vfrt);
      // GHK driving terms; at V = 0 (0/0) their limits are used
      const ghk = Math.abs(v) < 1e-6;
      const PhiCaL = ghk ? 4 * (F / 2) * (cass - 0.341 * cao) : (4 * vffrt * (cass * e2 - 0.341 * cao)) / (e2 - 1);
      const PhiCaNa = ghk ? F * (0.75 * nass - 0.75 * nao) : (vffrt * (0.75 * nass * e1 - 0.75 * nao)) / (e1 - 1);
      const PhiCaK = ghk ? F * (0.75 * kss - 0.75 * ko) : (vffrt * (0.75 * kss * e1 - 0.75 * ko)) / (e1 - 1);
      const gateNp = d * (f * (1 - nca) + jca * fca * nca);
      const gateP = d * (fpp * (1 - nca) + jca * fcap * nca);
      const ICaL = (1 - fp) * PCa * PhiCaL * gateNp + fp * 1.1 * PCa * PhiCaL * gateP;
      const ICaNa = 0.00125 * ((1 - fp) * PCa * PhiCaNa * gateNp + fp * 1.1 * PCa * PhiCaNa * gateP);
      const ICaK = 3.574e-4 * ((1 - fp) * PCa * PhiCaK * gateNp + fp * 1.1 * PCa * PhiCaK * gateP);
      // IKr
      const xrss = 1 / (1 + Math.exp(-(v + 8.337) / 6.789));
      const txrf = 12.98 + 1 / (0.3652 * Math.exp((v - 31.66) / 3.869) + 4.123e-5 * Math.exp(-(v - 47.78) / 20.38));
      const txrs = 1.865 + 1 / (0.06629 * Math.exp((v - 34.7) / 7.355) + 1.128e-5 * Math.exp(-(v - 29.74) / 25.94));
      const Axrf = 1 / (1 + Math.exp((v + 54.81) / 38.21));
      xrf = rl(xrss, xrf, txrf);
      xrs = rl(xrss, xrs, txrs);
      const rkr = (1 / (1 + Math.exp((v + 55) / 75))) * (1 / (1 + Math.exp((v - 10) / 30)));
      const IKr = GKr * (Axrf * xrf + (1 - Axrf) * xrs) * rkr * (v - EK);
      // IKs
      const xs1ss = 1 / (1 + Math.exp(-(v + 11.6) / 8.932));
      xs1 = rl(xs1ss, xs1, 817.3 + 1 / (2.326e-4 * Math.exp((v + 48.28) / 17.8) + 0.001292 * Math.exp(-(v + 210) / 230)));
      xs2 = rl(xs1ss, xs2, 1 / (0.01 * Math.exp((v - 50) / 20) + 0.0193 * Math.exp(-(v + 66.54) / 31)));
      const KsCa = 1 + 0.6 / (1 + (3.8e-5 / cai) ** 1.4);
      const IKs = GKs * KsCa * xs1 * xs2 * (v - EKs);
      // IK1
      const xk1ss = 1 / (1 + Math.exp(-(v + 2.5538 * ko + 144.59) / (1.5692 * ko + 3.8115)));
      xk1 = rl(xk1ss, xk1, 122.2 / (Math.exp(-(v + 127.2) / 20.36) + Math.exp((v + 236.8) / 69.33)));
      const rk1 = 1 / (1 + Math.exp((v + 105.8 - 2.6 * ko) / 9.493));
      const IK1 = GK1 * rk1 * xk1 * (v - EK);
      // INaCa (80 % bulk myoplasm, 20 % subspace)
      const hca = Math.exp(0.167 * vfrt);
      const hna = Math.exp(0.5224 * vfrt);
      const INaCa_i = 0.8 * Gncx * naCaExchange(nai, cai, hna, hca, nao, cao);
      const INaCa_ss = 0.2 * Gncx * naCaExchange(nass, cass, hna, hca, nao, cao);
      // INaK
      const Knai = Knai0 * Math.exp((-0.155 * vfrt) / 3);
      const Knao = 27.78 * Math.exp(((1 + 0.155) * vfrt) / 3);
      const Kki = 0.5, Kko = 0.3582, MgADP = 0.05, MgATP = 9.8, Kmgatp = 1.698e-7, H = 1e-7;
      const P = 4.2 / (1 + H / 1.698e-7 + nai / 224 + ki / 292);
      const dI = (1 + nai / Knai) ** 3 + (1 + ki / Kki) ** 2 - 1;
      const dO = (1 + nao / Knao) ** 3 + (1 + ko / Kko) ** 2 - 1;
      const a1 = (949.5 * (nai / Knai) ** 3) / dI;
      const b1 = 182.4 * MgADP;
      const a2 = 687.2;
      const b2 = (39.4 * (nao / Knao) ** 3) / dO;
      const a3 = (1899 * (ko / Kko) ** 2) / dO;
      const b3 = (79300 * P * H) / (1 + MgATP / Kmgatp);
      const a4 = (639 * MgATP) / Kmgatp / (1 + MgATP / Kmgatp);
      const b4 = (40 * (ki / Kki) ** 2) / dI;
      const y1 = a4 * a1 * a2 + b2 * b4 * b3 + a2 * b4 * b3 + b3 * a1 * a2;
      const y2 = b2 * b1 * b4 + a1 * a2 * a3 + a3 * b1 * b4 + a2 * a3 * b4;
      const y3 = a2 * a3 * a4 + b3 * b2 * b1 + b2 * b1 * a4 + a3 * a4 * b1;
      const y4 = b4 * b3 * b2 + a3 * a4 * a1 + b2 * a4 * a1 + b3 * b2 * a1;
      const ys = y1 + y2 + y3 + y4;
      const INaK = Pnak * (3 * ((y1 / ys) * a3 - (y2 / ys) * b3) + 2 * ((y4 / ys) * b1 - (y3 / ys) * a1));
      // background and pump currents
      const IKb = (GKb * (v - EK)) / (1 + Math.exp(-(v - 14.48) / 18.34));
      const INab = ghk ? c.PNab * F * (nai - nao) : (c.PNab * vffrt * (nai * e1 - nao)) / (e1 - 1);
      const ICab = ghk ? c.PCab * 2 * F * (cai - 0.341 * cao) : (c.PCab * 4 * vffrt * (cai * e2 - 0.341 * cao)) / (e2 - 1);
      const IpCa = (c.GpCa * cai) / (0.0005 + cai);
      const Iion = INa + INaL + Ito + ICaL + ICaNa + ICaK + IKr + IKs + IK1 + INaCa_i + INaCa_ss + INaK + INab + IKb + IpCa + ICab;

      // CaMK, fluxes, buffers, concentrations
      CaMKt = CaMKt + dt * (c.aCaMK * CaMKb * (CaMKb + CaMKt) - c.bCaMK * CaMKt);
      const JdiffNa = (nass - nai) / 2;
      const JdiffK = (kss - ki) / 2;
      const Jdiff = (cass - cai) / 0.2;
      const bt = 4.75;
      const relDrive = (-ICaL / (1 + (1.5 / cajsr) ** 8)) * relScale;
      Jrelnp = rl(0.5 * bt * relDrive, Jrelnp, Math.max(0.005, bt / (1 + 0.0123 / cajsr)));
      const btp = 1.25 * bt;
      Jrelp = rl(0.5 * btp * relDrive, Jrelp, Math.max(0.005, btp / (1 + 0.0123 / cajsr)));
      const Jrel = (1 - fp) * Jrelnp + fp * Jrelp;
      const Jupnp = (Jupmax * cai) / (cai + KmUp);
      const Jupp = (2.75 * Jupmax * cai) / (cai + KmUp - 0.00017);
      const Jleak = (leak * cansr) / 15;
      const Jup = (1 - fp) * Jupnp + fp * Jupp - Jleak;
      const Jtr = (cansr - cajsr) / 100;
      const nai1 = nai + dt * ((-(INa + INaL + 3 * INaCa_i + 3 * INaK + INab) * Acap) / (F * vmyo) + (JdiffNa * vss) / vmyo);
      nass = nass + dt * ((-(ICaNa + 3 * INaCa_ss) * Acap) / (F * vss) - JdiffNa);
      // the stimulus is carried by K+, as in the authors' code
      const ki1 = ki + dt * ((-(Ito + IKr + IKs + IK1 + IKb - stim - 2 * INaK) * Acap) / (F * vmyo) + (JdiffK * vss) / vmyo);
      kss = kss + dt * ((-ICaK * Acap) / (F * vss) - JdiffK);
      const Bcai = 1 / (1 + (cmdnmax * c.kmcmdn) / (c.kmcmdn + cai) ** 2 + (c.trpnmax * c.kmtrpn) / (c.kmtrpn + cai) ** 2);
      const cai1 = cai + dt * Bcai * ((-(IpCa + ICab - 2 * INaCa_i) * Acap) / (2 * F * vmyo) - (Jup * vnsr) / vmyo + (Jdiff * vss) / vmyo);
      const Bcass = 1 / (1 + (c.BSRmax * c.KmBSR) / (c.KmBSR + cass) ** 2 + (c.BSLmax * c.KmBSL) / (c.KmBSL + cass) ** 2);
      cass = cass + dt * Bcass * ((-(ICaL - 2 * INaCa_ss) * Acap) / (2 * F * vss) + (Jrel * vjsr) / vss - Jdiff);
      cansr = cansr + dt * (Jup - (Jtr * vjsr) / vnsr);
      const Bcajsr = 1 / (1 + (c.csqnmax * c.kmcsqn) / (c.kmcsqn + cajsr) ** 2);
      cajsr = cajsr + dt * Bcajsr * (Jtr - Jrel);
      v = v + dt * (stim - Iion);

      const out = [v, nai1, nass, ki1, kss, cai1, cass, cansr, cajsr, m, hf, hs, j, hsp, jp, mL, hL, hLp, a, iF, iS, ap, iFp, iSp, d, ff, fs, fcaf, fcas, jca, nca, ffp, fcafp, xrf, xrs, xs1, xs2, xk1, Jrelnp, Jrelp, CaMKt];
      for (let s = 0; s < NS; s++) st[s * n + i] = out[s]!;
    }
  }

  return {
    id: `ord-${cellType}`,
    citation: table.citation,
    stateNames: STATE_NAMES,
    initialState: Object.values(table.initialState),
    maxDtMs: 0.01,
    restingPotentialMv: -88,
    // the authors' code: 80 µA/µF for 0.5 ms (a weaker stimulus gives a slow, late upstroke)
    pacingStimulus: { amplitudeUaPerUf: 80, durationMs: 0.5 },
    step,
  };
}
