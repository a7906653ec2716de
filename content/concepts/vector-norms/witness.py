"""Witness for the vector norms notebook.

Checks what the Math section says:

1. the worked example x = (3, -4): L1 = 7, L2 = 5, Linf = 4, and ||x||_p falls towards 4 as p grows;
2. the three norm axioms hold for Lp with p = 1, 1.5, 2, 3 and infinity on 10,000 random pairs,
   and the triangle inequality fails for p = 1/2, so that "norm" needs p >= 1;
3. the L2 norm is sqrt(x . x), and Cauchy-Schwarz |x . y| <= ||x|| ||y|| holds, with equality for
   parallel vectors, so cosine similarity lies in [-1, 1];
4. the chain ||x||inf <= ||x||2 <= ||x||1 <= sqrt(n) ||x||2 <= n ||x||inf, with the equality cases;
5. the unit circles cross the diagonal at 2^(-1/p) and cover 50 %, 78.5 % and 100 % of the square;
6. gradient clipping by the global L2 norm keeps the direction, clipping each tensor separately does not;
7. an L1 penalty sets small coordinates exactly to zero, an L2 penalty only shrinks them.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def norm(x, p):
    """||x||_p = (sum |x_i|^p)^(1/p); p = inf gives max |x_i|."""
    x = np.abs(np.asarray(x, dtype=float))
    if p == math.inf:
        return x.max(axis=-1)
    return (x**p).sum(axis=-1) ** (1 / p)


# 1. The worked example ------------------------------------------------------------------------
x = np.array([3.0, -4.0])
print(f"x = (3, -4): L1 = {norm(x, 1):g}, L2 = {norm(x, 2):g}, Linf = {norm(x, math.inf):g}")
assert norm(x, 1) == 7 and norm(x, 2) == 5 and norm(x, math.inf) == 4
ps = [1, 1.5, 2, 3, 4, 10, 100]
vals = [norm(x, p) for p in ps]
print("||x||_p for p = " + ", ".join(f"{p}: {v:.4f}" for p, v in zip(ps, vals)))
assert all(a >= b for a, b in zip(vals, vals[1:]))  # never grows with p
assert round(vals[ps.index(10)], 4) == 4.022 and abs(vals[-1] - 4) < 1e-4

# 2. The axioms, and where they fail ----------------------------------------------------------
X = rng.standard_normal((10_000, 6)) * rng.exponential(1.0, (10_000, 1))
Y = rng.standard_normal((10_000, 6)) * rng.exponential(1.0, (10_000, 1))
c = rng.standard_normal(10_000)
for p in (1, 1.5, 2, 3, math.inf):
    nx, ny, nxy = norm(X, p), norm(Y, p), norm(X + Y, p)
    assert np.all(nx > 0) and norm(np.zeros(6), p) == 0  # positive, and zero only at zero
    assert np.allclose(norm(c[:, None] * X, p), np.abs(c) * nx)  # absolute homogeneity
    assert np.all(nxy <= nx + ny + 1e-12)  # triangle inequality
    slack = np.min((nx + ny - nxy) / (nx + ny))
    print(f"p = {p}: triangle inequality holds on all 10,000 pairs (smallest relative gap {max(slack, 0.0):.1e})")
e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
half = 0.5
print(f"p = 1/2: ||e1 + e2|| = {norm(e1 + e2, half):g} > ||e1|| + ||e2|| = {norm(e1, half) + norm(e2, half):g}")
assert norm(e1 + e2, half) == 4 and norm(e1, half) + norm(e2, half) == 2

# 3. L2, the dot product and Cauchy-Schwarz ------------------------------------------------------
assert np.allclose(norm(X, 2), np.sqrt(np.einsum("ij,ij->i", X, X)))
dots = np.einsum("ij,ij->i", X, Y)
assert np.all(np.abs(dots) <= norm(X, 2) * norm(Y, 2) * (1 + 1e-12))
cos = dots / (norm(X, 2) * norm(Y, 2))
print(f"Cauchy-Schwarz on 10,000 pairs: cosine similarity ranges over [{cos.min():.4f}, {cos.max():.4f}]")
assert cos.min() >= -1 and cos.max() <= 1
# equality exactly when one vector is a multiple of the other
assert math.isclose(abs(X[0] @ (-2.5 * X[0])), norm(X[0], 2) * norm(-2.5 * X[0], 2), rel_tol=1e-12)
# the proof's quadratic: ||x - s y||^2 >= 0 for every s, smallest at s = x.y / y.y
x0, y0 = X[1], Y[1]
s_star = (x0 @ y0) / (y0 @ y0)
q_min = x0 @ x0 - (x0 @ y0) ** 2 / (y0 @ y0)
assert math.isclose(norm(x0 - s_star * y0, 2) ** 2, q_min, rel_tol=1e-9) and q_min >= 0

# 4. How the norms compare ---------------------------------------------------------------------------
n = 100
Z = rng.standard_normal((1000, n))
l1, l2, li = norm(Z, 1), norm(Z, 2), norm(Z, math.inf)
assert np.all(li <= l2) and np.all(l2 <= l1) and np.all(l1 <= math.sqrt(n) * l2) and np.all(l2 <= math.sqrt(n) * li)
one_hot, ones = np.eye(n)[0], np.ones(n)
print(f"n = {n}: one-hot has L1 = L2 = Linf = {norm(one_hot, 1):g}; all-ones has L1 = {norm(ones, 1):g}, "
      f"L2 = {norm(ones, 2):g}, Linf = {norm(ones, math.inf):g}")
assert norm(one_hot, 1) == norm(one_hot, 2) == norm(one_hot, math.inf) == 1
assert norm(ones, 1) == 100 and norm(ones, 2) == 10 and norm(ones, math.inf) == 1
print(f"random Gaussian vectors, n = {n}: mean L1/L2 = {np.mean(l1 / l2):.2f} (the chain allows 1 to 10)")
assert 7.9 < np.mean(l1 / l2) < 8.1

# 5. Unit circles ----------------------------------------------------------------------------------
for p, expected in ((1, 0.5), (2, 0.7071), (math.inf, 1.0)):
    d = 1.0 if p == math.inf else 2 ** (-1 / p)  # the point (d, d) with ||(d, d)||_p = 1
    assert math.isclose(norm([d, d], p), 1.0) and round(d, 4) == expected
print("the unit circles cross the diagonal at 2^(-1/p): 0.5 (L1), 0.7071 (L2), 1 (Linf)")
pts = rng.uniform(-1, 1, (400_000, 2))
shares = {p: np.mean(norm(pts, p) <= 1) for p in (1, 2, math.inf)}
print(f"share of the square [-1, 1]^2 inside the unit ball: L1 {shares[1]:.3f} (exact 0.5), "
      f"L2 {shares[2]:.3f} (pi/4 = {math.pi / 4:.3f}), Linf {shares[math.inf]:.3f}")
assert abs(shares[1] - 0.5) < 0.005 and abs(shares[2] - math.pi / 4) < 0.005 and shares[math.inf] == 1

# 6. Gradient clipping by the global norm -------------------------------------------------------------
grads = [rng.standard_normal((4, 3)) * 5, rng.standard_normal(3) * 0.1, rng.standard_normal((2, 2)) * 2]
flat = np.concatenate([g.ravel() for g in grads])
c_max = 1.0
total = norm(flat, 2)  # the global norm: one L2 norm over every parameter's gradient
clipped = [g * min(1.0, c_max / total) for g in grads]
flat_c = np.concatenate([g.ravel() for g in clipped])
cos_global = flat @ flat_c / (norm(flat, 2) * norm(flat_c, 2))
per_tensor = np.concatenate([(g * min(1.0, c_max / norm(g.ravel(), 2))).ravel() for g in grads])
cos_per = flat @ per_tensor / (norm(flat, 2) * norm(per_tensor, 2))
print(f"global norm {total:.3f} clipped to {norm(flat_c, 2):.3f}: cosine with the original {cos_global:.6f}; "
      f"clipping each tensor to 1 instead: cosine {cos_per:.4f}")
assert math.isclose(norm(flat_c, 2), c_max) and math.isclose(cos_global, 1.0)
assert abs(cos_per - 0.8208) < 1e-4
small = [g * 0.001 for g in grads]
assert all(np.array_equal(g * min(1.0, c_max / norm(np.concatenate([h.ravel() for h in small]), 2)), g) for g in small)

# 7. L1 against L2 penalties ------------------------------------------------------------------------
z = np.array([3.0, 0.5, -0.2, 1.2])
alpha = 1.0
# minimise (w - z)^2 / 2 + alpha |w| per coordinate: soft thresholding
w_l1 = np.sign(z) * np.maximum(np.abs(z) - alpha, 0) + 0.0  # + 0.0 turns -0.0 into 0.0
# minimise (w - z)^2 / 2 + alpha w^2 / 2 per coordinate: uniform shrinking
w_l2 = z / (1 + alpha)
grid = np.linspace(-4, 4, 800_001)
for zi, a1, a2 in zip(z, w_l1, w_l2):
    assert abs(grid[np.argmin((grid - zi) ** 2 / 2 + alpha * np.abs(grid))] - a1) < 2e-5
    assert abs(grid[np.argmin((grid - zi) ** 2 / 2 + alpha * grid**2 / 2)] - a2) < 2e-5
print(f"z = {z}: L1 penalty gives {w_l1} ({int(np.sum(w_l1 == 0))} exact zeros), L2 penalty gives {w_l2} (none)")
assert np.allclose(w_l1, [2.0, 0.0, 0.0, 0.2]) and np.sum(w_l1 == 0) == 2 and np.all(w_l2 != 0)
# weight decay: the gradient of (lam/2)||w||^2 is lam w, so each step multiplies w by (1 - eta lam)
eta, lam = 0.1, 0.01
w = np.array([1.0, -2.0])
step = w - eta * lam * w
assert np.allclose(step, (1 - eta * lam) * w)
print(f"weight decay, eta = {eta}, lambda = {lam}: each step multiplies w by {1 - eta * lam}")

print("OK: Lp norms for p >= 1 satisfy the axioms, p = 1/2 does not; Cauchy-Schwarz; the norm chain; "
      "global-norm clipping keeps direction; L1 gives exact zeros")
