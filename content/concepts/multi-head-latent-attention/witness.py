"""Witness for the multi-head latent attention notebook.

Multi-head latent attention (MLA; DeepSeek-AI 2024, DeepSeek-V2, arXiv 2405.04434, section 2.1)
caches one latent c_t = W_DKV h_t of width d_c per token and layer, rebuilds every head's keys
and values from it with up-projections W_UK and W_UV, and adds a small rotary key k_t^R of
width d_hR, shared by all heads, because RoPE would block folding W_UK into the queries.

The paper's convention is used: column vectors, matrices on the left (c = W_DKV h).

Checks, each against an independent computation:

1. low rank: the key projection MLA implies, W_UK W_DKV, has rank d_c (its singular values
   after the d_c-th are zero);
2. absorption: q . (W_UK c) = (W_UK^T q) . c, and attention computed from the latent with
   W_UK folded into the query and W_UV into the output equals attention with rebuilt keys
   and values, to rounding;
3. RoPE breaks it: with rotated keys the matrix between q and c_j is R(j - t) W_UK, which
   changes with the cached position j, so no single folded query works; with the decoupled
   rotary key, absorption works again and the scores depend only on relative position;
4. the cache: (d_c + d_hR) elements per token and layer against 2 n_h d_h for multi-head
   attention; DeepSeek-V2 (60 layers, 128 heads of 128, d_c = 512, d_hR = 64): 576 against
   32,768 per layer, equal to grouped-query attention with 2.25 groups.

Names: d model width, n_h heads, d_h head width, d_c latent width, d_hR rotary width,
T tokens, t the newest position.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
D, N_H, D_H, D_C, D_HR, T = 32, 4, 8, 6, 4, 7


def mat(rows, cols):
    return rng.standard_normal((rows, cols)) / math.sqrt(cols)


def softmax(s):
    e = np.exp(s - s.max())
    return e / e.sum()


def rope(x, pos):
    """Rotate consecutive pairs of x by pos * theta_k, theta_k = 10000^(-2k / len(x))."""
    half = len(x) // 2
    theta = pos * 10000.0 ** (-2 * np.arange(half) / len(x))
    c, s = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[0::2] = c * x[0::2] - s * x[1::2]
    out[1::2] = s * x[0::2] + c * x[1::2]
    return out


def rope_matrix(pos, n):
    return np.stack([rope(e, pos) for e in np.eye(n)], axis=1)  # columns: R(pos) e_k


H = rng.standard_normal((T, D))  # hidden states h_1..h_T (rows)
W_DKV = mat(D_C, D)  # down-projection, d_c x d
W_UK = [mat(D_H, D_C) for _ in range(N_H)]  # per head: d_h x d_c
W_UV = [mat(D_H, D_C) for _ in range(N_H)]
W_Q = [mat(D_H, D) for _ in range(N_H)]
W_O = [mat(D, D_H) for _ in range(N_H)]  # the block of W^O that multiplies head i
W_QR = [mat(D_HR, D) for _ in range(N_H)]  # per-head rotary queries
W_KR = mat(D_HR, D)  # one rotary key, shared by all heads

# 1. The implied key projection is low rank ----------------------------------------------------
W_K_implied = np.vstack([W_UK[i] @ W_DKV for i in range(N_H)])  # (n_h d_h) x d
sv = np.linalg.svd(W_K_implied, compute_uv=False)
print(f"--- toy: d = {D}, n_h = {N_H}, d_h = {D_H}, d_c = {D_C}, d_hR = {D_HR}, T = {T}")
print(f"implied key projection {W_K_implied.shape}: rank {np.linalg.matrix_rank(W_K_implied)}, "
      f"singular values {np.round(sv[:D_C + 2], 3).tolist()}")
assert np.linalg.matrix_rank(W_K_implied) == D_C and sv[D_C] < 1e-12 * sv[0]

# 2. Absorption ----------------------------------------------------------------------------------
C = H @ W_DKV.T  # the cache: one latent per token, T x d_c
q, c = rng.standard_normal(D_H), C[2]
lhs, rhs = q @ (W_UK[0] @ c), (W_UK[0].T @ q) @ c
print(f"q.(W_UK c) = {lhs:.6f}, (W_UK^T q).c = {rhs:.6f}")
assert np.isclose(lhs, rhs, rtol=1e-12)

t = T - 1  # the newest token attends over positions 0..t


def mla_naive(t):
    """Rebuild every head's keys and values from the cached latents, then attend."""
    u = np.zeros(D)
    for i in range(N_H):
        K = C[: t + 1] @ W_UK[i].T  # k_j = W_UK c_j for every cached j
        V = C[: t + 1] @ W_UV[i].T
        p = softmax(K @ (W_Q[i] @ H[t]) / math.sqrt(D_H))
        u += W_O[i] @ (p @ V)
    return u


