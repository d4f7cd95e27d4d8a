"""Reference values for e-divisive.test.ts, by a second, independent
implementation of the same method (see src/engine/stats/e-divisive.ts):

- spikes replaced first (a Hampel filter: median of the 2h+1 points around i,
  h = min_segment - 1, shifted inwards at the ends; 5 sigma, sigma = 1.4826
  MAD(differences) / sqrt 2);
- the energy divergence Q(tau, kappa) by brute force: for every split, the
  three distance sums are computed afresh from the points with NumPy (no
  prefix tables, no incremental sums);
- windows of 50 overlapping by half, the last ending at the series' end;
  binary segmentation in each window, each split tested between the two
  parts Q compared, with a first pass at 10 x p;
- pooling (a change point within min_segment of a pooled one is dropped);
- the merge over the whole series with Bonferroni-corrected t-test p-values,
  t-tests from scipy.stats.ttest_ind (pooled by default, equal_var=False
  for Welch).

The series come from a port of the tests' seeded generator (mulberry32 +
Box-Muller, test/engine/stats/seeded-random.ts), so both sides see the same
numbers (to the last bit or two of libm). Run:
    python3 test/engine/stats/reference/e_divisive_reference.py
(numpy 2.4, scipy 1.17) and paste what it prints into the test.
"""
import math

import numpy as np
from scipy import stats


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def rnd():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rnd


def imul(x, y):
    return (x * y) & 0xFFFFFFFF


def normals(rnd):
    def nrm():
        u = 1 - rnd()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * rnd())

    return nrm


def noisy(levels, seed, cv=0.01):
    nrm = normals(mulberry32(seed))
    return [v * (1 + cv * nrm()) for v in levels]


def series_drift():
    return noisy([100.0] * 40 + [100 * 1.01**k for k in range(1, 6)] + [100 * 1.01**5] * 40, 7)


def series_epidemic():
    return noisy([100.0] * 60 + [104.0] * 15 + [100.0] * 60, 8)


def series_spike_and_late_step():
    levels = [100.0] * 90 + [103.0] * 10
    levels[30] = 150.0
    return noisy(levels, 9)


def q_hat(x, y):
    n, m = len(x), len(y)
    between = np.abs(x[:, None] - y[None, :]).sum()
    within_x = np.abs(x[:, None] - x[None, :]).sum() / 2
    within_y = np.abs(y[:, None] - y[None, :]).sum() / 2
    return (2 * between - 2 * m * within_x / (n - 1) - 2 * n * within_y / (m - 1)) / (n + m)


def best_split(z, s, e, min_seg):
    best = None
    for tau in range(s + min_seg, e - min_seg + 1):
        for kappa in range(tau + min_seg, e + 1):
            q = q_hat(z[s:tau], z[tau:kappa])
            if best is None or q > best[2]:
                best = (tau, kappa, q)
    return best


def t_test(x, y, test):
    return stats.ttest_ind(x, y, equal_var=(test == "student")).pvalue


def split_window(z, start, end, min_seg, max_p, test):
    found = []
    while True:
        bounds = [start] + sorted(found) + [end]
        best = None
        for s, e in zip(bounds[:-1], bounds[1:]):
            cand = best_split(z, s, e, min_seg)
            if cand is not None and (best is None or cand[2] > best[0][2]):
                best = (cand, s, e)
        if best is None:
            return found
        (tau, kappa, _), s, _ = best
        if not t_test(z[s:tau], z[tau:kappa], test) <= max_p:
            return found
        found.append(tau)


def despike(z, min_seg):
    d = np.diff(z)
    sigma = 1.4826 * np.median(np.abs(d - np.median(d))) / math.sqrt(2)
    if sigma == 0:
        return z.copy(), []
    h = min_seg - 1
    span = min(2 * h + 1, len(z))
    out, spikes = z.copy(), []
    for i in range(len(z)):
        lo = min(max(0, i - h), len(z) - span)
        centre = np.median(z[lo: lo + span])
        if abs(z[i] - centre) > 5 * sigma:
            out[i] = centre
            spikes.append(i)
    return out, spikes


def e_divisive(series, p_value=0.001, min_seg=3, window=50, test="student", despiking=True):
    z = np.asarray(series, dtype=float)
    if despiking:
        z, _ = despike(z, min_seg)
    n = len(z)
    if n <= window:
        wins = [(0, n)]
    else:
        wins = [(s, s + window) for s in range(0, n - window, window // 2)] + [(n - window, n)]
    pooled = []
    for a, b in wins:
        for cp in split_window(z, a, b, min_seg, min(0.5, 10 * p_value), test):
            if all(abs(cp - p) >= min_seg for p in pooled):
                pooled.append(cp)
    points = sorted(pooled)

    def judge(i):
        lo = 0 if i == 0 else points[i - 1]
        hi = n if i == len(points) - 1 else points[i + 1]
        before, after = z[lo:points[i]], z[points[i]:hi]
        raw = 1.0 if min(len(before), len(after)) < min_seg else float(t_test(before, after, test))
        positions = max(1, len(before) + len(after) - 2 * min_seg + 1)
        return dict(index=points[i], meanBefore=float(before.mean()), meanAfter=float(after.mean()),
                    ratio=float(after.mean() / before.mean()), pValue=min(1.0, raw * positions), rawPValue=raw)

    judged = [judge(i) for i in range(len(points))]
    while True:
        weak = [i for i, c in enumerate(judged) if c["pValue"] > p_value]
        if not weak:
            return judged
        w = max(weak, key=lambda i: (judged[i]["pValue"], -i))
        del points[w], judged[w]
        if w > 0:
            judged[w - 1] = judge(w - 1)
        if w < len(points):
            judged[w] = judge(w)


def show(name, series, **options):
    print(f"// {name} ({len(series)} points, first {series[0]!r}), options {options or 'default'}:")
    for c in e_divisive(series, **options):
        print("//   { " + ", ".join(f"{k}: {v!r}" for k, v in c.items()) + " },")


if __name__ == "__main__":
    # Q-hat by brute force on a tiny series, for bestEnergySplit itself.
    tiny = np.array([1.0, 1.2, 0.9, 1.1, 3.0, 3.2, 2.9, 1.0, 1.1, 0.8])
    print("// tiny, whole, minSegment 2:", best_split(tiny, 0, 10, 2))
    print("// tiny, [0, 7), minSegment 2:", best_split(tiny, 0, 7, 2))
    print("// tiny, whole, minSegment 3:", best_split(tiny, 0, 10, 3))
    show("drift", series_drift())
    show("epidemic", series_epidemic())
    show("epidemic", series_epidemic(), test="welch")
    show("spike and late step", series_spike_and_late_step())
    show("spike and late step", series_spike_and_late_step(), despiking=False)
    print("// spikes in 'spike and late step':", despike(np.asarray(series_spike_and_late_step()), 3)[1])
