"""Witness for the logistic-regression notebook.

Checks what the Math section says, in the same order:

1. the sigmoid: sigma(-z) = 1 - sigma(z), its inverse is the log-odds, sigma' = sigma (1 - sigma);
2. the negative log-likelihood of one label is the binary cross-entropy, log(1 + e^z) - y z, which is
   the logistic loss log(1 + e^{-s z}) of the signed label s = 2y - 1;
3. the gradient of the average loss is X^T (sigma(X w) - y) / n (against finite differences);
4. the loss is convex: the Hessian X^T S X / n has no negative eigenvalue, and the loss lies below
   every chord;
5. on overlapping classes, gradient descent and Newton's method reach the same finite w_hat, where
   the predicted probabilities add up to the number of ones;
6. on separable data (the demo's five points with the fifth at a = 1) the loss has no minimum: its
   slope is negative everywhere, gradient descent lowers it towards 0 and the weight grows by
   ln 10 per tenfold more steps; with the fifth point at a = -1 the minimum is finite.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def sigmoid(z):
    """sigma(z) = 1 / (1 + e^{-z}), computed without overflow for either sign."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def softplus(z):
    """log(1 + e^z), stable for large |z|."""
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


# 1. The sigmoid ---------------------------------------------------------------------------------
z = np.linspace(-30, 30, 601)
p = sigmoid(z)
h = 1e-5
dsig = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
assert np.allclose(sigmoid(-z), 1 - p, atol=1e-15)
mid = np.abs(z) <= 15  # where p / (1 - p) is not rounded away in float64
assert np.allclose(np.log(p[mid] / (1 - p[mid])), z[mid], atol=1e-9)
assert np.allclose(dsig, p * (1 - p), atol=1e-10)
print(f"sigma(0) = {float(sigmoid(0.0))}, sigma(2) = {float(sigmoid(2.0)):.4f}, sigma(-2) = {float(sigmoid(-2.0)):.4f};"
      f" largest slope sigma'(0) = {float(sigmoid(0.0) * (1 - sigmoid(0.0)))}")
assert math.isclose(float(sigmoid(2.0)), 0.8808, abs_tol=1e-4)
slope = p * (1 - p)
assert slope.max() == 0.25 and z[int(np.argmax(slope))] == 0.0  # largest slope, at z = 0

# 2. Negative log-likelihood = binary cross-entropy = logistic loss of the margin ------------------
for y in (0.0, 1.0):
    nll = -(y * np.log(p[mid]) + (1 - y) * np.log(1 - p[mid]))
    assert np.allclose(nll, softplus(z[mid]) - y * z[mid], atol=1e-9)
    s = 2 * y - 1
    assert np.allclose(nll, softplus(-s * z[mid]), atol=1e-9)
print(f"loss of a one at score z: z = -2 -> {float(softplus(2.0)):.4f}, z = 0 -> {math.log(2):.4f},"
      f" z = 2 -> {float(softplus(-2.0)):.4f} nats")
assert np.allclose([softplus(2.0), math.log(2), softplus(-2.0)], [2.1269, 0.6931, 0.1269], atol=1e-4)

