"""Witness for the FlashAttention notebook.

Dao et al. 2022 (arXiv 2205.14135) compute exact attention O = softmax(Q K^T / sqrt(d)) V without
writing the N x N score matrix to GPU main memory (HBM): keys and values are processed in blocks
held in fast on-chip memory (SRAM), and each row's softmax is built up block by block with a
running maximum m and a running sum l (the online softmax of Milakov and Gimelshein 2018,
arXiv 1805.02867). This program checks, each against an independent computation:

1. the online softmax of one row, fed in blocks, gives the same maximum, normaliser and weighted
   sum of values as the two-pass softmax;
2. the tiled algorithm (the paper's Algorithm 1: outer loop over blocks of K and V, inner loop
   over blocks of Q, with O, l and m kept in "HBM" between visits) equals direct attention to
   about 1e-15 for several block sizes, including ones that do not divide N;
3. an HBM-access counter wrapped around both algorithms: standard attention (the paper's
   Algorithm 0) moves exactly 4Nd + 4N^2 numbers, the tiled one exactly
   3Nd + 2N + T_c (3Nd + 4N) with T_c = ceil(N / B_c), B_c = ceil(M / 4d), B_r = min(B_c, d);
   the ratio approaches 4 B_c / (3d + 4), about M / (3 d^2), as N grows (Theorem 2: Theta(Nd + N^2) against
   Theta(N^2 d^2 / M));
4. both do the same matrix-multiply FLOPs, 4 N^2 d, and the tiled one keeps only 2N extra numbers
   (l and m) instead of the N^2 scores and N^2 probabilities;
5. from the saved statistics L = m + log l the backward pass can recompute any block of the
   probability matrix exactly, P_ij = exp(S_ij - L_i), instead of storing it.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


# 1. Online softmax of one row -------------------------------------------------------------------
def two_pass(s, v):
    """Softmax of the row s, then the weighted sum of the rows of v."""
    m = s.max()
    e = np.exp(s - m)
    return m, e.sum(), (e @ v) / e.sum()


def online(s, v, block):
    """One pass over blocks: keep the running max m, the running sum l and the unnormalised output."""
    m, l, acc = -np.inf, 0.0, np.zeros(v.shape[1])
    for start in range(0, len(s), block):
        sb, vb = s[start:start + block], v[start:start + block]
        m_new = max(m, sb.max())
        scale = math.exp(m - m_new)  # old terms were exp(s - m); rescale them to exp(s - m_new)
        e = np.exp(sb - m_new)
        l = scale * l + e.sum()
        acc = scale * acc + e @ vb
        m = m_new
    return m, l, acc / l


s = rng.standard_normal(37) * 3
v = rng.standard_normal((37, 5))
m_ref, l_ref, o_ref = two_pass(s, v)
for block in (1, 4, 10, 37):
    m_on, l_on, o_on = online(s, v, block)
    assert m_on == m_ref and abs(l_on - l_ref) < 1e-12 and np.abs(o_on - o_ref).max() < 1e-14
print(f"1. one row of 37 scores: online softmax in blocks of 1, 4, 10 and 37 gives the same max "
      f"{m_ref:.4f}, sum {l_ref:.6f} and output (max error < 1e-14)")


# 2 and 3. Direct and tiled attention, with an HBM-access counter --------------------------------
class HBM:
    """Main memory: every read or write of an array slice is counted in numbers moved."""

    def __init__(self):
        self.reads = 0
        self.writes = 0

    def read(self, a):
        self.reads += a.size
        return a.copy()

    def write(self, dst, idx, a):
        self.writes += np.asarray(a).size
        dst[idx] = a

    @property
    def total(self):
        return self.reads + self.writes


def standard_attention(Q, K, V, hbm):
    """The paper's Algorithm 0: S and P are written to HBM and read back."""
    N, d = Q.shape
    S = np.empty((N, N))
    P = np.empty((N, N))
    O = np.empty((N, d))
    hbm.write(S, slice(None), hbm.read(Q) @ hbm.read(K).T / math.sqrt(d))  # read Q, K; write S
    Sr = hbm.read(S)  # read S
    E = np.exp(Sr - Sr.max(axis=1, keepdims=True))
    hbm.write(P, slice(None), E / E.sum(axis=1, keepdims=True))  # write P
    hbm.write(O, slice(None), hbm.read(P) @ hbm.read(V))  # read P, V; write O
    return O, {"matmul_flops": 2 * N * N * d * 2, "extra_numbers": S.size + P.size}


