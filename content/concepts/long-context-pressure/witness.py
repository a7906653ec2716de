"""Witness for the long-context pressure notebook.

Three costs grow with the number of tokens n in the context, and one limit comes from training:

1. KV-cache memory, linear in n: Mem_KV = B * N_layers * n * H_kv * d_head * 2 * bytes. For the
   Llama 3.1 presets in content/models/ (config.json of meta-llama/Llama-3.1-8B and -70B: 32 and 80
   layers, 32 and 64 query heads, 8 key/value heads, head_dim 128, bf16; 8,030,261,248 and
   70,553,706,496 parameters) at n = 131,072, and the n where the cache outweighs the weights.
2. Prefill attention FLOPs, quadratic in n. A small causal attention in NumPy counts its own
   multiply-adds and matches 4 * d * n(n+1)/2 per layer (d = H * d_head): QK^T and PV each cost
   2 * n^2 * d FLOPs without the mask, and the causal mask keeps n(n+1)/2 of the n^2 pairs.
   Per generated token the attention FLOPs 4 * N_layers * d * n overtake the weights' 2P at
   n* = P / (2 * N_layers * d).
3. Decode time per token, a lower bound from memory bandwidth: (P * b + KV(n)) / bandwidth; with
   H100 SXM's 3.35 TB/s it doubles where the cache equals the weights.
4. RoPE angles m * theta_i with theta_i = base^(-2i/d_head). Position interpolation (Chen et al.
   2023, arXiv 2306.15595) replaces m by m * L / L'; every scaled angle of a 32,768-token context
   stays inside the range a 2,048-token training run produced, while plain extrapolation leaves
   it in the slow dimensions.

Run: python3 witness.py
"""
import numpy as np

GIB = 2**30


def mem_kv(B, n_layers, n, H_kv, d_head, n_bytes):
    """Bytes of keys and values for B sequences of n tokens (the KV-cache notebook's equation)."""
    return B * n_layers * n * H_kv * d_head * 2 * n_bytes


# Fields of the two config.json files (content/models/llama-3-1-8b.yaml and -70b.yaml).
MODELS = {
    "Llama 3.1 8B": dict(layers=32, heads=32, kv_heads=8, head_dim=128, params=8_030_261_248),
    "Llama 3.1 70B": dict(layers=80, heads=64, kv_heads=8, head_dim=128, params=70_553_706_496),
}
BF16 = 2
N_LONG = 131_072  # max_position_embeddings of Llama 3.1

# 1. Memory: linear in n ------------------------------------------------------------------
print("--- 1. KV-cache memory, B = 1, bf16")
cross_mem = {}
for name, m in MODELS.items():
    per_token = mem_kv(1, m["layers"], 1, m["kv_heads"], m["head_dim"], BF16)
    at_long = mem_kv(1, m["layers"], N_LONG, m["kv_heads"], m["head_dim"], BF16)
    weights = m["params"] * BF16
    # Linear: doubling n doubles the bytes, exactly.
    for n in (1024, 8192, 65_536):
        assert mem_kv(1, m["layers"], 2 * n, m["kv_heads"], m["head_dim"], BF16) == \
            2 * mem_kv(1, m["layers"], n, m["kv_heads"], m["head_dim"], BF16)
    cross_mem[name] = weights / per_token
    print(f"{name}: {per_token:,} bytes per token = {per_token / 1024:.0f} KiB; at n = {N_LONG:,}: "
          f"{at_long / GIB:.0f} GiB; weights {weights / GIB:.2f} GiB; cache = weights at "
          f"n = {cross_mem[name]:,.0f}")
assert mem_kv(1, 32, 1, 8, 128, BF16) == 131_072            # 128 KiB per token
assert mem_kv(1, 80, 1, 8, 128, BF16) == 327_680            # 320 KiB per token
assert mem_kv(1, 32, N_LONG, 8, 128, BF16) == 16 * GIB       # 8B at 128K: 16 GiB
assert mem_kv(1, 80, N_LONG, 8, 128, BF16) == 40 * GIB       # 70B at 128K: 40 GiB
assert round(cross_mem["Llama 3.1 8B"]) == 122_532           # 8B: cache outweighs weights
assert round(cross_mem["Llama 3.1 70B"]) == 430_626          # 70B: beyond its 131,072 tokens


