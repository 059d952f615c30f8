#!/usr/bin/env python3
"""Picks inputs near the QT regime switch for targeted engine runs (active learning) and writes them as a CSV of
input columns that `generate-ep-qt-data.ts --points FILE` runs.

    /usr/bin/python3 native-models/scripts/select_ep_qt_switch_points.py [points=1200] [out=/tmp/ep-qt-switch-points.csv] [seed=11]

QT - APD90 in the wedge data has two regimes (the pseudo-ECG's T-wave end jumps between them, ep_qt_data.GAP_SPLIT_MS),
plus a rare third one beyond both (gap 80-130 ms; high gKs and gCaL, low leak, high dose). Only training runs are used
here, never the held-out or corner runs (they stay the honest test). Two kinds of points, in this order:
  - first round only (no targeted runs yet): NEIGHBOURS points around each seeded train run whose gap exceeds
    GAP_OUTLIER_MS (inputs perturbed by NEIGHBOUR_SPREAD of their range, clipped to the box): a handful of runs cannot
    teach the model that regime;
  - a regime classifier fitted on all training runs so far scores many candidates drawn like the seeded runs; those
    it is unsure about (UNSURE_LOW < p < UNSURE_HIGH) lie near the switch, where one more run teaches the model most.
    They are written in a seeded random order, so the first N of a longer list are what a shorter list would hold.
A later round (with the targeted runs of the earlier ones present, another seed) appends its points, without the
header, to the same file, so the generator numbers every point by its line and resumes where it stopped.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ep_qt_data as data  # noqa: E402
import mlp  # noqa: E402

CANDIDATES = 400_000
UNSURE_LOW, UNSURE_HIGH = 0.1, 0.9
GAP_OUTLIER_MS = 80.0
NEIGHBOURS, NEIGHBOUR_SPREAD = 100, 0.1
SEED = 11

points = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/ep-qt-switch-points.csv"
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else SEED)

runs = data.load()
fit = runs.split_is("train", "train-targeted") & runs.regular
regime = data.fit_regime(runs.features[fit], runs.high_gap[fit], rng)

first_round = not runs.split_is("train-targeted").any()
outliers = runs.X[runs.split_is("train") & runs.regular & (runs.gap > GAP_OUTLIER_MS)] if first_round else runs.X[:0]
spread = NEIGHBOUR_SPREAD * (data.hi - data.lo)
neighbours = np.vstack([np.clip(x + rng.normal(0, 1, (NEIGHBOURS, len(x))) * spread, data.lo, data.hi) for x in outliers] or [runs.X[:0]])

candidates = data.draw_like_seeded_runs(CANDIDATES, rng)
p = data.sigmoid(mlp.forward(regime, data.features(candidates))[1])[:, 0]
unsure = rng.permutation(np.flatnonzero((p > UNSURE_LOW) & (p < UNSURE_HIGH)))[:points]
print(f"{len(neighbours)} points around {len(outliers)} train runs with gap > {GAP_OUTLIER_MS} ms; {len(unsure)} candidates of {CANDIDATES} "
      f"where the regime classifier is unsure ({UNSURE_LOW} < p < {UNSURE_HIGH}); writing them to {out}", file=sys.stderr)
with open(out, "w") as f:
    f.write(",".join(data.in_names) + "\n")
    for x in np.vstack([neighbours, candidates[unsure]]):
        f.write(",".join(f"{v:.7g}" for v in x) + "\n")
