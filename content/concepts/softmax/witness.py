"""Witness for the softmax notebook.

Checks what the Math section says, each time against an independent computation:

1. the definition: a loop over entries agrees with the vectorised form, every output is
   positive and the outputs sum to 1; with two scores it is the logistic sigmoid of their
   difference (Bridle 1990 introduced the name "softmax" for this normalised exponential,
   a multi-input generalisation of the logistic);
2. shift invariance: adding the same constant to every score leaves the output unchanged;
3. numerical stability: the naive formula overflows (scores near 1000) or underflows
   (scores near -1000) to nan, while the max-subtracted formula returns the exact answer,
   also for a wide spread such as (800, 0, -800) where no other shift would do (the fix
   described in Goodfellow, Bengio & Courville, Deep Learning, 2016, section 4.1);
4. temperature: softmax(z / T) tends to the one-hot argmax as T -> 0 and to the uniform
   distribution as T -> infinity, and its entropy grows with T;
5. the Jacobian diag(p) - p p^T agrees with central finite differences, its rows sum to 0,
   and it shrinks towards 0 when the scores are spread far apart (saturation), while the
   gradient of the cross-entropy -log p_y is p - e_y (finite differences again).

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def softmax_naive(z):
    """The definition as written: exponentiate, then divide by the sum."""
    e = np.exp(z)
    return e / e.sum()


def softmax(z):
    """The stable form: subtract the largest score first (same value, no overflow)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def softmax_loop(z):
    """The definition entry by entry, with math.exp and no NumPy reductions."""
    exps = [math.exp(float(v)) for v in z]
    total = sum(exps)
    return np.array([v / total for v in exps])


def entropy(p):
    """Shannon entropy in nats, with 0 log 0 taken as 0."""
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


# 1. Definition ------------------------------------------------------------------
z_ex = np.array([2.0, 1.0, 0.5, -1.0])
p_ex = softmax(z_ex)
print("scores z          =", z_ex)
print("softmax(z)        =", np.round(p_ex, 4), " sum =", p_ex.sum())
assert np.allclose(p_ex, softmax_loop(z_ex), rtol=1e-13, atol=0)
assert np.all(p_ex > 0) and math.isclose(p_ex.sum(), 1.0, rel_tol=1e-15)
# The ordering of the scores is kept: larger score, larger probability.
assert list(np.argsort(p_ex)) == list(np.argsort(z_ex))

for _ in range(200):
    z = rng.normal(scale=3.0, size=rng.integers(2, 12))
    p = softmax(z)
    assert np.allclose(p, softmax_loop(z), rtol=1e-12, atol=0)
    assert abs(p.sum() - 1.0) < 1e-12 and np.all(p > 0)
print("200 random score vectors: loop = vectorised, all positive, each sums to 1")

# Two scores: softmax is the logistic sigmoid of the difference.
a, b = 1.3, -0.4
sigmoid = 1.0 / (1.0 + math.exp(-(a - b)))
print(f"two scores ({a}, {b}): softmax_1 = {softmax([a, b])[0]:.12f}, "
      f"sigmoid(a - b) = {sigmoid:.12f}")
assert math.isclose(softmax([a, b])[0], sigmoid, rel_tol=1e-12)

# 2. Shift invariance --------------------------------------------------------------
# The loop applies the definition with no max subtraction, so it is an independent check.
for c in (-50.0, -1.0, 3.0, 50.0):
    assert np.allclose(softmax_loop(z_ex + c), p_ex, rtol=1e-12, atol=0), c
print("softmax(z + c) = softmax(z) for c in (-50, -1, 3, 50)")
# Only differences matter: doubling the gaps is NOT a shift and does change p.
assert not np.allclose(softmax(2 * z_ex), p_ex)

# 3. Naive versus stable on large scores -------------------------------------------
# float64 overflows above about 1.8e308, so exp(x) is inf once x exceeds log(1.8e308).
limit = math.log(np.finfo(float).max)
print(f"largest x with finite exp(x) in float64: about {limit:.2f}")
with np.errstate(over="ignore"):
    assert np.isfinite(np.exp(limit - 0.01)) and np.isinf(np.exp(limit + 0.01))

big = np.array([1000.0, 999.0, 998.0])
small = big - 2000.0  # (-1000, -1001, -1002)
expected = softmax_loop(big - big.max())  # (0, -1, -2): safe for math.exp
with np.errstate(over="ignore", invalid="ignore", under="ignore"):
    naive_big = softmax_naive(big)  # exp(1000) = inf, inf / inf = nan
    naive_small = softmax_naive(small)  # exp(-1000) = 0, 0 / 0 = nan
