"""Witness for the normalizing-flows notebook.

Checks what the Math section says, in the same order:

1. change of variables in one dimension: with z = f(x) = x + a tanh x and z ~ N(0, 1),
   p_x(x) = N(f(x); 0, 1) |f'(x)| integrates to 1 for every a > -1, the analytic f' matches a
   central difference, samples pushed through the inverse land on p_x, and a is recovered by
   maximum likelihood; for a < -1 the map folds and the same formula integrates to more than 1;
2. the exact likelihood against the VAE's bound on the linear-Gaussian toy of that notebook;
3. an affine coupling layer (RealNVP): its Jacobian, measured by central differences, is
   block-triangular with log|det| equal to the sum of its log-scales; it inverts exactly;
4. a stack of coupling layers: log-determinants add, and the 2-D density integrates to 1;
5. a planar flow (Rezende & Mohamed): det = 1 + u^T psi(z) against the numerical Jacobian.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
LOG_2PI = math.log(2 * math.pi)


def log_normal(z):
    """log N(z; 0, I), summed over the last axis when z is a vector."""
    z = np.asarray(z, dtype=float)
    return -0.5 * (z**2 + LOG_2PI)


# 1. One dimension: z = f(x) = x + a tanh x ----------------------------------------------------


def f(x, a):
    return x + a * np.tanh(x)


def f_prime(x, a):
    return 1 + a / np.cosh(x) ** 2


def log_px(x, a):
    """Change of variables: log p_x(x) = log p_z(f(x)) + log |f'(x)|."""
    return log_normal(f(x, a)) + np.log(np.abs(f_prime(x, a)))


def f_inverse(z, a, iters=200):
    """Invert the increasing map f by bisection (a > -1): no closed form is needed."""
    lo, hi = np.full_like(z, -50.0), np.full_like(z, 50.0)
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        go_right = f(mid, a) < z
        lo, hi = np.where(go_right, mid, lo), np.where(go_right, hi, mid)
    return 0.5 * (lo + hi)


x = np.linspace(-12, 12, 240_001)
dx = x[1] - x[0]
h = 1e-5
for a in (-0.9, -0.5, 0.0, 1.0, 3.0):
    total = float(np.exp(log_px(x, a)).sum() * dx)
    fd = (f(x + h, a) - f(x - h, a)) / (2 * h)
    err = float(np.max(np.abs(fd - f_prime(x, a))))
    print(f"a = {a:+.1f}: integral of p_x = {total:.8f}, max |f' - central difference| = {err:.1e}")
    assert abs(total - 1) < 1e-6 and err < 2e-10
a = -0.9
p0 = math.exp(float(log_px(np.array(0.0), a)))
print(f"a = -0.9: f(0) = 0, p_z(0) = {math.exp(log_normal(0.0)):.4f}, f'(0) = {f_prime(0.0, a):.2f}, "
      f"so p_x(0) = {p0:.4f}")
assert round(p0, 4) == 0.0399
# Where the data density peaks: the bump sits where f' recovers.
grid = np.linspace(0, 4, 40_001)
peak = float(grid[np.argmax(np.exp(log_px(grid, a)))])
print(f"  peaks of p_x at x = +/-{peak:.2f}, height {math.exp(float(log_px(np.array(peak), a))):.3f}")
assert round(peak, 2) == 1.37 and round(math.exp(float(log_px(np.array(peak), a))), 3) == 0.268
# a = 3 stretches the middle instead: the density narrows and its top is (1 + a) p_z(0) at x = 0.
top3 = np.exp(log_px(grid, 3.0))
print(f"a = +3.0: p_x(0) = 4 x 0.399 = {top3[0]:.3f}, the highest point of the curve")
assert np.argmax(top3) == 0 and round(float(top3[0]), 3) == 1.596
# Sampling runs the flow backwards: z ~ N(0, 1), x = f^{-1}(z).
z = rng.standard_normal(200_000)
xs = f_inverse(z, a)
assert np.max(np.abs(f(xs, a) - z)) < 1e-12
hist, edges = np.histogram(xs, bins=80, range=(-4, 4), density=True)
mids = 0.5 * (edges[1:] + edges[:-1])
gap = float(np.max(np.abs(hist - np.exp(log_px(mids, a)))))
print(f"  200,000 samples x = f^-1(z): histogram within {gap:.3f} of p_x")
assert round(gap, 3) <= 0.007
# Training: maximum likelihood over a recovers the a that made the data.
data = xs[:5000]
a_grid = np.round(np.arange(-0.99, 3.0001, 0.01), 2)
avg_ll = np.array([log_px(data, ai).mean() for ai in a_grid])
a_hat = float(a_grid[np.argmax(avg_ll)])
print(f"  maximum likelihood on 5,000 samples: a = {a_hat:+.2f} "
      f"(average log-likelihood {avg_ll.max():.4f} nats; a = 0, the plain Gaussian, gives "
      f"{avg_ll[a_grid == 0][0]:.4f})")
