"""Witness for the KV cache notebook.

A tiny decoder-only transformer in NumPy (random weights, rng seed 0): token and position
embeddings, a stack of pre-norm layers, each with causal multi-head attention (Vaswani et al.
2017, arXiv 1706.03762) and an MLP, then a projection to the vocabulary. It decodes greedily,
step by step, in two ways:

  * without a cache: at step t, run the whole prefix of t tokens through every layer again;
  * with a cache: at step t, project only the new token to keys and values, append them to
    per-layer arrays of shape (B, H_kv, T, d_head), and attend over the stored rows.

Checks, each against an independent computation:

1. both ways produce the same logits at every step (np.allclose) and the same tokens;
2. key/value projection work: the no-cache run projects N_layers * B * T(T+1)/2 token rows,
   the cached run N_layers * B * T (counted inside the code, compared with the formulas);
3. the cache's nbytes equals Mem_KV = B * N_layers * T * H_kv * d_head * 2 * bytes, for
   multi-head attention (H_kv = H) and for shared key/value heads (H_kv < H; Shazeer 2019,
   arXiv 1911.02150; Ainslie et al. 2023, arXiv 2305.13245);
4. the per-token bytes of two published configs: Llama 2 7B (meta-llama/Llama-2-7b-hf
   config.json: 32 layers, 32 heads, 32 key/value heads, hidden size 4096) gives 524,288;
   Llama 3 8B (meta-llama/Meta-Llama-3-8B config.json: 32 layers, 32 heads, 8 key/value
   heads, hidden size 4096) gives 131,072; and both at T = 4096, B = 8 in GiB and GB.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
DTYPE = np.float32  # compute and cache dtype of the toy: 4 bytes per element


def head_dim(cfg):
    """d_head comes from the config: head_dim if given, else hidden_size / num_attention_heads."""
    return cfg.get("head_dim", cfg["hidden_size"] // cfg["num_attention_heads"])


def init_model(cfg, rng):
    d, H, H_kv, dh = (cfg["hidden_size"], cfg["num_attention_heads"],
                      cfg["num_key_value_heads"], head_dim(cfg))
    w = lambda *shape: (rng.standard_normal(shape) / math.sqrt(shape[0])).astype(DTYPE)
    return {
        "embed": rng.standard_normal((cfg["vocab_size"], d)).astype(DTYPE),
        "pos": rng.standard_normal((cfg["max_len"], d)).astype(DTYPE),
        "layers": [
            {"W_q": w(d, H * dh), "W_k": w(d, H_kv * dh), "W_v": w(d, H_kv * dh),
             "W_o": w(H * dh, d), "W_1": w(d, cfg["intermediate_size"]),
             "W_2": w(cfg["intermediate_size"], d)}
            for _ in range(cfg["num_hidden_layers"])
        ],
        "W_out": w(d, cfg["vocab_size"]),
    }


def rms_norm(x):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + 1e-6)


def softmax(s):
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)


def attend(q, K, V, mask=None):
    """q: (B, H, n, dh); K, V: (B, H_kv, t, dh). Each key/value head serves H / H_kv query heads."""
    group = q.shape[1] // K.shape[1]
    K, V = np.repeat(K, group, axis=1), np.repeat(V, group, axis=1)
    s = q @ K.transpose(0, 1, 3, 2) / math.sqrt(q.shape[-1])
    if mask is not None:
        s = s + mask
    return softmax(s) @ V  # (B, H, n, dh)


def mlp(layer, x):
    return np.maximum(rms_norm(x) @ layer["W_1"], 0) @ layer["W_2"]


class Counter:
    def __init__(self):
        self.kv_rows = 0  # token rows projected to keys and values, over layers and sequences
        self.kv_reads = 0  # stored key/value rows read by attention


def forward_full(cfg, model, tokens, count, keep=None):
    """No cache: the whole prefix (B, t) through every layer; returns the last position's logits.

    If keep is a list, each layer's keys and values (B, H_kv, t, d_head) are appended to it."""
    B, t = tokens.shape
    H, H_kv, dh = cfg["num_attention_heads"], cfg["num_key_value_heads"], head_dim(cfg)
    x = model["embed"][tokens] + model["pos"][:t]
    mask = np.triu(np.full((t, t), -np.inf, dtype=DTYPE), k=1)
    for layer in model["layers"]:
        h = rms_norm(x)
        q = (h @ layer["W_q"]).reshape(B, t, H, dh).transpose(0, 2, 1, 3)
        K = (h @ layer["W_k"]).reshape(B, t, H_kv, dh).transpose(0, 2, 1, 3)
        V = (h @ layer["W_v"]).reshape(B, t, H_kv, dh).transpose(0, 2, 1, 3)
        count.kv_rows += B * t  # every token of the prefix, again
        if keep is not None:
            keep.append((K, V))
        o = attend(q, K, V, mask).transpose(0, 2, 1, 3).reshape(B, t, H * dh)
        x = x + o @ layer["W_o"]
        x = x + mlp(layer, x)
    return rms_norm(x[:, -1]) @ model["W_out"]


