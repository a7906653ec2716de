"""Witness for the KV-cache quantization notebook.

Uniform asymmetric quantization of a group x_1..x_G to b bits (the form KIVI uses, Liu et al. 2024,
arXiv 2402.02750, section 2): zero point z = min x, scale s = (max x - min x) / (2^b - 1),
code q = round((x - z) / s) in {0, .., 2^b - 1}, reconstruction x_hat = z + q * s. Checks:

1. the error |x - x_hat| never exceeds s / 2, in every group;
2. synthetic keys with one outlier channel (offset 12 on top of unit noise): quantized per token
   (a group spans the channels of one token) the outlier stretches every token's range; quantized
   per channel (a group spans G tokens of one channel) it only stretches its own channel. The
   error of the keys, and of attention outputs computed with them, is printed for 2 and 4 bits;
3. keeping the largest 1 % of entries in full precision (KVQuant's dense-and-sparse idea,
   Hooper et al. 2024, arXiv 2401.18079) rescues per-token quantization;
4. RoPE rotates the outlier channel into its partner, so per-channel quantization before RoPE
   (KVQuant's pre-RoPE keys) has lower error than after it;
5. KIVI-style streaming: keys enter a full-precision residual and are quantized per channel G
   tokens at a time once R have gathered; the result equals offline grouped quantization;
6. bytes, counted on packed arrays: b bits per code plus a 16-bit scale and 16-bit zero point per
   group of G, plus 16 bits for each residual entry, so b + 32/G bits per quantized number; and
   the same count for Llama 3.1 8B (32 layers, 8 key/value heads of 128) at 131,072 tokens.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)


def quantize(x, b, axis):
    """Asymmetric uniform quantization of x to b bits, one group per slice along `axis`."""
    z = x.min(axis=axis, keepdims=True)                     # zero point
    s = (x.max(axis=axis, keepdims=True) - z) / (2**b - 1)  # scale (step)
    s = np.where(s == 0, 1.0, s)
    q = np.clip(np.round((x - z) / s), 0, 2**b - 1).astype(np.uint8)  # codes
    return q, s, z


def dequantize(q, s, z):
    return z + q * s


def grouped(x, b, G, per):
    """Quantize-dequantize x (tokens, channels) in groups of G: per='token' groups G channels of
    one token; per='channel' groups G tokens of one channel."""
    out = np.empty_like(x)
    if per == "token":
        for g in range(0, x.shape[1], G):
            out[:, g:g + G] = dequantize(*quantize(x[:, g:g + G], b, axis=1))
    else:
        for g in range(0, x.shape[0], G):
            out[g:g + G] = dequantize(*quantize(x[g:g + G], b, axis=0))
    return out


def rel(a, ref):
    return np.linalg.norm(a - ref) / np.linalg.norm(ref)


def attention(Q, K, V):
    S = Q @ K.T / np.sqrt(K.shape[1])
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return (P / P.sum(axis=1, keepdims=True)) @ V


# 1. The error bound: half a step ------------------------------------------------------------
print("--- 1. error bound")
for b in (2, 3, 4, 8):
    x = rng.standard_normal((1000, 32)) * rng.uniform(0.1, 10, size=(1000, 1))
    q, s, z = quantize(x, b, axis=1)
    err = np.abs(x - dequantize(q, s, z))
    worst = (err / (s / 2)).max()
    print(f"b = {b}: {2**b} levels; max |x - x_hat| / (s/2) over 1,000 groups of 32 = {worst:.4f}")
    assert worst <= 1 + 1e-9 and q.max() <= 2**b - 1
    assert np.allclose(dequantize(q, s, z).min(axis=1), x.min(axis=1))  # the minimum is exact

# 2. An outlier channel: per token against per channel ---------------------------------------
print("--- 2. keys with an outlier channel: 256 tokens x 128 channels, channel 8 offset by 12")
n, d, G = 256, 128, 32
K = rng.standard_normal((n, d))
K[:, 8] += 12.0
V = rng.standard_normal((n, d))
Q = rng.standard_normal((16, d))
O = attention(Q, K, V)
errors = {}
for b in (2, 4):
    for name, per, g in (("per token, whole vector", "token", d), ("per token, groups of 32", "token", G),
                         ("per channel, groups of 32 tokens", "channel", G)):
        K_hat = grouped(K, b, g, per)
        errors[b, name] = (rel(K_hat, K), rel(attention(Q, K_hat, V), O))
        print(f"b = {b}, {name:33s}: key error {errors[b, name][0]:.3f}, "
              f"attention-output error {errors[b, name][1]:.3f}")
e_tok, e_grp, e_ch = (errors[2, k][0] for k in ("per token, whole vector", "per token, groups of 32",
                                                 "per channel, groups of 32 tokens"))
print(f"2 bits: per token / per channel key error = {e_tok / e_ch:.1f}")
assert e_ch < e_grp < e_tok and e_tok / e_ch > 4
assert errors[2, "per channel, groups of 32 tokens"][1] < errors[2, "per token, whole vector"][1] / 4
assert errors[4, "per channel, groups of 32 tokens"][0] < errors[4, "per token, whole vector"][0] / 3
# Why: the per-token step is set by the outlier; the per-channel step of a normal channel is not.
step_tok = (K.max(axis=1) - K.min(axis=1)).mean() / 3
step_ch = np.mean([(K[:G, c].max() - K[:G, c].min()) / 3 for c in range(d) if c != 8])
print(f"mean 2-bit step: per token {step_tok:.2f}, per channel (normal channels) {step_ch:.2f}")
assert step_tok > 3 * step_ch

# Without an outlier the two layouts are about equally good.
K0 = rng.standard_normal((n, d))
r0 = rel(grouped(K0, 2, G, "token"), K0) / rel(grouped(K0, 2, G, "channel"), K0)
print(f"no outlier: per token / per channel key error = {r0:.2f}")
assert 0.8 < r0 < 1.25

# 3. Dense-and-sparse: keep the largest 1 % of entries exactly --------------------------------
print("--- 3. dense-and-sparse, per token, 2 bits")
k_sparse = int(0.01 * K.size)
thresh = np.sort(np.abs(K).ravel())[-k_sparse]
sparse = np.abs(K) >= thresh
dense = np.where(sparse, 0.0, K)  # outliers removed from the dense part
K_ds = np.where(sparse, K, grouped(dense, 2, d, "token"))
e_ds = rel(K_ds, K)
print(f"{sparse.sum()} of {K.size:,} entries kept in full precision "
      f"({sparse[:, 8].sum()} of them in channel 8): key error {e_tok:.3f} -> {e_ds:.3f}")
assert sparse.sum() == k_sparse and sparse[:, 8].all()
assert e_ds < e_tok / 3

# 4. Pre-RoPE against post-RoPE per-channel quantization --------------------------------------
print("--- 4. RoPE rotates channel 8 into channel 9")
theta = 10_000.0 ** (-np.arange(0, d, 2) / d)


def rope(X):
    """Rotate each pair (2i, 2i+1) of token m by m * theta_i (Su et al. 2021)."""
    a = np.arange(X.shape[0])[:, None] * theta
    Y = np.empty_like(X)
    Y[:, 0::2] = X[:, 0::2] * np.cos(a) - X[:, 1::2] * np.sin(a)
    Y[:, 1::2] = X[:, 0::2] * np.sin(a) + X[:, 1::2] * np.cos(a)
    return Y


K_rot = rope(K)
rng_pre = K[:G, 8].max() - K[:G, 8].min()
rng_post = K_rot[:G, 8].max() - K_rot[:G, 8].min()
print(f"range of channel 8 over the first 32 tokens: {rng_pre:.1f} before RoPE, {rng_post:.1f} after")
for b in (2, 3, 4):
    e_pre = rel(rope(grouped(K, b, G, "channel")), K_rot)  # quantize, then rotate (pre-RoPE)
    e_post = rel(grouped(K_rot, b, G, "channel"), K_rot)   # rotate, then quantize
    print(f"b = {b}: per-channel key error pre-RoPE {e_pre:.3f}, post-RoPE {e_post:.3f}")
    assert e_pre < e_post
assert rng_post > 3 * rng_pre

# 5. KIVI-style streaming with a full-precision residual ---------------------------------------
print("--- 5. streaming keys: residual of at most R = 128 tokens, groups of G = 32")
R = 128
stream = rng.standard_normal((1000, d))
stream[:, 8] += 12.0
quantized, residual, max_res = [], [], 0
for t in range(stream.shape[0]):
    residual.append(stream[t])               # the new token enters in full precision
    max_res = max(max_res, len(residual))
    if len(residual) == R:                   # R tokens gathered: quantize them, G at a time
        block = np.array(residual)
        quantized.append(grouped(block, 2, G, "channel"))
        residual = []
n_q = sum(len(x) for x in quantized)
offline = grouped(stream[:n_q], 2, G, "channel")
print(f"1,000 tokens: {n_q} quantized, {len(residual)} in the residual; largest residual {max_res}")
assert max_res == R and n_q + len(residual) == 1000 and n_q % G == 0
assert np.array_equal(np.concatenate(quantized), offline)

# 6. Bytes, counted on packed arrays ---------------------------------------------------------
print("--- 6. bytes")


def pack(q, b):
    """Pack b-bit codes into bytes, 8 / b codes per byte."""
    per = 8 // b
    flat = q.ravel().astype(np.uint8)
    flat = np.concatenate([flat, np.zeros((-len(flat)) % per, np.uint8)])
    out = np.zeros(len(flat) // per, np.uint8)
    for i in range(per):
        out |= flat[i::per] << (b * i)
    return out


def stored_bytes(X, b, G, R, per):
    """Actually quantize X (tokens, channels) and count every array kept."""
    n_res = X.shape[0] % R if R else 0
    Xq, Xr = X[: X.shape[0] - n_res], X[X.shape[0] - n_res:]
    codes, scales, zeros = [], [], []
    if per == "channel":
        for g in range(0, Xq.shape[0], G):
            q, s, z = quantize(Xq[g:g + G], b, axis=0)
            codes.append(q), scales.append(s), zeros.append(z)
    else:
        for g in range(0, Xq.shape[1], G):
            q, s, z = quantize(Xq[:, g:g + G], b, axis=1)
            codes.append(q), scales.append(s), zeros.append(z)
    packed = pack(np.concatenate([c.ravel() for c in codes]), b)
    meta = sum(s.astype(np.float16).nbytes + z.astype(np.float16).nbytes
               for s, z in zip(scales, zeros))
    return packed.nbytes + meta + Xr.astype(np.float16).nbytes


def bytes_formula(n_quant, n_res, width, b, G):
    """b bits per code, 2 + 2 bytes of scale and zero point per group of G, 2 bytes per residual entry."""
    return n_quant * width * b // 8 + (n_quant * width // G) * 4 + n_res * width * 2


X = rng.standard_normal((1000, d))
for b, G_, per in ((2, 32, "channel"), (2, 32, "token"), (4, 128, "token"), (2, 128, "channel")):
    got = stored_bytes(X, b, G_, R, per)
    n_res = 1000 % R
    want = bytes_formula(1000 - n_res, n_res, d, b, G_)
    print(f"b = {b}, G = {G_:3d}, per {per:7s}: {got:,} bytes counted = {want:,} by formula; "
          f"fp16 would be {1000 * d * 2:,}")
    assert got == want
for b, G_ in ((2, 32), (2, 128), (4, 32), (4, 128)):
    print(f"b = {b}, G = {G_:3d}: {b + 32 / G_:.3f} bits per number, saving {16 / (b + 32 / G_):.2f}x "
          f"against 16 bits (naive 16/b = {16 / b:.0f}x)")
assert 16 / (2 + 32 / 32) == 16 / 3 and abs(16 / (2 + 32 / 128) - 7.11) < 0.01

# Llama 3.1 8B (config.json: 32 layers, 8 key/value heads, head_dim 128), one sequence.
layers, kv_heads, head_dim, n_tok = 32, 8, 128, 131_072
width = layers * kv_heads * head_dim * 2           # numbers per token, keys and values
bf16 = n_tok * width * 2
n_res = R
kivi = bytes_formula(n_tok - n_res, n_res, width, 2, 32)
int4 = n_tok * width // 2
int4_g = bytes_formula(n_tok, 0, width, 4, 32)
GIB = 2**30
print(f"Llama 3.1 8B, 131,072 tokens: bf16 {bf16 / GIB:.2f} GiB; int4 without scales "
      f"{int4 / GIB:.2f} GiB; int4 with fp16 scale and zero per 32: {int4_g / GIB:.2f} GiB; "
      f"2-bit, G = 32, residual 128: {kivi:,} bytes = {kivi / GIB:.3f} GiB ({bf16 / kivi:.2f}x)")
assert bf16 == 16 * GIB and int4 == 4 * GIB and int4_g == 5 * GIB
assert kivi == 3_234_856_960 and abs(bf16 / kivi - 5.31) < 0.01

# How many such sequences fit beside the bf16 weights (8.03e9 parameters) on an 80 GiB GPU, with
# 90 % of its memory usable (the calculator's defaults)?
pool = int(0.9 * 80 * GIB) - int(8.03e9) * 2
fit = {name: pool // size for name, size in (("bf16", bf16), ("int4", int4), ("int4 + scales", int4_g),
                                            ("2-bit KIVI-style", kivi))}
print("sequences of 131,072 tokens that fit:", fit)
assert fit == {"bf16": 3, "int4": 14, "int4 + scales": 11, "2-bit KIVI-style": 18}

print("OK: error <= s/2; with an outlier channel per-channel keys beat per-token keys "
      f"{e_tok / e_ch:.1f}x at 2 bits; pre-RoPE beats post-RoPE; b + 32/G bits per number")
