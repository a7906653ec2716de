"""Witness for the linear-regression notebook.

Checks what the Math section says, in the same order:

1. the normal equations X^T X w = X^T y give the least-squares weights, the same as NumPy's
   independent least-squares solver, and the gradient X^T (X w - y) is zero there;
2. the projection picture: the residual is orthogonal to every column of X (so with an intercept
   column the residuals sum to 0), the fitted values are P y with P = X (X^T X)^{-1} X^T a
   projection (P^2 = P, P^T = P), and |y|^2 = |y_hat|^2 + |r|^2;
3. the loss is a quadratic bowl around w_hat: L(w) = L(w_hat) + (w - w_hat)^T X^T X (w - w_hat) / 2;
4. Gaussian maximum likelihood: gradient ascent on the log-likelihood over (w, log sigma^2) lands on
   the least-squares w_hat and on sigma^2 = RSS / n;
5. gradient descent on the loss reaches the same w_hat when eta < 2 / lambda_max of X^T X;
6. the descent lab's bowl (x^2 + 10 y^2) / 2 is the least-squares loss of two orthogonal feature
   columns of squared lengths 1 and 10, measured from the solution; from (-2, 0.8) with eta = 0.15
   the steep weight settles first.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# The data: five points (x_i, y_i); the model y ~ w_0 + w_1 x, so X has a column of ones.
x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
y = np.array([1.0, 2.0, 4.0, 5.0, 8.0])
n = len(y)
X = np.column_stack([np.ones(n), x])  # n x d with d = 2


def L(w):
    """Least-squares loss L(w) = |X w - y|^2 / 2."""
    r = X @ w - y
    return 0.5 * float(r @ r)


def grad_L(w):
    """Gradient of L: X^T (X w - y)."""
    return X.T @ (X @ w - y)


# 1. Normal equations ------------------------------------------------------------------------
XtX = X.T @ X
Xty = X.T @ y
w_hat = np.linalg.solve(XtX, Xty)  # X^T X w = X^T y
w_lstsq = np.linalg.lstsq(X, y, rcond=None)[0]  # NumPy's SVD-based solver, no normal equations
print(f"X^T X = {XtX.tolist()}, X^T y = {Xty.tolist()}")
print(f"normal equations: w_hat = (w_0, w_1) = ({w_hat[0]:.4f}, {w_hat[1]:.4f}); lstsq gives "
      f"({w_lstsq[0]:.4f}, {w_lstsq[1]:.4f}); |gradient| there = {np.linalg.norm(grad_L(w_hat)):.1e}")
assert np.allclose(w_hat, w_lstsq, atol=1e-12)
assert np.allclose(w_hat, [0.6, 1.7])
assert np.linalg.norm(grad_L(w_hat)) < 1e-12
RSS = 2 * L(w_hat)
print(f"residual sum of squares RSS = {RSS:.4f}")
assert math.isclose(RSS, 1.1, abs_tol=1e-12)
# Any other weights fit worse: 1,000 random perturbations all raise the loss.
others = w_hat + rng.normal(scale=0.5, size=(1_000, 2))
assert all(L(w) > L(w_hat) for w in others)

# 2. The projection picture ------------------------------------------------------------------
y_hat = X @ w_hat
r = y - y_hat
P = X @ np.linalg.inv(XtX) @ X.T
print(f"fitted y_hat = {np.round(y_hat, 4).tolist()}, residual r = {np.round(r, 4).tolist()}")
print(f"X^T r = {np.round(X.T @ r, 14).tolist()} (residual . each column), sum of residuals = {r.sum():.1e}")
print(f"|y|^2 = {y @ y:.4f} = |y_hat|^2 + |r|^2 = {y_hat @ y_hat:.4f} + {r @ r:.4f}")
assert np.abs(X.T @ r).max() < 1e-12 and abs(r.sum()) < 1e-12
assert np.allclose(P @ y, y_hat) and np.allclose(P @ P, P) and np.allclose(P, P.T)
assert math.isclose(y @ y, y_hat @ y_hat + r @ r, rel_tol=1e-12)
assert math.isclose(float(y @ y), 110.0) and math.isclose(float(y_hat @ y_hat), 108.9)

# 3. The loss is a bowl centred on w_hat, shaped by X^T X --------------------------------------
gaps = []
for w in rng.normal(scale=3.0, size=(100, 2)):
    e = w - w_hat
    gaps.append(abs(L(w) - (L(w_hat) + 0.5 * e @ XtX @ e)))
lam = np.linalg.eigvalsh(XtX)
print(f"L(w) - [L(w_hat) + (w - w_hat)^T X^T X (w - w_hat)/2] over 100 random w: max |gap| = {max(gaps):.1e};"
      f" eigenvalues of X^T X = {np.round(lam, 4).tolist()}")
assert max(gaps) < 1e-9 and lam.min() > 0
assert np.allclose(lam, [1.4922, 33.5078], atol=1e-4)

# 4. Gaussian maximum likelihood -------------------------------------------------------------
def log_lik(w, s2):
    """log p(y | X, w, sigma^2) for y_i = x_i . w + Gaussian noise of variance sigma^2."""
    rr = y - X @ w
    return -0.5 * n * math.log(2 * math.pi * s2) - float(rr @ rr) / (2 * s2)


w, log_s2 = np.zeros(2), 0.0
for _ in range(20_000):
    s2 = math.exp(log_s2)
    rr = y - X @ w
    g_w = X.T @ rr / s2  # d ell / d w = X^T (y - X w) / sigma^2
    g_log_s2 = -0.5 * n + float(rr @ rr) / (2 * s2)  # d ell / d log sigma^2
    w = w + 0.01 * g_w
    log_s2 += 0.01 * g_log_s2
s2_mle = math.exp(log_s2)
print(f"Gaussian MLE by gradient ascent: w = ({w[0]:.6f}, {w[1]:.6f}), sigma^2 = {s2_mle:.6f}"
      f" (RSS / n = {RSS / n:.6f}); log-likelihood there = {log_lik(w, s2_mle):.4f}")
assert np.abs(w - w_hat).max() < 1e-6 and abs(s2_mle - RSS / n) < 1e-6
assert math.isclose(RSS / n, 0.22)
# With sigma^2 held fixed, the log-likelihood is a constant minus RSS / (2 sigma^2): same maximiser.
for s2 in (0.1, 1.0, 10.0):
    for w_try in others[:50]:
        assert log_lik(w_try, s2) < log_lik(w_hat, s2)

# 5. Gradient descent reaches the same weights ------------------------------------------------
lam_max = lam.max()
eta = 1.0 / lam_max
w = np.zeros(2)
for t in range(2_000):
    w = w - eta * grad_L(w)
print(f"gradient descent, eta = 1/lambda_max = {eta:.4f}, 2,000 steps from 0: w = ({w[0]:.6f}, {w[1]:.6f});"
      f" stable only for eta < 2/lambda_max = {2 / lam_max:.4f}")
assert np.abs(w - w_hat).max() < 1e-10
w = np.zeros(2)
for t in range(200):
    w = w - 1.05 * (2 / lam_max) * grad_L(w)
assert np.linalg.norm(w) > 1e6  # 5 % above the limit, the steps grow instead

# 6. The descent lab's bowl is a least-squares loss --------------------------------------------
# Two orthogonal columns of squared length 1 and 10, and a target orthogonal to both, so w_hat = 0.
Xb = np.zeros((3, 2))
Xb[0, 0] = 1.0
Xb[1, 1] = math.sqrt(10.0)
yb = np.array([0.0, 0.0, 1.0])
assert np.allclose(Xb.T @ Xb, np.diag([1.0, 10.0])) and np.allclose(Xb.T @ yb, 0.0)
for wx, wy in rng.normal(size=(20, 2)):
    rb = Xb @ np.array([wx, wy]) - yb
    assert math.isclose(0.5 * rb @ rb, (wx**2 + 10 * wy**2) / 2 + 0.5 * yb @ yb, rel_tol=1e-12)
w = np.array([-2.0, 0.8])
settled = [None, None]
for t in range(1, 61):
    w = w - 0.15 * (Xb.T @ (Xb @ w - yb))
    for j in range(2):
        if settled[j] is None and abs(w[j]) < 1e-3:
            settled[j] = t
print(f"lab bowl: per-step factors 1 - 0.15 * (1, 10) = (0.85, -0.5); from (-2, 0.8) the weight on the"
      f" long column is within 1e-3 of its solution at step {settled[1]}, the short column's at step {settled[0]}")
assert settled == [47, 10]
print("all claims hold")