def new_cache(cfg, B, T):
    shape = (B, cfg["num_key_value_heads"], T, head_dim(cfg))
    return [{"K": np.zeros(shape, DTYPE), "V": np.zeros(shape, DTYPE)}
            for _ in range(cfg["num_hidden_layers"])]


def forward_step(cfg, model, token, pos, cache, count):
    """With a cache: one new token per sequence (B,) at position pos; returns its logits."""
    B = token.shape[0]
    H, H_kv, dh = cfg["num_attention_heads"], cfg["num_key_value_heads"], head_dim(cfg)
    x = model["embed"][token] + model["pos"][pos]  # (B, d)
    for layer, c in zip(model["layers"], cache):
        h = rms_norm(x)
        q = (h @ layer["W_q"]).reshape(B, H, 1, dh)
        c["K"][:, :, pos] = (h @ layer["W_k"]).reshape(B, H_kv, dh)  # append, never recompute
        c["V"][:, :, pos] = (h @ layer["W_v"]).reshape(B, H_kv, dh)
        count.kv_rows += B  # only the new token
        count.kv_reads += B * (pos + 1)
        # Positions 0..pos are all visible to the newest token: no mask needed.
        o = attend(q, c["K"][:, :, : pos + 1], c["V"][:, :, : pos + 1]).reshape(B, H * dh)
        x = x + o @ layer["W_o"]
        x = x + mlp(layer, x)
    return rms_norm(x) @ model["W_out"]


def decode(cfg, model, prompts, T, use_cache):
    """Feed the prompt one token per step, then continue greedily until T tokens exist."""
    B, P = prompts.shape
    tokens = np.zeros((B, T), dtype=np.int64)
    tokens[:, :P] = prompts
    count, all_logits = Counter(), []
    cache = new_cache(cfg, B, T) if use_cache else None
    for t in range(1, T + 1):  # step t consumes token t (position t - 1)
        if use_cache:
            logits = forward_step(cfg, model, tokens[:, t - 1], t - 1, cache, count)
        else:
            logits = forward_full(cfg, model, tokens[:, :t], count)
        all_logits.append(logits)
        if P <= t < T:
            tokens[:, t] = logits.argmax(axis=-1)
    return tokens, np.stack(all_logits, axis=1), count, cache


def mem_kv(B, n_layers, T, H_kv, d_head, n_bytes):
    """The central equation: bytes of keys and values held for B sequences of T tokens."""
    return B * n_layers * T * H_kv * d_head * 2 * n_bytes


# 1-3. The toy decoder, with multi-head attention and with shared key/value heads ----
base = dict(vocab_size=50, hidden_size=16, num_hidden_layers=3, num_attention_heads=4,
            head_dim=6,  # deliberately not hidden_size / heads = 4: read it from the config
            intermediate_size=32, max_len=32)
