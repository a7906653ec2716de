"""Witness for the stochastic gradient descent notebook.

Checks what the Math section says, each time by sampling, not by assuming the formula:

1. a minibatch gradient (B examples drawn at random) is an unbiased estimate of the full
   gradient: the average of 20,000 minibatch gradients lands on it;
2. its spread falls as 1/B: B times the mean squared error stays at sigma^2 for B = 1 ... 64
   (drawing with replacement), and drawing without replacement multiplies it by (N - B)/(N - 1);
3. with a constant learning rate SGD does not converge but hovers: on the mean-estimation loss
   f(x) = mean_i (x - a_i)^2 / 2 the excess loss settles at eta sigma^2 / (2 B (2 - eta));
4. the linear scaling rule (eta and B both times k) keeps that floor for small eta and breaks
   for large eta, and above eta = 2 SGD diverges whatever the batch;
5. a decaying step eta_t = 1/(t + 1) makes SGD the running mean of the batch means, so the excess
   loss keeps falling as sigma^2 / (2 B T); a step that decays too fast (sum eta_t finite) stalls;
6. k small steps and one k-times-larger step agree only to first order in eta.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1-2. The minibatch gradient of a least-squares loss ------------------------------------------
N, d = 1000, 5
X = rng.standard_normal((N, d))
y = X @ rng.standard_normal(d) + 0.5 * rng.standard_normal(N)
w = np.zeros(d)  # the point where we look at the gradient
G = (X @ w - y)[:, None] * X  # row i: gradient of f_i(w) = (x_i . w - y_i)^2 / 2
g = G.mean(axis=0)  # the full gradient, grad f(w)
sigma2 = np.mean(np.sum((G - g) ** 2, axis=1))  # per-example variance, mean |grad f_i - grad f|^2
print(f"N = {N}, d = {d}: |grad f| = {np.linalg.norm(g):.4f}, sigma^2 = {sigma2:.4f}")

M = 20_000  # minibatches drawn for each B
print("   B   |mean of g_B - grad f|   4 std errors   B * E|g_B - grad f|^2 / sigma^2")
for B in (1, 4, 16, 64):
    idx = rng.integers(N, size=(M, B))  # with replacement: B independent uniform draws
    gB = G[idx].mean(axis=1)
    bias = np.linalg.norm(gB.mean(axis=0) - g)
    stderr = math.sqrt(sigma2 / (B * M))  # spread of the mean of M minibatch gradients
    ratio = B * np.mean(np.sum((gB - g) ** 2, axis=1)) / sigma2
    print(f"{B:4d}   {bias:.5f}                {4 * stderr:.5f}        {ratio:.3f}")
    assert bias < 4 * stderr  # unbiased: the average lands on grad f within sampling error
    assert abs(ratio - 1) < 0.03  # variance sigma^2 / B

# Without replacement (a shuffled pass over the data) the variance carries (N - B)/(N - 1).
for B in (100, 500, N):
    idx = rng.random((4000, N)).argsort(axis=1)[:, :B]
    gB = G[idx].mean(axis=1)
    measured = B * np.mean(np.sum((gB - g) ** 2, axis=1)) / sigma2
    predicted = (N - B) / (N - 1)
    print(f"without replacement, B = {B:4d}: B * variance / sigma^2 = {measured:.4f}, (N-B)/(N-1) = {predicted:.4f}")
    assert abs(measured - predicted) < 0.03 * max(predicted, 1e-12) + 1e-12
# B = N without replacement is the whole dataset: the estimate is exact.
assert np.allclose(G[rng.permutation(N)].mean(axis=0), g, atol=1e-12)

# 3-4. The noise floor with a constant learning rate -------------------------------------------
a = rng.normal(3.0, 2.0, N)  # the data; f(x) = mean (x - a_i)^2 / 2 has its minimum at mean(a)
a_bar = a.mean()
s2 = a.var()  # per-example gradient variance: grad f_i(x) = x - a_i, so sigma^2 = Var(a)
print(f"\nmean-estimation loss: mean(a) = {a_bar:.4f}, sigma^2 = Var(a) = {s2:.4f}, curvature lambda = 1")


def sgd_excess(eta, B, chains=2000, steps=600, burn=200, x0=0.0):
    """Run `chains` independent SGD runs; return the mean excess loss (x - a_bar)^2 / 2 after burn-in."""
    x = np.full(chains, x0)
    acc, n = 0.0, 0
    for t in range(steps):
        batch_mean = a[rng.integers(N, size=(chains, B))].mean(axis=1)
        x = x - eta * (x - batch_mean)  # minibatch gradient of f at x is x - mean of the batch
        if not np.all(np.isfinite(x)) or np.abs(x).max() > 1e12:
            return math.inf
        if t >= burn:
            acc += np.mean((x - a_bar) ** 2) / 2
            n += 1
    return acc / n


def floor(eta, B, lam=1.0):
    return eta * s2 / (2 * B * (2 - eta * lam))


print("  eta    B   measured excess loss   eta sigma^2 / (2B(2 - eta))   in units of sigma^2")
floors = {}
for eta, B in ((0.1, 1), (0.2, 2), (0.4, 4), (1.6, 16), (0.1, 4)):
    m = sgd_excess(eta, B)
    p = floor(eta, B)
    floors[(eta, B)] = m / s2
    print(f"{eta:5.1f} {B:4d}   {m:.5f}                {p:.5f}                       {m / s2:.4f}")
    assert abs(m / p - 1) < 0.03
# Four times the batch at the same eta: a quarter of the floor.
assert abs(floors[(0.1, 4)] / floors[(0.1, 1)] - 0.25) < 0.01
# Linear scaling (eta and B both x2, x4) keeps the floor to within 6 % and 19 %, ...
assert abs(floors[(0.2, 2)] / floors[(0.1, 1)] - 1.9 / 1.8) < 0.03
assert abs(floors[(0.4, 4)] / floors[(0.1, 1)] - 1.9 / 1.6) < 0.03
# ... but x16 raises it 4.75-fold, because 2 - eta no longer is about 2.
print(f"linear scaling x16 (eta 0.1 -> 1.6, B 1 -> 16): floor x {floors[(1.6, 16)] / floors[(0.1, 1)]:.2f}")
assert abs(floors[(1.6, 16)] / floors[(0.1, 1)] - 4.75) < 0.15
# And at eta = 2.4 (x24) each step multiplies the error by 1 - 2.4 = -1.4: divergence, any batch.
assert sgd_excess(2.4, 24, chains=200, steps=200, burn=0, x0=10.0) == math.inf
print("eta = 2.4, B = 24: diverges (factor |1 - eta| = 1.4 per step), as plain gradient descent would")

# 5. A decaying step: Robbins-Monro --------------------------------------------------------------
T, chains, B = 2000, 10_000, 1
x = np.full(chains, 0.0)
means = np.zeros(chains)
for t in range(T):
    m_t = a[rng.integers(N, size=(chains, B))].mean(axis=1)
    x = x - (1 / (t + 1)) * (x - m_t)  # eta_t = 1/(t + 1)
    means += m_t
# After T steps x is exactly the average of the T batch means seen so far.
assert np.allclose(x, means / T, atol=1e-12)
excess = np.mean((x - a_bar) ** 2) / 2
predicted = s2 / (2 * B * T)
print(f"\neta_t = 1/(t+1), B = 1, T = {T}: excess loss {excess:.6f}, sigma^2/(2BT) = {predicted:.6f}")
print(f"  that is {excess / s2:.6f} sigma^2 against the constant-step floor {floors[(0.1, 1)]:.4f} sigma^2 at eta = 0.1")
assert abs(excess / predicted - 1) < 0.03
assert floors[(0.1, 1)] / (excess / s2) > 100

# The two sums of Robbins and Monro for eta_t = 1/(t + 1): the first grows like ln T, the second is finite.
t = np.arange(1, 1_000_001, dtype=float)
print(f"sum of 1/t to 10^6 = {np.sum(1 / t):.4f} (ln 10^6 + 0.5772 = {math.log(1e6) + 0.5772:.4f}); "
      f"sum of 1/t^2 = {np.sum(1 / t**2):.6f} (pi^2/6 = {math.pi**2 / 6:.6f})")
assert abs(np.sum(1 / t) - (math.log(1e6) + 0.5772157)) < 1e-5
assert abs(np.sum(1 / t**2) - math.pi**2 / 6) < 2e-6
# A step that shrinks too fast: eta_t = 0.5/(t + 1)^2 has a finite sum, 0.5 pi^2 / 6 = 0.822.
# Even without noise, the error is multiplied by prod(1 - 0.5/t^2) = sin(pi/sqrt 2)/(pi/sqrt 2) and stops there.
left = np.prod(1 - 0.5 / t**2)
z = math.pi / math.sqrt(2)
print(f"eta_t = 0.5/(t+1)^2 without noise: the error stalls at {left:.4f} of its start (sin(z)/z = {math.sin(z) / z:.4f})")
assert abs(left - math.sin(z) / z) < 1e-6 and abs(left - 0.3582) < 1e-4

# 6. Why linear scaling is a first-order rule --------------------------------------------------
# Expected error after k steps of eta (batch B) versus one step of k * eta (batch kB), from the same point:
# (1 - eta)^k versus 1 - k eta. The injected noise variances agree exactly: k eta^2 s2/B = (k eta)^2 s2/(kB).
eta = 0.1
for k in (2, 4, 16):
    small, big = (1 - eta) ** k, 1 - k * eta
    print(f"k = {k:2d}: k small steps leave {small:+.4f} of the error, one big step {big:+.4f}")
    assert math.isclose(k * eta**2 * s2 / 1, (k * eta) ** 2 * s2 / k)
assert abs((1 - eta) ** 2 - (1 - 2 * eta) - eta**2) < 1e-15  # they differ by C(k,2) eta^2 + ...
assert round((1 - eta) ** 16, 4) == 0.1853 and math.isclose(1 - 16 * eta, -0.6)

print("\nOK: minibatch gradients are unbiased with variance sigma^2/B; a constant step leaves a floor "
      "eta sigma^2/(2B(2 - eta)); eta_t = 1/(t+1) converges; linear scaling holds only to first order")
