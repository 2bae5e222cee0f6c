#!/usr/bin/python3
"""Expected figures of Monitor's PCA reconstruction drift, computed with scikit-learn as NannyML's data
reconstruction drift does: SimpleImputer(mean) -> StandardScaler -> PCA(n_components=share) fitted on the
reference; error = mean Euclidean distance between standardized rows and their reconstruction; the reference
split in order into `chunks` chunks of len // chunks rows (the rest left out). The threshold uses each chunk's
error under the components of the other rows (numpy's eigh of their uncentred standardized covariance, as Monitor
computes them; no scikit-learn call does that): their mean, and the larger of their sample standard deviation and
that of the held-out row errors over sqrt(chunk rows), every row error capped at the held-out rows' 0.999 quantile
(the window's and the reference's errors below are capped alike).

Run once:  /usr/bin/python3 generate_reconstruction_cases.py > reconstruction-cases.json
(Debian's python3-numpy and python3-sklearn.)
"""
import json
import numpy as np
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20261202)


def draw(n, cov, means, scales, missing):
    x = rng.multivariate_normal(np.zeros(len(cov)), cov, n) * scales + means
    x = np.round(x, 6)
    mask = rng.random(x.shape) < missing
    mask[mask.all(axis=1), 0] = False  # every row keeps a value
    x[mask] = np.nan
    return x


def case(name, p, n_ref, n_cur, share, chunks, missing, rho_ref, rho_cur):
    def cov(rho):
        c = np.full((p, p), 0.0)
        for a in range(p):
            for b in range(p):
                c[a, b] = rho ** abs(a - b) if rho >= 0 else (-1) ** (a + b) * (-rho) ** abs(a - b)
        return c

    means = rng.uniform(-50, 50, p)
    scales = rng.uniform(0.5, 20, p)
    ref = draw(n_ref, cov(rho_ref), means, scales, missing)
    cur = draw(n_cur, cov(rho_cur), means, scales, missing)
    imputer = SimpleImputer(strategy="mean").fit(ref)
    scaler = StandardScaler().fit(imputer.transform(ref))
    pca = PCA(n_components=share, svd_solver="full").fit(scaler.transform(imputer.transform(ref)))

    def errors(x):
        z = scaler.transform(imputer.transform(x))
        return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)

    ref_errors = errors(ref)
    size = n_ref // chunks
    chunk_errors = [float(ref_errors[i * size:(i + 1) * size].mean()) for i in range(chunks)]
    z = scaler.transform(imputer.transform(ref))
    held_out, held_rows = [], []
    for i in range(chunks):
        rest = np.ones(n_ref, bool)
        rest[i * size:(i + 1) * size] = False
        w, v = np.linalg.eigh(z[rest].T @ z[rest] / (rest.sum() - 1))
        order = np.argsort(w)[::-1]
        w, v = w[order], v[:, order]
        k = min(int(np.searchsorted(np.cumsum(w) / w.sum(), share, side="right") + 1), p - 1)
        part = z[i * size:(i + 1) * size]
        e = np.linalg.norm(part - part @ v[:, :k] @ v[:, :k].T, axis=1)
        held_rows.extend(e)
    held_rows = np.array(held_rows)
    cap = float(np.quantile(held_rows, 0.999))
    capped = np.minimum(held_rows, cap)
    held_out = [float(c.mean()) for c in np.split(capped, chunks)]
    spread = max(float(np.std(held_out, ddof=1)), float(np.std(capped, ddof=1)) / np.sqrt(size))
    col = lambda x, j: [None if np.isnan(v) else float(v) for v in x[:, j]]
    return {
        "name": name,
        "variance_to_keep": share,
        "chunks": chunks,
        "reference": [col(ref, j) for j in range(p)],
        "current": [col(cur, j) for j in range(p)],
        "means": [float(v) for v in imputer.statistics_],
        "scales": [float(v) for v in scaler.scale_],
        "components": int(pca.n_components_),
        "variance_kept": float(pca.explained_variance_ratio_.sum()),
        "chunk_errors": chunk_errors,
        "held_out_chunk_errors": held_out,
        "threshold_mean": float(np.mean(held_out)),
        "threshold_std": spread,
        "row_error_cap": cap,
        "current_error": float(np.minimum(errors(cur), cap).mean()),
        "reference_error": float(np.minimum(ref_errors, cap).mean()),
        "uncapped_current_error": float(errors(cur).mean()),
    }


cases = [
    case("ar(0.8) against ar(-0.8), no missing values", 5, 1000, 300, 0.65, 10, 0.0, 0.8, -0.8),
    case("ar(0.6) against itself, 3% missing", 6, 1200, 400, 0.65, 10, 0.03, 0.6, 0.6),
    case("ar(0.9), 90% of the variance, 8 chunks", 8, 800, 250, 0.9, 8, 0.01, 0.9, 0.3),
]
print(json.dumps({"generator": "generate_reconstruction_cases.py", "cases": cases}, separators=(",", ":")))
