"""Witness for the chain rule notebook.

Checks each derivative the Math section derives against central finite differences,
an independent numerical measurement that knows nothing about the chain rule:

1. f(x) = sin(x^2): f'(x) = cos(x^2) * 2x at 61 points, while the tempting slip
   cos(x) * 2x (outer rate read at the wrong point) fails;
2. a three-stage chain exp(sin(x^2)): the product of three local rates;
3. a two-layer vector function y = W2 tanh(W1 x): its Jacobian is the product
   W2 diag(1 - tanh(z)^2) W1, and each entry is a sum over paths through the
   hidden layer;
4. reverse accumulation: the gradient of L = 0.5 |y|^2 with respect to x and W1,
   computed by passing one upstream gradient vector back stage by stage (the backward
   pass of Rumelhart, Hinton & Williams 1986, "Learning representations by
   back-propagating errors", Nature, doi:10.1038/323533a0), equals the
   finite-difference gradient and the full-Jacobian answer.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)
H = 1e-5  # finite-difference step


def central_diff(fn, x, h=H):
    """(fn(x + h) - fn(x - h)) / 2h: error shrinks like h^2; no derivative rules."""
    return (fn(x + h) - fn(x - h)) / (2 * h)


# 1. One chain, two stages: f(x) = sin(x^2) ----------------------------------------
def g(x):
    return x**2  # inner stage, u = g(x)


def g_prime(x):
    return 2 * x


def f_outer(u):
    return np.sin(u)  # outer stage, y = f(u)


def f_outer_prime(u):
    return np.cos(u)


def composite(x):
    return f_outer(g(x))


x0 = 1.3
u0 = g(x0)
print(f"worked example at x = {x0}: u = x^2 = {u0:.2f}, g'(x) = {g_prime(x0):.1f}, "
      f"f'(u) = cos(u) = {f_outer_prime(u0):+.6f}")
chain = f_outer_prime(u0) * g_prime(x0)
numeric = central_diff(composite, x0)
print(f"  chain rule  f'(u) g'(x) = {chain:+.10f}")
print(f"  central difference      = {numeric:+.10f}")
assert abs(chain - numeric) < 1e-8

xs = np.linspace(-3, 3, 61)
analytic = f_outer_prime(g(xs)) * g_prime(xs)  # outer rate evaluated at u = g(x)
numeric = central_diff(composite, xs)
wrong = f_outer_prime(xs) * g_prime(xs)  # outer rate evaluated at the wrong point, x
print(f"61 points in [-3, 3]: max |cos(x^2) 2x - FD| = "
      f"{np.abs(analytic - numeric).max():.1e};  "
      f"max |cos(x) 2x - FD| = {np.abs(wrong - numeric).max():.2f}")
assert np.allclose(analytic, numeric, rtol=0, atol=1e-7)
assert not np.allclose(wrong, numeric, rtol=0, atol=1e-2)

# 2. Three stages: y = exp(sin(x^2)) -----------------------------------------------
def three_stage(x):
    return np.exp(np.sin(x**2))


u1 = xs**2  # after stage 1
u2 = np.sin(u1)  # after stage 2
rates = np.exp(u2) * np.cos(u1) * (2 * xs)  # f3'(u2) f2'(u1) f1'(x)
assert np.allclose(rates, central_diff(three_stage, xs), rtol=0, atol=1e-7)
print("exp(sin(x^2)): product of three local rates = finite differences at 61 points")

# 3. Two-layer vector function and its Jacobian ------------------------------------
n_in, n_hid, n_out = 3, 4, 2
W1 = rng.normal(size=(n_hid, n_in))
W2 = rng.normal(size=(n_out, n_hid))
x = rng.normal(size=n_in)


def forward(x, W1=W1):
    z = W1 @ x  # stage 1: linear, Jacobian W1
    a = np.tanh(z)  # stage 2: elementwise, Jacobian diag(1 - tanh(z)^2)
    y = W2 @ a  # stage 3: linear, Jacobian W2
    return z, a, y


z, a, y = forward(x)
J1, J2, J3 = W1, np.diag(1 - a**2), W2
J_chain = J3 @ J2 @ J1  # (2 x 4)(4 x 4)(4 x 3) = 2 x 3

# finite-difference Jacobian: nudge one input at a time, read one column
J_fd = np.empty((n_out, n_in))
for j in range(n_in):
    e = np.zeros(n_in)
    e[j] = H
    J_fd[:, j] = (forward(x + e)[2] - forward(x - e)[2]) / (2 * H)
print(f"Jacobian of y = W2 tanh(W1 x), shape {J_chain.shape}:")
print(np.array2string(J_chain, precision=6, suppress_small=True))
print(f"max |W2 diag(1 - a^2) W1 - FD| = {np.abs(J_chain - J_fd).max():.1e}")
assert J_chain.shape == (n_out, n_in)
assert np.allclose(J_chain, J_fd, rtol=0, atol=1e-8)

# each entry is a sum over the paths x_j -> z_k -> a_k -> y_i through the hidden layer
J_paths = np.zeros((n_out, n_in))
for i in range(n_out):
    for j in range(n_in):
        J_paths[i, j] = sum(W2[i, k] * (1 - a[k] ** 2) * W1[k, j] for k in range(n_hid))
assert np.allclose(J_paths, J_chain, rtol=1e-12, atol=1e-12)

# the order matters: the stages multiplied first-to-last do not even fit together
try:
    J1 @ J2 @ J3  # (4 x 3)(4 x 4): inner sizes differ
except ValueError:
    print("J1 @ J2 @ J3 (first stage on the left) is refused: the shapes do not chain")
else:
    raise AssertionError("the Jacobians must be multiplied last stage first")

# 4. Reverse accumulation (backprop) for L = 0.5 |y|^2 -----------------------------
def loss(x, W1=W1):
    return 0.5 * np.sum(forward(x, W1)[2] ** 2)


g_y = y  # dL/dy: the gradient arriving from the loss
g_a = W2.T @ g_y  # dL/da = W2^T g_y, reuses g_y
g_z = (1 - a**2) * g_a  # dL/dz = (1 - a^2) * g_a, reuses g_a
g_x = W1.T @ g_z  # dL/dx = W1^T g_z, reuses g_z
g_W1 = np.outer(g_z, x)  # dL/dW1 = g_z x^T, reuses g_z again

g_x_full = J_chain.T @ y  # the same thing from the full Jacobian
g_x_fd = np.array([(loss(x + H * e) - loss(x - H * e)) / (2 * H) for e in np.eye(n_in)])
print(f"dL/dx backward pass  = {np.array2string(g_x, precision=8)}")
print(f"dL/dx finite diff.   = {np.array2string(g_x_fd, precision=8)}")
assert np.allclose(g_x, g_x_full, rtol=1e-12, atol=1e-12)
assert np.allclose(g_x, g_x_fd, rtol=0, atol=1e-8)

g_W1_fd = np.zeros_like(W1)
for k in range(n_hid):
    for j in range(n_in):
        E = np.zeros_like(W1)
        E[k, j] = H
        g_W1_fd[k, j] = (loss(x, W1 + E) - loss(x, W1 - E)) / (2 * H)
print(f"max |dL/dW1 backward - FD| = {np.abs(g_W1 - g_W1_fd).max():.1e}"
      "  (12 weights, one backward pass)")
assert np.allclose(g_W1, g_W1_fd, rtol=0, atol=1e-8)

print("OK: (f o g)' = f'(g(x)) g'(x); J = W2 diag(1 - a^2) W1; "
      "backward pass = finite differences")
