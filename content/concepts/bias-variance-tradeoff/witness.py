"""Witness for the bias-variance-tradeoff notebook.

Checks what the Math section says, in the same order:

1. the decomposition at one input x0: over many training sets, the measured mean squared error
   on fresh noisy targets equals noise + bias^2 + variance, for polynomials of every degree;
2. averaged over inputs, the same decomposition for polynomial degrees 0..9 fitted to N = 30
   noisy samples of sin(2 pi x): bias^2 falls with the degree, variance rises, the test error
   is U-shaped, while the training error keeps falling;
3. the fixed-design formula the demo plots: least squares on the first p of a set of orthonormal
   features gives in-sample error sigma^2 + S r^p + sigma^2 p / N, checked by simulation, and
   the best p moves by ln 4 / (-ln r) features, not 4 times, when N is quadrupled.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def f(x):
    """The true regression function."""
    return np.sin(2 * np.pi * x)


sigma = 0.3  # noise standard deviation, so sigma^2 = 0.09
N = 30  # training points per training set
R = 4000  # training sets drawn
degrees = list(range(10))


def fit_predict(x_train, y_train, degree, x_eval):
    """Least-squares polynomial of the given degree (on 2x - 1, for conditioning)."""
    A = np.vander(2 * x_train - 1, degree + 1, increasing=True)
    w, *_ = np.linalg.lstsq(A, y_train, rcond=None)
    return np.vander(2 * x_eval - 1, degree + 1, increasing=True) @ w


# 1 and 2. Refit on R training sets; test on a grid of inputs with fresh noise -------------
x0 = np.linspace(0.05, 0.95, 19)  # test inputs, every 0.05 inside [0, 1]
X_train = rng.uniform(0, 1, size=(R, N))
Y_train = f(X_train) + sigma * rng.normal(size=(R, N))
Y0 = f(x0) + sigma * rng.normal(size=(R, x0.size))  # a fresh target for every training set

print(f"truth f(x) = sin(2 pi x) on [0, 1], noise sigma^2 = {sigma**2:.2f}, N = {N}, "
      f"{R} training sets, {x0.size} test inputs")
print(" deg   train   bias^2  variance  noise   sum     measured")
rows = {}
for d in degrees:
    preds = np.empty((R, x0.size))
    train_err = np.empty(R)
    for r in range(R):
        preds[r] = fit_predict(X_train[r], Y_train[r], d, x0)
        train_err[r] = np.mean((fit_predict(X_train[r], Y_train[r], d, X_train[r]) - Y_train[r]) ** 2)
    f_bar = preds.mean(axis=0)  # E_D[f_hat(x0)]: the average fit
    bias2 = np.mean((f_bar - f(x0)) ** 2)  # averaged over the test inputs
    variance = np.mean(preds.var(axis=0))
    noise = sigma**2
    measured = np.mean((Y0 - preds) ** 2)  # what a test set would report
    total = noise + bias2 + variance
    rows[d] = (train_err.mean(), bias2, variance, total, measured, preds)
    print(f" {d:3d}  {train_err.mean():.4f}  {bias2:.4f}  {variance:8.4f}  {noise:.4f}  "
          f"{total:.4f}  {measured:.4f}")
    # The three parts add up to the measured error (Monte Carlo noise only).
    assert abs(total - measured) / measured < 0.02, (d, total, measured)

# The decomposition at a single input: x0 = 0.25 (index 4), degree 3.
i = 4
p3 = rows[3][5][:, i]
m_i = np.mean((Y0[:, i] - p3) ** 2)
s_i = sigma**2 + (p3.mean() - f(x0[i])) ** 2 + p3.var()
print(f"at x0 = {x0[i]:.3f}, degree 3: noise + bias^2 + variance = {s_i:.4f}, measured {m_i:.4f}")
assert abs(s_i - m_i) / m_i < 0.03

train = np.array([rows[d][0] for d in degrees])
bias2 = np.array([rows[d][1] for d in degrees])
var = np.array([rows[d][2] for d in degrees])
test = np.array([rows[d][4] for d in degrees])
best = int(np.argmin(test))
print(f"best degree {best}: test error {test[best]:.4f}; degree 0: {test[0]:.4f}; "
      f"degree 9: {test[9]:.4f}")
assert np.all(np.diff(train) < 0)  # training error falls with every added degree
assert np.all(np.diff(var[3:]) > 0)  # from degree 3 on, variance rises with every degree
assert var[9] > 500 * var[3]
assert bias2[0] > 0.5 and np.all(bias2[3:] < 0.005)  # bias^2 falls to almost 0 by degree 3
assert best == 3 and test[0] > 5 * test[best] and test[9] > 100 * test[best]  # the U
assert train[9] < sigma**2 < test[9]  # degree 9 fits below the noise and tests far above it

# 3. Fixed design, orthonormal features: the closed form of the demo --------------------------
N2 = 50
S, r, s2 = 4.0, 0.8, 1.0  # signal power, decay per feature, noise variance sigma^2
i_ = np.arange(N2)
Phi = np.stack([np.ones(N2)] + [math.sqrt(2) * np.cos(math.pi * j * (i_ + 0.5) / N2)
                                 for j in range(1, N2)], axis=1)  # DCT-II basis
assert np.allclose(Phi.T @ Phi / N2, np.eye(N2))  # orthonormal in (1/N) sum over the inputs
theta = np.sqrt(S * (1 - r) * r ** np.arange(N2))  # theta_j^2 = S (1 - r) r^j
f_true = Phi @ theta


def err_in(p, N=N2, S=S, r=r, s2=s2):
    """Expected in-sample error: noise + bias^2 + variance."""
    return s2 + S * r**p + s2 * p / N


R2 = 4000
eps = math.sqrt(s2) * rng.normal(size=(R2, N2))
eps0 = math.sqrt(s2) * rng.normal(size=(R2, N2))
print(f"fixed design: N = {N2}, S = {S:g}, r = {r:g}, sigma^2 = {s2:g}")
print("   p   bias^2 (exact)  S r^p     variance (sim)  sigma^2 p/N  error (sim)  formula")
for p in (0, 5, 10, 17, 30, 50):
    Pp = Phi[:, :p] @ Phi[:, :p].T / N2  # projection onto the first p features
    bias2_exact = np.mean((Pp @ f_true - f_true) ** 2)
    fits = (f_true + eps) @ Pp.T
    variance_sim = np.mean(fits.var(axis=0))
    error_sim = np.mean((f_true + eps0 - fits) ** 2)
    print(f"  {p:2d}   {bias2_exact:.6f}      {S * r**p:.6f}  {variance_sim:.4f}          "
          f"{s2 * p / N2:.4f}       {error_sim:.4f}       {err_in(p):.4f}")
    # exact: S (r^p - r^N), the truth having no features beyond the N-th; S r^50 = 6e-5
    assert abs(bias2_exact - S * (r**p - r**N2)) < 1e-9
    assert abs(variance_sim - s2 * p / N2) < 0.02
    assert abs(error_sim - err_in(p)) / err_in(p) < 0.02

# The best p from d/dp [S r^p + sigma^2 p / N] = 0.
def p_star(N, S=S, r=r, s2=s2):
    return math.log(s2 / (N * S * -math.log(r))) / math.log(r)


ps50, ps200 = p_star(50), p_star(200)
print(f"best p: {ps50:.1f} at N = 50 (error {err_in(ps50):.3f}), {ps200:.1f} at N = 200 "
      f"(error {err_in(ps200, N=200):.3f}); shift {ps200 - ps50:.2f} = ln 4 / (-ln r) "
      f"= {math.log(4) / -math.log(r):.2f}")
assert round(ps50, 1) == 17.0 and round(ps200, 1) == 23.2
assert math.isclose(ps200 - ps50, math.log(4) / -math.log(r))
assert round(err_in(0), 2) == 5.0 and round(err_in(50), 2) == 2.0 and round(err_in(ps50), 2) == 1.43
print("all checks passed")
