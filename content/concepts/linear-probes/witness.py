"""Witness for the linear probes notebook.

Checks what the Math section says, in the same order, on synthetic frozen embeddings:
200 word types, each with a fixed 16-dimensional vector, seen as 4,000 noisy tokens
(3,000 to train the probes, 1,000 held out).

1. the probe: logistic regression on frozen vectors; its gradient X^T (sigma(Xw + b) - y) / n
   agrees with central finite differences;
2. a property encoded along a direction (the sign of u . h) is read out by the linear probe;
3. a property encoded only nonlinearly (the XOR of the signs of two coordinates) defeats the
   linear probe, which stays near chance, while a small MLP probe reads it;
4. control task (after Hewitt and Liang): a random label per word type, learnable only by
   memorising types; the MLP reaches a higher control accuracy than the linear probe, so its
   selectivity (task accuracy minus control accuracy) is lower.

Run: python3 witness.py
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # small matrices: one thread is faster
import numpy as np  # noqa: E402

rng = np.random.default_rng(0)
K, d, n_tok = 200, 16, 3000
types = rng.standard_normal((K, d))  # one frozen vector per word type
tok_type = rng.integers(0, K, size=n_tok)
H = types[tok_type] + 0.3 * rng.standard_normal((n_tok, d))  # token vectors: type + context noise
train, test = np.arange(2000), np.arange(2000, n_tok)

u = rng.standard_normal(d)
y_lin = (types @ u > 0).astype(float)[tok_type]  # linearly encoded: which side of a plane
y_xor = ((types[:, 0] > 0) != (types[:, 1] > 0)).astype(float)[tok_type]  # XOR of two signs
y_ctl = rng.integers(0, 2, size=K).astype(float)[tok_type]  # control: random bit per type


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss(w, b, X, y):
    """Mean cross-entropy of the logistic probe sigma(X w + b)."""
    p = np.clip(sigmoid(X @ w + b), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def grad(w, b, X, y):
    r = sigmoid(X @ w + b) - y  # predicted minus observed
    return X.T @ r / len(y), float(r.mean())


# --------------------------------------------------------------- 1. the gradient is right
print("1. logistic probe gradient vs central finite differences")
w0, b0 = 0.1 * rng.standard_normal(d), 0.05
gw, gb = grad(w0, b0, H[train], y_lin[train])
eps = 1e-6
fd = np.array([(loss(w0 + eps * e, b0, H[train], y_lin[train]) - loss(w0 - eps * e, b0, H[train], y_lin[train])) / (2 * eps)
               for e in np.eye(d)])
fd_b = (loss(w0, b0 + eps, H[train], y_lin[train]) - loss(w0, b0 - eps, H[train], y_lin[train])) / (2 * eps)
rel = np.abs(np.append(gw, gb) - np.append(fd, fd_b)).max() / np.abs(np.append(gw, gb)).max()
print(f"   largest relative gap over the {d + 1} parameters: {rel:.1e}")
assert rel < 1e-9


def fit_linear(y, steps=2000, lr=0.5):
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        gw, gb = grad(w, b, H[train], y[train])
        w, b = w - lr * gw, b - lr * gb
    return lambda X: sigmoid(X @ w + b)


def fit_mlp(y, hidden=32, steps=1500, lr=1.0, seed=1):
    r = np.random.default_rng(seed)
    W1 = r.standard_normal((d, hidden)) / np.sqrt(d)
    b1 = np.zeros(hidden)
    w2 = r.standard_normal(hidden) / np.sqrt(hidden)
    b2 = 0.0
    X, t = H[train], y[train]
    for _ in range(steps):
        A = np.tanh(X @ W1 + b1)
        g = (sigmoid(A @ w2 + b2) - t) / len(t)  # d loss / d output logit
        gA = np.outer(g, w2) * (1 - A**2)
        w2, b2 = w2 - lr * A.T @ g, b2 - lr * g.sum()
        W1, b1 = W1 - lr * X.T @ gA, b1 - lr * gA.sum(0)
    return lambda Z: sigmoid(np.tanh(Z @ W1 + b1) @ w2 + b2)


def acc(f, y):
    return float(np.mean((f(H[test]) > 0.5) == (y[test] == 1)))


print("2-4. held-out accuracy of each probe on 1,000 tokens")
base = {k: float(max(y[test].mean(), 1 - y[test].mean())) for k, y in [("lin", y_lin), ("xor", y_xor), ("ctl", y_ctl)]}
print("   always guessing the commoner label scores " + ", ".join(f"{v:.3f}" for v in base.values()))
assert all(0.5 <= v < 0.6 for v in base.values())
res = {}
for name_, y in [("linear feature", y_lin), ("XOR feature", y_xor), ("control task", y_ctl)]:
    res[name_] = (acc(fit_linear(y), y), acc(fit_mlp(y), y))
    print(f"   {name_:15s} held-out accuracy: linear probe {res[name_][0]:.3f}, MLP probe {res[name_][1]:.3f}")

lin, xor, ctl = res["linear feature"], res["XOR feature"], res["control task"]
print(f"   selectivity on the linear feature: linear probe {lin[0] - ctl[0]:.3f}, MLP probe {lin[1] - ctl[1]:.3f}")
assert lin[0] > 0.9 and lin[1] > 0.95  # 2. both probes read the linear feature
assert xor[0] < 0.7 and xor[1] > 0.95  # 3. only the MLP reads the XOR feature
assert abs(xor[0] - ctl[0]) < 0.05  # the linear probe does no better on XOR than on random labels
assert ctl[1] > 0.95 and ctl[0] < 0.7  # 4. the MLP memorises the control task, the linear probe cannot
assert lin[0] - ctl[0] > 0.25 and lin[1] - ctl[1] < 0.05
# the numbers the page quotes
assert [round(v, 3) for v in lin + xor + ctl] == [0.917, 0.984, 0.637, 0.981, 0.615, 0.981]
assert abs(xor[0] - ctl[0]) < 0.03 and round(lin[0] - ctl[0], 3) == 0.302 and round(lin[1] - ctl[1], 3) == 0.003
print("all checks passed")
