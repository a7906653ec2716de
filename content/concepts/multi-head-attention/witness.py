"""Witness for the multi-head attention notebook.

Follows Vaswani et al. (2017), "Attention Is All You Need", arXiv 1706.03762, section 3.2.2:
MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W^O with head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V),
and h = 8, d_k = d_v = d_model / h = 64 for d_model = 512.

Checks, each against an independent computation:

1. per-head projections W_i^Q are the column blocks of one d_model x d_model matrix W^Q, so a loop
   over heads with their own small matrices equals one big projection split into heads;
2. Concat(heads) W^O equals the sum over heads of head_i W_i^O (the row blocks of W^O);
3. the parameter count 4 d_model^2 (plus 4 d_model biases) does not depend on h;
4. FLOPs per token: 8 d_model^2 for the projections and 4 n d_model for attention over n tokens,
   counted by walking the shapes head by head, the same for every h;
5. each head compares queries and keys through W_i^Q (W_i^K)^T, a d_model x d_model matrix of rank d_k;
6. the attention lab's "two-heads" preset: two heads keep two patterns that one head blurs.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def softmax_rows(S):
    S = S - S.max(axis=-1, keepdims=True)
    E = np.exp(S)
    return E / E.sum(axis=-1, keepdims=True)


def attention(Q, K, V, causal=True):
    """softmax(Q K^T / sqrt(d_k) + M) V, with the causal mask M."""
    d_k = Q.shape[-1]
    S = Q @ K.T / math.sqrt(d_k)
    if causal:
        S = S + np.triu(np.full(S.shape, -np.inf), k=1)
    A = softmax_rows(S)
    return A @ V, A


# 1. Heads with their own projections = one big projection split into column blocks ------
T, d_model, h = 6, 16, 4
d_k = d_v = d_model // h
X = rng.standard_normal((T, d_model))
W_Q, W_K, W_V, W_O = rng.standard_normal((4, d_model, d_model)) / math.sqrt(d_model)

# The paper's form: head i has its own W_i^Q, W_i^K, W_i^V of shape d_model x d_k.
heads = []
for i in range(h):
    cols = slice(i * d_k, (i + 1) * d_k)
    W_Qi, W_Ki, W_Vi = W_Q[:, cols], W_K[:, cols], W_V[:, cols]
    assert W_Qi.shape == (d_model, d_k)
    head_i, _ = attention(X @ W_Qi, X @ W_Ki, X @ W_Vi)
    assert head_i.shape == (T, d_v)
    heads.append(head_i)
concat = np.concatenate(heads, axis=1)  # T x (h d_v) = T x d_model
out_loop = concat @ W_O

# The fused form: project once, reshape to (h, T, d_k), attend per head, reshape back.
Qf = (X @ W_Q).reshape(T, h, d_k).transpose(1, 0, 2)
Kf = (X @ W_K).reshape(T, h, d_k).transpose(1, 0, 2)
Vf = (X @ W_V).reshape(T, h, d_v).transpose(1, 0, 2)
fused = np.stack([attention(Qf[i], Kf[i], Vf[i])[0] for i in range(h)])
out_fused = fused.transpose(1, 0, 2).reshape(T, d_model) @ W_O
gap = np.abs(out_loop - out_fused).max()
print(f"T = {T}, d_model = {d_model}, h = {h}, d_k = d_v = {d_k}: output {out_loop.shape}")
print(f"max |per-head projections - one projection split into heads| = {gap:.1e}")
assert out_loop.shape == (T, d_model) and gap < 1e-12

# 2. Concat then W^O = sum over heads of head_i times row block i of W^O ------------------
out_sum = sum(heads[i] @ W_O[i * d_v:(i + 1) * d_v, :] for i in range(h))
gap_o = np.abs(out_loop - out_sum).max()
print(f"max |Concat(heads) W^O - sum_i head_i W_i^O| = {gap_o:.1e}")
assert gap_o < 1e-12

# 3. Parameters: 4 d_model^2 whatever h is ---------------------------------------------------
def mha_params(d_model, h, bias=False):
    d_k = d_v = d_model // h
    per_head = 2 * d_model * d_k + d_model * d_v  # W_i^Q, W_i^K, W_i^V
    total = h * per_head + (h * d_v) * d_model  # plus W^O
    if bias:
        total += h * (2 * d_k + d_v) + d_model  # one bias per projected number
    return total


D = 512  # the base Transformer (section 3.2.2)
for hh in (1, 2, 4, 8, 16):
    p = mha_params(D, hh)
    print(f"d_model = {D}, h = {hh:2d}, d_k = {D // hh:3d}: {p:,} weights "
          f"(+ biases: {mha_params(D, hh, bias=True):,})")
    assert p == 4 * D * D == 1_048_576
    assert mha_params(D, hh, bias=True) == 4 * D * D + 4 * D == 1_050_624

# 4. FLOPs per token, counted shape by shape (1 multiply-add = 2 FLOPs) ----------------------
def flops_per_token(d_model, h, n):
    """One new token's query attends over n keys and values (its own included)."""
    d_k = d_v = d_model // h
    proj = 0
    for _ in range(h):
        proj += 2 * (d_model * d_k) * 2 + 2 * (d_model * d_v)  # q, k, v for this token
    proj += 2 * (h * d_v) * d_model  # W^O
    attn = 0
    for _ in range(h):
        attn += 2 * n * d_k  # n dot products of length d_k
        attn += 2 * n * d_v  # weighted sum of n values of length d_v
    return proj, attn