def flash_attention(Q, K, V, M, hbm, Bc=None, Br=None):
    """The paper's Algorithm 1 (forward pass), with O, l and m living in HBM between visits."""
    N, d = Q.shape
    Bc = Bc or math.ceil(M / (4 * d))
    Br = Br or min(math.ceil(M / (4 * d)), d)
    O, l, m = np.empty((N, d)), np.empty(N), np.empty(N)
    hbm.write(O, slice(None), np.zeros((N, d)))  # initialise O = 0, l = 0, m = -inf in HBM
    hbm.write(l, slice(None), np.zeros(N))
    hbm.write(m, slice(None), np.full(N, -np.inf))
    flops = 0
    for j in range(0, N, Bc):  # outer loop: one block of keys and values, loaded once
        Kj, Vj = hbm.read(K[j:j + Bc]), hbm.read(V[j:j + Bc])
        for i in range(0, N, Br):  # inner loop: every block of queries
            rows = slice(i, i + Br)
            Qi, Oi, li, mi = hbm.read(Q[rows]), hbm.read(O[rows]), hbm.read(l[rows]), hbm.read(m[rows])
            Sij = Qi @ Kj.T / math.sqrt(d)  # lives in SRAM only
            mij = Sij.max(axis=1)
            Pij = np.exp(Sij - mij[:, None])
            lij = Pij.sum(axis=1)
            m_new = np.maximum(mi, mij)
            l_new = np.exp(mi - m_new) * li + np.exp(mij - m_new) * lij
            O_new = ((li * np.exp(mi - m_new))[:, None] * Oi + np.exp(mij - m_new)[:, None] * (Pij @ Vj)) / l_new[:, None]
            flops += 2 * Sij.size * d * 2  # Q_i K_j^T and P_ij V_j
            hbm.write(O, rows, O_new)
            hbm.write(l, rows, l_new)
            hbm.write(m, rows, m_new)
    return O, {"matmul_flops": flops, "extra_numbers": l.size + m.size, "l": l, "m": m, "Bc": Bc, "Br": Br}


def standard_count(N, d):
    return 4 * N * d + 4 * N * N


def flash_count(N, d, M):
    Bc = math.ceil(M / (4 * d))
    Tc = math.ceil(N / Bc)
    return 3 * N * d + 2 * N + Tc * (3 * N * d + 4 * N)


def direct(Q, K, V):
    S = Q @ K.T / math.sqrt(Q.shape[1])
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return (E / E.sum(axis=1, keepdims=True)) @ V


N, d = 300, 16
Q, K, V = (rng.standard_normal((N, d)) * 2 for _ in range(3))
O_ref = direct(Q, K, V)
print(f"2. N = {N}, d = {d}: tiled attention against direct softmax(QK^T/sqrt(d))V")
for Bc, Br in ((16, 16), (64, 16), (7, 5), (100, 30), (300, 300)):
    O_flash, info = flash_attention(Q, K, V, M=None, hbm=HBM(), Bc=Bc, Br=Br)
    err = np.abs(O_flash - O_ref).max()
    print(f"   blocks B_c = {Bc:3d}, B_r = {Br:3d}: max |tiled - direct| = {err:.1e}")
    assert err < 1e-12

print("3. HBM accesses, counted inside the code (numbers moved), against the formulas")
for N, d, M in ((300, 16, 1024), (256, 32, 4096), (1000, 64, 16384), (2048, 64, 65536)):
    Q, K, V = (rng.standard_normal((N, d)) for _ in range(3))
    h_std, h_fl = HBM(), HBM()
    O_std, i_std = standard_attention(Q, K, V, h_std)
    O_fl, i_fl = flash_attention(Q, K, V, M, h_fl)
    assert np.abs(O_std - O_fl).max() < 1e-12
    assert h_std.total == standard_count(N, d) and h_fl.total == flash_count(N, d, M)
    assert i_std["matmul_flops"] == i_fl["matmul_flops"] == 4 * N * N * d
    assert i_std["extra_numbers"] == 2 * N * N and i_fl["extra_numbers"] == 2 * N
    print(f"   N = {N:4d}, d = {d:2d}, M = {M:5d} (B_c = {i_fl['Bc']}, B_r = {i_fl['Br']}): standard "
          f"{h_std.total:>11,}, tiled {h_fl.total:>10,}, ratio {h_std.total / h_fl.total:5.2f}; "
          f"matmul FLOPs both {4 * N * N * d:,}; extra numbers {2 * N * N:,} vs {2 * N}")