# Folded once, offline: W_UK^T W_Q (d_c x d) and W_O W_UV (d x d_c), per head.
W_Q_abs = [W_UK[i].T @ W_Q[i] for i in range(N_H)]
W_O_abs = [W_O[i] @ W_UV[i] for i in range(N_H)]


def mla_absorbed(t):
    """Attend in the latent space: no key or value is ever formed."""
    u = np.zeros(D)
    for i in range(N_H):
        p = softmax(C[: t + 1] @ (W_Q_abs[i] @ H[t]) / math.sqrt(D_H))
        u += W_O_abs[i] @ (p @ C[: t + 1])  # weighted sum of latents, then one matrix
    return u


gap = np.abs(mla_naive(t) - mla_absorbed(t)).max()
print(f"max |output with rebuilt keys and values - output with absorbed matrices| = {gap:.1e}")
assert gap < 1e-12

# 3. RoPE on the compressed keys breaks absorption ------------------------------------------------
# Rotated query and key: score_j = (R(t) q)^T (R(j) W_UK c_j) = q^T R(j - t) W_UK c_j.
q = W_Q[0] @ H[t]
scores = np.array([rope(q, t) @ rope(W_UK[0] @ C[j], j) for j in range(t + 1)])
folded = [(rope_matrix(j - t, D_H) @ W_UK[0]).T @ q for j in range(t + 1)]  # one per j
assert np.allclose(scores, [f @ C[j] for j, f in enumerate(folded)])
spread = max(np.abs(f - folded[0]).max() for f in folded)
fixed = np.array([(W_UK[0].T @ q) @ C[j] for j in range(t + 1)])  # pretend it still folds
print(f"with RoPE on the keys, the folded query (R(j - t) W_UK)^T q differs across the {t + 1} "
      f"cached positions by up to {spread:.2f}; one fixed fold misses the scores by up to "
      f"{np.abs(fixed - scores).max():.2f}")
assert spread > 0.1 and np.abs(fixed - scores).max() > 0.1
assert (round(spread, 2), round(np.abs(fixed - scores).max(), 2)) == (1.90, 8.45)


def decoupled(t, offset=0, absorbed=True):
    """MLA with decoupled RoPE: content part through the latent, position through k^R."""
    KR = np.array([rope(W_KR @ H[j], j + offset) for j in range(t + 1)])  # cached, shared
    u = np.zeros(D)
    for i in range(N_H):
        qR = rope(W_QR[i] @ H[t], t + offset)
        if absorbed:
            content = C[: t + 1] @ (W_Q_abs[i] @ H[t])
        else:
            content = (C[: t + 1] @ W_UK[i].T) @ (W_Q[i] @ H[t])
        p = softmax((content + KR @ qR) / math.sqrt(D_H + D_HR))
        u += W_O_abs[i] @ (p @ C[: t + 1]) if absorbed else W_O[i] @ (p @ (C[: t + 1] @ W_UV[i].T))
    return u


gap_dec = np.abs(decoupled(t) - decoupled(t, absorbed=False)).max()
shift = np.abs(decoupled(t) - decoupled(t, offset=100)).max()
print(f"decoupled RoPE: absorbed vs rebuilt {gap_dec:.1e}; all positions shifted by 100: {shift:.1e}")
assert gap_dec < 1e-12 and shift < 1e-12  # exact again, and relative-position only

