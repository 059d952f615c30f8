#!/usr/bin/env python3
"""Fits the dose-volume predictor and writes native-models/dose-volume-predictor.onnx.

    /usr/bin/python3 native-models/scripts/train_kbp.py   (Debian python: python3-onnx and python3-numpy)

Reads native-models/data/kbp-plans.csv (generate-kbp-data.ts): one row per OAR of a standard plan on a random
phantom. A small MLP (mlp.py) 9 -> 48 tanh -> 48 tanh -> 4, MSE on standardised outputs, full-batch Adam, fixed seed.
Features: the 7 OVH fractions as they are and the logarithms of the two volumes (they span 3 decades), scaled to
[-1, 1] over the card's ranges; all of it inside the graph, so the app feeds raw inputs in card units. The volume
ranges of the card are set here from the training data (rounded outwards), so the service refuses what the model
never saw. Held-out metrics (the split is by case) go into the card JSON and are printed; 40 held-out OARs with the
plan's values go into dose-volume-predictor.heldout.json for the tests to replay.
"""
import csv
import json
import math
import os
import sys

import numpy as np

try:
    from onnx import helper
except ImportError:
    sys.exit("python3-onnx is missing: apt-get install -y python3-onnx")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CARD_PATH = os.path.join(ROOT, "dose-volume-predictor.card.json")
HIDDEN, STEPS, DECAY = 48, int(os.environ.get("STEPS", 15000)), 1e-4
FIXTURE_OARS = 40
SEED = 11

card = json.load(open(CARD_PATH))
in_names = [i["name"] for i in card["inputs"]]
out_names = [o["name"] for o in card["outputs"]]
is_volume = np.array([n.endswith("VolumeMl") for n in in_names])

rows = list(csv.DictReader(open(os.path.join(ROOT, "data", "kbp-plans.csv"))))
X = np.array([[float(r[n]) for n in in_names] for r in rows])
Y = np.array([[float(r[n]) for n in out_names] for r in rows])
train = np.array([r["split"] == "train" for r in rows])

# The card's volume ranges: the training data's, rounded outwards (to 1 mL below, 2 significant digits above).
for k, i in enumerate(card["inputs"]):
    if is_volume[k]:
        hi = X[train, k].max()
        step = 10 ** (math.floor(math.log10(hi)) - 1)
        i["min"] = float(max(1, math.floor(X[train, k].min())))
        i["max"] = float(math.ceil(hi / step) * step)
lo = np.array([i["min"] for i in card["inputs"]], dtype=float)
hi = np.array([i["max"] for i in card["inputs"]], dtype=float)
# Features: log of the volumes, then everything to [-1, 1] over the card's range.
flo = np.where(is_volume, np.log(np.where(is_volume, lo, 1)), lo)
fhi = np.where(is_volume, np.log(np.where(is_volume, hi, 1)), hi)
f_scale = 2.0 / (fhi - flo)
f_shift = -flo * f_scale - 1.0
vol_mask = is_volume.astype(float)


def features(x):
    f = np.where(is_volume, np.log(np.maximum(x, 1e-9)), x)
    return f * f_scale + f_shift


y_mean = Y[train].mean(axis=0)
y_std = Y[train].std(axis=0)
Fn = features(X)
Yn = (Y - y_mean) / y_std

rng = np.random.default_rng(SEED)
params = mlp.init([len(in_names), HIDDEN, HIDDEN, len(out_names)], rng)
params = mlp.fit(params, Fn[train], lambda out: 2 * (out - Yn[train]) / train.sum(), STEPS, weight_decay=DECAY)


def predict(x):
    return mlp.forward(params, features(x))[1] * y_std + y_mean


err = np.abs(predict(X) - Y)
metrics = {}
for j, name in enumerate(out_names):
    metrics[name] = {
        "trainMae": round(float(err[train, j].mean()), 4),
        "heldOutMae": round(float(err[~train, j].mean()), 4),
        "heldOutP95": round(float(np.percentile(err[~train, j], 95)), 4),
        "heldOutMaxAbsError": round(float(err[~train, j].max()), 4),
    }
cases = sorted({r["case"] for r in rows})
summary = {
    "plans": len(cases),
    "trainOars": int(train.sum()),
    "heldOutOars": int((~train).sum()),
    "heldOutPlans": len({r["case"] for r in rows if r["split"] == "heldout"}),
    "metrics": metrics,
}
print(json.dumps(summary, indent=1))

# The graph: f = (x*(1-m) + log(x*m + (1-m))) * s + b  (log of the volume columns only), then the MLP, then
# y = yn * y_std + y_mean. All float32.
f32 = mlp.f32
inits = [
    f32("vol_mask", vol_mask),
    f32("not_vol_mask", 1 - vol_mask),
    f32("f_scale", f_scale),
    f32("f_shift", f_shift),
    f32("y_std", y_std),
    f32("y_mean", y_mean),
]
nodes = [
    helper.make_node("Mul", ["x", "vol_mask"], ["x_vol"]),
    helper.make_node("Add", ["x_vol", "not_vol_mask"], ["x_vol_or_one"]),
    helper.make_node("Log", ["x_vol_or_one"], ["log_vol"]),
    helper.make_node("Mul", ["x", "not_vol_mask"], ["x_ovh"]),
    helper.make_node("Add", ["x_ovh", "log_vol"], ["f_raw"]),
    helper.make_node("Mul", ["f_raw", "f_scale"], ["f_scaled"]),
    helper.make_node("Add", ["f_scaled", "f_shift"], ["f"]),
]
mlp_nodes, mlp_inits = mlp.onnx_nodes(params, "f", "yn", "")
nodes += mlp_nodes + [helper.make_node("Mul", ["yn", "y_std"], ["ys"]), helper.make_node("Add", ["ys", "y_mean"], ["y"])]
inits += mlp_inits
mlp.save_model(nodes, inits, "dose_volume_predictor", card, in_names, out_names, os.path.join(ROOT, card["file"]))

# The stated error: the worst held-out OAR, rounded up to 0.01 (of the prescription, or of the OAR volume for V50).
card["heldOutMaxAbsError"] = {n: float(math.ceil(metrics[n]["heldOutMaxAbsError"] * 100) / 100) for n in out_names}
card["heldOutMae"] = {n: metrics[n]["heldOutMae"] for n in out_names}
card["training"] = summary
json.dump(card, open(CARD_PATH, "w"), indent=2, ensure_ascii=False)
open(CARD_PATH, "a").write("\n")

fixture = [
    {"case": int(r["case"]), "oar": r["oar"], "inputs": [float(r[n]) for n in in_names], "outputs": {n: float(r[n]) for n in out_names}}
    for r in rows
    if r["split"] == "heldout"
][:FIXTURE_OARS]
json.dump({"engine": card["engine"], "cases": fixture}, open(os.path.join(ROOT, "dose-volume-predictor.heldout.json"), "w"), indent=1)
open(os.path.join(ROOT, "dose-volume-predictor.heldout.json"), "a").write("\n")
