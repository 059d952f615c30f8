#!/usr/bin/env python3
"""Fits the EP QT surrogate and writes native-models/ep-qt-surrogate.onnx.

    /usr/bin/python3 native-models/scripts/train_ep_qt.py   (Debian python: python3-onnx and python3-numpy)

Reads the runs (ep_qt_data.py: data/ep-qt-runs.csv and, when present, the targeted runs near the QT regime switch in
data/ep-qt-runs.targeted.csv, split `train-targeted`; those are used for training only). MLPs (mlp.py) in one graph:
  - as in 0.1.0, on the seeded train runs only and with the same seed, so apd90Ms and arrhythmiaProbability are the
    same functions as before: a regressor 8 -> 48 tanh -> 48 tanh -> 2 (qtMs, apd90Ms; only apd90Ms is used), fitted
    (MSE, standardised, weight decay) on the runs that repolarised 1:1 without arrhythmia (QT and APD90 finite, APD90
    at least 50 ms short of the cycle, no monitor event), and a classifier 8 -> 24 tanh -> 24 tanh -> 1 with a
    sigmoid for arrhythmiaProbability (cross-entropy, small weight decay) on all seeded train runs (the targeted runs
    sample the regime switch, not arrhythmia: they would shift the prevalence the probability is calibrated to);
  - on all training runs that repolarised 1:1, seeded and targeted: a gap regressor 8 -> 48 tanh -> 48 tanh -> 2 for
    QT - APD90 in each regime (gapLow, gapHigh), each output fitted only on runs of its own regime (masked MSE), so
    neither smooths over the step between them, and REGIME_NETS regime classifiers 8 -> 24 tanh -> 24 tanh -> 1
    (ep_qt_data.fit_regime, different seeds) whose mean sigmoid p is the probability of the high-gap regime (an
    ensemble is less often confidently wrong where the regimes interleave).
qtMs = apd90Ms + gapLow + p * (gapHigh - gapLow): where the regimes interleave and p is near 1/2 the estimate sits
between them, at most about half the step off either way (committing to one regime once p passed a threshold cut the
mean error but raised the held-out p99 and maximum: a confidently wrong regime costs the whole step).
The features (ep_qt_data.features) are computed inside the graph, so the app feeds raw inputs in card units. Held-out
metrics go into the card JSON and are printed; the held-out fixture the tests replay goes into
ep-qt-surrogate.heldout.json.
"""
import json
import os
import sys

import numpy as np

try:
    import onnx
    from onnx import helper
except ImportError:
    sys.exit("python3-onnx is missing: apt-get install -y python3-onnx")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ep_qt_data as data  # noqa: E402
import mlp  # noqa: E402

ROOT = data.ROOT
CARD_PATH = data.CARD_PATH
REG_HIDDEN, REG_STEPS, REG_DECAY = 48, 10000, 3e-4
CLS_HIDDEN, CLS_STEPS, CLS_DECAY = 24, 4000, 1e-3
GAP_HIDDEN, GAP_STEPS = 48, 10000
REGIME_NETS = 5
FIXTURE_RUNS = 40
SEED = 7

card = data.card
in_names = data.in_names
REG_OUT = ["qtMs", "apd90Ms"]
PROB = "arrhythmiaProbability"
sigmoid = data.sigmoid

runs = data.load()
X, Y, A, F, regular = runs.X, runs.Y, runs.A, runs.features, runs.regular
seeded, targeted = runs.split_is("train"), runs.split_is("train-targeted")
train, held, corner = seeded | targeted, runs.split_is("heldout"), runs.split_is("corner")

# 0.1.0's regressor and classifier: the same runs, seed and order of draws reproduce them exactly.
rng = np.random.default_rng(SEED)
fit_reg = seeded & regular
y_mean, y_std = Y[fit_reg].mean(axis=0), Y[fit_reg].std(axis=0)
Yn = (Y[fit_reg] - y_mean) / y_std
reg = mlp.fit(mlp.init([F.shape[1], REG_HIDDEN, REG_HIDDEN, 2], rng), F[fit_reg], lambda out: 2 * (out - Yn) / len(Yn), REG_STEPS, weight_decay=REG_DECAY)
At = A[seeded][:, None]
cls = mlp.fit(mlp.init([F.shape[1], CLS_HIDDEN, CLS_HIDDEN, 1], rng), F[seeded], lambda out: (sigmoid(out) - At) / len(At), CLS_STEPS, weight_decay=CLS_DECAY)

