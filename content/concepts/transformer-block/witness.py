"""Witness for the transformer block notebook.

The pre-LN block of Xiong et al. (2020), arXiv 2002.04745:
    h = x + MHA(LN(x)),   y = h + FFN(LN(h)),
with the multi-head attention and position-wise feed-forward network of Vaswani et al. (2017),
arXiv 1706.03762 (sections 3.2.2 and 3.3: FFN(x) = max(0, x W1 + b1) W2 + b2, d_ff = 4 d_model),
and layer normalization over each token's own features (Ba et al. 2016, arXiv 1607.06450).

Checks, each against an independent computation:

1. layer norm gives every row mean 0 and variance 1; the block's output is exactly
   x + (attention output) + (FFN output): the residual stream;
2. parameters per block, counted from the arrays: 12 d^2 weights (4 d^2 attention, 8 d^2 FFN),
   plus 9 d biases and 4 d norm parameters;
3. only attention mixes positions: with attention switched off, changing token j changes row j
   only; with it on (causal), rows >= j change and rows < j stay bit-for-bit equal;
4. decoding one token at a time with a cache of each token's key and value reproduces the full pass;
5. FLOPs per token: 24 d^2 for the weights and 4 n d for attention over n tokens, so attention
   over the context is half the block at n = 6 d (the function explorer's curve);
6. pre-LN versus post-LN at initialization: the pre-LN stream grows with depth, post-LN stays at norm sqrt(d).

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
EPS = 1e-5


def layer_norm(x, gain=None, bias=None):
    """Normalize each row (one token) by its own mean and standard deviation."""
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    out = (x - mu) / np.sqrt(var + EPS)
    if gain is not None:
        out = out * gain + bias
    return out


def softmax_rows(S):
    S = S - S.max(axis=-1, keepdims=True)
    E = np.exp(S)
    return E / E.sum(axis=-1, keepdims=True)


def init_block(d, h, r=4):
    s = 1 / math.sqrt(d)
    return {
        "ln1_g": np.ones(d), "ln1_b": np.zeros(d), "ln2_g": np.ones(d), "ln2_b": np.zeros(d),
        "W_Q": rng.standard_normal((d, d)) * s, "b_Q": np.zeros(d),
        "W_K": rng.standard_normal((d, d)) * s, "b_K": np.zeros(d),
        "W_V": rng.standard_normal((d, d)) * s, "b_V": np.zeros(d),
        "W_O": rng.standard_normal((d, d)) * s, "b_O": np.zeros(d),
        "W_1": rng.standard_normal((d, r * d)) * s, "b_1": np.zeros(r * d),
        "W_2": rng.standard_normal((r * d, d)) / math.sqrt(r * d), "b_2": np.zeros(d),
        "h": h,
    }


def mha(z, p, causal=True):
    T, d = z.shape
    h = p["h"]
    dk = d // h
    Q, K, V = (z @ p[f"W_{c}"] + p[f"b_{c}"] for c in "QKV")
    out = np.zeros((T, d))
    for i in range(h):
        c = slice(i * dk, (i + 1) * dk)
        S = Q[:, c] @ K[:, c].T / math.sqrt(dk)
        if causal:
            S = S + np.triu(np.full((T, T), -np.inf), k=1)
        out[:, c] = softmax_rows(S) @ V[:, c]
    return out @ p["W_O"] + p["b_O"]


def ffn(z, p):
    return np.maximum(0, z @ p["W_1"] + p["b_1"]) @ p["W_2"] + p["b_2"]


def block(x, p, attention=True):
    """Pre-LN: h = x + MHA(LN(x)); y = h + FFN(LN(h)). Returns y and the two sublayer outputs."""
    a = mha(layer_norm(x, p["ln1_g"], p["ln1_b"]), p) if attention else np.zeros_like(x)
    hid = x + a
    f = ffn(layer_norm(hid, p["ln2_g"], p["ln2_b"]), p)
    return hid + f, a, f


# 1. Layer norm and the residual stream -------------------------------------------------------
T, d, h = 8, 32, 4
p = init_block(d, h)
x = rng.standard_normal((T, d)) * 3 + 1
z = layer_norm(x)
print(f"layer norm rows: max |mean| {np.abs(z.mean(1)).max():.1e}, variances {z.var(1).min():.5f}..{z.var(1).max():.5f}")
assert np.abs(z.mean(1)).max() < 1e-12 and np.allclose(z.var(1), 1, atol=1e-4)
y, a, f = block(x, p)
assert np.array_equal(y, (x + a) + f), "the block adds its two sublayers to the stream"
print(f"block output = x + attention + FFN exactly; |x| = {np.linalg.norm(x):.2f}, "
      f"|attention| = {np.linalg.norm(a):.2f}, |FFN| = {np.linalg.norm(f):.2f}")


# 2. Parameters per block -----------------------------------------------------------------------
def count(d, h=8, r=4):
    q = init_block(d, h, r)
    weights = sum(v.size for k, v in q.items() if k.startswith("W_"))
    biases = sum(v.size for k, v in q.items() if k.startswith("b_"))
    norms = sum(v.size for k, v in q.items() if k.startswith("ln"))
    attn = sum(q[k].size for k in ("W_Q", "W_K", "W_V", "W_O"))
    return weights, biases, norms, attn


for D in (512, 1024):
    w, b, n_, attn = count(D)
    print(f"d_model = {D}, d_ff = {4 * D}: {w:,} weights ({attn:,} attention, {w - attn:,} FFN), "
          f"{b:,} biases, {n_:,} norm parameters, {w + b + n_:,} in all")
    assert w == 12 * D * D and attn == 4 * D * D and w - attn == 8 * D * D
    assert b == 9 * D and n_ == 4 * D
w512 = count(512)
assert w512[0] == 3_145_728 and sum(w512[:3]) == 3_152_384

# 3. Only attention mixes positions -----------------------------------------------------------
y0, _, _ = block(x, p)
y0_noattn, _, _ = block(x, p, attention=False)
for j in range(T):
    x2 = x.copy()
    x2[j] += 5 * rng.standard_normal(d)
    y2, _, _ = block(x2, p)
    y2_noattn, _, _ = block(x2, p, attention=False)
    changed = np.any(y2_noattn != y0_noattn, axis=1)
    assert changed[j] and changed.sum() == 1, "without attention only row j may change"
    assert np.array_equal(y2[:j], y0[:j]), "causal attention: earlier rows must not change"
    assert j == T - 1 or not np.allclose(y2[j + 1:], y0[j + 1:]), "later rows read token j"
print("without attention, changing token j changes row j only; with causal attention, rows >= j change "
      "and rows < j stay bit-for-bit equal")


# 4. Where the KV cache comes from: decode one token at a time -----------------------------
def decode_with_cache(x, p):
    """Feed tokens one by one; keep each token's key and value, recompute nothing for old tokens."""
    T, d = x.shape
    h, dk = p["h"], d // p["h"]
    K_cache, V_cache, rows = [], [], []
    for t in range(T):
        xt = x[t:t + 1]
        z = layer_norm(xt, p["ln1_g"], p["ln1_b"])
        q = z @ p["W_Q"] + p["b_Q"]
        K_cache.append(z @ p["W_K"] + p["b_K"])  # the only per-token state attention needs later
        V_cache.append(z @ p["W_V"] + p["b_V"])
        K, V = np.vstack(K_cache), np.vstack(V_cache)
        o = np.zeros((1, d))
        for i in range(h):
            c = slice(i * dk, (i + 1) * dk)
            o[:, c] = softmax_rows(q[:, c] @ K[:, c].T / math.sqrt(dk)) @ V[:, c]
        hid = xt + o @ p["W_O"] + p["b_O"]
        rows.append(hid + ffn(layer_norm(hid, p["ln2_g"], p["ln2_b"]), p))
    return np.vstack(rows), 2 * len(K_cache) * d