# 3. Data with overlapping classes, and the gradient -------------------------------------------------
n = 200
labels = (np.arange(n) >= n // 2).astype(float)  # 100 zeros, then 100 ones
features = rng.normal(size=(n, 2)) + np.where(labels[:, None] == 1, [1.0, 0.5], [-1.0, -0.5])
X = np.column_stack([np.ones(n), features])  # intercept column first; d = 3
y = labels


def J(w):
    """Average cross-entropy (1/n) sum_i [log(1 + e^{z_i}) - y_i z_i], z = X w."""
    zz = X @ w
    return float(np.mean(softplus(zz) - y * zz))


def grad_J(w):
    """(1/n) X^T (sigma(X w) - y)."""
    return X.T @ (sigmoid(X @ w) - y) / n


w_test = rng.normal(size=3)
fd = np.array([(J(w_test + h * e) - J(w_test - h * e)) / (2 * h) for e in np.eye(3)])
print(f"gradient X^T(sigma(Xw) - y)/n = {np.round(grad_J(w_test), 6).tolist()};"
      f" finite differences = {np.round(fd, 6).tolist()}")
assert np.abs(fd - grad_J(w_test)).max() < 1e-8

# 4. Convexity ---------------------------------------------------------------------------------------
min_eig = math.inf
for w in rng.normal(scale=3.0, size=(100, 3)):
    q = sigmoid(X @ w)
    H = (X * (q * (1 - q))[:, None]).T @ X / n  # X^T S X / n, S = diag(sigma (1 - sigma))
    min_eig = min(min_eig, float(np.linalg.eigvalsh(H).min()))
chord_gap = math.inf
for _ in range(1_000):
    a, b = rng.normal(scale=3.0, size=(2, 3))
    t = rng.uniform()
    chord_gap = min(chord_gap, t * J(a) + (1 - t) * J(b) - J(t * a + (1 - t) * b))
print(f"smallest Hessian eigenvalue over 100 random w = {min_eig:.2e} (>= 0);"
      f" smallest chord-minus-curve gap over 1,000 chords = {chord_gap:.2e} (>= 0)")
assert min_eig >= 0 and chord_gap >= -1e-12

# 5. A finite optimum when the classes overlap ---------------------------------------------------------
w = np.zeros(3)
for t in range(20_000):
    w = w - 1.0 * grad_J(w)
w_gd = w
w = np.zeros(3)
for t in range(8):  # Newton's method: w <- w - H^{-1} grad
    q = sigmoid(X @ w)
    H = (X * (q * (1 - q))[:, None]).T @ X / n
    w = w - np.linalg.solve(H, grad_J(w))
w_newton = w
acc = float(np.mean((X @ w_newton > 0) == (y == 1)))
print(f"overlapping classes: gradient descent w = {np.round(w_gd, 4).tolist()}, Newton (8 steps) w ="
      f" {np.round(w_newton, 4).tolist()}; loss {J(w_newton):.4f} nats, |w| = {np.linalg.norm(w_newton):.3f},"
      f" training accuracy {acc:.3f}")
print(f"  at the optimum: sum of predicted probabilities = {sigmoid(X @ w_newton).sum():.6f}, number of ones = {y.sum():.0f}")
assert np.abs(w_gd - w_newton).max() < 1e-6 and np.linalg.norm(grad_J(w_newton)) < 1e-12
assert np.allclose(w_newton, [0.1194, 2.104, 0.6974], atol=5e-4) and math.isclose(J(w_newton), 0.3247, abs_tol=1e-4)
assert acc == 0.88
assert math.isclose(float(sigmoid(X @ w_newton).sum()), float(y.sum()), abs_tol=1e-9)


# 6. Separable data: the demo's five points --------------------------------------------------------------
def demo_loss(w, a):
    """Average loss of the five points: zeros at x = -2, -1; ones at x = 1, 2 and at x = a (no intercept)."""
    return float(2 * softplus(-w) + 2 * softplus(-2 * w) + softplus(-a * w)) / 5


def demo_slope(w, a):
    return float(-2 * sigmoid(-w) - 4 * sigmoid(-2 * w) - a * sigmoid(-a * w)) / 5


grid = np.linspace(-1, 8, 901)
print(f"at w = 0 every point gets probability 1/2 and the loss is ln 2 = {demo_loss(0.0, 1.0):.4f} for any a")
assert all(math.isclose(demo_loss(0.0, a), math.log(2)) for a in (-2.0, -1.0, 0.0, 1.0, 2.0))
assert max(demo_slope(w, 1.0) for w in grid) < 0  # a = 1: downhill everywhere, no minimum
print(f"a = 1 (separable): slope < 0 at all 901 grid points; loss at w = 2, 4, 8: "
      f"{demo_loss(2, 1):.4f}, {demo_loss(4, 1):.4f}, {demo_loss(8, 1):.5f}")
assert math.isclose(demo_loss(8.0, 1.0), 2.0e-4, rel_tol=0.01)
assert math.isclose(demo_loss(2.0, 1.0), 0.0834, abs_tol=1e-4) and math.isclose(demo_loss(4.0, 1.0), 0.0110, abs_tol=1e-4)

w, marks, at = 0.0, (100, 1_000, 10_000, 100_000), {}
for t in range(1, 100_001):
    w -= 1.0 * demo_slope(w, 1.0)
    if t in marks:
        at[t] = (w, demo_loss(w, 1.0))
print("gradient descent with eta = 1 on the separable set:")
for t in marks:
    print(f"  step {t:>7,}: w = {at[t][0]:.3f}, loss = {at[t][1]:.2e}")
steps_up = [at[marks[i + 1]][0] - at[marks[i]][0] for i in range(3)]
print(f"  w gains {', '.join(f'{g:.3f}' for g in steps_up)} per tenfold more steps (ln 10 = {math.log(10):.3f})")
assert abs(steps_up[-1] - math.log(10)) < 0.01 and math.isclose(at[100_000][0], 11.0, abs_tol=0.01)
assert np.allclose([at[t][0] for t in marks], [4.157, 6.406, 8.701, 11.002], atol=5e-4)
assert np.allclose([at[t][1] for t in marks], [9.42e-3, 9.92e-4, 9.99e-5, 1.00e-5], rtol=5e-3)
assert math.isclose(at[100_000][1], 1.0e-5, rel_tol=0.01) and math.isclose(at[10_000][1], 1.0e-4, rel_tol=0.01)

# a = -1: a one sits among the zeros, the data overlap, and the minimum is finite.
lo, hi = 0.0, 8.0
assert demo_slope(lo, -1.0) < 0 < demo_slope(hi, -1.0)
for _ in range(100):
    m = (lo + hi) / 2
    lo, hi = (m, hi) if demo_slope(m, -1.0) < 0 else (lo, m)
w_star = (lo + hi) / 2
w = 0.0
for t in range(5_000):
    w -= 1.0 * demo_slope(w, -1.0)
print(f"a = -1 (overlap): minimum at w* = {w_star:.4f} with loss {demo_loss(w_star, -1.0):.4f};"
      f" gradient descent from 0 reaches {w:.4f}")
assert abs(w - w_star) < 1e-9
assert math.isclose(w_star, 1.2240, abs_tol=1e-4) and math.isclose(demo_loss(w_star, -1.0), 0.4326, abs_tol=1e-4)
# a = 0: the fifth point sits on the boundary and costs ln 2 forever.
print(f"a = 0: loss at w = 8 is {demo_loss(8.0, 0.0):.4f}, approaching ln(2)/5 = {math.log(2) / 5:.4f} from above")
assert 0 < demo_loss(8.0, 0.0) - math.log(2) / 5 < 2e-4
print("all claims hold")
