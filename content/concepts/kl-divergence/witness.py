"""Witness for the KL-divergence notebook.

Checks what the Math section says, in the same order:

1. the definition KL(p || q) = sum p log(p / q) = H(p, q) - H(p), in bits and nats;
2. Gibbs' inequality: KL >= 0 on 10,000 random pairs (some with zeros in p), and 0 only
   when p = q; both proofs' intermediate quantities (log x <= x - 1, and Jensen);
3. asymmetry: KL(p || q) != KL(q || p), with the numbers the page quotes;
4. the infinite case, handled explicitly: q = 0 where p > 0 makes KL(p || q) infinite, while
   the other direction can stay finite; terms with p = 0 contribute nothing;
5. forward versus reverse: fitting one Gaussian to a two-peaked target by grid search,
   forward KL(p || q) covers both peaks (mean and variance of the target), reverse KL(q || p)
   locks onto one peak; the six-outcome version the demo uses.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
LN2 = math.log(2)


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    return float(-(nz * np.log(nz)).sum() / math.log(base))


def cross_entropy(p, q, base=2.0):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return float(-(p[m] * np.log(q[m])).sum() / math.log(base))


def kl(p, q, base=2.0):
    """KL(p || q) = sum over p_i > 0 of p_i log(p_i / q_i); +inf if q_i = 0 for such an i.

    Written out rather than left to NumPy, which would give nan for 0 * log(0 / 0) and
    inf with a warning for p * log(p / 0)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return float((p[m] * np.log(p[m] / q[m])).sum() / math.log(base))


def normalise(w):
    w = np.asarray(w, dtype=float)
    return w / w.sum()


# 1. Definition -----------------------------------------------------------------------------
p = np.array([0.9, 0.1])
q = np.array([0.5, 0.5])
print(f"p = {p}, q = {q}")
print(f"  KL(p || q) = {kl(p, q):.3f} bits = {kl(p, q, math.e):.3f} nats")
print(f"  H(p, q) - H(p) = {cross_entropy(p, q):.3f} - {entropy(p):.3f} = "
      f"{cross_entropy(p, q) - entropy(p):.3f} bits")
assert math.isclose(kl(p, q), cross_entropy(p, q) - entropy(p))
assert math.isclose(kl(p, q, math.e), kl(p, q) * LN2)
assert round(kl(p, q), 3) == 0.531 and round(kl(p, q, math.e), 3) == 0.368

# 2. Non-negativity (Gibbs' inequality) -----------------------------------------------------
smallest, worst_bound = math.inf, -math.inf
for _ in range(10_000):
    n = rng.integers(2, 10)
    a = rng.dirichlet(np.ones(n))
    if rng.random() < 0.3:  # some p with zeros
        a[rng.integers(n)] = 0.0
        a = a / a.sum()
    b = rng.dirichlet(np.ones(n))
    d = kl(a, b, math.e)
    smallest = min(smallest, d)
    m = a > 0
    # log x <= x - 1 with x = q/p: -KL <= sum_{p>0} q - 1 <= 0
    bound = float((a[m] * (b[m] / a[m] - 1)).sum())
    assert -d <= bound + 1e-12 and bound <= 1e-12
    # Jensen: -KL = E_p[log(q/p)] <= log E_p[q/p] = log sum_{p>0} q <= 0
    assert -d <= math.log(b[m].sum()) + 1e-12
    worst_bound = max(worst_bound, bound)
print(f"10,000 random pairs: smallest KL = {smallest:.2e} nats (never negative)")
assert smallest > 0 and f"{smallest:.1e}" == "3.4e-07"
assert kl(p, p) == 0.0
# Zero only at p = q: a tiny move away gives a tiny but positive divergence.
for eps in (5e-2, 1e-2, 1e-3):
    d = kl(p, p + np.array([eps, -eps]), math.e)
    assert d > 0
    print(f"  p moved by {eps:g}: KL = {d:.3e} nats")

# 3. Asymmetry ------------------------------------------------------------------------------
fwd, rev = kl(p, q), kl(q, p)
print(f"KL(p || q) = {fwd:.3f} bits, KL(q || p) = {rev:.3f} bits")
assert round(fwd, 3) == 0.531 and round(rev, 3) == 0.737
# A trap: Shannon's (1/2, 1/4, 1/8, 1/8) and the uniform distribution happen to give 0.25 both ways.
s, u = np.array([1 / 2, 1 / 4, 1 / 8, 1 / 8]), np.full(4, 1 / 4)
assert math.isclose(kl(s, u), 0.25) and math.isclose(kl(u, s), 0.25)
gaps = [abs(kl(a, b) - kl(b, a)) for a, b in (rng.dirichlet(np.ones(5), 2) for _ in range(1000))]
print(f"1,000 random pairs on 5 outcomes: median |KL(p||q) - KL(q||p)| = {np.median(gaps):.3f} bits")
assert np.median(gaps) > 0.01 and round(float(np.median(gaps)), 3) == 0.186
# Not a distance either: the triangle inequality fails for some triples.
a3, b3, c3 = np.array([0.9, 0.1]), np.array([0.5, 0.5]), np.array([0.1, 0.9])
lhs, rhs = kl(a3, c3), kl(a3, b3) + kl(b3, c3)
print(f"KL(a||c) = {lhs:.3f} > KL(a||b) + KL(b||c) = {rhs:.3f} bits for a = (0.9, 0.1), "
      f"b = (0.5, 0.5), c = (0.1, 0.9)")
assert lhs > rhs and (round(lhs, 3), round(rhs, 3)) == (2.536, 1.268)

