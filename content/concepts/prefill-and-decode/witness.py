"""Witness for the prefill-and-decode notebook.

A tiny decoder-only transformer in NumPy whose weights and KV cache are stored in float16 (2 bytes
per number, like bf16 serving), with every multiply-add and every byte of weights and cache counted
inside the code as it runs. It checks, against the formulas on the page:

1. prefill: one pass over a P-token prompt does 2·N·P + 4·H·d_head·N_layers·P(P+1)/2 FLOPs, reads
   the weights once and writes P tokens of cache; feeding the same prompt one token at a time gives
   the same cache and logits but reads the weights P times;
2. decode: one step for B sequences with T cached tokens does B·(2N + 4·H·d_head·N_layers·T) FLOPs
   and moves N·b + B·KV(T) bytes, so its intensity is B·(2N + A)/(N·b + B·KV); with no cache it is
   exactly B for 2-byte weights, and attention on its own does H/H_kv FLOPs per byte of cache;
3. the roofline (Williams, Waterman and Patterson 2009, doi:10.1145/1498765.1498785) with the
   datasheet figures of two GPUs: ridge points of 153.0 FLOPs/byte (A100 80GB SXM: 312 TFLOP/s
   dense bf16, 2,039 GB/s) and 295.4 (H100 SXM: 1,979 TFLOP/s with sparsity, so 989.5 dense;
   3.35 TB/s);
4. Llama 3.1 8B (config.json: 32 layers, 32 heads, 8 key/value heads, head_dim 128, bf16;
   8,030,261,248 parameters) on one H100: decode is memory-bound at small batch, its intensity is
   capped by the cache at T = 4096 below the ridge, and a 2,048-token prefill is compute-bound.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
STORE = np.float16  # weights and cache are stored in 2 bytes per number
b = np.dtype(STORE).itemsize


class Meter:
    """FLOPs of every matmul (2 per multiply-add) and bytes of weights and cache moved."""

    def __init__(self):
        self.flops = 0
        self.weight_bytes = 0
        self.kv_read = 0
        self.kv_written = 0

    def matmul(self, x, W):
        """x (rows, k) times a stored weight W (k, n): reads W once, 2·rows·k·n FLOPs."""
        self.flops += 2 * x.shape[0] * W.shape[0] * W.shape[1]
        self.weight_bytes += W.nbytes
        return x @ W.astype(np.float32)


CFG = dict(vocab=97, d_model=64, layers=2, heads=4, kv_heads=2, d_head=16, d_ff=128, max_len=64)
L, H, H_kv, dh = CFG["layers"], CFG["heads"], CFG["kv_heads"], CFG["d_head"]


def init(cfg):
    d = cfg["d_model"]
    w = lambda *s: (rng.standard_normal(s) / math.sqrt(s[0])).astype(STORE)
    return {
        "embed": rng.standard_normal((cfg["vocab"], d)).astype(STORE),  # looked up, not multiplied
        "pos": rng.standard_normal((cfg["max_len"], d)).astype(STORE),
        "layers": [dict(W_q=w(d, H * dh), W_k=w(d, H_kv * dh), W_v=w(d, H_kv * dh), W_o=w(H * dh, d),
                        W_1=w(d, cfg["d_ff"]), W_2=w(cfg["d_ff"], d)) for _ in range(L)],
        "W_out": w(d, cfg["vocab"]),
    }


model = init(CFG)
# N: the parameters every token is multiplied by (all matrices but the embedding lookup tables).
N = sum(W.size for layer in model["layers"] for W in layer.values()) + model["W_out"].size
KV_PER_TOKEN = L * 2 * H_kv * dh * b  # bytes of keys and values one token adds, all layers


def rms(x):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6)


def attend_row(m, q, K, V):
    """One query (H, dh) over t stored keys and values (H_kv, t, dh), counting both products."""
    t = K.shape[1]
    group = H // H_kv
    Kf, Vf = np.repeat(K, group, 0).astype(np.float32), np.repeat(V, group, 0).astype(np.float32)
    s = np.einsum("hd,htd->ht", q, Kf) / math.sqrt(dh)
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    m.flops += 2 * H * t * dh  # q·k for t keys in every query head
    m.flops += 2 * H * t * dh  # Σ p·v over t values
    m.kv_read += K.nbytes + V.nbytes
    return np.einsum("ht,htd->hd", p, Vf)


def forward(m, tokens, start, caches):
    """Run rows `tokens` (positions start..start+n−1) of every sequence through the model at once.

    tokens: (B, n). caches: per sequence, per layer, dict of K, V (H_kv, max_len, dh) in STORE.
    Each new row is written to the cache and then attends causally over positions ≤ its own."""
    B, n = tokens.shape
    x = (model["embed"][tokens] + model["pos"][start:start + n]).astype(np.float32).reshape(B * n, -1)
    for li, layer in enumerate(model["layers"]):
        h = rms(x)
        q = m.matmul(h, layer["W_q"]).reshape(B, n, H, dh)
        k = m.matmul(h, layer["W_k"]).reshape(B, n, H_kv, dh)
        v = m.matmul(h, layer["W_v"]).reshape(B, n, H_kv, dh)
        out = np.zeros((B, n, H * dh), np.float32)
        for s in range(B):
            c = caches[s][li]
            c["K"][:, start:start + n] = k[s].transpose(1, 0, 2).astype(STORE)
            c["V"][:, start:start + n] = v[s].transpose(1, 0, 2).astype(STORE)
            m.kv_written += 2 * n * H_kv * dh * b
            for i in range(n):  # causal: row i sees positions 0..start+i
                t = start + i + 1
                out[s, i] = attend_row(m, q[s, i], c["K"][:, :t], c["V"][:, :t]).reshape(-1)
        x = x + m.matmul(out.reshape(B * n, -1), layer["W_o"])
        x = x + m.matmul(np.maximum(m.matmul(rms(x), layer["W_1"]), 0), layer["W_2"])
    return m.matmul(rms(x), model["W_out"]).reshape(B, n, -1)


def empty_caches(B):
    shape = (H_kv, CFG["max_len"], dh)
    return [[{"K": np.zeros(shape, STORE), "V": np.zeros(shape, STORE)} for _ in range(L)]
            for _ in range(B)]


def attn_flops_per_token(T):
    """A(T) = 4·H·d_head·N_layers·T: the new token's q·k and p·v over T positions, all layers."""
    return 4 * H * dh * L * T


