"""Witness for the cross-validation notebook.

Checks what the Math section says, in the same order:

1. the K-fold estimate: on linear regression with N = 100 Gaussian inputs and p = 10 features,
   the average of CV_K over many data sets matches sigma^2 (1 + p / (m - p - 1)) with
   m = N (K - 1) / K, the expected error of a model trained on m points, so the estimate
   overstates the error of the model trained on all N by 12.95 %, 2.93 %, 1.28 % and 0.11 % for
   K = 2, 5, 10 and N (leave-one-out);
2. leave-one-out without refitting: for least squares, the held-out residual is
   e_i / (1 - h_ii), equal to N explicit refits;
3. the spread of the estimate across data sets, next to its bias;
4. leakage: on pure noise (N = 50 samples, 5,000 features, labels independent of them), picking
   the 100 features most correlated with the labels on all the data and then running 5-fold
   cross-validation of a 1-nearest-neighbour classifier reports an accuracy far above the 50 %
   any classifier can reach; doing the selection inside each fold brings it back to about 50 %.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(1)


# 1. The K-fold estimate and what it estimates -------------------------------------------------
def fit(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w


def cv_k(X, y, K):
    """K-fold cross-validation estimate of squared error: every point is tested once."""
    N = len(y)
    fold = np.arange(N) % K  # kappa(i): the fold of example i (the data are already shuffled)
    sq = np.empty(N)
    for k in range(K):
        test = fold == k
        w = fit(X[~test], y[~test])  # trained without fold k
        sq[test] = (y[test] - X[test] @ w) ** 2
    return sq.mean()


def loo_shortcut(X, y):
    """Leave-one-out for least squares from one fit: residual e_i / (1 - h_ii)."""
    H = X @ np.linalg.solve(X.T @ X, X.T)
    e = y - H @ y
    return np.mean((e / (1 - np.diag(H))) ** 2)


def expected_err(m, p, s2):
    """Expected squared error on a new point of least squares trained on m Gaussian points."""
    return s2 * (1 + p / (m - p - 1))


def overstatement(K, N, p):
    """How much E[CV_K] exceeds the error of the model trained on all N, in percent."""
    m = N * (K - 1) / K
    return 100 * (expected_err(m, p, 1) - expected_err(N, p, 1)) / expected_err(N, p, 1)


N, p, s2 = 100, 10, 1.0
R = 4000  # data sets
beta = rng.normal(size=p)
Ks = [2, 5, 10, N]
est = {K: np.empty(R) for K in Ks}
true_err = np.empty(R)  # error of the model trained on all N, on fresh data
for r in range(R):
    X = rng.normal(size=(N, p))
    y = X @ beta + math.sqrt(s2) * rng.normal(size=N)
    for K in Ks[:-1]:
        est[K][r] = cv_k(X, y, K)
    est[N][r] = loo_shortcut(X, y)
    w = fit(X, y)
    true_err[r] = s2 + np.sum((w - beta) ** 2)  # E over a new x ~ N(0, I) and new noise

print(f"linear regression, N = {N}, p = {p}, sigma^2 = {s2:g}, {R} data sets")
print(f"error of the model trained on all N: mean {true_err.mean():.4f}, "
      f"formula sigma^2 (1 + p/(N-p-1)) = {expected_err(N, p, s2):.4f}")
assert abs(true_err.mean() - expected_err(N, p, s2)) < 0.005
print("    K   train size m   mean CV_K   formula   overstates by   sd of CV_K")
for K in Ks:
    m = N * (K - 1) / K
    mean_cv = est[K].mean()
    formula = expected_err(m, p, s2)
    over = overstatement(K, N, p)
    print(f"  {K:3d}   {m:6.1f}         {mean_cv:.4f}      {formula:.4f}    {over:5.2f} %"
          f"         {est[K].std():.4f}")
    assert abs(mean_cv - formula) < 0.01, (K, mean_cv, formula)
assert [round(overstatement(K, N, p), 2) for K in Ks] == [12.95, 2.93, 1.28, 0.11]
# Averages order as the formula says: fewer folds, smaller training sets, larger estimate.
assert est[2].mean() > est[5].mean() > est[10].mean() > est[N].mean()

# 2. Leave-one-out without N refits -------------------------------------------------------------
X = rng.normal(size=(N, p))
y = X @ beta + rng.normal(size=N)
explicit = np.mean([(y[i] - X[i] @ fit(np.delete(X, i, 0), np.delete(y, i))) ** 2 for i in range(N)])
print(f"leave-one-out: {N} refits give {explicit:.6f}, the shortcut gives {loo_shortcut(X, y):.6f}")
assert math.isclose(explicit, loo_shortcut(X, y), rel_tol=1e-10)
assert math.isclose(explicit, cv_k(X, y, N), rel_tol=1e-10)

# 3. Spread: a single CV score is noisy next to its bias ---------------------------------------
sd10 = est[10].std()
bias10 = est[10].mean() - expected_err(N, p, s2)
print(f"10-fold: bias {bias10:+.4f}, but one data set's estimate scatters with sd {sd10:.4f}")
assert sd10 > 5 * abs(bias10)

# 4. Leakage: feature selection before the split, on pure noise ---------------------------------
n, n_feat, n_keep, K5, sims = 50, 5000, 100, 5, 50


def top_features(X, labels, k):
    """The k features with largest |correlation| with the labels."""
    Xc = X - X.mean(axis=0)
    lc = labels - labels.mean()
    corr = (Xc.T @ lc) / (np.linalg.norm(Xc, axis=0) * np.linalg.norm(lc))
    return np.argsort(-np.abs(corr))[:k]


def one_nn(X_tr, l_tr, X_te):
    d2 = ((X_te[:, None, :] - X_tr[None, :, :]) ** 2).sum(axis=2)
    return l_tr[np.argmin(d2, axis=1)]


wrong, right = [], []
for s in range(sims):
    X = rng.normal(size=(n, n_feat))
    labels = rng.permutation(np.repeat([0.0, 1.0], n // 2))  # independent of X
    fold = rng.permutation(np.arange(n) % K5)
    keep_all = top_features(X, labels, n_keep)  # WRONG: uses the held-out labels too
    acc_w, acc_r = [], []
    for k in range(K5):
        te, tr = fold == k, fold != k
        pred = one_nn(X[tr][:, keep_all], labels[tr], X[te][:, keep_all])
        acc_w.append(np.mean(pred == labels[te]))
        keep_k = top_features(X[tr], labels[tr], n_keep)  # RIGHT: training folds only
        pred = one_nn(X[tr][:, keep_k], labels[tr], X[te][:, keep_k])
        acc_r.append(np.mean(pred == labels[te]))
    wrong.append(np.mean(acc_w))
    right.append(np.mean(acc_r))
wrong, right = np.array(wrong), np.array(right)
print(f"pure noise, {n} samples, {n_feat} features, keep {n_keep}, 1-NN, {K5}-fold, {sims} runs:")
print(f"  select on all data, then CV:  accuracy {100 * wrong.mean():.1f} % "
      f"(lowest run {100 * wrong.min():.0f} %)")
print(f"  select inside every fold:     accuracy {100 * right.mean():.1f} % "
      f"(runs from {100 * right.min():.0f} % to {100 * right.max():.0f} %)")
assert wrong.mean() > 0.90 and wrong.min() > 0.75
assert abs(right.mean() - 0.5) < 0.05
print("all checks passed")
