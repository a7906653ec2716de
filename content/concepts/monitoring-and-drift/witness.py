"""Witness for the monitoring-and-drift notebook.

Monitoring compares a live window of data with a reference window. This program checks what the
Math section says, in the same order:

1. three kinds of shift in one toy world (two classes, one input): covariate shift moves p(x)
   and keeps p(y | x); label shift moves p(y) and keeps p(x | y); concept drift keeps p(x) and
   moves p(y | x). A test on the inputs sees the first two and is blind to the third; only labels
   reveal it. Under label shift the share of predicted positives moves, and inverting the
   reference confusion matrix recovers the live class share (Lipton et al. 2018);
2. the population stability index is the sum of the two KL divergences, PSI = KL(a || e) +
   KL(e || a), computed on the reference's eight equal-probability bins; for a unit Gaussian moved
   by delta it approaches delta^2 (no binning), and binning can only lower it;
3. with no shift at all, the PSI of two finite windows is not zero: about (k - 1)(1/n + 1/m);
4. the two-sample Kolmogorov-Smirnov test at a 5 % level raises a false alarm on 5 % of unshifted
   windows, so over 30 daily windows the chance of at least one false alarm is 1 - 0.95^30 = 0.785;
   testing each window at 5 %/30 (Bonferroni) brings it back under 5 %;
5. the weights the demo starts with, and the PSI the demo then shows.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def Phi(x):
    """Standard normal CDF, elementwise."""
    x = np.asarray(x, dtype=float)
    return 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def Phi_inv(q):
    """Inverse of Phi by bisection (NumPy has no erfinv)."""
    lo, hi = -10.0, 10.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if Phi(mid) < q else (lo, mid)
    return (lo + hi) / 2


def kl(p, q):
    """KL(p || q) in nats; +inf if q is 0 where p is not."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return float((p[m] * np.log(p[m] / q[m])).sum())


def psi(a, e):
    """Population stability index of live shares a against reference shares e."""
    a, e = np.asarray(a, float), np.asarray(e, float)
    if np.any((a == 0) != (e == 0)):
        return math.inf
    m = a > 0
    return float(((a[m] - e[m]) * np.log(a[m] / e[m])).sum())


def ks_stat(ref_sorted, live):
    """Two-sample KS statistic D = sup over t of |F_ref(t) - F_live(t)|.

    live may be one window (1-D) or many windows (one per row). Between two neighbouring live
    points F_live is flat at i/m while F_ref climbs, so the largest gap on that stretch is at one
    of its two ends: just at the left live point, or just before the right one."""
    live = np.sort(np.atleast_2d(live), axis=1)
    n_ref, m = len(ref_sorted), live.shape[1]
    right = np.searchsorted(ref_sorted, live, side="right") / n_ref  # F_ref at each live point
    left = np.searchsorted(ref_sorted, live, side="left") / n_ref  # F_ref just before it
    i = np.arange(1, m + 1)
    return np.maximum(np.abs(i / m - right), np.abs((i - 1) / m - left)).max(axis=1)


def ks_stat_slow(ref, live):
    """The same statistic by brute force over every point of both samples, to check the above."""
    t = np.concatenate([ref, live])
    f_ref = np.searchsorted(np.sort(ref), t, side="right") / len(ref)
    f_live = np.searchsorted(np.sort(live), t, side="right") / len(live)
    return np.abs(f_ref - f_live).max()


def ks_critical(alpha, n, m):
    """Large-sample critical value of D at level alpha: c(alpha) sqrt((n + m) / (n m))."""
    return math.sqrt(-math.log(alpha / 2) / 2) * math.sqrt((n + m) / (n * m))


assert round(math.sqrt(-math.log(0.05 / 2) / 2), 3) == 1.358  # c(0.05), as the page quotes


def sigmoid(t):
    return 1 / (1 + np.exp(-t))


# 1. Three kinds of shift ---------------------------------------------------------------------
# Reference world: y ~ Bernoulli(1/2), x | y ~ N(2y - 1, 1), so p(y = 1 | x) = sigmoid(2x).
# The model predicts y_hat = 1 when x > 0, the best rule in this world.
N = 5_000


def world(n, pi1=0.5, x_shift=0.0, boundary=0.0):
    """Draw n labelled inputs. pi1 moves p(y) (label shift); x_shift moves p(x) and then draws
    y from the unchanged p(y | x) (covariate shift); boundary moves p(y | x) (concept drift)."""
    y0 = (rng.random(n) < pi1).astype(int)
    x = rng.standard_normal(n) + 2 * y0 - 1 + x_shift
    if x_shift == 0.0 and boundary == 0.0:
        return x, y0
    y = (rng.random(n) < sigmoid(2 * (x - boundary))).astype(int)
    return x, y