# The formulas at larger N (the counts above show they are exact).
d, M = 64, 65536
print(f"   formulas at d = {d}, M = {M} (B_c = {math.ceil(M / (4 * d))}); M / (3 d^2) = {M / (3 * d * d):.2f}")
ratios = {}
for N in (256, 1024, 4096, 16384, 65536):
    ratios[N] = standard_count(N, d) / flash_count(N, d, M)
    print(f"   N = {N:6d}: standard {standard_count(N, d):>15,}  tiled {flash_count(N, d, M):>13,}  "
          f"ratio {ratios[N]:.2f}")
limit = 4 * math.ceil(M / (4 * d)) / (3 * d + 4)  # 4N^2 over (N / B_c)(3Nd + 4N) as N grows
print(f"   limit 4 B_c / (3d + 4) = {limit:.2f}")
assert round(ratios[4096], 2) == 5.00 and round(ratios[65536], 2) == 5.21 and round(limit, 2) == 5.22
assert all(r < limit < M / (3 * d * d) for r in ratios.values())
assert flash_count(4096, 64, 65536) == 13_639_680 and standard_count(4096, 64) == 68_157_440
# The demo's smooth curve takes T_c = N / B_c: (4d + 4N) / (3d + 2 + N(3d + 4) / B_c). Where B_c
# divides N it is the exact ratio; elsewhere the exact count is one partial sweep higher.
smooth = lambda N, d, M: (4 * d + 4 * N) / (3 * d + 2 + N * (3 * d + 4) / (M / (4 * d)))
for N in (256, 1024, 4096, 65536):
    assert abs(smooth(N, d, M) - ratios[N]) < 1e-12
assert smooth(4097, d, M) > standard_count(4097, d) / flash_count(4097, d, M)
print(f"   the demo's smooth curve (4d + 4N) / (3d + 2 + N(3d + 4) / B_c) equals these ratios where "
      f"B_c divides N: {smooth(4096, d, M):.2f} at N = 4096")
# Doubling M roughly doubles the ratio; doubling d divides it by about 4.
assert 1.9 < (standard_count(65536, 64) / flash_count(65536, 64, 2 * M)) / ratios[65536] < 2.0
assert 3.5 < ratios[65536] / (standard_count(65536, 128) / flash_count(65536, 128, M)) < 4.1
# Too small an SRAM and the tiled algorithm moves MORE numbers than the standard one.
assert flash_count(4096, 64, 4096) > standard_count(4096, 64)
print(f"   M = 4096 at d = 64: tiled {flash_count(4096, 64, 4096):,} > standard "
      f"{standard_count(4096, 64):,} (blocks of 16 keys reload Q and O 256 times)")

# 5. Recomputation for the backward pass ---------------------------------------------------------
N, d = 300, 16
Q, K, V = (rng.standard_normal((N, d)) * 2 for _ in range(3))
_, info = flash_attention(Q, K, V, M=1024, hbm=HBM())
L = info["m"] + np.log(info["l"])  # one number per row is all the forward pass keeps
S = Q @ K.T / math.sqrt(d)
P_full = np.exp(S - S.max(axis=1, keepdims=True))
P_full /= P_full.sum(axis=1, keepdims=True)
rows, cols = slice(32, 48), slice(160, 176)
P_block = np.exp(Q[rows] @ K[cols].T / math.sqrt(d) - L[rows, None])
err = np.abs(P_block - P_full[rows, cols]).max()
print(f"5. a 16 x 16 block of P recomputed from Q, K and L = m + log l: max error {err:.1e}")
assert err < 1e-15

print("OK: tiled attention with online softmax = direct attention (to 1e-12 and better); HBM "
      "accesses 4Nd + 4N^2 against 3Nd + 2N + T_c(3Nd + 4N), ratio 5.00 at N = 4096, d = 64, "
      "M = 65,536; same 4N^2 d matmul FLOPs; 2N extra numbers instead of 2N^2")