assert abs(a_hat - a) <= 0.03 and a_hat == -0.91
assert (round(float(avg_ll.max()), 3), round(float(avg_ll[a_grid == 0][0]), 3)) == (-1.766, -2.384)
# Past a = -1 the map folds: f' < 0 near 0, three x share one z, and the formula overcounts.
a_bad = -1.5
total_bad = float(np.exp(log_px(x, a_bad)).sum() * dx)
print(f"a = -1.5: f'(0) = {f_prime(0.0, a_bad):.1f} < 0, integral of the formula = {total_bad:.3f} > 1")
assert f_prime(0.0, a_bad) < 0 and total_bad > 1.05 and round(total_bad, 3) == 1.329

# 2. Exact likelihood against the VAE's bound --------------------------------------------------
# The VAE notebook's toy: z ~ N(0, 1), x | z ~ N(z, 1), so x ~ N(0, 2). A one-layer flow
# z = x / sqrt(2) gives log p(x) exactly; the ELBO with encoder N(m, s^2) stays below it.
x0 = 2.0
flow_ll = float(log_normal(x0 / math.sqrt(2))) + math.log(1 / math.sqrt(2))
exact = -0.5 * math.log(4 * math.pi) - x0**2 / 4
m, s = 1.0, 1.0
elbo = (-0.5 * (LOG_2PI + (x0 - m) ** 2 + s**2)) - (-0.5 * (1 + math.log(s**2) - m**2 - s**2))
print(f"x = 2: flow log p(x) = {flow_ll:.4f} = exact {exact:.4f}; VAE ELBO (m = 1, s = 1) = {elbo:.4f}, "
      f"gap {exact - elbo:.3f} nats")
assert math.isclose(flow_ll, exact, abs_tol=1e-14) and round(exact, 3) == -2.266
assert round(exact - elbo, 3) == 0.153

# 3. An affine coupling layer ------------------------------------------------------------------
D, d = 4, 2
W1, b1 = rng.normal(0, 0.8, (d, 16)), rng.normal(0, 0.3, 16)
Ws, Wt = rng.normal(0, 0.5, (16, D - d)), rng.normal(0, 0.5, (16, D - d))


def s_t(x1):
    """The scale and shift networks: any functions of the first half (one tanh layer here)."""
    hid = np.tanh(x1 @ W1 + b1)
    return np.tanh(hid @ Ws), hid @ Wt  # log-scales bounded in (-1, 1)


def coupling(xv):
    x1, x2 = xv[..., :d], xv[..., d:]
    s, t = s_t(x1)
    y = np.concatenate([x1, x2 * np.exp(s) + t], axis=-1)
    return y, s.sum(axis=-1)  # log|det J| = sum of the log-scales


def coupling_inverse(yv):
    y1, y2 = yv[..., :d], yv[..., d:]
    s, t = s_t(y1)  # y1 = x1, so s and t are recomputed, never inverted
    return np.concatenate([y1, (y2 - t) * np.exp(-s)], axis=-1)


def jacobian(fn, xv, eps=1e-6):
    J = np.empty((len(xv), len(xv)))
    for j in range(len(xv)):
        e = np.zeros(len(xv))
        e[j] = eps
        J[:, j] = (fn(xv + e) - fn(xv - e)) / (2 * eps)
    return J


xv = rng.standard_normal(D)
y, logdet = coupling(xv)
J = jacobian(lambda v: coupling(v)[0], xv)
sign, logdet_num = np.linalg.slogdet(J)
print(f"coupling layer, D = {D}: log|det J| by central differences = {logdet_num:.10f}, "
      f"sum of log-scales = {logdet:.10f}")
