"""Test data generator, not part of the product: extra scipy 1.10 / numpy 1.24 reference vectors.

  /usr/bin/python3 tests/Monitor.Tests/TestData/make_extra_vectors.py tests/Monitor.Tests/TestData/stat_vectors_extra.json

Same JSON layout as the shared stat_vectors.json, but aimed at the code paths those cases do not reach:
small effective sizes (Durbin matrix, Pomeranz, Smirnov tails of the Kolmogorov distribution), forced exact
and asymptotic modes, large statistics, heavy ties, CvM's exact path with ties and unequal sizes, and
large CvM statistics. Monitor's tests check every case the same way as the shared vectors.
"""
import json, sys
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
import scipy

out = sys.argv[1]
rng = np.random.default_rng(20261124)
r6 = lambda a: [float(x) for x in np.round(a, 6)]

def ks_case(name, a, b, method="auto"):
    a = np.array(r6(a)); b = np.array(r6(b))
    res = stats.ks_2samp(a, b, alternative="two-sided", method=method)
    return {"name": name, "method": method, "reference": a.tolist(), "current": b.tolist(),
            "statistic": float(res.statistic), "pvalue": float(res.pvalue)}

ks = []
for n, m in [(5, 7), (12, 12), (25, 40), (60, 90), (150, 150), (200, 310)]:
    for shift in [0.0, 0.4, 1.0, 2.5]:
        for method in ["auto", "exact", "asymp"]:
            ks.append(ks_case(f"n{n}x{m}-shift{shift}-{method}", rng.standard_normal(n), rng.standard_normal(m) + shift, method))
for n, m in [(300, 500), (1000, 1500), (3000, 2000)]:
    for shift in [0.02, 0.1, 0.3, 0.8]:
        ks.append(ks_case(f"asymp-{n}x{m}-shift{shift}", rng.standard_normal(n), rng.standard_normal(m) + shift, "asymp"))
for n, m in [(1000, 999), (2000, 2000), (777, 1303)]:
    for shift in [0.05, 0.3]:
        ks.append(ks_case(f"exact-{n}x{m}-shift{shift}", rng.standard_normal(n), rng.standard_normal(m) + shift, "exact"))
ks.append(ks_case("ties-binary", rng.integers(0, 2, 300), rng.integers(0, 2, 450)))
ks.append(ks_case("ties-small-asymp", rng.integers(0, 4, 60), rng.integers(1, 5, 80), "asymp"))
ks.append(ks_case("one-vs-many", [0.5], rng.uniform(0, 1, 50)))
ks.append(ks_case("separated-small", rng.uniform(0, 1, 9), rng.uniform(2, 3, 11)))
ks.append(ks_case("separated-asymp", rng.uniform(0, 1, 400), rng.uniform(2, 3, 300), "asymp"))

quant = []
for n in [3, 4, 7, 100, 1001]:
    x = np.array(r6(rng.normal(0, 10, n)))
    qs = [0.0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]
    quant.append({"values": x.tolist(), "q": qs, "linear": [float(np.quantile(x, q)) for q in qs],
                  "mean": float(x.mean()), "max": float(x.max())})

wass = []
for n, m in [(1, 5), (10, 10), (300, 17), (500, 500)]:
    a = np.array(r6(rng.gamma(2, 3, n))); b = np.array(r6(rng.gamma(2.5, 3, m)))
    wass.append({"reference": a.tolist(), "current": b.tolist(), "wasserstein": float(stats.wasserstein_distance(a, b))})
a = np.array(r6(rng.integers(0, 5, 200).astype(float))); b = np.array(r6(rng.integers(0, 6, 150).astype(float)))
wass.append({"reference": a.tolist(), "current": b.tolist(), "wasserstein": float(stats.wasserstein_distance(a, b))})

chi = []
for k in [2, 4, 15, 40]:
    ref = rng.integers(1, 500, k); cur = (ref * rng.uniform(0.5, 1.5, k)).astype(int) + 1
    c2, p, dof, _ = stats.chi2_contingency(np.vstack([ref, cur]), correction=False)
    chi.append({"reference_counts": ref.tolist(), "current_counts": cur.tolist(), "chi2": float(c2), "pvalue": float(p), "dof": int(dof)})

js = []
for k in [2, 3, 20]:
    p = rng.dirichlet(np.ones(k)); q = rng.dirichlet(np.ones(k))
    js.append({"p": r6(p), "q": r6(q), "jensenshannon_base2": float(jensenshannon(r6(p), r6(q), base=2))})
js.append({"p": [0.5, 0.5, 0.0], "q": [0.0, 0.5, 0.5], "jensenshannon_base2": float(jensenshannon([0.5, 0.5, 0.0], [0.0, 0.5, 0.5], base=2))})
js.append({"p": [3, 1, 0, 6], "q": [1, 1, 1, 1], "jensenshannon_base2": float(jensenshannon([3, 1, 0, 6], [1, 1, 1, 1], base=2))})

mw = []
for n, m, ties in [(5, 8, False), (30, 30, True), (200, 150, True), (2000, 1800, False)]:
    if ties:
        a = rng.integers(0, 10, n).astype(float); b = rng.integers(1, 11, m).astype(float)
    else:
        a = np.array(r6(rng.gamma(2, 15, n))); b = np.array(r6(rng.gamma(2.3, 15, m)))
    u = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic")
    t = stats.ttest_ind(a, b, equal_var=False)
    mw.append({"a": a.tolist(), "b": b.tolist(), "mannwhitney_u": float(u.statistic),
               "mannwhitney_p_asymptotic": float(u.pvalue), "welch_t": float(t.statistic), "welch_p": float(t.pvalue)})

cvm = []
for n, m, shift in [(2, 2, 0), (3, 5, 1), (7, 7, 0.5), (13, 20, 0.3), (20, 20, 1.5), (20, 21, 0.0), (25, 40, 2.0), (200, 300, 0.3), (500, 400, 0.8), (3000, 2500, 0.05)]:
    a = np.array(r6(rng.standard_normal(n))); b = np.array(r6(rng.normal(shift, 1.0, m)))
    r = stats.cramervonmises_2samp(a, b)
    cvm.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
for n, m in [(10, 12), (18, 20), (60, 50)]:
    a = rng.integers(0, 4, n).astype(float); b = rng.integers(0, 5, m).astype(float)
    r = stats.cramervonmises_2samp(a, b)
    cvm.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(r.statistic), "pvalue": float(r.pvalue)})

json.dump({"generated_with": f"numpy {np.__version__}, scipy {scipy.__version__}",
           "ks_2samp_two_sided": ks, "quantiles_linear": quant, "wasserstein_distance": wass,
           "chi2_contingency_no_correction": chi, "jensenshannon": js, "two_sample_location": mw,
           "cramervonmises_2samp_auto": cvm}, open(out, "w"))
print(out, "cases:", len(ks), len(quant), len(wass), len(chi), len(js), len(mw), len(cvm))
