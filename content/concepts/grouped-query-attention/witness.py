"""Witness for the grouped-query attention notebook.

Grouped-query attention (GQA; Ainslie et al. 2023, arXiv 2305.13245) splits the H query heads
into H_kv groups of r = H / H_kv heads; every head of a group attends with the group's single
key head and value head. H_kv = H is multi-head attention (MHA); H_kv = 1 is multi-query
attention (MQA; Shazeer 2019, arXiv 1911.02150).

Checks, each against an independent computation:

1. GQA equals MHA whose key and value projections are repeated within each group (the same
   outputs to rounding), and H_kv = 1 and H_kv = H give MQA and MHA;
2. converting an MHA checkpoint by mean-pooling each group's key and value projections
   (section 2.1 and 2.2 of the paper): the mean is the single matrix closest to the group's
   matrices (least summed squared distance), closer than keeping one head or a fresh random
   matrix; if a group's heads were already equal, the conversion changes nothing;
3. the cache holds H_kv key/value heads, so its bytes are H_kv / H of MHA's, and the attention
   multiply-adds per step do not change;
4. the published configs: Llama 3.1 8B and 70B keep 8 key/value heads for 32 and 64 query heads,
   131,072 and 327,680 bytes per token in bf16, a quarter and an eighth of MHA.

Names: H query heads, H_kv key/value heads, r heads per group, d_head head width, d_model
model width, T tokens.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
H, H_KV, D_HEAD, D_MODEL, T = 8, 2, 4, 16, 6
R = H // H_KV


def softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention(X, W_q, W_k, W_v):
    """Causal attention. W_q: (H, d_model, d_head); W_k, W_v: (H_kv, d_model, d_head).
    Query head h reads key/value head h // r, with r = H / H_kv."""
    n_q, n_kv = W_q.shape[0], W_k.shape[0]
    r = n_q // n_kv
    q = np.einsum("td,hde->hte", X, W_q)  # (H, T, d_head)
    k = np.einsum("td,gde->gte", X, W_k)  # (H_kv, T, d_head): what the cache stores
    v = np.einsum("td,gde->gte", X, W_v)
    mask = np.triu(np.full((len(X), len(X)), -np.inf), k=1)
    out = np.empty_like(q)
    for h in range(n_q):
        g = h // r  # the group of query head h
        s = q[h] @ k[g].T / math.sqrt(W_q.shape[-1]) + mask
        out[h] = softmax(s) @ v[g]
    return out, k, v