# Gap regressor: each regime's output only on runs of that regime (mask), standardised per regime.
fit_gap = train & regular
high = runs.high_gap[fit_gap][:, None]
mask = np.hstack([1 - high, high])
G = np.repeat(runs.gap[fit_gap][:, None], 2, axis=1)
g_mean = (G * mask).sum(0) / mask.sum(0)
g_std = np.sqrt((((G - g_mean) * mask) ** 2).sum(0) / mask.sum(0))
Gn = (G - g_mean) / g_std
rng = np.random.default_rng(SEED + 1)
gapnet = mlp.fit(mlp.init([F.shape[1], GAP_HIDDEN, GAP_HIDDEN, 2], rng), F[fit_gap], lambda out: 2 * mask * (out - Gn) / mask.sum(0), GAP_STEPS, weight_decay=REG_DECAY)
regimes = [data.fit_regime(F[fit_gap], runs.high_gap[fit_gap], rng) for _ in range(REGIME_NETS)]


def p_high(f):
    return np.mean([sigmoid(mlp.forward(net, f)[1])[:, 0] for net in regimes], axis=0)


def predict_reg(x):
    f = data.features(x)
    apd = mlp.forward(reg, f)[1][:, 1] * y_std[1] + y_mean[1]
    gap_low, gap_high = (mlp.forward(gapnet, f)[1] * g_std + g_mean).T
    return np.stack([apd + gap_low + p_high(f) * (gap_high - gap_low), apd], axis=1)


predict_prob = lambda x: sigmoid(mlp.forward(cls, data.features(x))[1])[:, 0]