print(f"toy: N = {N:,} multiplied parameters in {b}-byte float16, N_layers = {L}, H = {H}, "
      f"H_kv = {H_kv}, d_head = {dh}; KV(1) = {KV_PER_TOKEN} bytes per token")

# 1. Prefill: the prompt in one pass, against the same prompt one token at a time --------------
P = 12
prompt = rng.integers(0, CFG["vocab"], size=(1, P))
pre, cache_pre = Meter(), empty_caches(1)
logits_pre = forward(pre, prompt, 0, cache_pre)[0, -1]
flops_formula = 2 * N * P + 4 * H * dh * L * P * (P + 1) // 2
print(f"prefill P = {P}: counted {pre.flops:,} FLOPs = 2·N·P + 4·H·d_head·N_layers·P(P+1)/2 "
      f"= {flops_formula:,}")
assert pre.flops == flops_formula
assert pre.weight_bytes == N * b  # every weight read once, whatever P is
assert pre.kv_written == P * KV_PER_TOKEN
pre_intensity = pre.flops / (pre.weight_bytes + pre.kv_written)
print(f"  weights read once ({pre.weight_bytes:,} bytes) + cache written ({pre.kv_written:,}): "
      f"intensity {pre_intensity:.2f} FLOPs/byte")

step, cache_step = Meter(), empty_caches(1)
for t in range(P):
    logits_step = forward(step, prompt[:, t:t + 1], t, cache_step)[0, -1]
assert step.flops == pre.flops  # same arithmetic...
assert step.weight_bytes == P * N * b  # ...but the weights are read P times
# A matmul over 12 rows sums in a different order from 12 one-row matmuls, so the two caches agree
# to float16 rounding (about 3 decimal digits), not bit for bit.
gap = max(np.abs(cache_pre[0][li][kv].astype(np.float32) - cache_step[0][li][kv].astype(np.float32)).max()
          for li in range(L) for kv in ("K", "V"))
assert gap < 1e-2
assert np.allclose(logits_pre, logits_step, rtol=1e-3, atol=1e-3)
print(f"  one token at a time: same FLOPs, the same cache (largest gap {gap:.0e}, float16 rounding) "
      f"and logits, but the weights are read {step.weight_bytes // (N * b)} times")

# 2. Decode: one step for B sequences with T tokens cached -----------------------------------
T_cached = 20
for B in (1, 4, 16):
    caches = empty_caches(B)
    fill = Meter()
    forward(fill, rng.integers(0, CFG["vocab"], size=(B, T_cached)), 0, caches)
    m = Meter()
    forward(m, rng.integers(0, CFG["vocab"], size=(B, 1)), T_cached, caches)
    T = T_cached + 1  # the new token attends over the cached ones and itself
    F = B * (2 * N + attn_flops_per_token(T))
    M = N * b + B * T * KV_PER_TOKEN
    assert m.flops == F
    assert m.weight_bytes == N * b and m.kv_read == B * T * KV_PER_TOKEN
    I = m.flops / (m.weight_bytes + m.kv_read)
    assert I == F / M
    print(f"decode B = {B:2d}, T = {T}: {m.flops:,} FLOPs over {m.weight_bytes:,} + {m.kv_read:,} "
          f"bytes: intensity {I:.3f} = B(2N + A)/(Nb + B·KV)")