# 2. Prefill FLOPs: quadratic in n, counted inside the code --------------------------------
def causal_attention_counted(Q, K, V):
    """One head, causal; counts multiply-adds (1 multiply-add = 2 FLOPs) of QK^T and PV."""
    n, dh = Q.shape
    out = np.zeros_like(V)
    madds = 0
    for i in range(n):  # query i sees keys 0..i: i + 1 of them
        s = K[: i + 1] @ Q[i] / np.sqrt(dh)
        madds += (i + 1) * dh          # QK^T row
        p = np.exp(s - s.max())
        p /= p.sum()
        out[i] = p @ V[: i + 1]
        madds += (i + 1) * dh          # PV row
    return out, madds


rng = np.random.default_rng(0)
print("--- 2. prefill attention FLOPs of one layer, H heads of d_head (d = H * d_head)")
H_toy, dh_toy = 4, 8
d_toy = H_toy * dh_toy
flops_by_n = {}
for n in (16, 32, 64, 128):
    Q, K, V = (rng.standard_normal((H_toy, n, dh_toy)) for _ in range(3))
    total, out_all = 0, []
    for h in range(H_toy):
        out, madds = causal_attention_counted(Q[h], K[h], V[h])
        total += 2 * madds
        out_all.append(out)
    # The loop equals masked full attention.
    S = Q @ K.transpose(0, 2, 1) / np.sqrt(dh_toy) + np.triu(np.full((n, n), -np.inf), 1)
    P = np.exp(S - S.max(-1, keepdims=True))
    P /= P.sum(-1, keepdims=True)
    assert np.allclose(np.stack(out_all), P @ V)
    full = 2 * (2 * n * n * d_toy)     # QK^T and PV without a mask: 2 n^2 d FLOPs each
    causal = 4 * d_toy * n * (n + 1) // 2
    assert total == causal
    flops_by_n[n] = total
    print(f"n = {n:4d}: counted {total:>9,} FLOPs = 4 d n(n+1)/2 = {causal:>9,}; "
          f"without the mask 4 d n^2 = {full:>9,} (ratio {total / full:.3f})")
ratios = [flops_by_n[2 * n] / flops_by_n[n] for n in (16, 32, 64)]
print("doubling n multiplies the attention FLOPs by", [f"{r:.3f}" for r in ratios])
assert all(3.85 < r < 4.0 for r in ratios) and ratios == sorted(ratios)  # -> 4: quadratic


def attn_flops_per_token(m, n):
    """A new token at context n: 4 * N_layers * H * d_head * n (2 for QK^T, 2 for PV, per pair)."""
    return 4 * m["layers"] * m["heads"] * m["head_dim"] * n


def prefill_flops(m, n):
    """2P per token for the weights, plus causal attention 4 * N_layers * d * n(n+1)/2."""
    return 2 * m["params"] * n + 4 * m["layers"] * m["heads"] * m["head_dim"] * n * (n + 1) // 2


cross_flops = {}
for name, m in MODELS.items():
    d = m["heads"] * m["head_dim"]
    n_star = m["params"] / (2 * m["layers"] * d)
    cross_flops[name] = n_star
    share = attn_flops_per_token(m, N_LONG) / (2 * m["params"])
    pf = prefill_flops(m, N_LONG)
    attn_part = pf - 2 * m["params"] * N_LONG
    print(f"{name}: d = H*d_head = {d}; attention FLOPs per new token = weights' 2P at "
          f"n* = {n_star:,.0f}; at n = {N_LONG:,} attention is {share:.2f} x 2P; a {N_LONG:,}-token "
          f"prefill: {pf:.3e} FLOPs, {attn_part / pf:.0%} of them attention")
    assert attn_flops_per_token(m, n_star) == 2 * m["params"]  # the crossover, exactly
# Whole prefill: 2Pn = 2 d N_layers n(n+1) at n + 1 = P / (d N_layers) = 2 n*.
n_prefill = MODELS["Llama 3.1 8B"]["params"] / (32 * 4096) - 1
print(f"Llama 3.1 8B: a whole prefill's attention FLOPs overtake its weights' at n = {n_prefill:,.0f}")
assert round(n_prefill) == 61_265
assert round(cross_flops["Llama 3.1 8B"]) == 30_633
assert round(cross_flops["Llama 3.1 70B"]) == 53_828
m8 = MODELS["Llama 3.1 8B"]
assert abs(attn_flops_per_token(m8, N_LONG) / (2 * m8["params"]) - 4.28) < 0.01
ratio_prefill = prefill_flops(m8, N_LONG) / prefill_flops(m8, 8192)
t_long = prefill_flops(m8, N_LONG) / 989.5e12
t_short = prefill_flops(m8, 8192) / 989.5e12
print(f"Llama 3.1 8B prefill, 8,192 -> {N_LONG:,} tokens (16 x): FLOPs x {ratio_prefill:.1f}; "
      f"at H100 SXM's dense 989.5 TFLOP/s at least {t_short:.2f} s -> {t_long:.2f} s")