print("  Jacobian (rounded):\n" + "\n".join("   " + " ".join(f"{v:+.3f}" for v in row) for row in J))
assert sign > 0 and abs(logdet_num - logdet) < 1e-8 and round(float(logdet), 4) == 1.3532
assert np.all(J[:d, d:] == 0) and np.allclose(J[:d, :d], np.eye(d))  # block-triangular
s_here, _ = s_t(xv[:d])
assert np.allclose(np.diag(J)[d:], np.exp(s_here), atol=1e-8)
X = rng.standard_normal((10_000, D))
round_trip = float(np.max(np.abs(coupling_inverse(coupling(X)[0]) - X)))
print(f"  inverse on 10,000 points: max |x - f^-1(f(x))| = {round_trip:.1e}")
assert round_trip < 1e-14

# 4. A stack of coupling layers in 2-D ----------------------------------------------------------
K = 4
layers = [(rng.normal(0, 1.0, 8), rng.normal(0, 0.5, 8), rng.normal(0, 0.6, 8), rng.normal(0, 0.8, 8))
          for _ in range(K)]


def layer_2d(v, k):
    """Coupling on (v0, v1); odd layers swap which coordinate is kept."""
    w, b, ws, wt = layers[k]
    keep, move = (v[..., 0], v[..., 1]) if k % 2 == 0 else (v[..., 1], v[..., 0])
    hid = np.tanh(keep[..., None] * w + b)
    s, t = 0.5 * np.tanh(hid @ ws), hid @ wt  # log-scales in (-0.5, 0.5)
    moved = move * np.exp(s) + t
    out = np.stack([keep, moved], axis=-1) if k % 2 == 0 else np.stack([moved, keep], axis=-1)
    return out, s


def flow_2d(v):
    total = np.zeros(v.shape[:-1])
    for k in range(K):
        v, s = layer_2d(v, k)
        total = total + s
    return v, total


v0 = np.array([0.7, -1.3])
_, ld = flow_2d(v0)
Jf = jacobian(lambda u: flow_2d(u)[0], v0)
per_layer = []
u = v0.copy()
for k in range(K):
    per_layer.append(np.linalg.slogdet(jacobian(lambda w_, k=k: layer_2d(w_, k)[0], u))[1])
    u, _ = layer_2d(u, k)
print(f"stack of {K} couplings: log|det| of the whole Jacobian = {np.linalg.slogdet(Jf)[1]:.8f}, "
      f"sum over layers = {sum(per_layer):.8f}, sum of log-scales = {ld:.8f}")
assert abs(np.linalg.slogdet(Jf)[1] - ld) < 1e-7 and abs(sum(per_layer) - ld) < 1e-7
assert round(float(ld), 4) == 0.2208
g = np.linspace(-20, 20, 1001)
G = np.stack(np.meshgrid(g, g, indexing="ij"), axis=-1)
zg, ldg = flow_2d(G)
density = np.exp(log_normal(zg).sum(axis=-1) + ldg)
mass = float(density.sum() * (g[1] - g[0]) ** 2)
print(f"  the 2-D density p_z(f(x)) |det J| on a 1,001 x 1,001 grid over [-20, 20]^2 integrates to {mass:.6f} (off by {abs(mass - 1):.1e})")
assert abs(mass - 1) < 1e-10

# 5. A planar flow (Rezende & Mohamed) ----------------------------------------------------------
Dp = 3
u_, w_, b_ = rng.normal(size=Dp), rng.normal(size=Dp), 0.3
u_ = u_ + ((-1 + np.log1p(np.exp(w_ @ u_))) - w_ @ u_) * w_ / (w_ @ w_)  # make w^T u >= -1


def planar(zv):
    return zv + u_ * np.tanh(w_ @ zv + b_)


zv = rng.standard_normal(Dp)
psi = (1 - np.tanh(w_ @ zv + b_) ** 2) * w_
det_formula = 1 + u_ @ psi
det_num = np.linalg.det(jacobian(planar, zv))
print(f"planar flow, D = {Dp}: det by the formula 1 + u^T psi = {det_formula:.10f}, "
      f"numerical = {det_num:.10f}; w^T u = {w_ @ u_:.3f} >= -1")
assert abs(det_formula - det_num) < 1e-8 and w_ @ u_ >= -1 and round(float(det_formula), 4) == 1.0927
# The 1-D map of section 1 is a planar flow with u = a, w = 1, b = 0.
assert np.allclose(f(x[:5], -0.9), x[:5] + (-0.9) * np.tanh(1.0 * x[:5] + 0.0))

print("OK: change of variables gives a density that integrates to 1 exactly when the map is "
      "invertible; coupling layers have triangular Jacobians with log|det| = sum of log-scales; "
      "log-determinants add through a stack")
