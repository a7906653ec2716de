"""Witness for the bayes-rule notebook.

Checks what the Math section says, in the same order:

1. Bayes' rule from the product rule on a joint table: P(h | d) = P(d | h) P(h) / P(d), with
   P(d) = sum_h P(d | h) P(h);
2. the base-rate effect: a test with 99 % sensitivity and 99 % specificity for a condition
   with prior 1 in 1,000 is right about a positive only 9 % of the time, counted in natural
   frequencies, by the formula and in a million simulated people; a second independent
   positive lifts it to 91 %;
3. the Beta-Bernoulli conjugate update: prior Beta(a, b) times the likelihood of k ones and
   n - k zeros is Beta(a + k, b + n - k), checked on a grid of p;
4. sequential updating equals batch updating: one observation at a time, in any order, ends
   at the same posterior as all at once.

Run: python3 witness.py
"""
import math

import numpy as np

# 1. Bayes' rule from the product rule ---------------------------------------------------
# Joint table P(h, d): rows h = three hypotheses, columns d = two possible observations.
J = np.array([[0.20, 0.10],
              [0.15, 0.25],
              [0.05, 0.25]])
assert math.isclose(J.sum(), 1.0)
P_h = J.sum(axis=1)  # prior: marginal of h
P_d = J.sum(axis=0)  # evidence: marginal of d
lik = J / P_h[:, None]  # P(d | h) = P(h, d) / P(h)
post_direct = J / P_d[None, :]  # P(h | d) = P(h, d) / P(d)
evidence = lik.T @ P_h  # P(d) = sum_h P(d | h) P(h)
post_bayes = lik * P_h[:, None] / evidence[None, :]
print(f"prior P(h) = {P_h.round(2).tolist()}, P(d = 1) = {evidence[1]:.2f}")
print(f"posterior P(h | d = 1) = {post_bayes[:, 1].round(4).tolist()} (sums to {post_bayes[:, 1].sum():.0f})")
assert np.allclose(evidence, P_d) and np.allclose(post_bayes, post_direct)
assert np.allclose(post_bayes.sum(axis=0), 1.0)
# Proportional form: normalising likelihood x prior gives the same posterior.
unnorm = lik[:, 1] * P_h
assert np.allclose(unnorm / unnorm.sum(), post_direct[:, 1])
assert np.allclose(post_bayes[:, 1], [0.1667, 0.4167, 0.4167], atol=1e-4)

# 2. The base-rate effect ---------------------------------------------------------------------
prior, sens, spec = 0.001, 0.99, 0.99


def posterior_positive(pi, s, c):
    """P(D | +) = s pi / (s pi + (1 - c)(1 - pi))."""
    return s * pi / (s * pi + (1 - c) * (1 - pi))


people = 100_000
sick = round(people * prior)  # 100
true_pos = round(sick * sens)  # 99
healthy = people - sick  # 99,900
false_pos = round(healthy * (1 - spec))  # 999
print(f"of {people:,}: {sick} sick, {true_pos} of them test +, {sick - true_pos} test -; "
      f"{healthy:,} healthy, {false_pos} of them test +, {healthy - false_pos:,} test -")
assert (sick, true_pos, healthy, false_pos, healthy - false_pos) == (100, 99, 99_900, 999, 98_901)
by_counts = true_pos / (true_pos + false_pos)
by_formula = posterior_positive(prior, sens, spec)
print(f"P(D | +) = 99 / (99 + 999) = {by_counts:.4f}; by the formula {by_formula:.4f}")
assert math.isclose(by_counts, by_formula) and round(by_formula, 4) == 0.0902

rng = np.random.default_rng(0)
N = 1_000_000
has = rng.random(N) < prior
pos = np.where(has, rng.random(N) < sens, rng.random(N) < 1 - spec)
sim = float(has[pos].mean())
print(f"simulated {N:,} people: {pos.sum():,} positives, share sick {sim:.4f}")
assert abs(sim - by_formula) < 0.01

for pi in (0.0001, 0.01, 0.1, 0.5):
    print(f"  prior {pi:<6}: P(D | +) = {posterior_positive(pi, sens, spec):.4f}")