assert 44.0 < ratio_prefill < 44.6   # between 16 (linear) and 256 (quadratic)
assert abs(t_long - 6.68) < 0.01 and abs(t_short - 0.151) < 0.001

# 3. Decode: each step reads the whole cache -----------------------------------------------
print("--- 3. decode step, B = 1, lower bound from H100 SXM bandwidth 3.35 TB/s")
BW = 3.35e12
w8 = m8["params"] * BF16
step = {n: (w8 + mem_kv(1, 32, n, 8, 128, BF16)) / BW for n in (0, 8192, N_LONG)}
for n, t in step.items():
    print(f"n = {n:>7,}: bytes read {w8 + mem_kv(1, 32, n, 8, 128, BF16):.3e} -> "
          f"at least {t * 1e3:.2f} ms per token")
assert abs(step[0] * 1e3 - 4.79) < 0.01 and abs(step[N_LONG] * 1e3 - 9.92) < 0.01
assert abs(step[N_LONG] / step[0] - 2.07) < 0.01

# 4. RoPE angles with and without position interpolation -----------------------------------
print("--- 4. RoPE angles, d_head = 128, base 10,000, trained on L = 2,048, used at L' = 32,768")
d_head, base, L, L_new = 128, 10_000.0, 2048, 32_768
theta = base ** (-np.arange(0, d_head, 2) / d_head)      # theta_i, i = 0..63
wavelength = 2 * np.pi / theta
trained = np.arange(L)[:, None] * theta                  # every angle seen in training
m_all = np.arange(L_new)[:, None]
extrap = m_all * theta                                   # plain RoPE at new positions
interp = (m_all * L / L_new) * theta                     # position interpolation
max_trained = trained.max(axis=0)                        # (L - 1) * theta_i per dimension
bound = L * theta                                        # positions in [0, L): angles below L * theta_i
slow = wavelength > L                                    # never completed a turn in training
assert np.all(interp.max(axis=0) < bound) and np.all(interp >= 0)
print(f"largest interpolated position = {(L_new - 1) * L / L_new:.4f} < L = {L}")
out_of_range = (extrap.max(axis=0) > max_trained) & slow
print(f"pairs of dimensions: {len(theta)}; wavelength 2*pi/theta_i from {wavelength[0]:.2f} "
      f"to {wavelength[-1]:,.0f} positions; {slow.sum()} pairs have a wavelength longer than L")
print(f"interpolated: largest angle / (L * theta_i) = "
      f"{(interp.max(axis=0) / bound).max():.5f} (< 1 in every pair)")
print(f"extrapolated: slowest pair reaches {extrap[-1, -1]:.3f} rad, trained only up to "
      f"{max_trained[-1]:.3f} rad ({extrap[-1, -1] / max_trained[-1]:.1f} x)")
print(f"pairs whose extrapolated angles leave the trained range: {out_of_range.sum()}")
assert slow.sum() == 23 and out_of_range.sum() == 23
assert abs(extrap[-1, -1] / max_trained[-1] - 16.0) < 0.01
# The price: neighbours move closer. Adjacent tokens differ by theta_i / 16 instead of theta_i.
step_fast = (interp[1, 0] - interp[0, 0], extrap[1, 0] - extrap[0, 0])
print(f"fastest pair: adjacent tokens {step_fast[1]:.4f} rad apart without interpolation, "
      f"{step_fast[0]:.4f} rad with it")
assert abs(step_fast[0] - 1 / 16) < 1e-12

print("OK: KV bytes linear in n (16 GiB and 40 GiB at 131,072 tokens); prefill attention "
      "4 d n(n+1)/2 per layer; attention per token overtakes 2P at n* = 30,633 (8B) and 53,828 "
      "(70B); interpolated RoPE angles stay within the trained range")