n = 1024
for hh in (1, 8, 64):
    proj, attn = flops_per_token(D, hh, n)
    print(f"h = {hh:2d}: projections {proj:,} FLOPs, attention over n = {n}: {attn:,} FLOPs per token")
    assert proj == 8 * D * D == 2_097_152
    assert attn == 4 * n * D == 2_097_152
print(f"the two are equal when n = 2 d_model = {2 * D}")

# 5. What a head can compare: W_i^Q (W_i^K)^T has rank d_k -------------------------------------
Wq = rng.standard_normal((D, D)) / math.sqrt(D)
Wk = rng.standard_normal((D, D)) / math.sqrt(D)
for hh in (1, 8):
    dk = D // hh
    B = Wq[:, :dk] @ Wk[:, :dk].T  # the bilinear form of head 1: q . k = x W_Q^1 (W_K^1)^T x'^T
    r = np.linalg.matrix_rank(B)
    print(f"h = {hh}: head 1 scores with a {B.shape[0]} x {B.shape[1]} matrix of rank {r}")
    assert r == dk

# 6. The attention lab's "two-heads" preset (src/lib/attention-lab.ts) -----------------------
DIRS = np.array([[2, 0], [1, 1.73], [-1, 1.73], [-2, 0], [-1, -1.73], [1, -1.73]])
tokens = ["the", "fox", "saw", "a", "red", "hen"]
is_noun = [False, True, False, False, False, True]
K6 = np.array([[*DIRS[j], *([2, 0] if is_noun[j] else [0, 0])] for j in range(6)])
Q6 = np.array([[*DIRS[(i + 5) % 6], 2, 0] for i in range(6)])  # "previous token" + "a noun"
V6 = np.array([[j + 1.0] * 4 for j in range(6)])  # each value is its position


def lab(heads):
    d = 4 // heads
    parts = [attention(Q6[:, r * d:(r + 1) * d], K6[:, r * d:(r + 1) * d], V6[:, r * d:(r + 1) * d])
             for r in range(heads)]
    return np.concatenate([o for o, _ in parts], axis=1), [A for _, A in parts]


red = tokens.index("red")
out2, (A_prev, A_noun) = lab(2)
out1, (A_one,) = lab(1)
print(f"two heads, row 'red': head 1 weights {np.round(A_prev[red], 2)}, head 2 {np.round(A_noun[red], 2)}")
print(f"  output {np.round(out2[red], 2)} (head 1 reads near position 4 'a', head 2 near position 2 'fox')")
print(f"one head,  row 'red': weights {np.round(A_one[red], 2)}, output {np.round(out1[red], 2)}")
assert round(A_prev[red, 3], 2) == 0.66 and round(A_noun[red, 1], 2) == 0.81
assert np.allclose(np.round(out2[red], 2), [3.97, 3.97, 2.24, 2.24])
assert round(A_one[red, 3], 2) == 0.47 and round(A_one[red, 1], 2) == 0.17
assert np.allclose(np.round(out1[red], 2), 3.63)
# One head adds the two relations into one score: 'a' scores 4, fox, saw and red tie at 2.
S_one = Q6[red] @ K6[: red + 1].T
print(f"one head, raw scores of 'red' against {tokens[: red + 1]}: {S_one}")
assert np.allclose(S_one, [-4, 2, 2, 4, 2])

print("OK: split heads = one projection, concat W^O = sum of blocks, 4 d_model^2 parameters and "
      "8 d_model^2 + 4 n d_model FLOPs per token for every h, rank-d_k scores, two heads keep two patterns")