stable_big, stable_small = softmax(big), softmax(small)
print("naive  softmax(1000, 999, 998)    =", naive_big)
print("stable softmax(1000, 999, 998)    =", np.round(stable_big, 6))
print("naive  softmax(-1000, -1001, -1002) =", naive_small)
print("stable softmax(-1000, -1001, -1002) =", np.round(stable_small, 6))
assert np.all(np.isnan(naive_big)) and np.all(np.isnan(naive_small))
assert np.allclose(stable_big, expected, rtol=1e-13, atol=0)
assert np.allclose(stable_small, expected, rtol=1e-13, atol=0)
# Why the maximum and not any shift: with a wide spread only c = -max z keeps every
# exponent at or below 0 (subtracting the minimum would compute exp(1600) here).
wide = np.array([800.0, 0.0, -800.0])
stable_wide = softmax(wide)
print("stable softmax(800, 0, -800)      =", stable_wide)
assert np.all(np.isfinite(stable_wide)) and np.allclose(stable_wide, [1.0, 0.0, 0.0], atol=1e-300)
# Where the naive formula does not overflow, the two agree.
assert np.allclose(softmax_naive(z_ex), p_ex, rtol=1e-13, atol=0)

# 4. Temperature -------------------------------------------------------------------
z_t = np.array([2.0, 1.0, 0.5, -1.0, 1.9])
n = len(z_t)
one_hot = np.eye(n)[np.argmax(z_t)]
uniform = np.full(n, 1.0 / n)
temps = [0.01, 0.1, 0.5, 1.0, 3.0, 10.0, 100.0, 1e4]
ents = []
for T in temps:
    p = softmax(z_t / T)
    ents.append(entropy(p))
    print(f"T = {T:>7g}: max p = {p.max():.6f}  entropy = {ents[-1]:.6f} nats "
          f"(log n = {math.log(n):.6f})")
assert np.allclose(softmax(z_t / 0.01), one_hot, atol=1e-4)  # the 0.1 gap decides
assert np.allclose(softmax(z_t / 1e4), uniform, atol=1e-4)
assert all(e1 < e2 for e1, e2 in zip(ents, ents[1:])), "entropy must grow with T"
assert ents[-1] <= math.log(n) + 1e-12  # the uniform distribution has the most entropy

# 5. The Jacobian diag(p) - p p^T --------------------------------------------------
def jacobian(z):
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def jacobian_fd(z, h=1e-6):
    """Central differences, one column per input score."""
    cols = []
    for j in range(len(z)):
        e = np.zeros(len(z))
        e[j] = h
        cols.append((softmax(z + e) - softmax(z - e)) / (2 * h))
    return np.stack(cols, axis=1)


worst = 0.0
for _ in range(50):
    z = rng.normal(scale=2.0, size=6)
    J = jacobian(z)
    worst = max(worst, np.abs(J - jacobian_fd(z)).max())
    assert np.allclose(J, J.T)  # symmetric
    assert np.allclose(J.sum(axis=1), 0.0, atol=1e-15)  # rows sum to 0: shift invariance
    assert np.linalg.eigvalsh(J).min() > -1e-15  # positive semidefinite
print(f"50 random z in R^6: max |diag(p) - pp^T - finite differences| = {worst:.2e}")
assert worst < 1e-8

# With cross-entropy, -log p_y, the exp is undone: the gradient is p - e_y (no saturation).
z, y, h = rng.normal(size=5), 2, 1e-6
ce = lambda v: -math.log(softmax(v)[y])
grad_fd = np.array([(ce(z + h * e) - ce(z - h * e)) / (2 * h) for e in np.eye(5)])
assert np.allclose(grad_fd, softmax(z) - np.eye(5)[y], atol=1e-8)
print("gradient of -log p_y: finite differences = p - e_y")

# Saturation: spread the same scores further apart and the gradient vanishes.
z_s = np.array([1.0, 0.2, -0.3, -1.1])
norms = []
for scale in (1, 4, 16, 64):
    p = softmax(scale * z_s)
    norms.append(np.linalg.norm(jacobian(scale * z_s)))
    print(f"scores x {scale:>2}: max p = {p.max():.6f}  |Jacobian|_F = {norms[-1]:.3e}")
assert all(n1 > n2 for n1, n2 in zip(norms, norms[1:]))
assert norms[-1] < 1e-12  # at 64x the weights are one-hot to machine precision

print("OK: softmax sums to 1, shift-invariant, stable under max subtraction; "
      "temperature limits and Jacobian diag(p) - pp^T hold")