x_ref, y_ref = world(20_000)
ref_sorted = np.sort(x_ref)
yhat_ref = (x_ref > 0).astype(int)
# Reference confusion matrix C[i, j] = P(y_hat = i | y = j), estimated on labelled reference data.
C = np.array([[np.mean(yhat_ref[y_ref == j] == i) for j in (0, 1)] for i in (0, 1)])

W = 200  # live windows per scenario
print(f"Reference confusion matrix P(y_hat = i | y = j): [[{C[0,0]:.3f}, {C[0,1]:.3f}], "
      f"[{C[1,0]:.3f}, {C[1,1]:.3f}]]; Phi(1) = {float(Phi(1.0)):.3f}")
assert abs(C[1, 1] - Phi(1.0)) < 0.01 and abs(C[0, 0] - Phi(1.0)) < 0.01
crit = ks_critical(0.05, len(x_ref), N)
print(f"1. Reference: 20,000 labelled inputs, accuracy {np.mean(yhat_ref == y_ref):.3f}; "
      f"{W} live windows of {N:,} per scenario; KS alarm when D > {crit:.4f} (5 % level)")
scenarios = {
    "no shift": dict(),
    "covariate shift (x moved by +0.5)": dict(x_shift=0.5),
    "label shift (80 % positives)": dict(pi1=0.8),
    "concept drift (boundary at x = 1)": dict(boundary=1.0),
}
results = {}
for name, kw in scenarios.items():
    xs, accs, poss, bbses, trues = [], [], [], [], []
    for _ in range(W):
        x, y = world(N, **kw)
        yhat = (x > 0).astype(int)
        pos = np.mean(yhat)
        # BBSE: live shares of predicted classes = C @ live class shares; solve for the shares.
        q_hat = np.linalg.solve(C, np.array([1 - pos, pos]))
        xs.append(x); accs.append(np.mean(yhat == y)); poss.append(pos)
        bbses.append(q_hat[1]); trues.append(np.mean(y))
    alarm = np.mean(ks_stat(ref_sorted, np.stack(xs)) > crit)
    r = (alarm, np.mean(accs), np.mean(poss), np.mean(bbses), np.mean(trues))
    results[name] = r
    print(f"  {name:<35} alarms {r[0]:6.1%}  accuracy {r[1]:.3f}  predicted positive {r[2]:.3f}"
          f"  BBSE positive share {r[3]:.3f} (true {r[4]:.3f})")
al0, acc0, pos0, *_ = results["no shift"]
alc, accc, posc, bbsec, truec = results["covariate shift (x moved by +0.5)"]
all_, accl, posl, bbsel, truel = results["label shift (80 % positives)"]
ald, accd, *_ = results["concept drift (boundary at x = 1)"]
assert round(al0, 3) == 0.030 and round(ald, 3) == 0.020  # no shift and concept drift look the same to the input test
assert alc == 1.0 and all_ == 1.0  # covariate and label shift are plain in the inputs
assert round(accc, 3) == 0.846 and accc >= acc0 - 0.01  # this covariate shift is benign: p(y | x) still holds
assert abs(accl - acc0) < 0.01  # label shift: each class is still recognised as often...
assert round(posl, 2) == 0.71  # ...but the share of predicted positives moves from 0.50,
assert abs(bbsel - 0.8) < 0.01 and round(bbsel, 3) == 0.807  # and BBSE recovers the live share 0.8,
assert round(bbsec, 3) == 0.682 and round(truec, 3) == 0.611  # though not under covariate shift, where its assumption fails
assert round(acc0, 2) == 0.84 and round(accd, 2) == 0.75  # concept drift costs accuracy, unseen
print(f"  concept drift: accuracy falls {acc0:.3f} -> {accd:.3f} while the input test alarms on "
      f"{ald:.1%} of windows, no more often than with no shift ({al0:.1%})")

# 2. PSI is the sum of both KL divergences ----------------------------------------------------
k = 8
edges = np.array([Phi_inv(i / k) for i in range(1, k)])  # octiles of the reference N(0, 1)
e = np.full(k, 1 / k)


def live_shares(delta):
    cdf = np.concatenate([[0.0], Phi(edges - delta), [1.0]])
    return np.diff(cdf)


print(f"\n2. Reference N(0, 1) in {k} equal-probability bins; live N(delta, 1)")
psis = {}
for delta in (0.1, 0.25, 0.5, 1.0):
    a = live_shares(delta)
    p_val = psi(a, e)
    psis[delta] = p_val
    assert math.isclose(p_val, kl(a, e) + kl(e, a), rel_tol=1e-12)
    print(f"  delta = {delta:<4}: PSI = {p_val:.4f} = KL(a||e) {kl(a, e):.4f} + KL(e||a) "
          f"{kl(e, a):.4f};  unbinned delta^2 = {delta ** 2:.4f}")
    assert p_val < delta ** 2  # binning only loses information
