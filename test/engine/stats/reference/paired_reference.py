"""Reference values for signed-rank.test.ts and paired-ratio.test.ts.

Independent of the TypeScript: p-values from SciPy's wilcoxon (Pratt zeros,
continuity correction), the null distribution of T+ by enumerating every sign
pattern, the Hodges-Lehmann estimate and interval from the Walsh averages with
NumPy. Run:  python3 test/engine/stats/reference/paired_reference.py
(numpy 2.4, scipy 1.17) and paste what it prints into the tests.
"""
import itertools

import numpy as np
from scipy import stats

# Set A: 12 pairs, distinct |log ratios|, no zeros -> exact distribution.
A_BASE = [100.0, 102.0, 98.0, 101.0, 99.5, 100.5, 103.0, 97.0, 100.2, 101.7, 98.8, 99.9]
A_CAND = [104.1, 103.5, 101.2, 106.0, 99.1, 104.9, 108.2, 99.4, 103.3, 100.9, 103.0, 105.6]

# Set B: 20 pairs of integer medians (a coarse timer): zeros and ties -> normal approximation.
B_BASE = [50, 51, 50, 52, 49, 50, 51, 50, 53, 50, 49, 51, 50, 52, 50, 51, 50, 49, 50, 51]
B_CAND = [51, 51, 52, 52, 50, 51, 53, 50, 54, 52, 50, 51, 52, 53, 51, 52, 49, 50, 52, 51]


# Set C: 60 pairs from a formula (identical integer arithmetic in the test) -> above the exact limit.
def set_c():
    # Integers, so any tie among |log ratios| is an exact one (the same or the
    # swapped (b, c) pair) in every language's floating point.
    base = [200 + (i * 37) % 11 for i in range(60)]
    cand = [b + (i * 53) % 17 - 5 for i, b in enumerate(base)]
    return base, cand


def null_cdf_by_enumeration(n):
    """P(T+ <= t) for t = 0..n(n+1)/2, by listing all 2^n sign patterns."""
    ranks = np.arange(1, n + 1)
    top = n * (n + 1) // 2
    counts = np.zeros(top + 1)
    # enumerate in blocks to keep memory small
    for bits in itertools.product((0, 1), repeat=min(n, 10)):
        head = int(np.dot(bits, ranks[: len(bits)]))
        rest = n - len(bits)
        if rest == 0:
            counts[head] += 1
            continue
        pats = ((np.arange(2**rest)[:, None] >> np.arange(rest)) & 1)
        sums = head + pats @ ranks[len(bits):]
        counts += np.bincount(sums, minlength=top + 1)
    return np.cumsum(counts) / 2.0**n


def critical_k(n, confidence):
    tail = (1 - confidence) / 2
    total = n * (n + 1) // 2
    if n < 50:
        cdf = null_cdf_by_enumeration(n)
        k = int(np.argmax(cdf >= tail))  # smallest t with P(T+ <= t) >= tail
    else:
        sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24)
        k = int(round(total / 2 - stats.norm.ppf(1 - tail) * sigma))
    return min(max(k, 1), -(-total // 2))


def hl_ci(base, cand, confidence):
    d = np.log(np.asarray(cand, float)) - np.log(np.asarray(base, float))
    i, j = np.triu_indices(len(d))
    walsh = np.sort((d[i] + d[j]) / 2)
    k = critical_k(len(d), confidence)
    return np.exp(np.median(walsh)), np.exp(walsh[k - 1]), np.exp(walsh[len(walsh) - k]), k


def show(name, base, cand, method):
    d = np.log(np.asarray(cand, float)) - np.log(np.asarray(base, float))
    print(f"// {name}: n = {len(d)}, zeros = {int(np.sum(d == 0))}, method = {method}")
    for alt in ("greater", "less", "two-sided"):
        r = stats.wilcoxon(d, zero_method="pratt", correction=True, alternative=alt, method=method)
        # for two-sided SciPy reports min(T+, T-); T+ is the 'greater' statistic
        print(f"//   {alt:9s}: statistic {float(r.statistic)!r}, p {float(r.pvalue)!r}")
    for conf in (0.9, 0.95, 0.99):
        ratio, lo, hi, k = hl_ci(base, cand, conf)
        print(f"//   conf {conf}: k {k}, ratio {float(ratio)!r}, ciLow {float(lo)!r}, ciHigh {float(hi)!r}")


if __name__ == "__main__":
    show("set A", A_BASE, A_CAND, "exact")
    show("set B", B_BASE, B_CAND, "asymptotic")
    c_base, c_cand = set_c()
    show("set C", c_base, c_cand, "asymptotic")
    # Exact null distribution, n = 10: P(T+ <= t) for the lower tail
    cdf10 = null_cdf_by_enumeration(10)
    print("// n = 10: P(T+ <= 3), P(T+ <= 8), P(T+ <= 27):", cdf10[3], cdf10[8], cdf10[27])
    cdf20 = null_cdf_by_enumeration(20)
    print("// n = 20: P(T+ <= 52), qsignrank(0.025) :", cdf20[52], int(np.argmax(cdf20 >= 0.025)))