B, P, T = 3, 4, 20
for H_kv in (4, 2):
    cfg = dict(base, num_key_value_heads=H_kv)
    model = init_model(cfg, rng)
    prompts = rng.integers(0, cfg["vocab_size"], size=(B, P))
    L, H, dh = cfg["num_hidden_layers"], cfg["num_attention_heads"], head_dim(cfg)
    kind = "multi-head (H_kv = H)" if H_kv == H else f"{H // H_kv} query heads per KV head"
    print(f"--- toy: N_layers = {L}, H = {H}, H_kv = {H_kv} [{kind}], d_head = {dh}, "
          f"d_model = {cfg['hidden_size']}, B = {B}, T = {T}")

    tok_full, log_full, n_full, _ = decode(cfg, model, prompts, T, use_cache=False)
    tok_kv, log_kv, n_kv, cache = decode(cfg, model, prompts, T, use_cache=True)
    gap = np.abs(log_full - log_kv).max()
    print(f"max |logits without cache - logits with cache| over {T} steps = {gap:.1e}")
    assert np.allclose(log_full, log_kv, rtol=1e-4, atol=1e-5)
    assert np.array_equal(tok_full, tok_kv)
    print("generated tokens, sequence 0:", tok_kv[0].tolist())

    print(f"K/V token rows projected: without cache {n_full.kv_rows} = N_layers*B*T(T+1)/2 = "
          f"{L * B * T * (T + 1) // 2}; with cache {n_kv.kv_rows} = N_layers*B*T = {L * B * T}")
    assert n_full.kv_rows == L * B * T * (T + 1) // 2
    assert n_kv.kv_rows == L * B * T
    # The cache removes recomputation, not reading: step t still reads t stored rows.
    assert n_kv.kv_reads == L * B * T * (T + 1) // 2

    nbytes = sum(c["K"].nbytes + c["V"].nbytes for c in cache)
    formula = mem_kv(B, L, T, H_kv, dh, np.dtype(DTYPE).itemsize)
    print(f"cache nbytes = {nbytes} = B*N_layers*T*H_kv*d_head*2*bytes = "
          f"{B}*{L}*{T}*{H_kv}*{dh}*2*{np.dtype(DTYPE).itemsize} = {formula}")
    assert nbytes == formula
    half = sum(c["K"].astype(np.float16).nbytes + c["V"].astype(np.float16).nbytes
               for c in cache)
    assert half == mem_kv(B, L, T, H_kv, dh, 2)  # 16-bit storage: bytes = 2

    # Why caching is exact: the row for position j, stored at step j when only tokens
    # 1..j existed, equals the row a full pass over all T tokens computes, in every layer.
    kept = []
    forward_full(cfg, model, tok_kv, Counter(), keep=kept)
    for (K_all, V_all), c in zip(kept, cache):
        assert np.allclose(K_all, c["K"], rtol=1e-4, atol=1e-5)
        assert np.allclose(V_all, c["V"], rtol=1e-4, atol=1e-5)
    print("every stored K/V row equals a full recomputation over all T tokens, in all layers")

# 4. Published configs --------------------------------------------------------------
# Fields copied from the two config.json files cited on the page. Without a head_dim field,
# d_head = hidden_size / num_attention_heads = 4096 / 32 = 128 (copies that spell out
# head_dim give the same 128).
CONFIGS = {
    "Llama 2 7B": dict(num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=32,
                       hidden_size=4096, torch_dtype="float16"),
    "Llama 3 8B": dict(num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8,
                       hidden_size=4096, torch_dtype="bfloat16"),
}
BYTES = {"float32": 4, "float16": 2, "bfloat16": 2}
expected_per_token = {"Llama 2 7B": 524_288, "Llama 3 8B": 131_072}
T_real, B_real = 4096, 8
per_token = {}
for name, cfg in CONFIGS.items():
    dh = head_dim(cfg)
    assert dh == 128
    n_bytes = BYTES[cfg["torch_dtype"]]
    per_token[name] = mem_kv(1, cfg["num_hidden_layers"], 1, cfg["num_key_value_heads"], dh,
                             n_bytes)
    total = mem_kv(B_real, cfg["num_hidden_layers"], T_real, cfg["num_key_value_heads"], dh,
                   n_bytes)
    print(f"{name}: 2 * {cfg['num_hidden_layers']} layers * {cfg['num_key_value_heads']} KV heads"
          f" * {dh} * {n_bytes} bytes = {per_token[name]:,} bytes per token "
          f"= {per_token[name] / 2**10:.0f} KiB")
    print(f"  at T = {T_real}, B = {B_real}: {total:,} bytes = {total / 2**30:.2f} GiB "
          f"= {total / 1e9:.2f} GB")
    assert per_token[name] == expected_per_token[name]
    assert total == per_token[name] * T_real * B_real
assert per_token["Llama 2 7B"] == 512 * 2**10 and per_token["Llama 3 8B"] == 128 * 2**10
assert mem_kv(B_real, 32, T_real, 32, 128, 2) == 16 * 2**30  # 16 GiB
assert mem_kv(B_real, 32, T_real, 8, 128, 2) == 4 * 2**30  # 4 GiB
ratio = per_token["Llama 2 7B"] // per_token["Llama 3 8B"]
print(f"ratio = {ratio} = 32 query heads / 8 key/value heads")
assert ratio == 32 // 8

print("OK: cached decoding = full recomputation; K/V work T(T+1)/2 -> T per layer and "
      "sequence; cache nbytes = B*N_layers*T*H_kv*d_head*2*bytes; 524,288 and 131,072 bytes "
      "per token")
