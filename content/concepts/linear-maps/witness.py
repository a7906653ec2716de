"""Witness for the linear maps notebook.

Checks what the Math section says, each time against a computation that does not assume it:

1. linearity: a matrix map satisfies f(a x + b y) = a f(x) + b f(y); a shifted map x -> Mx + c does not;
2. columns are images of basis vectors: a rotation written as a formula (no matrix anywhere) is
   reproduced exactly by the matrix whose columns are f(e1) and f(e2);
3. composition is multiplication: applying g then f equals applying the product F G;
4. the determinant is the signed area of the image of the unit square, measured by the shoelace
   formula on the four corners, for a rotation, a scaling, a shear, a reflection and two singular maps;
5. rank-nullity on a random map from 5 dimensions to 3: rank 3, null space of dimension 2, and
   adding a null-space vector to the input leaves the output unchanged;
6. two stacked linear layers equal one layer with the product matrix; put a ReLU between them and
   no single matrix fits.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1. Linearity ---------------------------------------------------------------------
M = np.array([[2.0, 1.0], [0.0, 1.0]])
f = lambda v: M @ v  # noqa: E731
x, y = rng.standard_normal(2), rng.standard_normal(2)
a, b = 3.0, -0.5
assert np.allclose(f(a * x + b * y), a * f(x) + b * f(y), atol=1e-12)
c = np.array([1.0, 0.0])
shifted = lambda v: M @ v + c  # noqa: E731
gap = np.linalg.norm(shifted(a * x + b * y) - (a * shifted(x) + b * shifted(y)))
print(f"f(v) = Mv keeps f(3x - 0.5y) = 3 f(x) - 0.5 f(y); the shifted map Mv + (1, 0) misses by {gap:.2f}")
assert math.isclose(gap, abs(1 - (a + b)) * np.linalg.norm(c))  # misses by |1 - (a + b)| |c| = 1.5
assert not np.allclose(shifted(np.zeros(2)), 0)  # a linear map sends 0 to 0


# 2. Columns are the images of the basis vectors -------------------------------------
def rotate(v, degrees):
    """Rotate v counter-clockwise, written with angles only: no matrix is built here."""
    r, phi = math.hypot(v[0], v[1]), math.atan2(v[1], v[0])
    return np.array([r * math.cos(phi + math.radians(degrees)), r * math.sin(phi + math.radians(degrees))])


e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
R = np.column_stack([rotate(e1, 30), rotate(e2, 30)])
print("rotation by 30 degrees, columns f(e1), f(e2):\n", np.round(R, 4))
assert np.allclose(R, [[math.sqrt(3) / 2, -0.5], [0.5, math.sqrt(3) / 2]], atol=1e-15)
pts = rng.standard_normal((1000, 2))
worst = max(np.abs(R @ p - rotate(p, 30)).max() for p in pts)
print(f"R v against the formula over 1,000 random v: largest difference {worst:.1e}")
assert worst < 1e-14

# The figure's map: columns (1, 0.5) and (-0.5, 1); x = (1.5, 1) lands on 1.5 Me1 + 1 Me2 = (1, 1.75)
M_fig = np.array([[1.0, -0.5], [0.5, 1.0]])
assert np.allclose(M_fig @ e1, [1, 0.5]) and np.allclose(M_fig @ e2, [-0.5, 1])
assert np.allclose(M_fig @ np.array([1.5, 1.0]), 1.5 * (M_fig @ e1) + 1 * (M_fig @ e2))
assert np.allclose(M_fig @ np.array([1.5, 1.0]), [1.0, 1.75])
assert math.isclose(np.linalg.det(M_fig), 1.25)
print("figure: M e1 = (1, 0.5), M e2 = (-0.5, 1), M (1.5, 1) = (1, 1.75), det M = 1.25")

# 3. Composition is multiplication --------------------------------------------------
S = np.array([[1.0, 1.0], [0.0, 1.0]])  # shear
apply_then = lambda v: R @ (S @ v)  # noqa: E731 -- shear first, then rotate
RS = np.column_stack([apply_then(e1), apply_then(e2)])
assert np.allclose(RS, R @ S, atol=1e-15)
assert not np.allclose(R @ S, S @ R)  # order matters
print("columns of 'shear, then rotate' equal R S; S R differs by", np.round(np.abs(R @ S - S @ R).max(), 4))


# 4. Determinant = signed area of the image of the unit square -----------------------
def signed_area(corners):
    """Shoelace formula: positive for counter-clockwise corners, negative when the order flips."""
    xs, ys = corners[:, 0], corners[:, 1]
    return 0.5 * float(np.sum(xs * np.roll(ys, -1) - np.roll(xs, -1) * ys))


square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)  # counter-clockwise
maps = {
    "rotation 36.87 deg": np.array([[0.8, -0.6], [0.6, 0.8]]),
    "scaling (2, 0.5)": np.array([[2.0, 0.0], [0.0, 0.5]]),
    "shear": np.array([[1.0, 1.0], [0.0, 1.0]]),
    "scaling (3, 1)": np.array([[3.0, 0.0], [0.0, 1.0]]),
    "reflection": np.array([[1.0, 0.0], [0.0, -1.0]]),
    "projection onto x": np.array([[1.0, 0.0], [0.0, 0.0]]),
    "singular": np.array([[1.0, 2.0], [0.5, 1.0]]),
}
expected = {"rotation 36.87 deg": 1, "scaling (2, 0.5)": 1, "shear": 1, "scaling (3, 1)": 3,
            "reflection": -1, "projection onto x": 0, "singular": 0}
print("map                  area of image   ad - bc")
for name, A in maps.items():
    area = signed_area(square @ A.T)
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    print(f"{name:20s} {area:8.4f}      {det:8.4f}")
    assert math.isclose(area, det, abs_tol=1e-12) and math.isclose(det, expected[name], abs_tol=1e-12)
    assert math.isclose(det, np.linalg.det(A), abs_tol=1e-12)
# the singular matrix: both columns along (1, 0.5), rank 1, and (2, -1) lands on the origin
sing_M = maps["singular"]
assert np.linalg.matrix_rank(sing_M) == 1 and np.allclose(sing_M @ np.array([2.0, -1.0]), 0)
# and areas multiply under composition: det(F G) = det F det G
F, G = rng.standard_normal((2, 2)), rng.standard_normal((2, 2))
assert math.isclose(signed_area(square @ (F @ G).T), np.linalg.det(F) * np.linalg.det(G), rel_tol=1e-9)

# 5. Rank and null space of a map to fewer dimensions ---------------------------------
W = rng.standard_normal((3, 5))  # a random linear map from R^5 to R^3
_, sing, Vt = np.linalg.svd(W)
rank = int(np.sum(sing > 1e-10 * sing[0]))
N = Vt[rank:].T  # columns span the null space: W n = 0
print(f"W: 5 -> 3, singular values {np.round(sing, 3)}, rank {rank}, null space dimension {N.shape[1]}")
assert rank == 3 and N.shape[1] == 2 and rank + N.shape[1] == 5
assert np.allclose(W @ N, 0, atol=1e-12)
v = rng.standard_normal(5)
n = N @ np.array([4.0, -7.0])  # some vector the map throws away
assert np.allclose(W @ (v + n), W @ v, atol=1e-12)
print(f"adding a null-space vector of length {np.linalg.norm(n):.2f} changes W v by "
      f"{np.linalg.norm(W @ (v + n) - W @ v):.1e}")
# the orthogonal projection onto a 2-D plane of R^3 keeps the plane and throws away its normal
Q, _ = np.linalg.qr(rng.standard_normal((3, 2)))
P = Q @ Q.T
assert np.allclose(P @ P, P) and np.linalg.matrix_rank(P) == 2
normal = np.cross(Q[:, 0], Q[:, 1])
assert np.allclose(P @ normal, 0, atol=1e-12) and math.isclose(np.linalg.det(P), 0, abs_tol=1e-12)

# 6. Stacked linear layers collapse to one --------------------------------------------
d_in, d_hidden, d_out, batch = 4, 8, 3, 1000
W1, W2 = rng.standard_normal((d_hidden, d_in)), rng.standard_normal((d_out, d_hidden))
X = rng.standard_normal((batch, d_in))  # one input per row, so a layer computes X W^T
two_layers = (X @ W1.T) @ W2.T
one_layer = X @ (W2 @ W1).T
print(f"two linear layers vs one layer W2 W1: largest difference {np.abs(two_layers - one_layer).max():.1e}")
assert np.allclose(two_layers, one_layer, atol=1e-12)


def best_single_matrix_residual(Y):
    """Relative residual of the best least-squares fit Y ~ X A for one matrix A."""
    A, *_ = np.linalg.lstsq(X, Y, rcond=None)
    return np.linalg.norm(X @ A - Y) / np.linalg.norm(Y)


relu = lambda z: np.maximum(z, 0)  # noqa: E731
with_relu = relu(X @ W1.T) @ W2.T
r_lin, r_relu = best_single_matrix_residual(two_layers), best_single_matrix_residual(with_relu)
print(f"best single matrix: relative residual {r_lin:.1e} without ReLU, {r_relu:.2f} with ReLU")
assert r_lin < 1e-12 and r_relu > 0.3

print("OK: columns are images of e_i; composition is the product; det is the signed area; "
      "rank + nullity = 5; stacked linear layers are one layer")
