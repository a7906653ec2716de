"""Witness for the cosine similarity notebook.

Checks what the Math section says, in the same order:

1. the definition on the worked example a = (1, 2), b = (4, 2): a . b = 8, |a||b| = 10, cos = 0.8;
2. the range: the Cauchy-Schwarz inequality keeps cos between -1 and 1 (10,000 random pairs),
   with +1 for a vector and any positive multiple of it and -1 for a negative multiple;
3. scale invariance: multiplying a by 3, or by 1/4, leaves cos unchanged; multiplying by -1
   flips its sign; the dot product, by contrast, scales;
4. the distance relation for unit vectors: |a_hat - b_hat|^2 = 2 - 2 cos, so ranking by cosine
   and ranking by Euclidean distance between normalized vectors give the same order;
5. why length is removed: with one long vector in a small collection, the dot product ranks it
   first for every query while cosine does not;
6. random directions: for vectors with independent Gaussian entries, cos has mean 0 and variance
   1/d, so its spread shrinks like 1/sqrt(d) (10,000 pairs for d = 16, 256 and 1,024).

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def cosine(a, b):
    """cos(theta) = a . b / (|a| |b|), undefined when either vector is zero."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    assert na > 0 and nb > 0, "cosine similarity is undefined for a zero vector"
    return float(np.dot(a, b) / (na * nb))


# 1. Definition on the worked example ----------------------------------------------
a = np.array([1.0, 2.0])
b = np.array([4.0, 2.0])
print(f"a = (1, 2), b = (4, 2): a.b = {a @ b:g}, |a| = {np.linalg.norm(a):.4f}, "
      f"|b| = {np.linalg.norm(b):.4f}, |a||b| = {np.linalg.norm(a) * np.linalg.norm(b):.4f}")
print(f"  cos(theta) = {cosine(a, b):.4f}, theta = {math.degrees(math.acos(cosine(a, b))):.2f} deg")
assert a @ b == 8.0
assert math.isclose(np.linalg.norm(a) * np.linalg.norm(b), 10.0, rel_tol=1e-12)
assert math.isclose(cosine(a, b), 0.8, rel_tol=1e-12)
# the angle measured from the arrows' own directions agrees
theta = math.atan2(2, 1) - math.atan2(2, 4)
assert math.isclose(math.cos(theta), 0.8, rel_tol=1e-12)

# 2. Range [-1, 1] (Cauchy-Schwarz) --------------------------------------------------
cos_many = []
for _ in range(10_000):
    d = int(rng.integers(2, 50))
    x, y = rng.normal(size=d) * rng.uniform(0.1, 10), rng.normal(size=d)
    cos_many.append(cosine(x, y))
cos_many = np.array(cos_many)
print(f"10,000 random pairs (d from 2 to 49): min cos = {cos_many.min():+.4f}, "
      f"max cos = {cos_many.max():+.4f}")
assert cos_many.min() >= -1.0 and cos_many.max() <= 1.0
x = rng.normal(size=8)
assert math.isclose(cosine(x, 2.5 * x), 1.0, rel_tol=1e-12)
assert math.isclose(cosine(x, -0.3 * x), -1.0, rel_tol=1e-12)
print("  cos(x, 2.5 x) = +1 and cos(x, -0.3 x) = -1")

# 3. Scale invariance --------------------------------------------------------------
for s in (3.0, 0.25):
    print(f"a scaled by {s:g}: a.b = {(s * a) @ b:g}, cos = {cosine(s * a, b):.4f}")
    assert math.isclose(cosine(s * a, b), 0.8, rel_tol=1e-12)
    assert math.isclose((s * a) @ b, s * 8.0, rel_tol=1e-12)
print(f"a scaled by -1: cos = {cosine(-a, b):+.4f}")
assert math.isclose(cosine(-a, b), -0.8, rel_tol=1e-12)
# the demo's question: halve a, then reverse b
print(f"a halved and b reversed: a.b = {(0.5 * a) @ (-b):g}, cos = {cosine(0.5 * a, -b):+.4f}")
assert (0.5 * a) @ (-b) == -4.0 and math.isclose(cosine(0.5 * a, -b), -0.8, rel_tol=1e-12)
# a zero vector has no direction
try:
    cosine(np.zeros(2), b)
    raise RuntimeError("a zero vector should have no cosine")