X = rng.standard_normal((T, D_MODEL))
W_q = rng.standard_normal((H, D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)

# 1. GQA = MHA with repeated key/value heads ------------------------------------------------
W_k = rng.standard_normal((H_KV, D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)
W_v = rng.standard_normal((H_KV, D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)
gqa, k_cache, v_cache = attention(X, W_q, W_k, W_v)
W_k_rep, W_v_rep = np.repeat(W_k, R, axis=0), np.repeat(W_v, R, axis=0)  # head h gets W^(h // r)
mha, k_mha, _ = attention(X, W_q, W_k_rep, W_v_rep)
print(f"--- toy: H = {H} query heads, H_kv = {H_KV} key/value heads (r = {R} per group), "
      f"d_head = {D_HEAD}, d_model = {D_MODEL}, T = {T}")
print(f"max |GQA output - MHA output with each group's K/V projection repeated| = "
      f"{np.abs(gqa - mha).max():.1e}")
assert np.allclose(gqa, mha, rtol=0, atol=1e-12)
assert k_cache.shape == (H_KV, T, D_HEAD) and k_mha.shape == (H, T, D_HEAD)
assert np.array_equal(np.repeat(k_cache, R, axis=0), k_mha)  # the MHA cache holds copies
# The two ends: H_kv = 1 is MQA (every query head reads head 0), H_kv = H is MHA.
mqa, _, _ = attention(X, W_q, W_k[:1], W_v[:1])
mqa_as_mha, _, _ = attention(X, W_q, np.repeat(W_k[:1], H, 0), np.repeat(W_v[:1], H, 0))
assert np.allclose(mqa, mqa_as_mha, rtol=0, atol=1e-12)
print("H_kv = 1 gives multi-query attention, H_kv = H multi-head attention: same function")

# 2. Converting a multi-head checkpoint: mean-pool each group -------------------------------
Wk_mha = rng.standard_normal((H, D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)  # an MHA "checkpoint"
Wv_mha = rng.standard_normal((H, D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)


def mean_pool(W, n_groups):
    """(H, d_model, d_head) -> (n_groups, d_model, d_head): average the heads of each group."""
    return W.reshape(n_groups, -1, *W.shape[1:]).mean(axis=1)


Wk_gqa, Wv_gqa = mean_pool(Wk_mha, H_KV), mean_pool(Wv_mha, H_KV)
assert Wk_gqa.shape == (H_KV, D_MODEL, D_HEAD)
assert np.allclose(Wk_gqa[0], Wk_mha[:R].mean(axis=0))


def spread(W, group):
    """Summed squared (Frobenius) distance from W to every head matrix of the group."""
    return float(((group - W) ** 2).sum())


group0 = Wk_mha[:R]
fresh = rng.standard_normal((D_MODEL, D_HEAD)) / math.sqrt(D_MODEL)
cand = {"mean of the 4 heads": Wk_gqa[0], "keep head 1": group0[0], "fresh random": fresh}
sums = {name: spread(W, group0) for name, W in cand.items()}
for name, s in sums.items():
    print(f"  sum over the group of ||W - W_h||^2, W = {name}: {s:.2f}")
# The mean minimises it: sum ||W - W_h||^2 = sum ||W_h - mean||^2 + r ||W - mean||^2.
for W in (group0[0], fresh, Wk_gqa[0] + 0.01 * rng.standard_normal((D_MODEL, D_HEAD))):
    assert np.isclose(spread(W, group0),
                      spread(Wk_gqa[0], group0) + R * float(((W - Wk_gqa[0]) ** 2).sum()))
    assert spread(W, group0) > spread(Wk_gqa[0], group0)
assert sums["mean of the 4 heads"] < sums["keep head 1"] < sums["fresh random"]
# Outputs right after conversion, before any uptraining: how far from the MHA model?
orig, _, _ = attention(X, W_q, Wk_mha, Wv_mha)
conv, _, _ = attention(X, W_q, Wk_gqa, Wv_gqa)
rel = np.linalg.norm(conv - orig) / np.linalg.norm(orig)
print(f"relative change of the attention outputs after mean-pooling (no uptraining): {rel:.2f}")
assert rel > 0.1  # conversion alone is not free: hence the uptraining
# If the heads of each group were already identical, the conversion is exact.
Wk_tied, Wv_tied = np.repeat(Wk_mha[::R], R, 0), np.repeat(Wv_mha[::R], R, 0)
tied, _, _ = attention(X, W_q, Wk_tied, Wv_tied)
tied_conv, _, _ = attention(X, W_q, mean_pool(Wk_tied, H_KV), mean_pool(Wv_tied, H_KV))
assert np.allclose(tied, tied_conv, rtol=0, atol=1e-12)
print("heads already equal within each group: mean-pooling changes no output")
# Uptraining (section 3.1): a further alpha = 0.05 of the original pre-training steps.
alpha = 0.05
print(f"uptraining budget: alpha = {alpha} of the original steps, i.e. 1 step in {1 / alpha:.0f}")
assert round(1 / alpha) == 20

# 3. Memory and work --------------------------------------------------------------------------
BYTES = 4  # the toy stores float32
for n_kv in (H, H_KV, 1):
    Wk_n = mean_pool(Wk_mha, n_kv)
    _, k, v = attention(X, W_q, Wk_n, mean_pool(Wv_mha, n_kv))
    nbytes = k.astype(np.float32).nbytes + v.astype(np.float32).nbytes
    assert nbytes == T * n_kv * D_HEAD * 2 * BYTES
    print(f"  H_kv = {n_kv}: cache {nbytes} bytes for {T} tokens, {nbytes / (T * H * D_HEAD * 2 * BYTES):.3f}"
          f" of MHA; K/V projection weights {Wk_n.size * 2} numbers")
assert (T * H_KV * D_HEAD * 2 * BYTES) * H == (T * H * D_HEAD * 2 * BYTES) * H_KV  # ratio H_kv / H
# Attention work per decoding step: every query head still scores every cached token.
madds = lambda n_q, t: 2 * n_q * t * D_HEAD  # q.k for t keys, then weights . V
assert madds(H, T) == 2 * 8 * 6 * 4 == 384  # the same for H_kv = 8, 2 or 1
print(f"attention multiply-adds for one new token over {T} cached tokens: {madds(H, T)} "
      f"whatever H_kv is; bytes read fall by H / H_kv = {H // H_KV}")

# 4. Published configs (config.json of each model) --------------------------------------------
CONFIGS = {
    "Llama 3.1 8B": dict(num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8,
                         hidden_size=4096),
    "Llama 3.1 70B": dict(num_hidden_layers=80, num_attention_heads=64, num_key_value_heads=8,
                          hidden_size=8192),
}
expected = {"Llama 3.1 8B": (131_072, 524_288), "Llama 3.1 70B": (327_680, 2_621_440)}
for name, c in CONFIGS.items():
    d_head = c["hidden_size"] // c["num_attention_heads"]
    assert d_head == 128
    per_token = lambda n_kv: c["num_hidden_layers"] * n_kv * d_head * 2 * 2  # bf16
    gqa_b, mha_b = per_token(c["num_key_value_heads"]), per_token(c["num_attention_heads"])
    r = c["num_attention_heads"] // c["num_key_value_heads"]
    print(f"{name}: {c['num_attention_heads']} query heads share {c['num_key_value_heads']} K/V "
          f"heads (r = {r}); {gqa_b:,} bytes per token ({gqa_b // 1024} KiB) vs {mha_b:,} with MHA")
    assert (gqa_b, mha_b) == expected[name] and mha_b == r * gqa_b
B, T_REAL = 8, 8192
gib = lambda b: b / 2**30
g70, m70 = 327_680 * B * T_REAL, 2_621_440 * B * T_REAL
print(f"Llama 3.1 70B, B = {B}, T = {T_REAL}: {gib(g70):.0f} GiB with 8 K/V heads, "
      f"{gib(m70):.0f} GiB if all 64 heads kept their own; saved {gib(m70 - g70):.0f} GiB")
assert (g70, m70) == (20 * 2**30, 160 * 2**30)
q70 = 80 * 1 * 128 * 2 * 2 * B * T_REAL  # one key/value head: multi-query attention
print(f"  with a single K/V head (MQA): {gib(q70):.1f} GiB")
assert q70 == 2.5 * 2**30
# Table 1 of the paper (T5-XXL, time per sample): MHA 1.51 s, MQA 0.24 s, GQA-8 0.28 s.
print(f"Table 1 speed-ups over MHA-XXL: MQA {1.51 / 0.24:.1f}x, GQA-8 {1.51 / 0.28:.1f}x")
assert (round(1.51 / 0.24, 1), round(1.51 / 0.28, 1)) == (6.3, 5.4)
print("OK: GQA = MHA with repeated K/V heads; mean-pooling is the closest single matrix; cache "
      "bytes x H_kv / H; Llama 3.1 8B 131,072 and 70B 327,680 bytes per token")
