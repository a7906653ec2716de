"""Witness for the reward-modeling notebook.

Checks what the Math section says, in the same order:

1. the Bradley-Terry probability and the loss of one pair: P = sigma(dr), L = -log sigma(dr),
   with L = log 2 at dr = 0; one ranking of K responses gives C(K, 2) pairs (6 for K = 4, 36 for K = 9);
2. the gradient of the loss, dL/dr_w = -sigma(-dr) = -dL/dr_l, against central finite differences;
3. the invariance: adding any constant to every reward of one prompt leaves every probability and
   the loss unchanged, and the gradient's entries for one prompt sum to zero;
4. the fit: rewards recovered by gradient descent from synthetic preferences sampled from known
   rewards, equal to them up to one shift per prompt (and only up to it).

Run: python3 witness.py
"""
import math
from itertools import combinations

import numpy as np

rng = np.random.default_rng(0)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log1p_exp(z):
    """log(1 + e^z), stable for large |z|: the loss -log sigma(d) is log1p_exp(-d)."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


# 1. One pair ---------------------------------------------------------------------------------
for d in (0.0, 2.0, -2.0):
    print(f"reward margin {d:+.0f}: P(y_w preferred) = {sigmoid(d):.3f}, loss = {log1p_exp(-d):.3f} nats")
assert math.isclose(log1p_exp(0.0), math.log(2))
assert round(float(sigmoid(2.0)), 3) == 0.881 and round(float(log1p_exp(-2.0)), 3) == 0.127
assert round(float(log1p_exp(2.0)), 3) == 2.127
for K in (4, 9):
    print(f"a ranking of K = {K} responses gives C({K}, 2) = {math.comb(K, 2)} pairs")
    assert len(list(combinations(range(K), 2))) == math.comb(K, 2)
assert math.comb(4, 2) == 6 and math.comb(9, 2) == 36

# Synthetic data: P prompts, K responses each, true rewards r_star[p, k]. ---------------------
P, K, N = 3, 4, 2000  # N comparisons per prompt
r_star = np.array([[1.0, 0.0, -0.5, 2.0],
                   [3.0, 2.5, 1.0, 0.0],
                   [-1.0, -2.0, 0.5, -0.5]])
pairs = []  # (prompt, winner, loser)
for p in range(P):
    for _ in range(N):
        i, j = rng.choice(K, size=2, replace=False)
        # the labeller prefers i with the Bradley-Terry probability sigma(r_i - r_j)
        if rng.random() < sigmoid(r_star[p, i] - r_star[p, j]):
            pairs.append((p, i, j))
        else:
            pairs.append((p, j, i))
pairs = np.array(pairs)
pp, ww, ll = pairs[:, 0], pairs[:, 1], pairs[:, 2]


def loss(r):
    """Mean over pairs of -log sigma(r[p, w] - r[p, l])."""
    d = r[pp, ww] - r[pp, ll]
    return float(log1p_exp(-d).mean())


def grad(r):
    """dL/dr: each pair adds -sigma(-d) to its winner's reward and +sigma(-d) to its loser's."""
    d = r[pp, ww] - r[pp, ll]
    g = np.zeros_like(r)
    s = sigmoid(-d) / len(d)
    np.add.at(g, (pp, ww), -s)
    np.add.at(g, (pp, ll), s)
    return g


# 2. Gradient check ----------------------------------------------------------------------------
r_test = rng.normal(size=(P, K))
g = grad(r_test)
h = 1e-6
fd = np.zeros_like(r_test)
for idx in np.ndindex(*r_test.shape):
    e = np.zeros_like(r_test)
    e[idx] = h
    fd[idx] = (loss(r_test + e) - loss(r_test - e)) / (2 * h)
gerr = np.abs(g - fd).max()
print(f"gradient vs central differences: largest difference {gerr:.1e}")
assert gerr < 1e-8

# 3. Invariance to a constant per prompt --------------------------------------------------------
shift = np.array([[10.0], [-3.0], [0.7]])
dloss = abs(loss(r_test + shift) - loss(r_test))
print(f"adding constants (10, -3, 0.7) to the three prompts' rewards changes the loss by {dloss:.1e}")
assert dloss < 1e-12
row_sums = np.abs(g.sum(axis=1)).max()
print(f"gradient entries of each prompt sum to {row_sums:.1e}: no push along the shift direction")
assert row_sums < 1e-14

# 4. Fit by gradient descent --------------------------------------------------------------------
r = np.zeros((P, K))
lr, steps = 5.0, 1000
for _ in range(steps):
    r -= lr * grad(r)
centre = lambda a: a - a.mean(axis=1, keepdims=True)
err = np.abs(centre(r) - centre(r_star)).max()
raw_gap = (r - r_star).mean(axis=1)
print(f"fit after {steps} steps: loss {loss(r):.4f} (true rewards give {loss(r_star):.4f})")
print("true rewards, centred per prompt:\n", np.round(centre(r_star), 2))
print("fitted rewards, centred per prompt:\n", np.round(centre(r), 2))
print(f"largest error after centring: {err:.2f}")
print(f"mean offset of fitted from true rewards per prompt: {np.round(raw_gap, 2)}")
assert err < 0.2
assert loss(r) <= loss(r_star)  # the fit is the maximum-likelihood point for these samples
# the offsets are whatever the starting point left them: the data say nothing about them
assert np.allclose(r.mean(axis=1), 0.0, atol=1e-12)
assert np.abs(raw_gap).max() > 0.5
# same order of responses within every prompt
assert all((np.argsort(r[p]) == np.argsort(r_star[p])).all() for p in range(P))
print("order of the responses within every prompt recovered")
