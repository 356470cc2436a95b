#!/usr/bin/env python3
"""Train on synthetic, test on real, with a model Fleetsynth does not make: scikit-learn's random forest
at its default settings (n_jobs=2, the machines here have two cores), as a user would check.

  bench/tstr/tstr.py fd003 DATA_DIR WORK_DIR [--seeds 3]   DATA_DIR holds train_FD003.txt, test_FD003.txt, RUL_FD003.txt
  bench/tstr/tstr.py ai4i  DATA_DIR WORK_DIR [--seeds 3]   DATA_DIR holds ai4i2020.csv
  --model trajectory|tvae  trains that model instead of the default

Each run goes through the command line with defaults (ingest, train, generate --format csv) and prints
the random forest's score trained on the generated rows beside the same forest trained on the real
rows. Needs python3 with scikit-learn and pandas (Debian: python3-sklearn python3-pandas); it is a check
outside the build, not part of it.
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import f1_score, roc_auc_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAP = 125
MODEL = "auto"


def fleetsynth(*args):
    subprocess.run([os.path.join(ROOT, "fleetsynth"), *args], check=True, stdout=subprocess.DEVNULL)


def generated(work, seed, rows):
    out = os.path.join(work, f"dataset-{seed}")
    fleetsynth("generate", "--model", os.path.join(work, "ingest", "model"), "--rows", str(rows), "--seed", str(seed), "--format", "csv",
               "--out", out)
    return pd.concat([pd.read_csv(os.path.join(out, f"{s}.csv")) for s in ("train", "val", "test")])


def fd003(data, work, seeds):
    cols = [f"col{i}" for i in range(1, 27)]
    train = pd.read_csv(os.path.join(data, "train_FD003.txt"), sep=r"\s+", header=None, names=cols)
    test = pd.read_csv(os.path.join(data, "test_FD003.txt"), sep=r"\s+", header=None, names=cols)
    truth = np.minimum(np.loadtxt(os.path.join(data, "RUL_FD003.txt")), CAP)
    train["rul"] = train.groupby("col1").col2.transform("max") - train.col2
    last = test.groupby("col1").tail(1)
    fleetsynth("ingest", "--data", os.path.join(data, "train_FD003.txt"), "--out", os.path.join(work, "ingest"))
    fleetsynth("train", "--seed-data", os.path.join(work, "ingest", "seed.parquet"), "--model", MODEL, "--out",
               os.path.join(work, "ingest", "model"))

    def rmse(frame, features, seed):
        rf = RandomForestRegressor(random_state=seed, n_jobs=2).fit(frame[features], np.minimum(frame["rul"], CAP))
        return float(np.sqrt(np.mean((rf.predict(last[features]) - truth) ** 2)))

    for label, features in (("settings and sensors", cols[2:]), ("with the cycle counter", cols[1:])):
        real = [rmse(train, features, s) for s in range(seeds)]
        syn = [rmse(generated(work, s, len(train)), features, s) for s in range(seeds)]
        print(f"FD003 {label}: RMSE trained on real {np.median(real):.2f} ({min(real):.2f}-{max(real):.2f}), "
              f"on generated {np.median(syn):.2f} ({min(syn):.2f}-{max(syn):.2f}), ratio {np.median(syn) / np.median(real):.3f}")


def ai4i(data, work, seeds):
    frame = pd.read_csv(os.path.join(data, "ai4i2020.csv"))
    fleetsynth("ingest", "--data", os.path.join(data, "ai4i2020.csv"), "--out", os.path.join(work, "ingest"))
    fleetsynth("train", "--seed-data", os.path.join(work, "ingest", "seed.parquet"), "--model", MODEL, "--out",
               os.path.join(work, "ingest", "model"))
    # ingest holds out the last 20 % of the rows in order (UDI): the same rows are the test set here
    cut = int(round(len(frame) * 0.8))
    real, test = frame.iloc[:cut], frame.iloc[cut:]
    numbers = ["Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"]

    def x(f):
        return pd.concat([f[numbers].reset_index(drop=True),
                          pd.get_dummies(f["Type"]).reindex(columns=["H", "L", "M"], fill_value=0).reset_index(drop=True)], axis=1)

    def score(f, seed):
        rf = RandomForestClassifier(random_state=seed, n_jobs=2).fit(x(f), f["Machine failure"])
        p = rf.predict_proba(x(test))[:, list(rf.classes_).index(1)] if 1 in rf.classes_ else np.zeros(len(test))
        return f1_score(test["Machine failure"], p >= 0.5), roc_auc_score(test["Machine failure"], p)

    for name, runs in (("real", [score(real, s) for s in range(seeds)]),
                       ("generated", [score(generated(work, s, len(real)), s) for s in range(seeds)])):
        f1 = [r[0] for r in runs]
        auc = [r[1] for r in runs]
        print(f"AI4I machine failure, trained on {name}: F1 {np.median(f1):.3f} ({min(f1):.3f}-{max(f1):.3f}), "
              f"ROC AUC {np.median(auc):.3f} ({min(auc):.3f}-{max(auc):.3f}); failure rate of the training rows "
              f"{(real if name == 'real' else generated(work, 0, len(real)))['Machine failure'].mean():.4f}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dataset", choices=["fd003", "ai4i"])
    p.add_argument("data")
    p.add_argument("work")
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--model", default="auto", help="auto (the default), trajectory or tvae")
    a = p.parse_args()
    global MODEL
    MODEL = a.model
    os.makedirs(a.work, exist_ok=True)
    (fd003 if a.dataset == "fd003" else ai4i)(a.data, a.work, a.seeds)


if __name__ == "__main__":
    sys.exit(main())
