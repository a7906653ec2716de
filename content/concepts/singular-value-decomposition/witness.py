"""Witness for the singular value decomposition notebook.

Checks what the Math section says, each against a computation that does not assume it:

1. the figure's shear M = ((1, 1), (0, 1)): its right singular vectors come from the eigenvectors of
   M^T M, their images are perpendicular with lengths (1 + sqrt 5)/2 and its inverse, and U S V^T = M;
2. a random 6 x 4 matrix: U and V have orthonormal columns, U S V^T rebuilds A, the squared singular
   values are the eigenvalues of A^T A, and A is the sum of rank-one pieces sigma_i u_i v_i^T;
3. norms: ||A||_F^2 = sum of sigma_i^2 and the largest stretch ||A x|| over unit x is sigma_1;
4. Eckart-Young on a 30 x 20 matrix with decaying singular values: the truncated SVD A_k has
   Frobenius error sqrt(sigma_{k+1}^2 + ...) and spectral error sigma_{k+1}, and 1,000 rank-k
   competitors per k (random, and small perturbations of A_k) never do better;
5. storage: a rank-k factorisation of an m x n matrix stores k (m + n) numbers instead of m n.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1. The figure's shear ------------------------------------------------------------
M = np.array([[1.0, 1.0], [0.0, 1.0]])
lam, V = np.linalg.eigh(M.T @ M)          # eigenvalues ascending
order = np.argsort(lam)[::-1]
lam, V = lam[order], V[:, order]
V = V * np.sign(V[1])                     # fix signs: second entries positive
sig = np.sqrt(lam)
phi = (1 + math.sqrt(5)) / 2
assert np.allclose(sig, [phi, 1 / phi])
U = (M @ V) / sig                         # u_i = M v_i / sigma_i
assert np.allclose(U.T @ U, np.eye(2)) and np.allclose(V.T @ V, np.eye(2))
assert np.allclose(U @ np.diag(sig) @ V.T, M)
img1, img2 = M @ V[:, 0], M @ V[:, 1]
print(f"shear: sigma = {sig[0]:.3f}, {sig[1]:.3f}; product {sig.prod():.3f} = det M")
print(f"  v1 = {np.round(V[:, 0], 3)}, v2 = {np.round(V[:, 1], 3)}")
print(f"  M v1 = {np.round(img1, 3)}, M v2 = {np.round(img2, 3)}, (M v1) . (M v2) = {img1 @ img2:.1e}")
print(f"  u1 = {np.round(U[:, 0], 3)}, u2 = {np.round(U[:, 1], 3)}")
assert abs(img1 @ img2) < 1e-12 and math.isclose(sig.prod(), np.linalg.det(M))
assert np.allclose(np.round(V[:, 0], 3), [0.526, 0.851]) and np.allclose(np.round(U[:, 0], 3), [0.851, 0.526])
# e1 and e2 are perpendicular too, but their images (1, 0) and (1, 1) are not
assert not math.isclose((M @ [1, 0]) @ (M @ [0, 1]), 0)

# The demo's matrix: M = U S V^T with V a 45-degree rotation, U the rotation with columns (0.8, 0.6)
# and (-0.6, 0.8), and S = diag(2 sqrt 2, sqrt 2), so M = ((2.2, 1), (0.4, 2)).
D = np.array([[2.2, 1.0], [0.4, 2.0]])
Ud, sd, Vdt = np.linalg.svd(D)
assert np.allclose(sd, [2 * math.sqrt(2), math.sqrt(2)]) and math.isclose(np.linalg.det(D), 4.0)
a, b = np.array([1.0, 1.0]), np.array([-1.0, 1.0])   # along v1 and v2, length sqrt 2
Da, Db = D @ a, D @ b
assert np.allclose(Da, [3.2, 2.4]) and np.allclose(Db, [-1.2, 1.6])
assert math.isclose(Da @ Db, 0, abs_tol=1e-12)
assert math.isclose(np.linalg.norm(Da), 4) and math.isclose(np.linalg.norm(Db), 2)
ang = math.degrees(math.acos((D @ [1, 0]) @ (D @ [0, 1]) / (np.linalg.norm(D @ [1, 0]) * np.linalg.norm(D @ [0, 1]))))
print(f"demo M = ((2.2, 1), (0.4, 2)): sigma = {sd[0]:.3f}, {sd[1]:.3f}; M(1, 1) = {Da}, M(-1, 1) = {Db}, "
      f"dot {Da @ Db:.1e}, lengths 4 and 2; images of e1, e2 meet at {ang:.1f} degrees")
assert 53.1 < ang < 53.2

# 2. A random 6 x 4 matrix ----------------------------------------------------------
A = rng.standard_normal((6, 4))
U, s, Vt = np.linalg.svd(A, full_matrices=False)   # thin SVD: U 6x4, s 4, Vt 4x4
print(f"random 6 x 4 A: singular values {np.round(s, 3)}")
orth_u, orth_v = np.abs(U.T @ U - np.eye(4)).max(), np.abs(Vt @ Vt.T - np.eye(4)).max()
recon = np.abs(U @ np.diag(s) @ Vt - A).max()
print(f"  |U^T U - I| {orth_u:.1e}, |V^T V - I| {orth_v:.1e}, |U S V^T - A| {recon:.1e}")
assert orth_u < 1e-14 and orth_v < 1e-14 and recon < 1e-14
assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
eig = np.sort(np.linalg.eigvalsh(A.T @ A))[::-1]
assert np.allclose(eig, s**2)
pieces = sum(s[i] * np.outer(U[:, i], Vt[i]) for i in range(4))
assert np.allclose(pieces, A)
assert all(np.linalg.matrix_rank(np.outer(U[:, i], Vt[i])) == 1 for i in range(4))

# 3. Norms read off the singular values ---------------------------------------------
fro = np.linalg.norm(A, "fro")
assert math.isclose(fro**2, np.sum(s**2))
X = rng.standard_normal((4, 20_000))
X /= np.linalg.norm(X, axis=0)
best_stretch = np.linalg.norm(A @ X, axis=0).max()
print(f"  ||A||_F^2 = {fro**2:.3f} = sum sigma^2; best stretch over 20,000 unit x "
      f"{best_stretch:.3f} <= sigma_1 = {s[0]:.3f}, reached at v1: {np.linalg.norm(A @ Vt[0]):.3f}")
assert best_stretch <= s[0] + 1e-12 and best_stretch > 0.99 * s[0]
assert math.isclose(np.linalg.norm(A @ Vt[0]), s[0])

# 4. Eckart-Young on a 30 x 20 matrix with decaying singular values -------------------
m, n = 30, 20
Q1, _ = np.linalg.qr(rng.standard_normal((m, n)))
Q2, _ = np.linalg.qr(rng.standard_normal((n, n)))
sv = 0.7 ** np.arange(n) * 10                      # sigma_i = 10 * 0.7^(i-1)
B = Q1 @ np.diag(sv) @ Q2.T
U, s, Vt = np.linalg.svd(B, full_matrices=False)
assert np.allclose(s, sv)
print("Eckart-Young, 30 x 20, sigma_i = 10 * 0.7^(i-1):")
print("  k   ||B-B_k||_F  sqrt(tail)  ||B-B_k||_2  sigma_k+1  best rival F  energy kept")
for k in (1, 2, 3, 5, 8):
    Bk = U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
    err_f, err_2 = np.linalg.norm(B - Bk, "fro"), np.linalg.norm(B - Bk, 2)
    tail = math.sqrt(np.sum(s[k:] ** 2))
    assert math.isclose(err_f, tail, rel_tol=1e-10) and math.isclose(err_2, s[k], rel_tol=1e-10)
    rivals_f, rivals_2 = [], []
    for t in range(1000):
        if t % 2 == 0:   # a random rank-k matrix, fitted as well as possible on its own column space
            C = rng.standard_normal((m, k))
            Qc, _ = np.linalg.qr(C)
            R = Qc @ (Qc.T @ B)                      # best matrix with those columns
        else:            # a small nudge of the optimum's factors
            R = (U[:, :k] + 0.05 * rng.standard_normal((m, k))) @ np.diag(s[:k]) @ (
                Vt[:k] + 0.05 * rng.standard_normal((k, n)))
        assert np.linalg.matrix_rank(R) <= k
        rivals_f.append(np.linalg.norm(B - R, "fro"))
        rivals_2.append(np.linalg.norm(B - R, 2))
    assert min(rivals_f) >= err_f - 1e-12 and min(rivals_2) >= err_2 - 1e-12
    energy = np.sum(s[:k] ** 2) / np.sum(s**2)
    print(f"  {k}   {err_f:9.4f}   {tail:9.4f}   {err_2:9.4f}   {s[k]:9.4f}   {min(rivals_f):9.4f}   {energy:.4f}")
    if k == 3:
        e3, f3, r3 = energy, err_f, min(rivals_f)
assert math.isclose(round(e3, 4), 0.8824)   # energy kept at rank 3, about 1 - 0.49^3
assert math.isclose(e3, 1 - 0.49**3 * (1 - 0.49 ** (n - 3)) / (1 - 0.49**n), rel_tol=1e-12)

# 5. Storage of a rank-k factorisation ----------------------------------------------
mm, nn, kk = 4096, 4096, 16
print(f"storage: full {mm} x {nn} = {mm * nn:,} numbers; rank {kk} factors {kk * (mm + nn):,} "
      f"({mm * nn / (kk * (mm + nn)):.0f}x fewer)")
assert mm * nn // (kk * (mm + nn)) == 128

print("OK: U, V orthonormal; U S V^T = A; ||A||_F^2 = sum sigma^2; truncation is the best rank-k fit")
