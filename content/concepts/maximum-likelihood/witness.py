"""Witness for the maximum-likelihood notebook.

Checks what the Math section says, in the same order:

1. products of many probabilities underflow in float64, sums of their logs do not;
2. Bernoulli: the closed-form MLE k/n equals the maximiser found on a fine grid, the slope of
   the log-likelihood is 0 there, and its curvature is -n / (p(1 - p)), four times steeper
   with four times the data;
3. categorical: the closed-form MLE n_k / n equals the result of gradient ascent on softmax
   scores, whose gradient is n_j - n p_j;
4. Gaussian: the closed-form MLE (sample mean, 1/n variance) equals the result of gradient
   ascent on (mu, log sigma^2); the 1/n variance is biased by (n - 1)/n, shown by simulation;
5. the average negative log-likelihood of a categorical model is the cross-entropy from the
   empirical distribution to the model, and it is smallest at the MLE (Goodfellow, Bengio and
   Courville, Deep Learning, 2016, section 5.5).

Run: python3 witness.py
"""
import math

import numpy as np

# 1. Why logs ------------------------------------------------------------------------------
probs = np.full(1_100, 0.5)  # 1,100 independent events, each of probability 0.5
L = float(np.prod(probs))
ell = float(np.sum(np.log(probs)))
print(f"product of 1,100 probabilities of 0.5 in float64 = {L}; sum of logs = {ell:.2f}")
assert L == 0.0 and math.isclose(ell, 1_100 * math.log(0.5))  # -762.46

# 2. Bernoulli -------------------------------------------------------------------------------
def bern_ll(p, k, n):
    """l(p) = k ln p + (n - k) ln(1 - p)."""
    return k * np.log(p) + (n - k) * np.log(1 - p)


k, n = 3, 10
p_hat = k / n  # closed form: set k/p - (n - k)/(1 - p) = 0
grid = np.linspace(0.0001, 0.9999, 9_999)  # steps of 0.0001
p_grid = float(grid[np.argmax(bern_ll(grid, k, n))])
slope = k / p_hat - (n - k) / (1 - p_hat)
print(f"Bernoulli, k = {k} of n = {n}: closed form p_hat = {p_hat}, grid maximiser = {p_grid:.4f},"
      f" slope there = {slope:.1e}, l(p_hat) = {bern_ll(p_hat, k, n):.4f}")
assert abs(p_grid - p_hat) < 1e-4 and abs(slope) < 1e-12
assert math.isclose(bern_ll(p_hat, k, n), -6.1086, abs_tol=1e-4)


def curvature(k, n, p, h=1e-4):
    return (bern_ll(p + h, k, n) - 2 * bern_ll(p, k, n) + bern_ll(p - h, k, n)) / h**2


for kk, nn in ((3, 10), (12, 40)):
    c = curvature(kk, nn, 0.3)
    print(f"k = {kk:>2}, n = {nn}: maximiser {float(grid[np.argmax(bern_ll(grid, kk, nn))]):.4f},"
          f" curvature at 0.3 = {c:.1f}  (-n / (p(1 - p)) = {-nn / 0.21:.1f})")
    assert abs(c - (-nn / 0.21)) < 0.01 * nn / 0.21
    assert abs(float(grid[np.argmax(bern_ll(grid, kk, nn))]) - 0.3) < 1e-4

# 3. Categorical, by gradient ascent on softmax scores -----------------------------------------
vocab = ["the", "cat", "sat", "mat"]
counts = np.array([45.0, 25.0, 20.0, 10.0])  # n_k in a sample of n = 100 tokens
N = counts.sum()
p_closed = counts / N  # closed form from the Lagrange multiplier: p_k = n_k / n


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


z = np.zeros(4)  # start from the uniform distribution
for step in range(2_000):
    p = softmax(z)
    grad = counts - N * p  # d l / d z_j = n_j - n p_j
    z += 0.01 * grad
p_ascent = softmax(z)
print(f"categorical counts {counts.astype(int)}: closed form {p_closed}, "
      f"gradient ascent {np.round(p_ascent, 6)}")