# 4. The infinite case ----------------------------------------------------------------------
p_inf = np.array([0.5, 0.5, 0.0])
q_inf = np.array([1.0, 0.0, 0.0])
print(f"p = {p_inf}, q = {q_inf}: KL(p || q) = {kl(p_inf, q_inf)}, KL(q || p) = {kl(q_inf, p_inf)} bit")
assert kl(p_inf, q_inf) == math.inf and kl(q_inf, p_inf) == 1.0
with np.errstate(divide="ignore", invalid="ignore"):
    naive = np.sum(p_inf * np.log2(p_inf / q_inf))  # the formula left to NumPy
print(f"  the same sum left to NumPy: {naive} (0 * log(0/0) is nan)")
assert math.isnan(naive)
# The demo's failure case: P = (6, 3, 1, 1, 3, 6) and a Q with 0 on the last outcome.
P6 = normalise([6, 3, 1, 1, 3, 6])
Q6_zero = normalise([1, 2, 6, 6, 2, 0])
assert kl(P6, Q6_zero) == math.inf and round(kl(Q6_zero, P6), 3) == 1.769
assert P6[5] == 0.3 and math.isclose(P6[4] + P6[5], 0.45)
print(f"  demo: Q with 0 on outcome 6: KL(P||Q) = inf, KL(Q||P) = {kl(Q6_zero, P6):.3f} bits")

# 5. Forward versus reverse on a two-peaked target ---------------------------------------------
x = np.linspace(-8, 8, 801)  # a fine grid stands in for the real line


def gauss(mu, sigma):
    return normalise(np.exp(-0.5 * ((x - mu) / sigma) ** 2))


target = normalise(0.5 * gauss(-2, 0.5) + 0.5 * gauss(2, 0.5))
mus = np.round(np.arange(-4, 4.0001, 0.05), 2)
sigmas = np.round(np.arange(0.2, 4.0001, 0.05), 2)
F = np.empty((len(mus), len(sigmas)))
R = np.empty_like(F)
for i, mu in enumerate(mus):
    for j, sg in enumerate(sigmas):
        qq = gauss(mu, sg)
        F[i, j] = kl(target, qq, math.e)  # forward: average under the target
        R[i, j] = kl(qq, target, math.e)  # reverse: average under the model
i_f, j_f = np.unravel_index(np.argmin(F), F.shape)
i_r, j_r = np.unravel_index(np.argmin(R), R.shape)
mu_f, sg_f, mu_r, sg_r = mus[i_f], sigmas[j_f], mus[i_r], sigmas[j_r]
var_target = float((target * x**2).sum() - (target * x).sum() ** 2)
print(f"target: peaks at -2 and +2 (sd 0.5 each), mean 0, sd {math.sqrt(var_target):.3f}")
print(f"  forward KL(p || q) fit: mu = {mu_f:+.2f}, sigma = {sg_f:.2f}; "
      f"KL = {F[i_f, j_f]:.3f} nats, its reverse KL = {R[i_f, j_f]:.3f}")
print(f"  reverse KL(q || p) fit: mu = {mu_r:+.2f}, sigma = {sg_r:.2f}; "
      f"KL = {R[i_r, j_r]:.3f} nats, its forward KL = {F[i_r, j_r]:.3f}")
assert abs(mu_f) < 0.05 and abs(sg_f - math.sqrt(var_target)) < 0.05  # covers: moment match
assert round(math.sqrt(var_target), 2) == 2.06 and sg_f == 2.05
assert abs(abs(mu_r) - 2) < 0.05 and abs(sg_r - 0.5) < 0.05  # seeks one peak
assert abs(R[i_r, j_r] - math.log(2)) < 0.01  # misses half the mass: about ln 2 nats = 1 bit
# Both peaks are equally good for the reverse fit (the surface has two minima).
i_mirror = int(np.where(mus == -mu_r)[0][0])
assert math.isclose(R[i_mirror, j_r], R[i_r, j_r], rel_tol=1e-9)
# Each fit is poor by the other's measure.
assert R[i_f, j_f] > R[i_r, j_r] and F[i_r, j_r] > F[i_f, j_f]
print(f"  rounded: forward fit KL {F[i_f, j_f]:.2f} (reverse {R[i_f, j_f]:.2f}); "
      f"reverse fit KL {R[i_r, j_r]:.2f} (forward {F[i_r, j_r]:.2f})")
assert f"{F[i_f, j_f]:.2f} {R[i_f, j_f]:.2f} {R[i_r, j_r]:.2f} {F[i_r, j_r]:.2f}" == "0.72 2.08 0.69 15.31"

# The six-outcome version in the demo: P has peaks at both ends.
Q_mid = normalise([1, 2, 6, 6, 2, 1])  # one bump between the peaks
Q_left = normalise([8, 3, 1, 0.2, 0.1, 0.1])  # one bump on the left peak
rows = {name: (kl(P6, Q), kl(Q, P6)) for name, Q in (("Q_mid", Q_mid), ("Q_left", Q_left),
                                                      ("uniform", normalise(np.ones(6))))}
for name, (f, r) in rows.items():
    print(f"  demo {name:<7}: KL(P||Q) = {f:.3f} bits, KL(Q||P) = {r:.3f} bits")
assert rows["Q_mid"][0] < rows["Q_left"][0]  # forward prefers the bump that covers
assert rows["Q_left"][1] < rows["Q_mid"][1]  # reverse prefers the bump on one peak
assert [round(v, 3) for v in rows["Q_mid"] + rows["Q_left"]] == [1.316, 1.458, 1.81, 0.833]

print("OK: KL >= 0 with equality only at p = q, not symmetric, infinite where q = 0 < p; "
      "forward KL covers the peaks, reverse KL picks one")
