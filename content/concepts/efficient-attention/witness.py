"""Witness for the efficient-attention notebook.

Attention over n positions scores every query against every key it may see, and during decoding it
reads a KV cache that grows by one token per step. This program counts what each lever changes:

1. score entries, counted in boolean masks and compared with the Math section's formulas: full n^2,
   causal n(n + 1)/2, a window of w: nw - w(w - 1)/2, and a strided pattern in the spirit of the
   Sparse Transformer (Child et al. 2019, arXiv 1904.10509): the last l positions plus every l-th
   one, nl - l(l - 1)/2 + n(n/l + 1)/2 - n; and how each grows when n doubles;
2. decoding: the keys and values read over T steps, T(T + 1)/2 token rows with a full cache and
   sum min(t, W) with a window;
3. the KV-cache bytes per token of the levers that shrink it, from the registry's presets:
   multi-head (Llama 2 7B), grouped-query (Llama 3 8B), one shared head (multi-query), a latent
   (DeepSeek-V2), fewer bits, and a window or an eviction budget at a fixed length;
4. exactness: a tiled online softmax equals full attention to rounding, while a window, an eviction
   of half the tokens and an 8-bit cache each change the output.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


# 1. Score entries ------------------------------------------------------------------------------
def mask(n, kind, w=None, l=None):
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    if kind == "full":
        return np.ones((n, n), dtype=bool)
    causal = j <= i
    if kind == "causal":
        return causal
    if kind == "window":
        return causal & (i - j < w)
    if kind == "strided":  # the last l positions, and every l-th position before them
        return causal & ((i - j < l) | ((i - j) % l == 0))
    raise ValueError(kind)


def formula(n, kind, w=None, l=None):
    if kind == "full":
        return n * n
    if kind == "causal":
        return n * (n + 1) // 2
    if kind == "window":
        return n * w - w * (w - 1) // 2 if n >= w else n * (n + 1) // 2
    if kind == "strided":  # l divides n: local part + strided part - the diagonal counted twice
        return n * l - l * (l - 1) // 2 + n * (n // l + 1) // 2 - n
    raise ValueError(kind)


print("1. score entries counted in masks (= the formulas)")
for n, w, l in ((64, 16, 8), (1024, 128, 32), (4096, 512, 64)):
    row = []
    for kind in ("full", "causal", "window", "strided"):
        counted = int(mask(n, kind, w, l).sum())
        assert counted == formula(n, kind, w, l), (n, kind)
        row.append(f"{kind} {counted:,}")
    print(f"   n = {n:4d} (w = {w}, l = {l}): " + ", ".join(row))
assert formula(4096, "causal") == 8_390_656 and formula(4096, "window", w=512) == 1_966_336
assert formula(4096, "strided", l=64) == 389_152

# Growth at large n: doubling n multiplies full and causal counts by about 4 and a fixed window's by
# about 2; for the strided pattern with l = sqrt(n), quadrupling n (so that sqrt stays whole)
# multiplies it by about 4^1.5 = 8, i.e. it grows like n^1.5.
n = 2**20
growth = {
    "causal": formula(2 * n, "causal") / formula(n, "causal"),
    "window": formula(2 * n, "window", w=4096) / formula(n, "window", w=4096),
    "strided": formula(4 * n, "strided", l=2048) / formula(n, "strided", l=1024),
}
print(f"   doubling n at n = 2^20: causal x{growth['causal']:.3f}, window (w = 4096) x{growth['window']:.3f}; "
      f"quadrupling n with l = sqrt(n): strided x{growth['strided']:.3f} (4^1.5 = 8)")
assert abs(growth["causal"] - 4) < 1e-5 and abs(growth["window"] - 2) < 0.005
assert abs(growth["strided"] - 8) < 0.01

# 2. Decoding reads -----------------------------------------------------------------------------
T, W = 32768, 4096
reads_full = sum(t for t in range(1, T + 1))
reads_window = sum(min(t, W) for t in range(1, T + 1))
assert reads_full == T * (T + 1) // 2 and reads_window == formula(T, "window", w=W)
print(f"2. decoding T = {T:,} tokens: {reads_full:,} cached token rows read with a full cache, "
      f"{reads_window:,} with a window of {W:,} ({reads_full / reads_window:.2f} times fewer)")


# 3. KV bytes per token -------------------------------------------------------------------------
def kv_per_token(layers, kv_heads, head_dim, n_bytes=2):
    return layers * kv_heads * head_dim * 2 * n_bytes


mha = kv_per_token(32, 32, 128)  # Llama 2 7B: 32 layers, 32 KV heads, head_dim 128, fp16
gqa = kv_per_token(32, 8, 128)  # Llama 3 8B: 8 KV heads
mqa = kv_per_token(32, 1, 128)  # the same stack with one shared KV head
mla = 60 * (512 + 64) * 2  # DeepSeek-V2: per layer a 512-wide latent + a 64-wide RoPE key, bf16
mla_as_mha = kv_per_token(60, 128, 128)  # its 128 heads of 128 if it cached them all
assert (mha, gqa, mqa, mla, mla_as_mha) == (524_288, 131_072, 16_384, 69_120, 3_932_160)
print(f"3. bytes per token: MHA (Llama 2 7B) {mha:,}; GQA (Llama 3 8B) {gqa:,}; MQA {mqa:,}; "
      f"MLA (DeepSeek-V2) {mla:,}, against {mla_as_mha:,} for its 128 heads uncompressed "
      f"({mla / mla_as_mha:.2%})")
for bits in (8, 4, 2):
    assert kv_per_token(32, 8, 128, n_bytes=bits / 8) == gqa * bits // 16
print(f"   fewer bits (Llama 3 8B): 8-bit {gqa // 2:,}, 4-bit {gqa // 4:,}, 2-bit {gqa // 8:,} "
      f"(before the scales each group stores)")
mistral = kv_per_token(32, 8, 128)
for T_ in (4096, 32768):
    held = min(T_, 4096) * mistral
    print(f"   window 4,096 (Mistral 7B) at T = {T_:,}: {held / 2**20:.0f} MiB, full cache "
          f"{T_ * mistral / 2**20:.0f} MiB")
assert 32768 * mistral // (4096 * mistral) == 8

# 4. Exactness ----------------------------------------------------------------------------------
n, d = 256, 32
Q, K, V = (rng.standard_normal((n, d)) for _ in range(3))


def attend(Q, K, V, allowed):
    s = np.where(allowed, Q @ K.T / math.sqrt(d), -np.inf)
    p = np.exp(s - s.max(axis=1, keepdims=True))
    return (p / p.sum(axis=1, keepdims=True)) @ V, p / p.sum(axis=1, keepdims=True)


causal = mask(n, "causal")
ref, P = attend(Q, K, V, causal)

# Tiled over key blocks with a running max and sum (the FlashAttention notebook's algorithm).
m = np.full(n, -np.inf)
l_ = np.zeros(n)
acc = np.zeros((n, d))
for start in range(0, n, 64):
    blk = slice(start, start + 64)
    s = np.where(causal[:, blk], Q @ K[blk].T / math.sqrt(d), -np.inf)
    m_new = np.maximum(m, s.max(axis=1))
    e = np.exp(s - m_new[:, None])
    scale = np.exp(m - m_new)
    l_ = scale * l_ + e.sum(axis=1)
    acc = scale[:, None] * acc + e @ V[blk]
    m = m_new
tiled = acc / l_[:, None]

window_out, _ = attend(Q, K, V, mask(n, "window", w=32))
# Eviction: keep the half of the keys that received the most attention, summed over all queries
# (a heavy-hitter rule in the spirit of H2O); each query still sees itself.
keep = np.argsort(P[:, :].sum(axis=0))[n // 2:]
evicted = np.zeros((n, n), dtype=bool)
evicted[:, keep] = True
evict_out, _ = attend(Q, K, V, causal & (evicted | (np.arange(n)[None, :] == np.arange(n)[:, None])))


def quantize(x, bits):
    """Symmetric per-token quantization to 2^(bits-1) - 1 levels and back."""
    scale = np.abs(x).max(axis=1, keepdims=True) / (2 ** (bits - 1) - 1)
    return np.round(x / scale) * scale


quant_out, _ = attend(Q, quantize(K, 8), quantize(V, 8), causal)
errs = {name: np.abs(out - ref)[-64:].max() for name, out in
        (("tiled", tiled), ("window 32", window_out), ("evict half", evict_out), ("8-bit K, V", quant_out))}
print("4. max |output - full causal attention| over the last 64 queries: "
      + ", ".join(f"{k} {v:.1e}" for k, v in errs.items()))
assert errs["tiled"] < 1e-13
assert errs["window 32"] > 0.1 and errs["evict half"] > 0.01
assert 1e-5 < errs["8-bit K, V"] < 0.05

print("OK: full n^2, causal n(n+1)/2, window nw - w(w-1)/2, strided nl - l(l-1)/2 + n(n/l+1)/2 - n; "
      "KV bytes per token 524,288 (MHA) / 131,072 (GQA) / 16,384 (MQA) / 69,120 (MLA); tiled exact, "
      "window, eviction and 8-bit not")
