#!/usr/bin/python3
"""Writes the drift corpus: datasets that ship with scikit-learn and simulated discrete feature families, as CSVs.

Run from this folder with Debian's python3 (apt-get install -y python3-sklearn python3-numpy):
    /usr/bin/python3 make_corpus.py
The drift tests (tests/Monitor.Statistics.Tests/Drift/Corpus) split each file at random into a reference and
a production window many times (no drift: the verdict must stay quiet) and inject changes (which must be caught
and named). Every file is small (well under 2 MB); the output is the same on every run (fixed seed).
"""
import csv
import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine


def write(name, columns, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow(row)


def number(v):
    # Whole numbers without a decimal point (so integer-valued features stay visibly integer); others to 6 digits.
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:.6g}"


def dataset(name, bunch, categorical=None):
    names = [n.replace(" ", "_").replace("(", "").replace(")", "") for n in bunch.feature_names]
    rows = [[number(v) for v in row] for row in bunch.data]
    if categorical is not None:
        label, values = categorical
        names.append(label)
        for row, target in zip(rows, bunch.target):
            row.append(values[target])
    write(name, names, rows)


dataset("digits.csv", load_digits())
dataset("breast_cancer.csv", load_breast_cancer())
dataset("wine.csv", load_wine(), ("cultivar", ["class_0", "class_1", "class_2"]))
dataset("iris.csv", load_iris(), ("species", ["setosa", "versicolor", "virginica"]))
dataset("diabetes.csv", load_diabetes(scaled=False))

# Simulated discrete families (the shapes real features have), 5,000 rows, one column each, plus a category.
rng = np.random.default_rng(20261202)
n = 5000
counts = rng.poisson(3.0, n)
ratings = rng.choice(np.arange(1, 11), n, p=[0.04, 0.06, 0.08, 0.12, 0.16, 0.16, 0.13, 0.11, 0.08, 0.06])
zero_inflated = np.where(rng.random(n) < 0.7, 0, rng.integers(1, 50, n))
rounded = np.round(rng.lognormal(3, 1, n))
mixed = np.where(rng.random(n) < 0.4, 0.0, np.round(rng.lognormal(0, 1, n), 4))
flag = (rng.random(n) < 0.3).astype(int)
segment = rng.choice(["north", "south", "east", "west", "online"], n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
write("simulated_discrete.csv", ["counts", "ratings", "zero_inflated", "rounded", "mixed", "flag", "segment"],
      ([number(a), number(b), number(c), number(d), number(e), number(f), g]
       for a, b, c, d, e, f, g in zip(counts, ratings, zero_inflated, rounded, mixed, flag, segment)))
