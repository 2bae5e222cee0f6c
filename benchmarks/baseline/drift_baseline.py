"""Times the Python baseline's drift check on this machine: scipy.stats.ks_2samp per numeric feature.

  /usr/bin/python3 benchmarks/baseline/drift_baseline.py            # timings
  /usr/bin/python3 benchmarks/baseline/drift_baseline.py --dump F   # also write data and scipy's results to F

Shapes as in docs/benchmarks.md: reference and window of 1,000 with 4 and 20 standard normal features, and
10,000 with 20. The dump lets `dotnet run -c Release --project benchmarks/Monitor.Benchmarks -- verify F`
check that Monitor's per-feature statistics and p-values equal scipy's on the same data.
"""
import json
import sys
import timeit

import numpy as np
import scipy
from scipy import stats

SHAPES = [(4, 1000), (20, 1000), (20, 10000)]


def data(features, size, seed=42):
    rng = np.random.default_rng(seed)
    reference = [rng.standard_normal(size) for _ in range(features)]
    window = [rng.standard_normal(size) + (0.1 if f == 0 else 0.0) for f in range(features)]
    return reference, window


def check_drift(reference, window):
    # The baseline: one KS test per feature, drift when any p < 0.05.
    results = [stats.ks_2samp(r, w) for r, w in zip(reference, window)]
    return any(res.pvalue < 0.05 for res in results), results


def main():
    print(f"numpy {np.__version__}, scipy {scipy.__version__}")
    dump = {}
    for features, size in SHAPES:
        reference, window = data(features, size)
        timer = timeit.Timer(lambda: check_drift(reference, window))
        loops, _ = timer.autorange()
        best = min(timer.repeat(repeat=7, number=loops)) / loops
        print(f"{features}x{size}: {best * 1e3:.3f} ms per drift check ({loops} loops, best of 7)")
        _, results = check_drift(reference, window)
        dump[f"{features}x{size}"] = [
            {"reference": r.tolist(), "current": w.tolist(), "statistic": float(res.statistic), "pvalue": float(res.pvalue)}
            for r, w, res in zip(reference, window, results)
        ]
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        with open(sys.argv[2], "w") as f:
            json.dump(dump, f)
        print("wrote", sys.argv[2])


if __name__ == "__main__":
    main()
