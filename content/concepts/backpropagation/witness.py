"""Witness for the backpropagation notebook.

Follows the Math section in order:

1. a two-layer network, x (3) -> z1 = W1 x + b1 (4) -> h = tanh(z1) -> z2 = W2 h + b2 (3)
   -> p = softmax(z2) -> L = -log p_c, with the backward pass written out by hand:
   g_z2 = p - onehot(c), dL/dW2 = g_z2 h^T, g_h = W2^T g_z2, g_z1 = (1 - h^2) * g_h,
   dL/dW1 = g_z1 x^T (the procedure of Rumelhart, Hinton & Williams 1986,
   doi:10.1038/323533a0); every one of its 31 parameter derivatives (and dL/dx) is
   checked against a central difference, relative error < 1e-6;
2. the same for a batch, where dL/dW sums one outer product per example;
3. forward mode against reverse mode on a computational graph of scalar operations
   (a tape): for a scalar loss of n inputs, forward mode needs one sweep per input, so
   its operation count grows like n times the forward pass, while one reverse sweep
   costs a small constant times the forward pass whatever n is (Baydin et al. 2015,
   "Automatic differentiation in machine learning: a survey", arXiv:1502.05767, sec. 3).

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)
H = 1e-5  # finite-difference step

# 1. A two-layer network, one example -----------------------------------------------------
n_in, n_hid, n_cls = 3, 4, 3
params = {
    "W1": rng.normal(scale=0.8, size=(n_hid, n_in)),
    "b1": rng.normal(scale=0.1, size=n_hid),
    "W2": rng.normal(scale=0.8, size=(n_cls, n_hid)),
    "b2": rng.normal(scale=0.1, size=n_cls),
}
x = np.array([1.0, -0.5, 2.0])
c = 2  # the correct class


def forward(P, x, c):
    """Forward pass: keeps every intermediate the backward pass will need."""
    z1 = P["W1"] @ x + P["b1"]
    h = np.tanh(z1)
    z2 = P["W2"] @ h + P["b2"]
    m = z2.max()
    p = np.exp(z2 - m) / np.sum(np.exp(z2 - m))  # softmax, shifted for safety
    L = -np.log(p[c])  # cross-entropy with the one-hot target
    return L, (z1, h, z2, p)


def backward(P, x, c, cache):
    """Backward pass: one vector-Jacobian product per stage, last stage first."""
    z1, h, z2, p = cache
    y = np.zeros_like(p)
    y[c] = 1.0
    g_z2 = p - y  # dL/dz2: softmax + cross-entropy
    g = {"W2": np.outer(g_z2, h), "b2": g_z2}  # dL/dW2 = g_z2 h^T
    g_h = P["W2"].T @ g_z2  # dL/dh = W2^T g_z2
    g_z1 = (1 - h**2) * g_h  # tanh' = 1 - tanh^2, a diagonal Jacobian
    g["W1"] = np.outer(g_z1, x)  # dL/dW1 = g_z1 x^T
    g["b1"] = g_z1
    g_x = P["W1"].T @ g_z1  # dL/dx = W1^T g_z1
    return g, g_x, g_z2, g_z1


L, cache = forward(params, x, c)
grads, g_x, g_z2, g_z1 = backward(params, x, c, cache)
z1, h, z2, p = cache
print(f"1. forward: z1 = {np.round(z1, 4)}, h = tanh(z1) = {np.round(h, 4)}")
print(f"   z2 = {np.round(z2, 4)}, p = softmax(z2) = {np.round(p, 4)}, L = -log p_{c} = {L:.4f}")
print(f"   backward: dL/dz2 = p - y = {np.round(g_z2, 4)}; dL/dz1 = {np.round(g_z1, 4)}")
assert abs(g_z2.sum()) < 1e-12  # p - y sums to 0: softmax ignores a common shift


def rel_err(a, b):
    return np.abs(a - b).max() / max(np.abs(a).max(), np.abs(b).max(), 1e-12)


count = 0
worst = 0.0
for name, value in params.items():
    fd = np.zeros_like(value)
    for idx in np.ndindex(value.shape):
        plus = {k: v.copy() for k, v in params.items()}
        minus = {k: v.copy() for k, v in params.items()}
        plus[name][idx] += H
        minus[name][idx] -= H
        fd[idx] = (forward(plus, x, c)[0] - forward(minus, x, c)[0]) / (2 * H)
        count += 1
    e = rel_err(grads[name], fd)
    worst = max(worst, e)
    print(f"   dL/d{name} shape {value.shape}: relative error against central differences {e:.1e}")
    assert e < 1e-6
g_x_fd = np.array([(forward(params, x + H * e, c)[0] - forward(params, x - H * e, c)[0]) / (2 * H)
                   for e in np.eye(n_in)])
print(f"   dL/dx = W1^T dL/dz1: relative error {rel_err(g_x, g_x_fd):.1e}")
assert rel_err(g_x, g_x_fd) < 1e-6
print(f"   all {count} parameters: worst relative error {worst:.1e} (< 1e-6)")
assert count == 31

# the demo's saturated unit: y = tanh(w x + b) with w = 4, b = 0 at x = 2
w_demo, x_demo = 4.0, 2.0
factor = (1 - np.tanh(w_demo * x_demo) ** 2) * w_demo  # local rate the backward pass applies
print(f"   one saturated tanh unit (w = 4, x = 2): an upstream gradient is scaled by {factor:.2e}")
assert abs(factor - 1.8006e-6) < 1e-9

# 2. A batch: the weight gradient sums one outer product per example -------------------
B = 8
X = rng.normal(size=(B, n_in))
C = rng.integers(0, n_cls, size=B)


def batch_loss(P):
    return sum(forward(P, X[i], C[i])[0] for i in range(B)) / B


G = {k: np.zeros_like(v) for k, v in params.items()}
for i in range(B):
    gi = backward(params, X[i], C[i], forward(params, X[i], C[i])[1])[0]
    for k in G:
        G[k] += gi[k] / B
W1_fd = np.zeros_like(params["W1"])
for idx in np.ndindex(W1_fd.shape):
    plus = {k: v.copy() for k, v in params.items()}
    minus = {k: v.copy() for k, v in params.items()}
    plus["W1"][idx] += H
    minus["W1"][idx] -= H
    W1_fd[idx] = (batch_loss(plus) - batch_loss(minus)) / (2 * H)
print(f"2. batch of {B}: mean of per-example outer products vs central differences, "
      f"dL/dW1 relative error {rel_err(G['W1'], W1_fd):.1e}")
assert rel_err(G["W1"], W1_fd) < 1e-6

# 3. Forward mode vs reverse mode on a tape, counting operations -----------------------
class Tape:
    """A computational graph of scalar operations, recorded in evaluation order."""

    def __init__(self):
        self.nodes = []  # (value, [(parent index, local partial derivative), ...])

    def var(self, v):
        self.nodes.append((v, []))
        return len(self.nodes) - 1

    def add(self, a, b):
        self.nodes.append((self.nodes[a][0] + self.nodes[b][0], [(a, 1.0), (b, 1.0)]))
        return len(self.nodes) - 1

    def mul(self, a, b):
        va, vb = self.nodes[a][0], self.nodes[b][0]
        self.nodes.append((va * vb, [(a, vb), (b, va)]))
        return len(self.nodes) - 1

    def tanh(self, a):
        t = np.tanh(self.nodes[a][0])
        self.nodes.append((t, [(a, 1 - t * t)]))
        return len(self.nodes) - 1


def record(xv, W1v, w2v):
    """L = 1/2 (w2 . tanh(W1 x))^2 for n inputs and 8 hidden units, as scalar ops."""
    T = Tape()
    xs = [T.var(v) for v in xv]
    n_forward = 0
    hs = []
    for row in W1v:
        acc = T.mul(T.var(row[0]), xs[0])
        n_forward += 1
        for j in range(1, len(xv)):
            acc = T.add(acc, T.mul(T.var(row[j]), xs[j]))
            n_forward += 2
        hs.append(T.tanh(acc))
        n_forward += 1
    out = T.mul(T.var(w2v[0]), hs[0])
    n_forward += 1
    for k in range(1, len(hs)):
        out = T.add(out, T.mul(T.var(w2v[k]), hs[k]))
        n_forward += 2
    loss = T.mul(T.mul(out, out), T.var(0.5))
    n_forward += 2
    return T, xs, loss, n_forward


def forward_mode(T, xs):
    """One tangent sweep per input: seed dx_i = 1, push tangents forward through every op."""
    grad, ops = [], 0
    for i in xs:
        tangent = np.zeros(len(T.nodes))
        tangent[i] = 1.0
        for k, (_, parents) in enumerate(T.nodes):
            if parents:
                tangent[k] = sum(d * tangent[a] for a, d in parents)
                ops += len(parents)  # one multiply-add per edge of the graph
        grad.append(tangent[-1])
    return np.array(grad), ops


def reverse_mode(T, xs):
    """One adjoint sweep: seed dL/dL = 1, pass adjoints backwards (vector-Jacobian products)."""
    adjoint = np.zeros(len(T.nodes))
    adjoint[-1] = 1.0
    ops = 0
    for k in range(len(T.nodes) - 1, -1, -1):
        for a, d in T.nodes[k][1]:
            adjoint[a] += d * adjoint[k]
            ops += 1  # one multiply-add per edge of the graph
    return adjoint[xs], ops


print("3. scalar loss of n inputs (8 hidden tanh units); operations counted on the tape")
print("      n   forward ops   forward mode, n sweeps   ratio   reverse mode, 1 sweep   ratio")
ratios_rev = []
for n in [4, 16, 64, 128]:
    xv = rng.normal(size=n)
    W1v = rng.normal(size=(8, n)) / np.sqrt(n)
    w2v = rng.normal(size=8)
    T, xs, loss, n_fwd = record(xv, W1v, w2v)
    g_fwd, ops_fwd = forward_mode(T, xs)
    g_rev, ops_rev = reverse_mode(T, xs)
    assert np.allclose(g_fwd, g_rev, rtol=1e-12, atol=1e-14)
    lossfn = lambda v: 0.5 * (w2v @ np.tanh(W1v @ v)) ** 2
    g_fd = np.array([(lossfn(xv + H * e) - lossfn(xv - H * e)) / (2 * H) for e in np.eye(n)])
    assert rel_err(g_rev, g_fd) < 1e-6
    r_f, r_r = ops_fwd / n_fwd, ops_rev / n_fwd
    ratios_rev.append(r_r)
    print(f"   {n:4d}   {n_fwd:11,d}   {ops_fwd:22,d}   {r_f:5.0f}   {ops_rev:21,d}   {r_r:5.2f}")
    assert ops_fwd == n * ops_rev  # n sweeps over the same edges against one
assert max(ratios_rev) < 2.1 and min(ratios_rev) > 1.9
print("   forward mode costs n sweeps; one reverse sweep stays at about 2 operations per")
print("   operation of the forward pass, whatever n is (plus the forward pass that records the tape)")
print("OK: backward pass = central differences for every parameter; "
      "reverse mode costs a constant multiple of the forward pass, forward mode n times")