y_inc, cached = decode_with_cache(x, p)
gap = np.abs(y_inc - y0).max()
print(f"token-by-token decoding with a cache vs the full pass: max difference {gap:.1e}; "
      f"cache holds {cached} numbers = 2 * T * d_model")
assert gap < 1e-12 and cached == 2 * T * d


# 5. FLOPs per token and the share spent attending over the context ---------------------------
def flops_per_token(d, n, r=4):
    weights = 2 * (4 * d * d + 2 * r * d * d)  # 2 FLOPs per weight: 4 d^2 attention + 2 r d^2 FFN
    context = 2 * n * d + 2 * n * d  # scores q . k over n keys, and the weighted sum of n values
    return weights, context


for n in (512, 3072, 32768):
    wf, cf = flops_per_token(512, n)
    share = cf / (wf + cf)
    print(f"d_model = 512, n = {n:6,d}: weights {wf:,} FLOPs, attention over the context {cf:,}, "
          f"share {share:.3f} (n / (6 d + n) = {n / (6 * 512 + n):.3f})")
    assert wf == 24 * 512 * 512 and abs(share - n / (6 * 512 + n)) < 1e-15
assert flops_per_token(512, 3072)[0] == flops_per_token(512, 3072)[1]  # half at n = 6 d


# 6. Pre-LN and post-LN stacks at initialization ---------------------------------------------
def post_ln_block(x, p):
    """The original layout (Vaswani et al., section 3.1): LN(x + Sublayer(x)) after each sublayer."""
    hid = layer_norm(x + mha(x, p))
    return layer_norm(hid + ffn(hid, p))


L, T6, d6 = 24, 16, 64
blocks = [init_block(d6, 4) for _ in range(L)]
x6 = layer_norm(rng.standard_normal((T6, d6)))  # start both stacks at norm sqrt(d) per token
pre, post = x6.copy(), x6.copy()
pre_norms, post_norms = [], []
for q in blocks:
    pre = block(pre, q)[0]
    post = post_ln_block(post, q)
    pre_norms.append(np.linalg.norm(pre, axis=1).mean() / math.sqrt(d6))
    post_norms.append(np.linalg.norm(post, axis=1).mean() / math.sqrt(d6))
print("mean |x_l| / sqrt(d) after layer l:  pre-LN "
      + " ".join(f"{v:.2f}" for v in pre_norms[::6]) + f" ... {pre_norms[-1]:.2f}"
      + ";  post-LN " + " ".join(f"{v:.3f}" for v in post_norms[::6]))
assert all(abs(v - 1) < 1e-3 for v in post_norms), "post-LN renormalizes the stream every sublayer"
assert pre_norms[-1] > 2 * pre_norms[0] and pre_norms[-1] > pre_norms[11] > pre_norms[0]

print("OK: residual stream, 12 d^2 weights per block, only attention mixes positions, "
      "cached decoding = full pass, 24 d^2 + 4 n d FLOPs per token, pre-LN stream grows with depth")
