"""Witness for the regularization notebook.

Checks what the Math section says, in the same order:

1. ridge regression: the closed form (X^T X + lambda I)^(-1) X^T y is where the gradient of the
   penalized loss vanishes, and gradient descent on that loss is weight decay: every step first
   multiplies the weights by (1 - 2 eta lambda);
2. with orthonormal inputs (X^T X = N I) ridge multiplies every least-squares coefficient by
   N / (N + lambda), and its expected in-sample error is
   sigma^2 + (lambda / (N + lambda))^2 S + (N / (N + lambda))^2 p sigma^2 / N, lowest at
   lambda* = p sigma^2 / S; checked by simulation at N = 50, p = 40, S = 1, sigma^2 = 1,
   where least squares has error 1.8 and the best ridge 13/9 = 1.444;
3. the L1 penalty (lasso): with orthonormal inputs it soft-thresholds, setting small
   coefficients exactly to 0, and on a correlated design solved by coordinate descent it
   still returns exact zeros where ridge returns none.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(2)

# 1. Ridge: closed form, and gradient descent = weight decay ---------------------------------
N, p, lam = 60, 8, 5.0
X = rng.normal(size=(N, p))
y = X @ rng.normal(size=p) + rng.normal(size=N)


def penalized_loss(w, lam):
    return np.sum((y - X @ w) ** 2) + lam * np.sum(w**2)


w_ridge = np.linalg.solve(X.T @ X + lam * np.eye(p), X.T @ y)
grad = -2 * X.T @ (y - X @ w_ridge) + 2 * lam * w_ridge
print(f"ridge closed form: |gradient of penalized loss| = {np.linalg.norm(grad):.1e}")
assert np.linalg.norm(grad) < 1e-9

eta = 1e-3
w = np.zeros(p)
for t in range(20000):
    g_data = -2 * X.T @ (y - X @ w)  # gradient of the data term alone
    w_next = w - eta * (g_data + 2 * lam * w)  # gradient step on the penalized loss
    decayed = (1 - 2 * eta * lam) * w - eta * g_data  # shrink first, then the data step
    assert np.allclose(w_next, decayed, rtol=0, atol=1e-12)
    w = w_next
print(f"gradient descent with decay factor 1 - 2 eta lambda = {1 - 2 * eta * lam:.3f}: "
      f"distance to the closed form {np.linalg.norm(w - w_ridge):.1e}")
assert np.linalg.norm(w - w_ridge) < 1e-8
w_ols = np.linalg.solve(X.T @ X, X.T @ y)
print(f"|w| least squares {np.linalg.norm(w_ols):.4f} > ridge {np.linalg.norm(w_ridge):.4f}")
assert np.linalg.norm(w_ridge) < np.linalg.norm(w_ols)

# 2. Orthonormal inputs: shrinkage factor and the bias-variance curve ---------------------------
N, p, S, s2 = 50, 40, 1.0, 1.0
Q, _ = np.linalg.qr(rng.normal(size=(N, p)))
X = math.sqrt(N) * Q  # X^T X = N I
assert np.allclose(X.T @ X, N * np.eye(p))
theta = rng.normal(size=p)
theta *= math.sqrt(S) / np.linalg.norm(theta)  # signal power |theta|^2 = S
f = X @ theta


def err(lam, N=N, p=p, S=S, s2=s2):
    """Expected in-sample error of ridge with orthonormal inputs: noise + bias^2 + variance."""
    s = N / (N + lam)  # shrinkage factor
    return s2 + (1 - s) ** 2 * S + s**2 * p * s2 / N


lam_star = p * s2 / S
R = 20000
eps = math.sqrt(s2) * rng.normal(size=(R, N))
eps0 = math.sqrt(s2) * rng.normal(size=(R, N))
W_ols = (f + eps) @ X / N  # least squares with X^T X = N I, one row per data set
print(f"orthonormal inputs, N = {N}, p = {p}, |theta|^2 = S = {S:g}, sigma^2 = {s2:g}, {R} data sets")
print("  lambda   shrink N/(N+lambda)   error (simulated)   formula")
for lam in (0.0, 10.0, lam_star, 100.0, 400.0):
    W = np.linalg.solve(X.T @ X + lam * np.eye(p), X.T @ (f + eps).T).T
    assert np.allclose(W, W_ols * N / (N + lam))  # every coefficient shrunk by the same factor
    sim = np.mean((f + eps0 - W @ X.T) ** 2)
    print(f"  {lam:6.1f}   {N / (N + lam):.4f}                {sim:.4f}              {err(lam):.4f}")
    assert abs(sim - err(lam)) / err(lam) < 0.01
print(f"best lambda* = p sigma^2 / S = {lam_star:g}: error {err(lam_star):.4f} "
      f"against least squares {err(0):.4f}")
assert lam_star == 40 and math.isclose(err(0), 1.8) and math.isclose(err(lam_star), 13 / 9)
# The slope at lambda = 0 is negative: a little ridge always helps in this setting.
h = 1e-6
assert (err(h) - err(0)) / h < 0
assert all(err(lam_star) < err(l) for l in (20.0, 30.0, 50.0, 80.0))
print(f"double the signal (S = 2): lambda* = {p * s2 / 2:g}, error {err(p * s2 / 2, S=2):.4f} "
      f"against least squares {err(0, S=2):.4f}")
assert math.isclose(err(20, S=2), 1 + 2 * 0.8 / 2.8)
assert all(err(20, S=2) < err(l, S=2) for l in (10.0, 15.0, 25.0, 40.0))

# 3. The L1 penalty: exact zeros ----------------------------------------------------------------
def soft(z, a):
    return np.sign(z) * np.maximum(np.abs(z) - a, 0.0)


# Orthonormal inputs: minimise |y - Xw|^2 / 2 + alpha |w|_1; the solution soft-thresholds z = X^T y / N.
theta_sparse = np.zeros(p)
theta_sparse[:5] = [2.0, -1.5, 1.0, 0.8, -0.6]
y = X @ theta_sparse + rng.normal(size=N)
z = X.T @ y / N
alpha = 0.3 * N
w_l1 = soft(z, alpha / N)


def l1_obj(w):
    return 0.5 * np.sum((y - X @ w) ** 2) + alpha * np.sum(np.abs(w))


# No small move of any coordinate improves the objective: it is the minimiser.
for j in range(p):
    for d in (1e-4, -1e-4):
        w2 = w_l1.copy()
        w2[j] += d
        assert l1_obj(w2) >= l1_obj(w_l1) - 1e-12
print(f"lasso, orthonormal inputs: {np.sum(w_l1 != 0)} of {p} coefficients nonzero "
      f"(the true model has 5); ridge with the same inputs keeps all {p}")
ridge_orth = z * N / (N + alpha)  # ridge with the same inputs: shrinks, never zeroes
assert np.sum(w_l1 != 0) == 6 and np.all(w_l1[:3] != 0) and np.all(ridge_orth != 0)

# Correlated inputs, coordinate descent for the lasso.
N3, p3 = 100, 30
Z = rng.normal(size=(N3, p3))
X3 = Z + 0.8 * Z[:, [0]]  # every column shares a common component: correlated
beta3 = np.zeros(p3)
beta3[[1, 4, 7]] = [3.0, -2.0, 1.5]
y3 = X3 @ beta3 + rng.normal(size=N3)
alpha3 = 40.0
w3 = np.zeros(p3)
col2 = np.sum(X3**2, axis=0)
for sweep in range(500):
    for j in range(p3):
        r_j = y3 - X3 @ w3 + X3[:, j] * w3[j]  # residual without coordinate j
        w3[j] = soft(X3[:, j] @ r_j, alpha3) / col2[j]
ridge3 = np.linalg.solve(X3.T @ X3 + alpha3 * np.eye(p3), X3.T @ y3)
# Check optimality (subgradient conditions): |x_j . r| <= alpha where w_j = 0, = alpha sign(w_j) elsewhere.
r = y3 - X3 @ w3
c = X3.T @ r
assert np.all(np.abs(c[w3 == 0]) <= alpha3 + 1e-8)
assert np.allclose(c[w3 != 0], alpha3 * np.sign(w3[w3 != 0]), atol=1e-6)
nz = np.flatnonzero(w3)
print(f"lasso, correlated inputs (alpha = {alpha3:g}): nonzero coefficients {[int(j) for j in nz]}, "
      f"the true ones are [1, 4, 7]; ridge zeros: {int(np.sum(ridge3 == 0))} of {p3}")
assert [int(j) for j in nz] == [1, 4, 7, 20] and np.all(ridge3 != 0)
print("all checks passed")