# With no cache the weights are all there is: 2 FLOPs per 2-byte weight per sequence, I = B exactly.
for B in (1, 8, 64):
    assert (B * 2 * N) / (N * b) == B
# Attention alone: A(T) / KV(T) = 4·H·d_head / (2·H_kv·d_head·b) = H / H_kv for 2-byte caches.
assert attn_flops_per_token(T) / (T * KV_PER_TOKEN) == H / H_kv
print(f"no cache: intensity = 2BN/(2N) = B exactly; attention on its own: {H // H_kv} FLOPs per "
      f"byte of cache = H/H_kv, whatever B is")

# 3. The roofline of two GPUs, from their datasheets -----------------------------------------
GPUS = {  # dense bf16 FLOP/s, bytes/s, bytes
    "A100 80GB SXM": dict(peak=312e12, bw=2039e9, mem=80e9),  # 312 TFLOPS (624 with sparsity)
    "H100 SXM": dict(peak=1979e12 / 2, bw=3.35e12, mem=80e9),  # 1,979 "with sparsity" -> 989.5
}
ridge = {name: g["peak"] / g["bw"] for name, g in GPUS.items()}
for name, r in ridge.items():
    print(f"{name}: ridge = peak / bandwidth = {r:.1f} FLOPs per byte")
assert round(ridge["A100 80GB SXM"], 1) == 153.0
assert round(ridge["H100 SXM"], 1) == 295.4

# 4. Llama 3.1 8B on one H100 ----------------------------------------------------------------
N8, L8, H8, Hkv8, dh8, b8 = 8_030_261_248, 32, 32, 8, 128, 2
kv8 = L8 * 2 * Hkv8 * dh8 * b8  # 131,072 bytes per token
assert kv8 == 131_072
gpu = GPUS["H100 SXM"]


def decode8(B, T):
    F = B * (2 * N8 + 4 * H8 * dh8 * L8 * T)
    M = N8 * b8 + B * kv8 * T
    return F / M, max(F / gpu["peak"], M / gpu["bw"]), F / gpu["peak"] >= M / gpu["bw"]


I1, t1, compute_bound = decode8(1, 4096)
print(f"Llama 3.1 8B, decode B = 1, T = 4096: intensity {I1:.2f}, step >= {t1 * 1e3:.2f} ms, "
      f"<= {1 / t1:.0f} tokens/s")
assert abs(I1 - 1.097) < 1e-3 and not compute_bound
assert abs(t1 * 1e3 - 4.954) < 1e-3
I16 = decode8(16, 4096)[0]
print(f"  B = 16, T = 4096: intensity {I16:.1f}")
assert round(I16, 1) == 11.8
for B in (1, 8, 64):  # short context: the cache is small and the intensity is within 0.1% of B
    assert abs(decode8(B, 1)[0] / B - 1) < 1e-3
cap = (2 * N8 + 4 * H8 * dh8 * L8 * 4096) / (kv8 * 4096)
max_batch = int((gpu["mem"] - N8 * b8) // (kv8 * 4096))
print(f"  as B grows at T = 4096 the intensity tends to (2N + A)/KV = {cap:.1f} < ridge "
      f"{ridge['H100 SXM']:.1f}; memory holds B <= {max_batch}")
assert round(cap, 1) == 33.9 and cap < ridge["H100 SXM"]
assert max_batch == 119
I_max, t_max, _ = decode8(max_batch, 4096)
print(f"  at B = {max_batch}: intensity {I_max:.1f}, step >= {t_max * 1e3:.2f} ms, "
      f"<= {max_batch / t_max:,.0f} tokens/s")
assert not decode8(max_batch, 4096)[2]

# Batch at which decode reaches the ridge at T = 128: B·(2N + A) = ridge·(N·b + B·KV).
A128, KV128, R = 4 * H8 * dh8 * L8 * 128, kv8 * 128, ridge["H100 SXM"]
B_ridge = math.ceil(R * N8 * b8 / (2 * N8 + A128 - R * KV128))
assert decode8(B_ridge, 128)[2] and not decode8(B_ridge - 1, 128)[2]
print(f"  at T = 128 decode reaches the ridge at B = {B_ridge}")
assert B_ridge == 425

P8 = 2048
F_pre = 2 * N8 * P8 + 4 * H8 * dh8 * L8 * P8 * (P8 + 1) // 2
M_pre = N8 * b8 + kv8 * P8
print(f"prefill P = {P8}: intensity {F_pre / M_pre:,.0f} FLOPs/byte, compute-bound; time to first "
      f"token >= {F_pre / gpu['peak'] * 1e3:.1f} ms")
assert F_pre / M_pre > ridge["H100 SXM"]
assert abs(F_pre / gpu["peak"] * 1e3 - 34.4) < 0.05

print("OK: prefill reads the weights once for P tokens; decode intensity = B(2N + A)/(Nb + B·KV), "
      "B with no cache; ridges 153.0 (A100) and 295.4 (H100); Llama 3.1 8B decode memory-bound")