def auc(p, y):
    """ROC AUC by the rank-sum (Mann-Whitney) statistic; None without both classes."""
    pos, neg = p[y == 1], p[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return None
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


err = np.abs(predict_reg(X) - Y)
prob = predict_prob(X)
p_regime = p_high(F)
metrics = {}
for j, name in enumerate(REG_OUT):
    metrics[name] = {
        "trainMaeMs": round(float(err[(fit_gap if name == "qtMs" else fit_reg), j].mean()), 2),
        "heldOutMaeMs": round(float(err[held & regular, j].mean()), 2),
        "heldOutMaxAbsErrorMs": round(float(err[held & regular, j].max()), 2),
        "heldOutP99AbsErrorMs": round(float(np.percentile(err[held & regular, j], 99)), 2),
        "heldOutWithin10MsFraction": round(float((err[held & regular, j] <= 10).mean()), 3),
        "cornerMaeMs": round(float(err[corner & regular, j].mean()), 2),
        "cornerMaxAbsErrorMs": round(float(err[corner & regular, j].max()), 2),
    }
metrics["qtMs"]["heldOutRegimeAccuracy"] = round(float(((p_regime > 0.5) == runs.high_gap.astype(bool))[held & regular].mean()), 3)
metrics[PROB] = {
    "trainAuc": auc(prob[seeded], A[seeded]),
    "heldOutAuc": auc(prob[held], A[held]),
    "heldOutBrier": round(float(((prob[held] - A[held]) ** 2).mean()), 4),
    "heldOutPrevalence": round(float(A[held].mean()), 4),
    "cornerAuc": auc(prob[corner], A[corner]),
    "cornerBrier": round(float(((prob[corner] - A[corner]) ** 2).mean()), 4),
}
summary = {
    "trainRuns": int(train.sum()),
    "targetedTrainRuns": int(targeted.sum()),
    "heldOutRuns": int(held.sum()),
    "cornerRuns": int(corner.sum()),
    "irregularRuns": int((~regular).sum()),
    "arrhythmicRuns": int(A.sum()),
    "metrics": metrics,
}
print(json.dumps(summary, indent=1))

# The graph: features -> apd90 (0.1.0's regressor), the two regimes' gaps and the regime ensemble's p -> qt;
# classifier -> probability; y [N, 3] = [qtMs, apd90Ms, arrhythmiaProbability], all float32.
f32 = mlp.f32
i64 = lambda name, v: onnx.numpy_helper.from_array(np.array(v, dtype=np.int64), name)  # Slice takes int64 indices
inits = [
    f32("in_scale", data.in_scale), f32("in_shift", data.in_shift), f32("y_std", y_std), f32("y_mean", y_mean),
    f32("g_std", g_std), f32("g_mean", g_mean), i64("dose_start", [data.dose_col]), i64("dose_end", [data.dose_col + 1]),
    i64("axis1", [1]), i64("c0", [0]), i64("c1", [1]), i64("c2", [2]),
    f32("inv_dose_max", 1 / data.hi[data.dose_col]), f32("two", 2.0), f32("one", 1.0),
    f32("inv_regime_nets", 1 / REGIME_NETS),
]
column = lambda src, k, out: helper.make_node("Slice", [src, f"c{k}", f"c{k + 1}", "axis1"], [out])
nodes = [
    helper.make_node("Mul", ["x", "in_scale"], ["xs"]),
    helper.make_node("Add", ["xs", "in_shift"], ["xn"]),
    helper.make_node("Slice", ["x", "dose_start", "dose_end", "axis1"], ["dose"]),
    helper.make_node("Mul", ["dose", "inv_dose_max"], ["dose_rel"]),
    helper.make_node("Sqrt", ["dose_rel"], ["dose_sqrt"]),
    helper.make_node("Mul", ["dose_sqrt", "two"], ["dose_2"]),
    helper.make_node("Sub", ["dose_2", "one"], ["dose_feature"]),
    helper.make_node("Concat", ["xn", "dose_feature"], ["f"], axis=1),
]
net_inits = []
for net, out, prefix in [(reg, "reg_n", "r"), (cls, "cls_logit", "c"), (gapnet, "gap_n", "d")] + [(net, f"regime_logit{k}", f"g{k}") for k, net in enumerate(regimes)]:
    net_nodes, net_init = mlp.onnx_nodes(net, "f", out, prefix)
    nodes += net_nodes
    net_inits += net_init
nodes += [helper.make_node("Sigmoid", [f"regime_logit{k}"], [f"p_high{k}"]) for k in range(REGIME_NETS)]
nodes += [helper.make_node("Add", ["p_high0" if k == 1 else f"p_sum{k - 1}", f"p_high{k}"], [f"p_sum{k}"]) for k in range(1, REGIME_NETS)]
nodes += [
    helper.make_node("Mul", [f"p_sum{REGIME_NETS - 1}" if REGIME_NETS > 1 else "p_high0", "inv_regime_nets"], ["p_high"]),
    helper.make_node("Mul", ["reg_n", "y_std"], ["reg_s"]),
    helper.make_node("Add", ["reg_s", "y_mean"], ["reg"]),
    column("reg", 1, "apd"),
    helper.make_node("Mul", ["gap_n", "g_std"], ["gap_s"]),
    helper.make_node("Add", ["gap_s", "g_mean"], ["gaps"]),
    column("gaps", 0, "gap_low"), column("gaps", 1, "gap_high"),
    helper.make_node("Sub", ["gap_high", "gap_low"], ["gap_step"]),
    helper.make_node("Mul", ["p_high", "gap_step"], ["gap_up"]),
    helper.make_node("Add", ["gap_low", "gap_up"], ["gap"]),
    helper.make_node("Add", ["apd", "gap"], ["qt"]),
    helper.make_node("Sigmoid", ["cls_logit"], ["prob"]),
    helper.make_node("Concat", ["qt", "apd", "prob"], ["y"], axis=1),
]
mlp.save_model(nodes, inits + net_inits, "ep_qt_surrogate", card, in_names, REG_OUT + [PROB], os.path.join(ROOT, card["file"]))

# Stated error: the worst held-out case (runs and box corners that repolarised 1:1), up to the next 0.5 ms strictly
# above it (float32 inference in the app differs from numpy float64 in the last digits).
worst = lambda j: max(err[held & regular, j].max(), err[corner & regular, j].max())
card["heldOutMaxAbsError"] = {**{n: float(np.floor(worst(j) * 2) / 2 + 0.5) for j, n in enumerate(REG_OUT)}, PROB: None}
card["heldOutMae"] = {n: metrics[n]["heldOutMaeMs"] for n in REG_OUT}
held_auc = metrics[PROB]["heldOutAuc"]
card["heldOutClassification"] = {PROB: {"auc": round(held_auc, 3) if held_auc is not None else 0.5, "brier": metrics[PROB]["heldOutBrier"]}}
card["training"] = summary
json.dump(card, open(CARD_PATH, "w"), indent=2, ensure_ascii=False)
open(CARD_PATH, "a").write("\n")

# The fixture the tests replay: the first held-out runs and every corner that repolarised 1:1, with the engine's values,
# and every held-out run's arrhythmia outcome (for AUC/Brier).
case = lambda i: {"inputs": [float(v) for v in X[i]], "qtMs": float(Y[i, 0]), "apd90Ms": float(Y[i, 1]), "arrhythmia": int(A[i])}
fixture = {
    "engine": card["engine"],
    "cases": [case(i) for i in np.flatnonzero(held & regular)[:FIXTURE_RUNS]],
    "corners": [case(i) for i in np.flatnonzero(corner & regular)],
    "outcomes": {"inputs": [[float(v) for v in X[i]] for i in np.flatnonzero(held)], "arrhythmia": [int(a) for a in A[held]]},
}
json.dump(fixture, open(os.path.join(ROOT, "ep-qt-surrogate.heldout.json"), "w"))