assert round(psis[0.5], 3) == 0.234 and round(psis[0.1], 4) == 0.0094 and round(psis[1.0], 3) == 0.907
# PSI grows like delta^2 for small shifts: 2.5 times the shift, 6.25 times the PSI
assert abs(psis[0.25] / psis[0.1] - 6.25) < 0.1

# 3. No shift, finite windows -----------------------------------------------------------------
R, n = 2_000, 1_000
ref_counts = np.stack([np.bincount(np.searchsorted(edges, rng.standard_normal(n)), minlength=k)
                       for _ in range(R)])
live_counts = np.stack([np.bincount(np.searchsorted(edges, rng.standard_normal(n)), minlength=k)
                        for _ in range(R)])
null_psi = np.array([psi(a / n, b / n) for a, b in zip(live_counts, ref_counts)])
expected = (k - 1) * (1 / n + 1 / n)
print(f"\n3. No shift, two windows of {n:,}: PSI mean {null_psi.mean():.4f} "
      f"(approximation (k - 1)(1/n + 1/m) = {expected:.4f}), 99th percentile "
      f"{np.quantile(null_psi, 0.99):.4f}")
assert abs(null_psi.mean() / expected - 1) < 0.05
p99 = np.quantile(null_psi, 0.99)
assert round(p99, 3) == 0.037 and null_psi.mean() > psis[0.1]  # noise alone exceeds a 0.1-sd shift

# 4. False alarms over many windows -----------------------------------------------------------
months, days, m = 300, 30, 1_000
ref_sorted = np.sort(rng.standard_normal(20_000))  # a reference window of N(0, 1) inputs
for _ in range(20):  # the fast statistic agrees with brute force
    w = rng.standard_normal(m) + rng.choice([0.0, 0.1])
    assert math.isclose(ks_stat(ref_sorted, w)[0], ks_stat_slow(ref_sorted, w))
live = rng.standard_normal((months * days, m))
D = ks_stat(ref_sorted, live).reshape(months, days)
c05 = ks_critical(0.05, len(x_ref), m)
cbon = ks_critical(0.05 / days, len(x_ref), m)
per_window = np.mean(D > c05)
any_month = np.mean((D > c05).any(axis=1))
any_bon = np.mean((D > cbon).any(axis=1))
theory = 1 - 0.95 ** days
print(f"\n4. KS at 5 %: false alarms on {per_window:.1%} of {months * days:,} unshifted windows")
print(f"  at least one false alarm in {days} windows: {any_month:.1%} of months "
      f"(1 - 0.95^{days} = {theory:.3f}); with 5 %/{days} per window: {any_bon:.1%}")
first = [int(t) for t in np.flatnonzero(D[0] > c05) + 1]
print(f"  the first simulated month, no shift at all: false alarms on days {first}")
assert first == [2, 10]  # the page's figure draws this month
assert abs(per_window - 0.05) < 0.006 and round(per_window, 3) == 0.052
assert round(any_month, 3) == 0.773 and round(any_bon, 3) == 0.053
assert round(theory, 3) == 0.785 and abs(any_month - theory) < 0.04
assert abs(any_bon - 0.05) < 0.015  # about 5 %, as Bonferroni promises (at most, in theory)
for delta in (0.1, 0.2):
    Ds = ks_stat(ref_sorted, rng.standard_normal((500, m)) + delta)
    print(f"  shift of {delta} sd, windows of {m:,}: detected in {np.mean(Ds > c05):.1%} at 5 %, "
          f"{np.mean(Ds > cbon):.1%} at 5 %/{days}")
    if delta == 0.1:
        assert round(np.mean(Ds > c05), 3) == 0.692 and round(np.mean(Ds > cbon), 3) == 0.204
    if delta == 0.2:
        assert np.mean(Ds > c05) > 0.99 and round(np.mean(Ds > cbon), 3) == 0.988

# 5. The demo ---------------------------------------------------------------------------------
a_half = live_shares(0.5)
weights = np.round(100 * a_half, 1)
print(f"\n5. Demo: P = reference (12.5 each), Q = N(0.5, 1) in the same bins, as percentages:")
print("  Q =", ", ".join(f"{w:.1f}" for w in weights))
qd = weights / weights.sum()
print(f"  KL(P||Q) = {kl(e, qd):.3f}, KL(Q||P) = {kl(qd, e):.3f}, PSI = {psi(qd, e):.3f} nats")
assert list(weights) == [4.9, 7.1, 8.6, 10.2, 12.0, 14.1, 17.3, 25.8]
assert round(kl(e, qd), 3) == 0.119 and round(kl(qd, e), 3) == 0.116 and round(psi(qd, e), 3) == 0.235
# A live bin that is empty makes PSI infinite (one direction of KL is).
q0 = qd.copy(); q0[0] = 0
assert psi(q0 / q0.sum(), e) == math.inf and math.isfinite(kl(q0 / q0.sum(), e))

print("\nAll claims hold.")
