"""The EP QT surrogate's runs and features, shared by train_ep_qt.py and select_ep_qt_switch_points.py.

Runs: data/ep-qt-runs.csv (the seeded train / heldout / corner runs of generate-ep-qt-data.ts) plus, when present,
data/ep-qt-runs.targeted.csv (runs near the QT regime switch, split `train-targeted`, training only).
"""
import csv
import json
import os

import numpy as np

import mlp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CARD_PATH = os.path.join(ROOT, "ep-qt-surrogate.card.json")
RUN_FILES = [os.path.join(ROOT, "data", f) for f in ("ep-qt-runs.csv", "ep-qt-runs.targeted.csv")]
# QT - APD90 is 5-30 ms for short, high-IKr / low-ICaL action potentials and 35-75 ms otherwise, nothing in between
# (the tangent-method T-wave end jumps): 30 ms separates the two regimes.
GAP_SPLIT_MS = 30.0
# The generator's sampling (generate-ep-qt-data.ts): share of runs with inputs on their bounds.
EDGE_FRACTION = 0.3
REGIME_HIDDEN, REGIME_STEPS, REGIME_DECAY = 24, 2000, 1e-3

card = json.load(open(CARD_PATH))
in_names = [i["name"] for i in card["inputs"]]
lo = np.array([i["min"] for i in card["inputs"]])
hi = np.array([i["max"] for i in card["inputs"]])
dose_col = in_names.index("doseUgPerKgMin")
in_scale = 2.0 / (hi - lo)
in_shift = -lo * in_scale - 1.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def features(x):
    """The 7 inputs scaled to [-1, 1] over the box plus sqrt(dose / max dose), mapped to [-1, 1] (the beta-AR Hill
    curves have EC50s of 0.03-0.15 ug/kg/min, so most of the dose effect sits at the low end)."""
    return np.hstack([x * in_scale + in_shift, 2 * np.sqrt(x[:, [dose_col]] / hi[dose_col]) - 1])


class Runs:
    def __init__(self, rows):
        self.X = np.array([[float(r[n]) for n in in_names] for r in rows])
        self.Y = np.array([[float(r["qtMs"]), float(r["apd90Ms"])] for r in rows])
        self.A = np.array([float(r["arrhythmia"]) for r in rows])
        self.split = np.array([r["split"] for r in rows])
        cycle = 60000.0 / np.array([float(r["heartRateBpm"]) for r in rows])
        # QT and APD are only defined for a wedge that repolarised 1:1 without afterdepolarisations: with EADs/DADs
        # the pseudo-ECG's T-wave end (and so the measured QT) can jump by hundreds of ms.
        self.regular = np.isfinite(self.Y).all(axis=1) & (self.Y[:, 1] <= cycle - 50) & (self.A == 0)
        self.gap = self.Y[:, 0] - self.Y[:, 1]
        self.high_gap = (self.gap > GAP_SPLIT_MS).astype(float)
        self.features = features(self.X)

    def split_is(self, *names):
        return np.isin(self.split, names)


def load():
    rows = []
    for f in RUN_FILES:
        if os.path.exists(f):
            rows += list(csv.DictReader(open(f)))
    return Runs(rows)


def fit_regime(f, high, rng, steps=REGIME_STEPS):
    """A classifier 8 -> 24 tanh -> 24 tanh -> 1 (logit) for the high-gap regime, cross-entropy, weight decay."""
    h = high[:, None]
    return mlp.fit(mlp.init([f.shape[1], REGIME_HIDDEN, REGIME_HIDDEN, 1], rng), f, lambda out: (sigmoid(out) - h) / len(h), steps, weight_decay=REGIME_DECAY)


def draw_like_seeded_runs(n, rng):
    """Inputs drawn as the generator draws its seeded runs: uniform in the box, the dose squared-uniform, and in
    EDGE_FRACTION of the draws each input on one of its bounds with probability 1/2."""
    u = rng.random((n, len(in_names)))
    u[:, dose_col] **= 2
    x = lo + (hi - lo) * u
    on_edge = (rng.random((n, 1)) < EDGE_FRACTION) & (rng.random(x.shape) < 0.5)
    return np.where(on_edge, np.where(rng.random(x.shape) < 0.5, lo, hi), x)
