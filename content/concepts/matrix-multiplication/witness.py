"""Witness for the matrix multiplication notebook.

Checks what the Math section says, each time against an independent computation:

1. the worked 2 x 3 by 3 x 2 example, entry by entry;
2. the definition C_ij = sum_k A_ik B_kj (a triple loop) agrees with NumPy's A @ B;
3. every entry is the dot product of a row of A with a column of B, and the product
   is also a sum of outer products (column k of A times row k of B); QK^T is the table
   of every query-key dot product;
4. shapes: (n x d)(d x m) = n x m, and a product with mismatched inner sizes is refused;
5. (AB)^T = B^T A^T, while A^T B^T is a different matrix;
6. the loop does ndm multiplies and ndm adds, 2ndm FLOPs: the multiply-accumulate
   convention of Kaplan et al. (2020, "Scaling Laws for Neural Language Models",
   arXiv 2001.08361, section 2.1), whose forward pass costs about 2N FLOPs per token;
7. (XY)Z = X(YZ) in value, but the two groupings cost different numbers of FLOPs,
   counted inside the loop;
8. the ratio the demo plots, FLOPs of (XY)Z over FLOPs of X(YZ), equals
   n0 n2 (n1 + n3) / (n1 n3 (n0 + n2)): 50 for sizes 200, 4, 200, 4, 1/50 for
   4, 200, 4, 200 and exactly 1 for 4, 200, 200, 4.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)


def matmul_loop(A, B):
    """C_ij = sum_k A_ik B_kj with three loops; returns C, #multiplies, #adds."""
    A, B = np.asarray(A, dtype=float).tolist(), np.asarray(B, dtype=float).tolist()
    n, d, m = len(A), len(A[0]), len(B[0])
    assert len(B) == d, f"inner sizes differ: ({n} x {d}) times ({len(B)} x {m})"
    C = [[0.0] * m for _ in range(n)]
    mults = adds = 0
    for i in range(n):
        for j in range(m):
            acc = 0.0
            for k in range(d):
                acc += A[i][k] * B[k][j]  # one multiply, one add: a multiply-accumulate
                mults += 1
                adds += 1
            C[i][j] = acc
    return np.array(C), mults, adds


# 1. The worked example ------------------------------------------------------------
A_ex = np.array([[1, 0, 2], [-1, 3, 1]])  # 2 x 3
B_ex = np.array([[3, 1], [2, 1], [1, 0]])  # 3 x 2
C_ex, _, _ = matmul_loop(A_ex, B_ex)
print("worked example: C =", C_ex.astype(int).tolist())
assert C_ex.tolist() == [[5, 1], [4, 2]]

# 2. Triple loop against NumPy -----------------------------------------------------
n, d, m = 5, 3, 4
A, B = rng.normal(size=(n, d)), rng.normal(size=(d, m))
C_loop, _, _ = matmul_loop(A, B)
C = A @ B
print(f"({n} x {d}) @ ({d} x {m}): max |loop - @| = {np.abs(C_loop - C).max():.2e}")
assert np.allclose(C_loop, C, rtol=1e-12, atol=1e-12)

# 3. Row-by-column dot products, and the sum of outer products ---------------------
C_dots = np.array([[np.dot(A[i, :], B[:, j]) for j in range(m)] for i in range(n)])
C_outer = sum(np.outer(A[:, k], B[k, :]) for k in range(d))
print(f"C[1, 2] = {C[1, 2]:+.10f}; row 1 of A . column 2 of B = "
      f"{np.dot(A[1], B[:, 2]):+.10f}")
assert np.allclose(C_dots, C, rtol=1e-12, atol=1e-12)
assert np.allclose(C_outer, C, rtol=1e-12, atol=1e-12)

# QK^T is the table of every query-key dot product
Q, K = rng.normal(size=(6, 8)), rng.normal(size=(6, 8))
S = Q @ K.T
assert S.shape == (6, 6)
assert all(np.isclose(S[i, j], np.dot(Q[i], K[j])) for i in range(6) for j in range(6))
print(f"Q (6 x 8) @ K^T (8 x 6) = S {S.shape}; S[i, j] = q_i . k_j for all 36 pairs")

# 4. Shapes ------------------------------------------------------------------------
assert C.shape == (n, m)
try:
    A @ A  # (5 x 3)(5 x 3): inner sizes 3 and 5 differ
except ValueError:
    print("A @ A with A of 5 x 3 is refused: inner sizes 3 and 5 differ")
else:
    raise AssertionError("a 5 x 3 times 5 x 3 product should be refused")