assert math.isclose(posterior_positive(0.01, sens, spec), 0.5)
assert round(posterior_positive(0.0001, sens, spec), 4) == 0.0098
# A better specificity matters more than a better sensitivity at a low base rate.
assert round(posterior_positive(prior, sens, 0.999), 4) == 0.4977
assert round(posterior_positive(prior, 0.999, spec), 4) == 0.0909
# A second positive from an independent test: yesterday's posterior is today's prior.
second = posterior_positive(by_formula, sens, spec)
print(f"after a second independent positive: {second:.4f}")
assert round(second, 4) == 0.9075
# The same as one update with the likelihood of two positives.
assert math.isclose(second, posterior_positive(prior, sens**2, 1 - (1 - spec) ** 2))

# 3. The Beta-Bernoulli conjugate update -----------------------------------------------------------
p = np.linspace(0, 1, 100_001)[1:-1]  # grid of the unknown probability of a one
dp = p[1] - p[0]


def beta_pdf(x, a, b):
    logB = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return np.exp((a - 1) * np.log(x) + (b - 1) * np.log(1 - x) - logB)


a, b = 2.0, 2.0
data = np.array([1, 1, 0, 1, 1, 0, 1, 1, 1, 0])  # k = 7 ones, n - k = 3 zeros
k, n = int(data.sum()), len(data)
prior_grid = beta_pdf(p, a, b)
lik_grid = p**k * (1 - p) ** (n - k)
post_grid = prior_grid * lik_grid
post_grid /= post_grid.sum() * dp  # normalise: divide by the evidence
conj = beta_pdf(p, a + k, b + n - k)  # Beta(9, 5)
post_mean = float(np.sum(p * post_grid) * dp)
print(f"prior Beta({a:g}, {b:g}), data {k} ones and {n - k} zeros -> Beta({a + k:g}, {b + n - k:g}); "
      f"max |grid - formula| = {np.max(np.abs(post_grid - conj)):.2e}")
print(f"posterior mean {post_mean:.4f} = (a + k)/(a + b + n) = {(a + k) / (a + b + n):.4f}; "
      f"maximum-likelihood k/n = {k / n:.1f}")
assert np.allclose(post_grid, conj, atol=1e-6)
assert math.isclose(post_mean, 9 / 14, abs_tol=1e-6) and round(9 / 14, 4) == 0.6429
# With the uniform prior Beta(1, 1), Bayes' own case, the posterior is Beta(k + 1, n - k + 1).
flat = lik_grid / (lik_grid.sum() * dp)
assert np.allclose(flat, beta_pdf(p, k + 1, n - k + 1), atol=1e-6)
# Ten times the data with the same share: the mean moves towards 0.7 and the spread shrinks.
a10, b10 = a + 10 * k, b + 10 * (n - k)
mean10 = a10 / (a10 + b10)
sd1 = math.sqrt((a + k) * (b + n - k) / ((a + b + n) ** 2 * (a + b + n + 1)))
sd10 = math.sqrt(a10 * b10 / ((a10 + b10) ** 2 * (a10 + b10 + 1)))
print(f"with 70 ones and 30 zeros: Beta({a10:g}, {b10:g}), mean {mean10:.4f}, sd {sd10:.4f} (was {sd1:.4f})")
assert round(mean10, 4) == 0.6923 and round(sd1, 4) == 0.1237 and round(sd10, 4) == 0.0450

# 4. Sequential updating equals batch updating --------------------------------------------------------
seq = prior_grid.copy()
aa, bb = a, b
for x in data:  # one observation at a time: the posterior becomes the prior
    seq = seq * (p if x == 1 else 1 - p)
    seq /= seq.sum() * dp
    aa, bb = aa + x, bb + (1 - x)
assert (aa, bb) == (a + k, b + n - k)
print(f"sequential: Beta({aa:g}, {bb:g}); max |sequential - batch| on the grid = {np.max(np.abs(seq - post_grid)):.1e}")
assert np.allclose(seq, post_grid, rtol=1e-9, atol=1e-12)
rev = prior_grid.copy()
for x in rng.permutation(data):  # any order gives the same answer
    rev = rev * (p if x == 1 else 1 - p)
    rev /= rev.sum() * dp
assert np.allclose(rev, post_grid, rtol=1e-9, atol=1e-12)
print("all Bayes checks passed")