except AssertionError:
    print("zero vector: cosine undefined (the denominator is 0)")
# and in high dimension, for both vectors at once
x, y = rng.normal(size=(2, 300))
assert math.isclose(cosine(7.0 * x, 0.01 * y), cosine(x, y), rel_tol=1e-12)

# 4. Distance between unit vectors ---------------------------------------------------
a_hat, b_hat = a / np.linalg.norm(a), b / np.linalg.norm(b)
dist2 = float(np.sum((a_hat - b_hat) ** 2))
print(f"worked example: |a_hat - b_hat|^2 = {dist2:.4f} = 2 - 2(0.8) = {2 - 2 * 0.8:.4f}")
assert math.isclose(dist2, 0.4, rel_tol=1e-12)

X = rng.normal(size=(1000, 64)) * rng.uniform(0.2, 5.0, size=(1000, 1))  # varied lengths
q = rng.normal(size=64)
X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)
q_hat = q / np.linalg.norm(q)
cos_q = X_hat @ q_hat
dist2_q = np.sum((X_hat - q_hat) ** 2, axis=1)
assert np.allclose(dist2_q, 2 - 2 * cos_q, atol=1e-12)
order_cos = np.argsort(-cos_q)  # most similar first
order_dist = np.argsort(dist2_q)  # nearest first
print("1,000 vectors in d = 64: |x_hat - q_hat|^2 = 2 - 2 cos for all; "
      f"same ranking by cosine and by distance: {bool(np.array_equal(order_cos, order_dist))}")
assert np.array_equal(order_cos, order_dist)

# 5. Why embeddings are compared without their lengths ------------------------------
# 200 vectors of length 1 and one vector (index 0) of length 10 pointing somewhere random.
E = rng.normal(size=(201, 32))
E /= np.linalg.norm(E, axis=1, keepdims=True)
E[0] *= 10.0
queries = rng.normal(size=(500, 32))
top_dot = np.argmax(queries @ E.T, axis=1)
E_hat = E / np.linalg.norm(E, axis=1, keepdims=True)
top_cos = np.argmax(queries @ E_hat.T, axis=1)
share_dot = float(np.mean(top_dot == 0))
share_cos = float(np.mean(top_cos == 0))
print(f"500 random queries: the long vector is the top match by dot product for "
      f"{share_dot:.1%} of them, by cosine for {share_cos:.1%}")
assert share_dot > 0.4 and share_cos < 0.02

# 6. Cosines of random high-dimensional vectors -------------------------------------
n_pairs = 10_000
print("random Gaussian pairs, 10,000 per d:")
spreads = {}
for d in (16, 256, 1024):
    U = rng.standard_normal((n_pairs, d))
    V = rng.standard_normal((n_pairs, d))
    c = np.einsum("nd,nd->n", U, V) / (np.linalg.norm(U, axis=1) * np.linalg.norm(V, axis=1))
    spreads[d] = c.std()
    big = float(np.mean(np.abs(c) > 0.1))
    print(f"  d = {d:4d}: mean cos = {c.mean():+.4f}  std cos = {c.std():.4f}  "
          f"1/sqrt(d) = {1 / math.sqrt(d):.4f}  share with |cos| > 0.1 = {big:.2%}")
    assert abs(c.mean()) < 4 / math.sqrt(d * n_pairs)
    assert abs(c.std() * math.sqrt(d) - 1.0) < 0.03  # std within 3 % of 1/sqrt(d)
    if d == 1024:
        assert big < 0.005
    if d == 16:
        assert big > 0.6
# sixteen times the dimension cuts the spread by four
assert abs(spreads[16] / spreads[256] - 4.0) < 0.2

print("OK: cos = a.b/(|a||b|) in [-1, 1], scale-invariant, |a_hat - b_hat|^2 = 2 - 2 cos, "
      "random cos spread ~ 1/sqrt(d)")