# 4. What is cached ------------------------------------------------------------------------------
KR_cache = np.array([rope(W_KR @ H[j], j) for j in range(T)])
elements = C.size + KR_cache.size
print(f"toy cache per layer for {T} tokens: latent {C.shape} + rotary key {KR_cache.shape} = "
      f"{elements} elements = T (d_c + d_hR); multi-head attention: T * 2 n_h d_h = {T * 2 * N_H * D_H}")
assert elements == T * (D_C + D_HR) == 70 and T * 2 * N_H * D_H == 448

# DeepSeek-V2 (section 3.1.2 of the paper; content/models/deepseek-v2.yaml from its config.json):
# 60 layers, n_h = 128 heads of d_h = 128, d_c = 512 (kv_lora_rank), d_hR = 64 (qk_rope_head_dim).
l, n_h, d_h, d_c, d_hR = 60, 128, 128, 512, 64
mla_layer, mha_layer = d_c + d_hR, 2 * n_h * d_h
print(f"DeepSeek-V2 per token and layer: MLA d_c + d_hR = {mla_layer} elements; MHA 2 n_h d_h = "
      f"{mha_layer:,}; ratio {mla_layer / mha_layer:.4f} (1/{mha_layer / mla_layer:.1f})")
assert (mla_layer, mha_layer) == (576, 32_768)
assert d_c == 4 * d_h and d_hR == d_h // 2 and mla_layer == 9 * d_h // 2
groups = mla_layer / (2 * d_h)  # GQA stores 2 n_g d_h per layer
print(f"equal to grouped-query attention with n_g = {mla_layer} / (2 * {d_h}) = {groups} groups")
assert groups == 2.25
gqa8_layer, mqa_layer = 2 * 8 * d_h, 2 * d_h  # the same heads with 8 groups, and with 1
print(f"same heads with GQA-8: {gqa8_layer:,} elements per layer; MQA: {mqa_layer}")
assert (gqa8_layer, mqa_layer) == (2_048, 256) and mqa_layer < mla_layer < gqa8_layer
per_token_bytes = {"MLA": mla_layer * l * 2, "MHA": mha_layer * l * 2}  # bf16
print(f"per token, {l} layers, bf16: MLA {per_token_bytes['MLA']:,} bytes "
      f"({per_token_bytes['MLA'] / 1024} KiB); MHA {per_token_bytes['MHA']:,} bytes "
      f"({per_token_bytes['MHA'] / 2**20} MiB)")
assert per_token_bytes == {"MLA": 69_120, "MHA": 3_932_160}
B, TT = 8, 8192
mla_gib, mha_gib = per_token_bytes["MLA"] * B * TT / 2**30, per_token_bytes["MHA"] * B * TT / 2**30
print(f"B = {B}, T = {TT}: MLA {mla_gib:.2f} GiB, MHA {mha_gib:.0f} GiB")
assert round(mla_gib, 2) == 4.22 and mha_gib == 240
assert per_token_bytes["MLA"] < 131_072  # less than Llama 3.1 8B's 128 KiB per token
# The price: in absorbed form each head scores a cached token with a d_c + d_hR wide dot
# product instead of d_h, so decoding does more arithmetic per byte of cache it reads.
print(f"score width per head and cached token: absorbed MLA {d_c + d_hR}, MHA {d_h}; "
      f"x{(d_c + d_hR) / d_h}")
assert (d_c + d_hR) / d_h == 4.5
half = (d_c // 2 + d_hR) / (d_c + d_hR)  # halve the latent: the rotary key stays
print(f"latent 256 instead of 512: {d_c // 2 + d_hR} of {d_c + d_hR} elements remain ({half:.1%})")
assert d_c // 2 + d_hR == 320 and round(half, 3) == 0.556
print("OK: rank d_c; absorption exact; RoPE breaks it and decoupled RoPE restores it; "
      "576 vs 32,768 elements per layer = GQA with 2.25 groups; 69,120 bytes per token")
