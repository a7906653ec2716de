"""Witness for the random-variables notebook.

Checks what the Math section says, in the same order:

1. a random variable is a function on outcomes: two coin flips, X = number of heads, and its
   pmf (1/4, 1/2, 1/4) is read off by adding up the outcomes that map to each value;
2. a categorical random variable over a four-token vocabulary: a seeded sampler that inverts the
   cumulative sums (np.searchsorted) draws tokens whose empirical frequencies approach the pmf,
   with the worst error shrinking like 1/sqrt(n) (100x the samples, about 10x less error);
3. a continuous random variable: the exponential distribution with rate 2 has a density that
   exceeds 1 near 0 yet integrates to 1, and inverse-cdf sampling, -ln(1 - U) / lam, reproduces
   its cdf;
4. joint distributions: marginals are row and column sums; two independent draws from the
   sampler give a joint table equal to the product of marginals, and a table where "a cats"
   never occurs is not independent.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1. A random variable is a function on outcomes -------------------------------------------
omega = ["HH", "HT", "TH", "TT"]  # the sample space of two fair coin flips
P_omega = {w: 0.25 for w in omega}  # each outcome equally likely


def X(w):
    """The random variable: outcome -> number of heads."""
    return w.count("H")


pmf_heads = {}
for w in omega:
    pmf_heads[X(w)] = pmf_heads.get(X(w), 0.0) + P_omega[w]
print("X(omega) =", {w: X(w) for w in omega})
print("pmf of X =", dict(sorted(pmf_heads.items())))
assert pmf_heads == {0: 0.25, 1: 0.5, 2: 0.25}
assert math.isclose(sum(pmf_heads.values()), 1.0)

# 2. A categorical random variable over a vocabulary -----------------------------------------
vocab = ["the", "cat", "sat", "mat"]
p = np.array([0.4, 0.3, 0.2, 0.1])  # pmf: p_k = P(X = k)
assert np.all(p >= 0) and math.isclose(p.sum(), 1.0)
c = np.cumsum(p)  # cumulative sums c_k = P(X <= k): 0.4, 0.7, 0.9, 1.0
print("pmf p =", p, " cumulative c =", np.round(c, 3))
# Weights become a pmf by dividing by their total (what the distribution lab does).
w = np.array([4.0, 3.0, 2.0, 1.0])
assert np.allclose(w / w.sum(), p)
# The demo's prediction: drop the weight of "the" to 0 and P(cat) = 3 / 6 = 0.5.
w_new = np.array([0.0, 3.0, 2.0, 1.0])
print("weights (0, 3, 2, 1) -> pmf", np.round(w_new / w_new.sum(), 4))
assert math.isclose((w_new / w_new.sum())[1], 0.5)


def sample(n, rng):
    """Inverse-cdf sampling: token k is the first index with c_k >= u, u ~ Uniform(0, 1)."""
    u = rng.random(n)
    return np.minimum(np.searchsorted(c, u, side="left"), len(p) - 1)


for n in (100, 10_000, 1_000_000):
    counts = np.bincount(sample(n, np.random.default_rng(1)), minlength=len(p))
    p_hat = counts / n
    err = np.abs(p_hat - p).max()
    print(f"n = {n:>9,}: frequencies {np.round(p_hat, 4)}  max |p_hat - p| = {err:.5f}")
    if n == 1_000_000:
        err_1e6 = err
# One million draws land within 0.001 of every probability.
assert err_1e6 < 0.001

# The error shrinks like 1/sqrt(n): over 200 seeds, 100x the samples gives about 10x less error.
def mean_max_error(n, seeds=200):
    errs = []
    for s in range(seeds):
        p_hat = np.bincount(sample(n, np.random.default_rng(100 + s)), minlength=len(p)) / n
        errs.append(np.abs(p_hat - p).max())
    return float(np.mean(errs))


e_small, e_large = mean_max_error(1_000), mean_max_error(100_000)
ratio = e_small / e_large
print(f"mean max error over 200 seeds: n = 1,000: {e_small:.4f}; n = 100,000: {e_large:.5f};"
      f" ratio {ratio:.1f} (sqrt(100) = 10)")
assert 8.5 < ratio < 11.5

# 3. A continuous random variable: exponential with rate lam --------------------------------
lam = 2.0
f = lambda x: lam * np.exp(-lam * x)  # density
F = lambda x: 1.0 - np.exp(-lam * x)  # cdf
F_inv = lambda u: -np.log(1.0 - u) / lam  # quantile function
print(f"density at 0: f(0) = {f(0.0):.1f}  (a density may exceed 1; a probability may not)")
assert f(0.0) == 2.0
# It still integrates to 1 (trapezoid rule on [0, 20], the tail beyond is e^-40).
xs = np.linspace(0.0, 20.0, 400_001)
area = float(np.sum((f(xs[1:]) + f(xs[:-1])) / 2 * np.diff(xs)))
print(f"integral of f over [0, 20] = {area:.6f}")
assert abs(area - 1.0) < 1e-6
# P(a < X <= b) = F(b) - F(a); the probability of one exact value is 0.
assert math.isclose(F(1.0) - F(0.5), math.exp(-1.0) - math.exp(-2.0))
assert F(0.5) - F(0.5) == 0.0

u = rng.random(100_000)
x = F_inv(u)
grid = np.array([0.1, 0.25, 0.5, 1.0, 2.0])
F_emp = np.array([(x <= g).mean() for g in grid])
gap = np.abs(F_emp - F(grid)).max()
print("F(x) at", grid, "=", np.round(F(grid), 4))
print("share of 100,000 samples <= x =", np.round(F_emp, 4), f" max gap {gap:.4f}")
assert gap < 0.003

# 4. Joint distributions and independence ---------------------------------------------------
# (a) Two independent draws from the sampler: the joint is the product of the marginals.
n = 200_000
a, b = sample(n, np.random.default_rng(2)), sample(n, np.random.default_rng(3))
joint_hat = np.zeros((4, 4))
np.add.at(joint_hat, (a, b), 1.0)
joint_hat /= n
outer = np.outer(p, p)
indep_gap = np.abs(joint_hat - outer).max()
print(f"two independent draws, n = {n:,}: max |P(x, y) - P(x)P(y)| = {indep_gap:.4f}")
assert indep_gap < 0.002
# Its marginals are its row and column sums, and they recover p.
assert np.abs(joint_hat.sum(axis=1) - p).max() < 0.005
assert np.abs(joint_hat.sum(axis=0) - p).max() < 0.005

# (b) A dependent pair: first word in (the, a), second in (cat, cats); "a cats" never occurs.
joint = np.array([[0.3, 0.3],   # the cat, the cats
                  [0.4, 0.0]])  # a cat,   a cats
assert math.isclose(joint.sum(), 1.0)
pX = joint.sum(axis=1)  # marginal of the first word: (0.6, 0.4)
pY = joint.sum(axis=0)  # marginal of the second word: (0.7, 0.3)
product = np.outer(pX, pY)
print("joint table:\n", joint)
print("marginals P(X) =", pX, " P(Y) =", pY)
print("product P(X)P(Y):\n", np.round(product, 2))
assert np.allclose(pX, [0.6, 0.4]) and np.allclose(pY, [0.7, 0.3])
assert np.allclose(product, [[0.42, 0.18], [0.28, 0.12]])
dep_gap = np.abs(joint - product).max()
print(f"max |P(x, y) - P(x)P(y)| = {dep_gap:.2f}: not independent")
assert math.isclose(dep_gap, 0.12)
# Conditioning shows the dependence: P(cats | a) = 0 but P(cats | the) = 0.5.
assert joint[1, 1] / pX[1] == 0.0 and math.isclose(joint[0, 1] / pX[0], 0.5)

print("OK: pmf from outcomes, sampler frequencies converge, inverse-cdf sampling, independence")
