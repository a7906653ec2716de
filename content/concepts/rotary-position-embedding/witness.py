"""Witness for the rotary position embedding (RoPE) notebook.

Follows Su et al. (2021), "RoFormer: Enhanced Transformer with Rotary Position Embedding",
arXiv 2104.09864: section 3.2.1 (the 2-D case), section 3.2.2 (the block-diagonal rotation
R^d_{Theta,m} with theta_i = 10000^(-2(i-1)/d), i = 1..d/2, and q_m^T k_n = q^T R^d_{Theta,n-m} k,
equation 16), and section 3.4.3 (the bound behind the long-term decay claim).

Checks, each against an independent computation:

1. in 2-D, R(a)^T R(b) = R(b - a), so the score of a query rotated by m*theta and a key rotated by
   n*theta depends only on n - m;
2. the d x d block-diagonal matrix R_m, built entry by entry, equals the cheap elementwise form
   (x * cos + rotate_pairs(x) * sin), is orthogonal, preserves norms, and satisfies
   R_m^T R_n = R_{n-m}; scores at (m, n) = (3, 1), (103, 101), (1003, 1001) are equal;
3. an additive absolute position vector (q + p_m) . (k + p_n) does NOT depend on n - m alone;
4. the frequencies theta_i for d = 128 and their wavelengths 2 pi / theta_i, for base 10,000 and
   for base 500,000 (the rope_theta in Llama 3 configs);
5. the quantity the paper plots for its decay claim, (1 / (d/2)) sum_j |S_j|, computed, not proven;
   a key equal to its query scores less with distance, unrelated pairs do not.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def R2(angle):
    """2-D rotation by `angle` radians (counter-clockwise)."""
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s], [s, c]])


# 1. One pair of coordinates ---------------------------------------------------------------
theta = 0.3
q2, k2 = rng.standard_normal(2), rng.standard_normal(2)
for a, b in ((0.7, 2.0), (-1.1, 0.4)):
    assert np.allclose(R2(a).T @ R2(b), R2(b - a), atol=1e-15)
scores = {}
for m, n in ((5, 2), (105, 102), (7, 4), (2, 5)):
    scores[m, n] = (R2(m * theta) @ q2) @ (R2(n * theta) @ k2)
    print(f"2-D, theta = {theta}: m = {m:3d}, n = {n:3d}, n - m = {n - m:2d}: score {scores[m, n]: .12f}")
assert abs(scores[5, 2] - scores[105, 102]) < 1e-12 and abs(scores[5, 2] - scores[7, 4]) < 1e-12
assert abs(scores[5, 2] - q2 @ R2(-3 * theta) @ k2) < 1e-12  # = q^T R((n - m) theta) k
assert abs(scores[5, 2] - scores[2, 5]) > 1e-3, "the sign of the offset matters"


# 2. The block-diagonal matrix in d dimensions ----------------------------------------------
def thetas(d, base=10_000.0):
    """theta_i = base^(-2(i-1)/d) for i = 1..d/2 (RoFormer, section 3.2.2)."""
    i = np.arange(1, d // 2 + 1)
    return base ** (-2 * (i - 1) / d)


def R_block(m, d, base=10_000.0):
    """R^d_{Theta,m}, written out as a d x d matrix with 2 x 2 rotations on the diagonal."""
    R = np.zeros((d, d))
    for i, t in enumerate(thetas(d, base)):
        R[2 * i:2 * i + 2, 2 * i:2 * i + 2] = R2(m * t)
    return R


def rope(x, m, base=10_000.0):
    """The cheap form: (x1, x2) -> (x1 cos - x2 sin, x1 sin + x2 cos) for each pair, no matrix."""
    d = x.shape[-1]
    ang = m * np.repeat(thetas(d, base), 2)  # theta_1, theta_1, theta_2, theta_2, ...
    swapped = np.empty_like(x)
    swapped[0::2], swapped[1::2] = -x[1::2], x[0::2]  # (-x2, x1) in every pair
    return x * np.cos(ang) + swapped * np.sin(ang)


d = 64
q, k = rng.standard_normal(d), rng.standard_normal(d)
for m in (0, 1, 17, 1000):
    Rm = R_block(m, d)
    assert np.allclose(Rm @ q, rope(q, m), atol=1e-12)
    assert np.allclose(Rm.T @ Rm, np.eye(d), atol=1e-12)  # orthogonal
    assert abs(np.linalg.norm(rope(q, m)) - np.linalg.norm(q)) < 1e-12  # norms preserved
assert np.allclose(R_block(3, d).T @ R_block(10, d), R_block(7, d), atol=1e-12)  # R_m^T R_n = R_{n-m}
print(f"d = {d}: block matrix = elementwise form, R^T R = I, |R_m q| = |q| = {np.linalg.norm(q):.6f}")

block_scores = [rope(q, m) @ rope(k, n) for m, n in ((3, 1), (103, 101), (1003, 1001))]
for (m, n), s in zip(((3, 1), (103, 101), (1003, 1001)), block_scores):
    print(f"d = {d}: m = {m:4d}, n = {n:4d}: score {s: .12f}")
assert max(block_scores) - min(block_scores) < 1e-11
assert abs(block_scores[0] - q @ R_block(-2, d) @ k) < 1e-11
assert abs(q @ k - rope(q, 0) @ rope(k, 0)) < 1e-12  # position 0 is no rotation

# 3. Contrast: adding an absolute position vector --------------------------------------------
P = rng.standard_normal((1100, d))  # one vector per position, like learned absolute embeddings
added = [(q + P[m]) @ (k + P[n]) for m, n in ((3, 1), (103, 101), (1003, 1001))]
print(f"additive positions, same offset: scores {np.round(added, 3)}")
assert max(added) - min(added) > 1.0, "added positions leave the absolute positions in the score"

# 4. Frequencies and wavelengths --------------------------------------------------------------
for base in (10_000.0, 500_000.0):
    t = thetas(128, base)
    wl = 2 * math.pi / t
    print(f"d = 128, base {base:>9,.0f}: theta_1 = {t[0]:.0f}, theta_64 = {t[-1]:.3g}; "
          f"wavelengths {wl[0]:.2f} to {wl[-1]:,.0f} positions")
t10k, t500k = thetas(128, 10_000.0), thetas(128, 500_000.0)
assert t10k[0] == 1.0 and abs(2 * math.pi / t10k[-1] - 54_410) < 1
assert abs(2 * math.pi / t500k[-1] - 2_559_196) < 1
slow = t10k[-1] / t500k[-1]
print(f"base 500,000 turns the slowest pair {slow:.1f} times more slowly than base 10,000")
assert round(slow) == 47
assert np.all(np.diff(t10k) < 0)  # each pair turns more slowly than the one before
# The playground's matrix turns by atan2(0.6, 0.8) = 36.87 degrees: how many positions is that?
turn = math.atan2(0.6, 0.8)
print(f"a turn of {math.degrees(turn):.2f} degrees is {turn / t10k[0]:.2f} positions for pair 1 "
      f"and {turn / t10k[-1]:,.0f} positions for pair 64 (d = 128, base 10,000)")
assert turn / t10k[0] < 1 and 5_000 < turn / t10k[-1] < 6_000

# 5. The paper's decay bound, computed ---------------------------------------------------------
def relative_bound(delta, d=128, base=10_000.0):
    """(1/(d/2)) * sum_j |S_j|, S_j = sum_{k<j} exp(i delta theta_k), theta_k = base^(-2k/d), k from 0."""
    t = base ** (-2 * np.arange(d // 2) / d)
    return np.abs(np.cumsum(np.exp(1j * delta * t))).mean()


for delta in (0, 16, 64, 256, 1024):
    print(f"relative distance {delta:4d}: (1/(d/2)) sum |S_j| = {relative_bound(delta):.2f}")
assert abs(relative_bound(0) - 32.5) < 1e-12  # (1 + 2 + ... + 64) / 64
windows = [(0, 16), (16, 64), (64, 256), (256, 1024)]
means = [np.mean([relative_bound(x) for x in range(a, b)]) for a, b in windows]
print("window means:", ", ".join(f"[{a}, {b}): {v:.2f}" for (a, b), v in zip(windows, means)))
assert all(x > y for x, y in zip(means, means[1:])), "the bound falls from window to window"
# It bounds the score only up to a factor. Two cases, 2,000 random vectors each (d = 64):
# a key equal to the query scores less and less as the offset grows; unrelated q and k do not.
Qs, Ks = rng.standard_normal((2, 2000, d))
same = {D: np.mean([rope(x, D) @ x / (x @ x) for x in Qs]) for D in (0, 64, 1024)}
unrelated = {D: np.std([rope(x, D) @ y for x, y in zip(Qs, Ks)]) for D in (0, 1024)}
print("key = query, mean of q . R(offset) q / |q|^2: "
      + ", ".join(f"offset {D}: {v:.2f}" for D, v in same.items()))
print("unrelated q, k, spread (std) of the score: "
      + ", ".join(f"offset {D}: {v:.2f}" for D, v in unrelated.items()) + f" (sqrt(d) = {math.sqrt(d):.0f})")
assert same[0] == 1.0 and same[0] > same[64] > same[1024] and same[1024] < 0.35
assert all(abs(v - math.sqrt(d)) < 0.1 * math.sqrt(d) for v in unrelated.values())

print("OK: the score depends only on n - m, R_m is orthogonal and norm-preserving, additive positions "
      "do not do this, frequencies and the decay bound as computed above")