assert np.abs(p_ascent - p_closed).max() < 1e-6
ll = lambda p: float(np.sum(counts * np.log(p)))
# Any other distribution has a lower log-likelihood (200 random candidates).
rng = np.random.default_rng(0)
others = rng.dirichlet(np.ones(4), size=200)
assert all(ll(q) < ll(p_closed) for q in others)

# 4. Gaussian --------------------------------------------------------------------------------
x = np.array([2.0, 3.5, 1.0, 4.5, 3.0])
n_g = len(x)
mu_hat = x.mean()  # closed form
var_hat = np.mean((x - mu_hat) ** 2)  # closed form, 1/n
print(f"Gaussian data {x}: mu_hat = {mu_hat:.4f}, sigma2_hat = {var_hat:.4f} (1/n), "
      f"with 1/(n - 1): {var_hat * n_g / (n_g - 1):.4f}")
assert math.isclose(mu_hat, 2.8) and math.isclose(var_hat, 1.46)


def gauss_ll(mu, s2):
    return -0.5 * n_g * math.log(2 * math.pi * s2) - np.sum((x - mu) ** 2) / (2 * s2)


# Gradient ascent on (mu, log sigma^2), so that sigma^2 stays positive.
mu, log_s2 = 0.0, 0.0
for step in range(5_000):
    s2 = math.exp(log_s2)
    g_mu = np.sum(x - mu) / s2
    g_s2 = -n_g / (2 * s2) + np.sum((x - mu) ** 2) / (2 * s2**2)
    mu += 0.02 * g_mu
    log_s2 += 0.02 * g_s2 * s2  # chain rule: d/d log s2 = s2 * d/d s2
print(f"gradient ascent: mu = {mu:.6f}, sigma2 = {math.exp(log_s2):.6f}; "
      f"l at the MLE = {gauss_ll(mu_hat, var_hat):.4f}")
assert abs(mu - mu_hat) < 1e-6 and abs(math.exp(log_s2) - var_hat) < 1e-6
assert gauss_ll(mu_hat, var_hat) > gauss_ll(mu_hat, var_hat * n_g / (n_g - 1))

# The 1/n variance is biased: E[sigma2_hat] = (n - 1)/n sigma^2.
sigma2, n_b, reps = 4.0, 5, 200_000
samples = rng.normal(1.0, math.sqrt(sigma2), size=(reps, n_b))
v_mle = samples.var(axis=1, ddof=0).mean()
v_unb = samples.var(axis=1, ddof=1).mean()
print(f"n = {n_b}, sigma^2 = {sigma2}: mean of 1/n estimate over {reps:,} samples = {v_mle:.3f}"
      f" (theory (n - 1)/n sigma^2 = {(n_b - 1) / n_b * sigma2:.1f}); with 1/(n - 1): {v_unb:.3f}")
assert abs(v_mle - 3.2) < 0.03 and abs(v_unb - 4.0) < 0.03

# 5. Average negative log-likelihood = cross-entropy to the empirical distribution -------------
p_emp = counts / N
for name, q in (("MLE", p_closed), ("uniform", np.full(4, 0.25)), ("(0.4, 0.3, 0.2, 0.1)", np.array([0.4, 0.3, 0.2, 0.1]))):
    nll = -ll(q) / N  # average over the 100 tokens
    ce = float(-np.sum(p_emp * np.log(q)))  # H(p_emp, q)
    print(f"model {name:>22}: average NLL = {nll:.4f} nats = cross-entropy {ce:.4f}")
    assert math.isclose(nll, ce)
nll_mle = -ll(p_closed) / N
assert all(-ll(q) / N > nll_mle for q in others)
assert math.isclose(nll_mle, 1.2580, abs_tol=1e-4)

print("OK: logs avoid underflow; Bernoulli, categorical and Gaussian MLEs match numerical "
      "maximisation; 1/n variance biased by (n - 1)/n; average NLL = cross-entropy")
