"""Witness for the gradient notebook.

Follows the Math section in order:

1. the worked example f(x, y) = x^2 + x y at (1, 1): gradient (3, 1) from the partial
   derivatives, against central differences; then the gradient formulas of four more
   functions of 5 variables against finite differences;
2. the directional derivative: the slope along a unit vector u, measured by a central
   difference along u, equals grad f . u for 10,000 random unit vectors;
3. steepest ascent: over 3,600 directions in the plane the slope is largest along
   grad f / |grad f| and equals |grad f| = sqrt(10) there (Cauchy-Schwarz); no random
   unit vector in 5 dimensions beats |grad f|;
4. the gradient is orthogonal to the level set: the contour x^2 + x y = 2 through (1, 1)
   has tangent (1, -3), and (3, 1) . (1, -3) = 0; moving along it changes f only to
   second order;
5. the quadratic 1/2 x^T A x - b^T x has gradient A x - b when A is symmetric, and
   1/2 (A + A^T) x - b when it is not;
6. a linear layer y = W x with loss L = 1/2 |y - y*|^2: dL/dW = (y - y*) x^T, an outer
   product with the shape of W.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)
H = 1e-5  # finite-difference step


def fd_gradient(f, x, h=H):
    """Central differences along each coordinate: one partial derivative at a time."""
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# 1. Partial derivatives and the gradient ----------------------------------------------
def f2(p):
    x, y = p
    return x**2 + x * y


def grad_f2(p):
    x, y = p
    return np.array([2 * x + y, x])  # (df/dx with y fixed, df/dy with x fixed)


p0 = np.array([1.0, 1.0])
g0 = grad_f2(p0)
print(f"1. f(x, y) = x^2 + x y at (1, 1): f = {f2(p0):.0f}, gradient = {g0}, "
      f"finite differences = {np.round(fd_gradient(f2, p0), 8)}")
assert np.allclose(g0, [3, 1]) and np.allclose(fd_gradient(f2, p0), g0, atol=1e-9)

n = 5
A = rng.normal(size=(n, n))
A_sym = A @ A.T + n * np.eye(n)  # symmetric, positive definite
b = rng.normal(size=n)
c = rng.normal(size=n)
functions = {
    "1/2 x^T A x - b^T x (A symmetric)": (
        lambda x: 0.5 * x @ A_sym @ x - b @ x,
        lambda x: A_sym @ x - b,
    ),
    "log sum exp(x)": (
        lambda x: np.log(np.sum(np.exp(x))),
        lambda x: np.exp(x) / np.sum(np.exp(x)),  # the softmax
    ),
    "sum sin(x_i) x_(i+1)": (
        lambda x: np.sum(np.sin(x[:-1]) * x[1:]),
        lambda x: np.concatenate([np.cos(x[:-1]) * x[1:], [0]])
        + np.concatenate([[0], np.sin(x[:-1])]),
    ),
    "|x|^2 = x . x": (lambda x: x @ x, lambda x: 2 * x),
    "sum tanh(c_i x_i)": (
        lambda x: np.sum(np.tanh(c * x)),
        lambda x: c * (1 - np.tanh(c * x) ** 2),
    ),
}
print(f"   gradients in {n} dimensions at 20 random points, analytic vs finite differences:")
for name, (f, grad) in functions.items():
    worst = max(np.abs(grad(x) - fd_gradient(f, x)).max() for x in rng.normal(size=(20, n)))
    print(f"     {name:36s} max error {worst:.1e}")
    assert worst < 1e-7

# 2. Directional derivatives: slope along u = grad f . u -------------------------------
f5, grad5 = functions["sum sin(x_i) x_(i+1)"]
x5 = rng.normal(size=n)
g5 = grad5(x5)
U = rng.normal(size=(10_000, n))
U /= np.linalg.norm(U, axis=1, keepdims=True)  # 10,000 random unit vectors
slopes_fd = np.array([(f5(x5 + H * u) - f5(x5 - H * u)) / (2 * H) for u in U])
slopes_dot = U @ g5
print(f"2. slope along 10,000 random unit vectors: max |finite difference - grad f . u| = "
      f"{np.abs(slopes_fd - slopes_dot).max():.1e}")
assert np.allclose(slopes_fd, slopes_dot, atol=1e-8)
u_example = np.array([0.6, 0.8])
print(f"   worked example: along u = (0.6, 0.8) at (1, 1) the slope is grad f . u = "
      f"{g0 @ u_example:.1f}")
assert abs(g0 @ u_example - 2.6) < 1e-12

# 3. Steepest ascent ----------------------------------------------------------------------
angles = np.deg2rad(np.arange(3600) / 10)  # every 0.1 degree
dirs = np.stack([np.cos(angles), np.sin(angles)], axis=1)
slopes = np.array([(f2(p0 + H * u) - f2(p0 - H * u)) / (2 * H) for u in dirs])
best = dirs[slopes.argmax()]
angle_to_grad = np.degrees(np.arccos(np.clip(best @ g0 / np.linalg.norm(g0), -1, 1)))
print(f"3. over 3,600 directions at (1, 1): largest slope {slopes.max():.4f} at "
      f"{np.degrees(angles[slopes.argmax()]):.1f} deg, {angle_to_grad:.2f} deg from grad f; "
      f"|grad f| = sqrt(10) = {np.linalg.norm(g0):.4f}")
print(f"   smallest slope {slopes.min():.4f}, along -grad f")
assert angle_to_grad < 0.1 and abs(slopes.max() - np.sqrt(10)) < 1e-5
assert abs(slopes.min() + np.sqrt(10)) < 1e-5
# the demo's headings: the shadow |grad f| cos theta = grad f . b / |b|, the slope along b
for b_arrow, shadow in [((3, 1), np.sqrt(10)), ((1, -3), 0.0), ((-3, -1), -np.sqrt(10)),
                        ((1, 1), 4 / np.sqrt(2)), ((0, 2), 1.0)]:
    b_arrow = np.array(b_arrow, dtype=float)
    assert abs(g0 @ b_arrow / np.linalg.norm(b_arrow) - shadow) < 1e-12
print(f"   the demo's headings: (3, 1) -> {np.sqrt(10):.3f}, (1, -3) -> 0, (-3, -1) -> "
      f"{-np.sqrt(10):.3f}; (1, 1): dot product 4 but slope {4 / np.sqrt(2):.2f}")
norm5 = np.linalg.norm(g5)
u_star = g5 / norm5
print(f"   5 dimensions: best of 10,000 random unit vectors {slopes_dot.max():.4f} "
      f"<= |grad f| = {norm5:.4f} = slope along grad f / |grad f| ({u_star @ g5:.4f})")
assert slopes_dot.max() <= norm5 + 1e-12 and abs(u_star @ g5 - norm5) < 1e-12

# 4. Orthogonal to the level set ---------------------------------------------------------
def contour_y(x):
    return (2 - x**2) / x  # the level set x^2 + x y = 2, solved for y


tangent = np.array([1.0, (contour_y(1 + H) - contour_y(1 - H)) / (2 * H)])
print(f"4. contour f = 2 through (1, 1): tangent {np.round(tangent, 6)}, "
      f"grad f . tangent = {g0 @ tangent:.1e}")
assert np.allclose(tangent, [1, -3], atol=1e-8) and abs(g0 @ tangent) < 1e-8
t_dir = tangent / np.linalg.norm(tangent)
for s in [1e-1, 1e-2, 1e-3]:
    along = f2(p0 + s * t_dir) - f2(p0)
    across = f2(p0 + s * g0 / np.linalg.norm(g0)) - f2(p0)
    print(f"   step {s:.0e}: change in f along the contour {along:+.1e}, along grad f {across:+.1e}")
    assert abs(along + 0.2 * s**2) < s**3  # second order only: -0.2 s^2
    assert abs(across - s * np.sqrt(10)) < 2 * s**2

# 5. The quadratic 1/2 x^T A x - b^T x ---------------------------------------------------
x = rng.normal(size=n)
B = rng.normal(size=(n, n))  # not symmetric


def quad(x, M):
    return 0.5 * x @ M @ x - b @ x


err_sym = np.abs(A_sym @ x - b - fd_gradient(lambda z: quad(z, A_sym), x)).max()
err_wrong = np.abs(B @ x - b - fd_gradient(lambda z: quad(z, B), x)).max()
err_fixed = np.abs(0.5 * (B + B.T) @ x - b - fd_gradient(lambda z: quad(z, B), x)).max()
print(f"5. quadratic: symmetric A, |A x - b - FD| = {err_sym:.1e}; non-symmetric B: "
      f"|B x - b - FD| = {err_wrong:.2f}, |(B + B^T)/2 x - b - FD| = {err_fixed:.1e}")
assert err_sym < 1e-8 and err_fixed < 1e-8 and err_wrong > 0.1
x_min = np.linalg.solve(A_sym, b)  # the gradient vanishes where A x = b
assert np.abs(A_sym @ x_min - b).max() < 1e-12

# 6. A linear layer: the gradient with respect to W is an outer product -----------------
W = rng.normal(size=(3, 4))
x_in = rng.normal(size=4)
y_star = rng.normal(size=3)


def layer_loss(Wf):
    W_ = Wf.reshape(3, 4)
    return 0.5 * np.sum((W_ @ x_in - y_star) ** 2)


y = W @ x_in
grad_W = np.outer(y - y_star, x_in)  # (y - y*) x^T, 3 x 4 like W
grad_W_fd = fd_gradient(layer_loss, W.ravel()).reshape(3, 4)
print(f"6. linear layer, W is 3 x 4: max |(y - y*) x^T - FD| = "
      f"{np.abs(grad_W - grad_W_fd).max():.1e} over 12 weights; "
      f"rank of the gradient = {np.linalg.matrix_rank(grad_W)}")
assert grad_W.shape == W.shape and np.allclose(grad_W, grad_W_fd, atol=1e-8)
assert np.linalg.matrix_rank(grad_W) == 1

print("OK: grad f = partial derivatives; slope along u = grad f . u, largest |grad f| along "
      "grad f; grad f orthogonal to contours; grad(1/2 x^T A x - b^T x) = A x - b; "
      "dL/dW = (y - y*) x^T")