# 5. Transpose of a product --------------------------------------------------------
assert np.allclose((A @ B).T, B.T @ A.T, rtol=1e-12, atol=1e-12)
P, R = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))  # square: both orders fit
gap_right = np.abs((P @ R).T - R.T @ P.T).max()
gap_wrong = np.abs((P @ R).T - P.T @ R.T).max()
print(f"(PR)^T vs R^T P^T: {gap_right:.1e};  (PR)^T vs P^T R^T: {gap_wrong:.2f}")
assert gap_right < 1e-12 and gap_wrong > 1e-3

# 6. FLOPs, counted in the loop ----------------------------------------------------
for n_, d_, m_ in [(2, 3, 2), (5, 3, 4), (7, 11, 3), (16, 64, 16)]:
    _, mults, adds = matmul_loop(rng.normal(size=(n_, d_)), rng.normal(size=(d_, m_)))
    flops = mults + adds
    print(f"({n_} x {d_})({d_} x {m_}): {mults} multiplies + {adds} adds = {flops}"
          f" = 2ndm = {2 * n_ * d_ * m_}")
    assert mults == n_ * d_ * m_ and adds == n_ * d_ * m_
    assert flops == 2 * n_ * d_ * m_

# one token (a 1 x d row) through a d x m weight matrix: two FLOPs per weight
W = rng.normal(size=(64, 32))
_, mults, adds = matmul_loop(rng.normal(size=(1, 64)), W)
print(f"one token through a 64 x 32 weight matrix: {mults + adds} FLOPs"
      f" = 2 x {W.size} weights")
assert mults + adds == 2 * W.size

# 7. Associativity: same value, different cost -------------------------------------
n0, n1, n2, n3 = 200, 4, 200, 4  # X is n0 x n1, Y is n1 x n2, Z is n2 x n3
X = rng.normal(size=(n0, n1))
Y = rng.normal(size=(n1, n2))
Z = rng.normal(size=(n2, n3))
XY, c1m, c1a = matmul_loop(X, Y)  # n0 x n2 intermediate
XY_Z, c2m, c2a = matmul_loop(XY, Z)
YZ, c3m, c3a = matmul_loop(Y, Z)  # n1 x n3 intermediate
X_YZ, c4m, c4a = matmul_loop(X, YZ)
cost_left = c1m + c1a + c2m + c2a
cost_right = c3m + c3a + c4m + c4a
print(f"(XY)Z: intermediate {XY.shape}, {cost_left:,} FLOPs counted")
print(f"X(YZ): intermediate {YZ.shape}, {cost_right:,} FLOPs counted"
      f"  (ratio {cost_left / cost_right:.0f}x)")
assert np.allclose(XY_Z, X_YZ, rtol=1e-9, atol=1e-9)
assert np.allclose(XY_Z, X @ Y @ Z, rtol=1e-9, atol=1e-9)
assert cost_left == 2 * n0 * n1 * n2 + 2 * n0 * n2 * n3 == 640_000
assert cost_right == 2 * n1 * n2 * n3 + 2 * n0 * n1 * n3 == 12_800
assert cost_left == 50 * cost_right


# 8. The demo's ratio: FLOPs of (XY)Z over FLOPs of X(YZ), counted in the loop -------
def chain_costs(n0, n1, n2, n3):
    """Build random X, Y, Z of the chain, multiply both ways, return the counted FLOPs."""
    X, Y, Z = (rng.normal(size=s) for s in [(n0, n1), (n1, n2), (n2, n3)])
    XY, m1, a1 = matmul_loop(X, Y)
    left, m2, a2 = matmul_loop(XY, Z)
    YZ, m3, a3 = matmul_loop(Y, Z)
    right, m4, a4 = matmul_loop(X, YZ)
    assert np.allclose(left, right, rtol=1e-9, atol=1e-9)
    return m1 + a1 + m2 + a2, m3 + a3 + m4 + a4


for sizes, want in [((200, 4, 200, 4), 50), ((4, 200, 4, 200), 1 / 50), ((4, 200, 200, 4), 1)]:
    left, right = chain_costs(*sizes)
    a, b, c, d = sizes
    ratio = left / right
    closed = a * c * (b + d) / (b * d * (a + c))  # the explorer's r = n0 n2 (n1 + n3) / (n1 n3 (n0 + n2))
    print(f"n = {sizes}: (XY)Z {left:,} FLOPs, X(YZ) {right:,} FLOPs, ratio {ratio:g}")
    assert np.isclose(ratio, want, rtol=1e-12) and np.isclose(closed, ratio, rtol=1e-12)

print("OK: C_ij = sum_k A_ik B_kj = row . column; (AB)^T = B^T A^T; 2ndm FLOPs; "
      "grouping sets cost")
