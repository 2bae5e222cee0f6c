#!/usr/bin/env python3
"""Generates the over-confident classifier data the CBPE tests use.

scikit-learn's GaussianNB trained on part of the digits data set (8x8 images, 10 classes) is far more
confident than it is right: its mean confidence is near 0.98 where its accuracy is near 0.83. The rest of
the data is split into a labelled reference (prediction, confidence, true label, and two pixel features)
and a production set (the same columns) that the tests send as predictions and labels.

Run with Debian's scikit-learn:  apt-get install -y python3-sklearn && /usr/bin/python3 make_digits_gaussiannb.py
Writes digits_gaussiannb_reference.csv and digits_gaussiannb_production.csv next to this script.
"""
import csv
import os

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

here = os.path.dirname(os.path.abspath(__file__))
x, y = load_digits(return_X_y=True)
x_train, x_rest, y_train, y_rest = train_test_split(x, y, train_size=500, random_state=11, stratify=y)
x_ref, x_prod, y_ref, y_prod = train_test_split(x_rest, y_rest, train_size=650, random_state=12, stratify=y_rest)
model = GaussianNB().fit(x_train, y_train)


def write(name, features, truth):
    proba = model.predict_proba(features)
    predicted = model.classes_[proba.argmax(axis=1)]
    confidence = proba.max(axis=1)
    with open(os.path.join(here, name), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["pixel_20", "pixel_43", "prediction", "confidence", "label"])
        for row, p, c, t in zip(features, predicted, confidence, truth):
            # Nine significant digits keep the confidences' order where it matters and the files small.
            out.writerow([int(row[20]), int(row[43]), int(p), f"{c:.9g}", int(t)])
    accuracy = float(np.mean(predicted == truth))
    print(f"{name}: {len(truth)} rows, mean confidence {confidence.mean():.4f}, accuracy {accuracy:.4f}")


write("digits_gaussiannb_reference.csv", x_ref, y_ref)
write("digits_gaussiannb_production.csv", x_prod, y_prod)
