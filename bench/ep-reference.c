/*
 * Plain C reference of the TypeScript monodomain time step (workers/ep): ten Tusscher–Panfilov 2006 epicardial
 * cells with the same voltage lookup tables, Rush–Larsen gates and buffered calcium update as
 * workers/ep/models/tt06.ts, then the same compressed-row explicit diffusion (workers/ep/tissue/diffusion-kernel.ts)
 * and activation-time recording (workers/ep/tissue/activation-kernel.ts). Constants are those of assets/ep/tt06.json.
 * Each side uses its fastest fully accurate logarithm: glibc's log here, naturalLog (the same table-driven method,
 * workers/ep/models/natural-log.ts) in the TypeScript, where V8's Math.log is a costly call; the same function in C
 * measured 7% slower than glibc's log, so C keeps log(). Likewise the loop shape: the TypeScript sweeps the cells in
 * blocks of 256 with fCass in a second loop per block (faster in V8), which measured slightly slower in C.
 * Built and run by bench/ep.ts:  cc -O3 -o ep-reference ep-reference.c -lm
 * Usage: ep-reference NX NY NZ DX_MM STEPS DT_MS DL DT   → prints "cellsteps_per_s checksum"
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { XR1 = 1, XR2, XS, M, H, J, D, F, F2, FCASS, S, R, CAI, CASR, CASS, RP, NAI, KI, HL, NSTATE };
enum { C_mInf, C_mDecay, C_hInf, C_hDecay, C_jDecay, C_hLInf, C_xr1Inf, C_xr1Decay, C_xr2Inf, C_xr2Decay, C_xsInf,
       C_xsDecay, C_rInf, C_rDecay, C_sInf, C_sDecay, C_dInf, C_dDecay, C_fInf, C_fDecay, C_f2Inf, C_f2Decay, C_ipK,
       C_naK, C_naCaIn, C_naCaOut, C_calSS, C_calO, COLS };

static const double Rg = 8314.472, Tk = 310.0, Fc = 96485.3415, Cap = 0.185, Vc = 0.016404, Vsr = 0.001094,
                    Vss = 0.00005468, Ko = 5.4, Nao = 140.0, Cao = 2.0, GNa = 14.838, GK1 = 5.405, GKr0 = 0.153,
                    pKNa = 0.03, GCaL = 3.98e-5, kNaCa = 1000.0, gammaNaCa = 0.35, KmCa = 1.38, KmNai = 87.5,
                    ksat = 0.1, alphaNaCa = 2.5, PNaK = 2.724, KmK = 1.0, KmNa = 40.0, GpK = 0.0146, GpCa = 0.1238,
                    KpCa = 0.0005, GbNa = 0.00029, GbCa = 0.000592, Vmaxup = 0.006375, Kup = 0.00025, Vrel = 0.102,
                    k1prime = 0.15, k2prime = 0.045, k3 = 0.06, k4 = 0.005, EC = 1.5, maxSR = 2.5, minSR = 1.0,
                    Vleak = 0.00036, Vxfer = 0.0038, BufC = 0.2, KbufC = 0.001, BufSR = 10.0, KbufSR = 0.3,
                    BufSS = 0.4, KbufSS = 0.00025, Gto = 0.294, GKs = 0.392;
static const double init[NSTATE] = {-85.23, 0.00621, 0.4712, 0.0095, 0.00172, 0.7444, 0.7045, 3.373e-5, 0.7888,
                                    0.9755, 0.9953, 0.999998, 2.42e-8, 0.000126, 3.64, 0.00036, 0.9073, 8.604,
                                    136.89, 1.0};
#define V_MIN (-150.0)
#define V_STEP 0.05
#define V_ROWS 5001
#define K1_MIN (-150.0)
#define K1_ROWS 8001

static double RTONF, FONRT, naCaScale, nao3, calFactor, nakK;
static double *T, *ik1;

static void fill_row(double V, double dt, double *t) {
#define RL(tau) exp(-dt / (tau))
  t[C_mInf] = 1 / pow(1 + exp((-56.86 - V) / 9.03), 2);
  t[C_mDecay] = RL((1 / (1 + exp((-60 - V) / 5))) * (0.1 / (1 + exp((V + 35) / 5)) + 0.1 / (1 + exp((V - 50) / 200))));
  t[C_hInf] = 1 / pow(1 + exp((V + 71.55) / 7.43), 2);
  if (V >= -40) {
    t[C_hDecay] = RL(1 / (0.77 / (0.13 * (1 + exp(-(V + 10.66) / 11.1)))));
    t[C_jDecay] = RL(1 / ((0.6 * exp(0.057 * V)) / (1 + exp(-0.1 * (V + 32)))));
  } else {
    t[C_hDecay] = RL(1 / (0.057 * exp(-(V + 80) / 6.8) + 2.7 * exp(0.079 * V) + 3.1e5 * exp(0.3485 * V)));
    double aj = ((-2.5428e4 * exp(0.2444 * V) - 6.948e-6 * exp(-0.04391 * V)) * (V + 37.78)) / (1 + exp(0.311 * (V + 79.23)));
    double bj = (0.02424 * exp(-0.01052 * V)) / (1 + exp(-0.1378 * (V + 40.14)));
    t[C_jDecay] = RL(1 / (aj + bj));
  }
  t[C_hLInf] = 1 / (1 + exp((V + 87.61) / 7.488));
  t[C_xr1Inf] = 1 / (1 + exp((-26 - V) / 7));
  t[C_xr1Decay] = RL((450 / (1 + exp((-45 - V) / 10))) * (6 / (1 + exp((V + 30) / 11.5))));
  t[C_xr2Inf] = 1 / (1 + exp((V + 88) / 24));
  t[C_xr2Decay] = RL((3 / (1 + exp((-60 - V) / 20))) * (1.12 / (1 + exp((V - 60) / 20))));
  t[C_xsInf] = 1 / (1 + exp((-5 - V) / 14));
  t[C_xsDecay] = RL((1400 / sqrt(1 + exp((5 - V) / 6))) * (1 / (1 + exp((V - 35) / 15))) + 80);
  t[C_rInf] = 1 / (1 + exp((20 - V) / 6));
  t[C_rDecay] = RL(9.5 * exp(-((V + 40) * (V + 40)) / 1800) + 0.8);
  t[C_sInf] = 1 / (1 + exp((V + 20) / 5));
  t[C_sDecay] = RL(85 * exp(-((V + 45) * (V + 45)) / 320) + 5 / (1 + exp((V - 20) / 5)) + 3);
  t[C_dInf] = 1 / (1 + exp((-8 - V) / 7.5));
  t[C_dDecay] = RL((1.4 / (1 + exp((-35 - V) / 13)) + 0.25) * (1.4 / (1 + exp((V + 5) / 5))) + 1 / (1 + exp((50 - V) / 20)));
  t[C_fInf] = 1 / (1 + exp((V + 20) / 7));
  t[C_fDecay] = RL(1102.5 * exp(-((V + 27) * (V + 27)) / 225) + 200 / (1 + exp((13 - V) / 10)) + 180 / (1 + exp((V + 30) / 10)) + 20);
  t[C_f2Inf] = 0.67 / (1 + exp((V + 35) / 7)) + 0.33;
  t[C_f2Decay] = RL(562 * exp(-((V + 27) * (V + 27)) / 240) + 31 / (1 + exp((25 - V) / 10)) + 80 / (1 + exp((V + 30) / 10)));
  t[C_ipK] = GpK / (1 + exp((25 - V) / 5.98));
  t[C_naK] = 1 / (1 + 0.1245 * exp(-0.1 * V * FONRT) + 0.0353 * exp(-V * FONRT));
  double up = exp(gammaNaCa * V * FONRT), down = exp((gammaNaCa - 1) * V * FONRT);
  t[C_naCaIn] = (naCaScale * up * Cao) / (1 + ksat * down);
  t[C_naCaOut] = (naCaScale * down * nao3 * alphaNaCa) / (1 + ksat * down);
  double vc = V - 15;
  if (fabs(vc) < 1e-6) {
    t[C_calSS] = GCaL * 2 * Fc * 0.25;
    t[C_calO] = GCaL * 2 * Fc * Cao;
  } else {
    double e2 = exp(2 * vc * FONRT);
    t[C_calSS] = (GCaL * calFactor * vc * 0.25 * e2) / (e2 - 1);
    t[C_calO] = (GCaL * calFactor * vc * Cao) / (e2 - 1);
  }
#undef RL
}

static void tt06_step(double *restrict st, int n, double dt, const double *restrict stim) {
  const double hLDecay = exp(-dt / 200), inverseVcF2 = 1 / (2 * Vc * Fc), inverseVcF = 1 / (Vc * Fc),
               inverseVssF2 = 1 / (2 * Vss * Fc), GKr = GKr0 * sqrt(Ko / 5.4), inv = 1 / V_STEP;
  for (int i = 0; i < n; i++) {
    const double V = st[i];
    double xr1 = st[XR1 * n + i], xr2 = st[XR2 * n + i], xs = st[XS * n + i], m = st[M * n + i], h = st[H * n + i],
           j = st[J * n + i], d = st[D * n + i], f = st[F * n + i], f2 = st[F2 * n + i], fCass = st[FCASS * n + i],
           s = st[S * n + i], r = st[R * n + i], Cai = st[CAI * n + i], CaSR = st[CASR * n + i],
           CaSS = st[CASS * n + i], Rp = st[RP * n + i], hL = st[HL * n + i];
    const double Nai = st[NAI * n + i], Ki = st[KI * n + i], is = stim[i];
    double u = (V - V_MIN) * inv;
    u = u < 0 ? 0 : u > V_ROWS - 1.001 ? V_ROWS - 1.001 : u;
    const int row = (int)u;
    const double w = u - row;
    const double *a = T + (size_t)row * COLS, *b = a + COLS;
#define LUT(c) (a[c] + w * (b[c] - a[c]))
    const double EK = RTONF * log(Ko / Ki), ENa = RTONF * log(Nao / Nai),
                 EKs = RTONF * log((Ko + pKNa * Nao) / (Ki + pKNa * Nai)), ECa = 0.5 * RTONF * log(Cao / Cai);
    const double m3 = m * m * m;
    const double INa = GNa * m3 * h * j * (V - ENa), INaL = 0.0 * m3 * hL * (V - ENa);
    const double ICaL = d * f * f2 * fCass * (LUT(C_calSS) * CaSS - LUT(C_calO));
    const double Ito = Gto * r * s * (V - EK), IKr = GKr * xr1 * xr2 * (V - EK), IKs = GKs * xs * xs * (V - EKs);
    double uk = (V - EK - K1_MIN) * inv;
    uk = uk < 0 ? 0 : uk > K1_ROWS - 1.001 ? K1_ROWS - 1.001 : uk;
    const int rk = (int)uk;
    const double IK1 = (ik1[rk] + (uk - rk) * (ik1[rk + 1] - ik1[rk])) * (V - EK);
    const double INaCa = LUT(C_naCaIn) * Nai * Nai * Nai - LUT(C_naCaOut) * Cai;
    const double INaK = ((nakK * Nai) / (Nai + KmNa)) * LUT(C_naK);
    const double IpCa = (GpCa * Cai) / (KpCa + Cai), IpK = LUT(C_ipK) * (V - EK);
    const double IbNa = GbNa * (V - ENa), IbCa = GbCa * (V - ECa);
    const double Iion = INa + INaL + ICaL + Ito + IKr + IKs + IK1 + INaCa + INaK + IpCa + IpK + IbNa + IbCa;

    const double kCaSR = maxSR - (maxSR - minSR) / (1 + (EC / CaSR) * (EC / CaSR));
    const double k1 = k1prime / kCaSR, k2 = k2prime * kCaSR;
    Rp += dt * (k4 * (1 - Rp) - k2 * CaSS * Rp);
    const double O = (k1 * CaSS * CaSS * Rp) / (k3 + k1 * CaSS * CaSS);
    const double Irel = Vrel * O * (CaSR - CaSS), Ileak = Vleak * (CaSR - Cai);
    const double Iup = Vmaxup / (1 + (Kup * Kup) / (Cai * Cai)), Ixfer = Vxfer * (CaSS - Cai);
    const double CaCSQN = (BufSR * CaSR) / (CaSR + KbufSR), dCaSR = dt * (Iup - Irel - Ileak);
    const double bjsr = BufSR - CaCSQN - dCaSR - CaSR + KbufSR, cjsr = KbufSR * (CaCSQN + dCaSR + CaSR);
    CaSR = (sqrt(bjsr * bjsr + 4 * cjsr) - bjsr) / 2;
    const double CaSSBuf = (BufSS * CaSS) / (CaSS + KbufSS);
    const double dCaSS = dt * (-Ixfer * (Vc / Vss) + Irel * (Vsr / Vss) - ICaL * inverseVssF2 * Cap);
    const double bcss = BufSS - CaSSBuf - dCaSS - CaSS + KbufSS, ccss = KbufSS * (CaSSBuf + dCaSS + CaSS);
    CaSS = (sqrt(bcss * bcss + 4 * ccss) - bcss) / 2;
    const double CaBuf = (BufC * Cai) / (Cai + KbufC);
    const double dCai = dt * (-(IbCa + IpCa - 2 * INaCa) * inverseVcF2 * Cap - (Iup - Ileak) * (Vsr / Vc) + Ixfer);
    const double bc = BufC - CaBuf - dCai - Cai + KbufC, cc = KbufC * (CaBuf + dCai + Cai);
    Cai = (sqrt(bc * bc + 4 * cc) - bc) / 2;
    st[NAI * n + i] = Nai - dt * (INa + INaL + IbNa + 3 * INaK + 3 * INaCa) * inverseVcF * Cap;
    st[KI * n + i] = Ki - dt * (IK1 + Ito + IKr + IKs - 2 * INaK + IpK - is) * inverseVcF * Cap;

    double inf = LUT(C_mInf); m = inf - (inf - m) * LUT(C_mDecay);
    inf = LUT(C_hInf); h = inf - (inf - h) * LUT(C_hDecay); j = inf - (inf - j) * LUT(C_jDecay);
    inf = LUT(C_hLInf); hL = inf - (inf - hL) * hLDecay;
    inf = LUT(C_xr1Inf); xr1 = inf - (inf - xr1) * LUT(C_xr1Decay);
    inf = LUT(C_xr2Inf); xr2 = inf - (inf - xr2) * LUT(C_xr2Decay);
    inf = LUT(C_xsInf); xs = inf - (inf - xs) * LUT(C_xsDecay);
    inf = LUT(C_rInf); r = inf - (inf - r) * LUT(C_rDecay);
    inf = LUT(C_sInf); s = inf - (inf - s) * LUT(C_sDecay);
    inf = LUT(C_dInf); d = inf - (inf - d) * LUT(C_dDecay);
    inf = LUT(C_fInf); f = inf - (inf - f) * LUT(C_fDecay);
    inf = LUT(C_f2Inf); f2 = inf - (inf - f2) * LUT(C_f2Decay);
    const double cass2 = (CaSS / 0.05) * (CaSS / 0.05), fCassInf = 0.6 / (1 + cass2) + 0.4;
    fCass = fCassInf - (fCassInf - fCass) * exp(-dt / (80 / (1 + cass2) + 2));
#undef LUT
    st[i] = V + dt * (is - Iion);
    st[XR1 * n + i] = xr1; st[XR2 * n + i] = xr2; st[XS * n + i] = xs; st[M * n + i] = m; st[H * n + i] = h;
    st[J * n + i] = j; st[D * n + i] = d; st[F * n + i] = f; st[F2 * n + i] = f2; st[FCASS * n + i] = fCass;
    st[S * n + i] = s; st[R * n + i] = r; st[CAI * n + i] = Cai; st[CASR * n + i] = CaSR; st[CASS * n + i] = CaSS;
    st[RP * n + i] = Rp; st[HL * n + i] = hL;
  }
}

int main(int argc, char **argv) {
  if (argc < 9) { fprintf(stderr, "usage: ep-reference NX NY NZ DX STEPS DT DL DT\n"); return 2; }
  const int nx = atoi(argv[1]), ny = atoi(argv[2]), nz = atoi(argv[3]), steps = atoi(argv[5]);
  const double dx = atof(argv[4]), dt = atof(argv[6]), dl = atof(argv[7]), dtr = atof(argv[8]);
  const int n = nx * ny * nz;
  RTONF = (Rg * Tk) / Fc; FONRT = 1 / RTONF;
  naCaScale = kNaCa / ((pow(KmNai, 3) + pow(Nao, 3)) * (KmCa + Cao)); nao3 = pow(Nao, 3);
  calFactor = (4 * Fc * Fc) / (Rg * Tk); nakK = (PNaK * Ko) / (Ko + KmK);
  T = malloc(sizeof(double) * V_ROWS * COLS);
  for (int row = 0; row < V_ROWS; row++) fill_row(V_MIN + row * V_STEP, dt, T + (size_t)row * COLS);
  ik1 = malloc(sizeof(double) * K1_ROWS);
  for (int row = 0; row < K1_ROWS; row++) {
    double x = K1_MIN + row * V_STEP, ak1 = 0.1 / (1 + exp(0.06 * (x - 200)));
    double bk1 = (3 * exp(0.0002 * (x + 100)) + exp(0.1 * (x - 10))) / (1 + exp(-0.5 * x));
    ik1[row] = (GK1 * ak1) / (ak1 + bk1);
  }
  /* the same compressed rows as buildDiffusionStencil for a full box with fibres along x */
  int *rowStart = malloc(sizeof(int) * (n + 1)), *nb = malloc(sizeof(int) * 6 * n);
  double *wdt = malloc(sizeof(double) * 6 * n), maxRow = 0;
  int k = 0;
  rowStart[0] = 0;
  for (int c = 0; c < n; c++) {
    int i = c % nx, jj = (c / nx) % ny, kk = c / (nx * ny);
    double sum = 0, dd[3] = {dl, dtr, dtr};
    int co[3] = {i, jj, kk}, dims[3] = {nx, ny, nz}, strides[3] = {1, nx, nx * ny};
    for (int ax = 0; ax < 3; ax++)
      for (int side = 1; side >= -1; side -= 2) {
        int q = co[ax] + side;
        if (q < 0 || q >= dims[ax]) continue;
        nb[k] = c + side * strides[ax]; wdt[k] = dd[ax] / (dx * dx); sum += wdt[k]; k++;
      }
    if (sum > maxRow) maxRow = sum;
    rowStart[c + 1] = k;
  }
  int sub = (int)ceil(dt * maxRow / 0.9); if (sub < 1) sub = 1;
  for (int q = 0; q < k; q++) wdt[q] *= dt / sub;
  double *st = malloc(sizeof(double) * NSTATE * n), *scratch = malloc(sizeof(double) * n),
         *stim = calloc(n, sizeof(double)), *prev = malloc(sizeof(double) * n);
  float *act = malloc(sizeof(float) * n);
  int *count = calloc(n, sizeof(int));
  for (int s = 0; s < NSTATE; s++) for (int c = 0; c < n; c++) st[s * n + c] = init[s];
  for (int c = 0; c < n; c++) {
    int i = c % nx, jj = (c / nx) % ny, kk = c / (nx * ny);
    if ((i + 1) * dx <= 1.5 && (jj + 1) * dx <= 1.5 && (kk + 1) * dx <= 1.5) stim[c] = 50000.0 / 1400.0;
    prev[c] = st[c]; act[c] = NAN;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double time = 0;
  for (int step = 0; step < steps; step++) {
    if (time >= 2.0) memset(stim, 0, sizeof(double) * n);
    tt06_step(st, n, dt, stim);
    for (int s = 0; s < sub; s++) {
      for (int c = 0; c < n; c++) {
        double vc = st[c], acc = 0;
        int q = rowStart[c];
        const int end = rowStart[c + 1];
        if (end - q == 6) { /* the 6 face neighbours unrolled, as in diffusion-kernel.ts */
          acc += wdt[q] * (st[nb[q]] - vc); acc += wdt[q + 1] * (st[nb[q + 1]] - vc); acc += wdt[q + 2] * (st[nb[q + 2]] - vc);
          acc += wdt[q + 3] * (st[nb[q + 3]] - vc); acc += wdt[q + 4] * (st[nb[q + 4]] - vc); acc += wdt[q + 5] * (st[nb[q + 5]] - vc);
        } else
          for (; q < end; q++) acc += wdt[q] * (st[nb[q]] - vc);
        scratch[c] = vc + acc;
      }
      memcpy(st, scratch, sizeof(double) * n);
    }
    time += dt;
    for (int c = 0; c < n; c++) {
      double a = prev[c], b = st[c];
      if (a < 0 && b >= 0) {
        float t = (float)(time - dt + dt * (0 - a) / (b - a));
        if (count[c] == 0) act[c] = t;
        count[c]++;
      }
      prev[c] = b;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec), checksum = 0;
  for (int c = 0; c < n; c++) checksum += st[c];
  printf("%.6e %.10e\n", (double)n * steps / secs, checksum);
  return 0;
}
