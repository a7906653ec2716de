"""Witness for the serving-tradeoffs notebook.

A roofline model of one decode step (Williams, Waterman and Patterson 2009) for Llama 3.1 8B on one
H100 SXM, the presets of content/models/llama-3-1-8b.yaml and content/gpus/h100-sxm.yaml, with
NumPy only. A step of B sequences with T tokens of context each takes at least
max(FLOPs / peak, bytes / bandwidth); that time is the time per output token (TPOT) every sequence
sees, and B divided by it is the batch's tokens per second. The witness computes, in the order of
the Math section:

1. TPOT and tokens/s against batch size at T = 4,096, and the memory limit on the batch;
2. the batch that maximises tokens/s under a TPOT target (SLO) of 20 ms, and which limit binds;
3. how each lever of the route moves that batch: context length, KV bytes (8-bit cache; Llama 2
   7B's full multi-head cache), the share of cache memory that holds tokens (paging), speculative
   decoding at small and large batch, and the time to first token of a prefill;
4. the numbers the page and the demo's prediction quote.

Every time is a lower bound and every rate an upper bound: real kernels reach only part of the
peak, and the model leaves out activations, communication and scheduling.

Run: python3 witness.py
"""
import math

import numpy as np

N, LAYERS, HEADS, KV_HEADS, D_HEAD, W_BYTES = 8_030_261_248, 32, 32, 8, 128, 2
PEAK, BW, MEM = 1979e12 / 2, 3.35e12, 80e9
SLO = 0.020


def kv_per_token(kv_heads=KV_HEADS, layers=LAYERS, d_head=D_HEAD, kv_bytes=2):
    """Bytes of keys and values one token adds: layers x 2 x H_kv x d_head x bytes."""
    return layers * 2 * kv_heads * d_head * kv_bytes


def attn_flops(T, heads=HEADS, layers=LAYERS, d_head=D_HEAD):
    """A(T): FLOPs of one new token attending over T positions, q.k and p.v in every head."""
    return 4 * heads * d_head * layers * T


def step(B, T, q=1, n=N, kv=None, w_bytes=W_BYTES, heads=HEADS):
    """Lower bound on one decode step: B sequences, T context each, q query positions per sequence
    (q = 1 for plain decoding, gamma + 1 when verifying drafts). Weights and caches are read once."""
    kv = kv_per_token() if kv is None else kv
    F = B * q * (2 * n + attn_flops(T, heads=heads))
    M = n * w_bytes + B * kv * T
    return max(F / PEAK, M / BW), F / PEAK >= M / BW


def tpot(B, T, **kw):
    return step(B, T, **kw)[0]


def tokens_per_s(B, T, **kw):
    return B / tpot(B, T, **kw)


def max_batch_memory(T, n=N, kv=None, w_bytes=W_BYTES, share=1.0):
    """Sequences whose caches fit beside the weights; share = fraction of cache memory that holds
    tokens (1 for an ideal allocator)."""
    kv = kv_per_token() if kv is None else kv
    return int(share * (MEM - n * w_bytes) // (kv * T))


def max_batch_slo(T, slo=SLO, **kw):
    """Largest batch whose step meets the TPOT target (steps only grow with B)."""
    B = 0
    while tpot(B + 1, T, **kw) <= slo:
        B += 1
    return B


# 1. TPOT and tokens/s against batch -------------------------------------------------------------
T = 4096
kv8 = kv_per_token()
assert kv8 == 131_072
B_mem = max_batch_memory(T)
print(f"Llama 3.1 8B on one H100 SXM, T = {T:,}: {kv8 * T / 2**20:.0f} MiB of cache per sequence, "
      f"{B_mem} sequences fit beside {N * W_BYTES / 1e9:.2f} GB of weights")
rows = [1, 16, 64, 96, B_mem]
for B in rows:
    t, compute_bound = step(B, T)
    print(f"   B = {B:3d}: TPOT >= {t * 1e3:6.2f} ms, <= {B / t:7,.0f} tokens/s "
          f"({'compute' if compute_bound else 'memory'}-bound)")
    assert not compute_bound
assert B_mem == 119
assert round(tpot(1, T) * 1e3, 2) == 4.95 and round(tokens_per_s(1, T)) == 202
assert round(tpot(16, T) * 1e3, 2) == 7.36 and round(tokens_per_s(16, T)) == 2174
assert round(tpot(64, T) * 1e3, 2) == 15.05 and round(tokens_per_s(64, T)) == 4252
assert round(tpot(96, T) * 1e3, 2) == 20.18 and round(tokens_per_s(96, T)) == 4757
assert round(tokens_per_s(B_mem, T)) == 4986
# However large the batch, tokens/s stays below bandwidth / cache bytes per sequence.
ceiling = BW / (kv8 * T)
print(f"   ceiling as B grows: bandwidth / cache per sequence = {ceiling:,.0f} tokens/s")
assert round(ceiling) == 6240 and all(tokens_per_s(B, T) < ceiling for B in (1, 119, 10_000))
# Tokens/s never falls as the batch grows, at long and short context: so the best batch under a
# TPOT target is simply the largest batch that meets it and fits.
for TT in (128, 4096):
    rates = np.array([tokens_per_s(B, TT) for B in range(1, max_batch_memory(TT) + 1)])
    assert (np.diff(rates) >= -1e-9).all()

# 2. The best batch under a TPOT target ----------------------------------------------------------
B_slo = max_batch_slo(T)
best = min(B_slo, B_mem)
print(f"2. TPOT target {SLO * 1e3:.0f} ms at T = {T:,}: the target allows B <= {B_slo}, memory B <= {B_mem}; "
      f"best batch {best} -> TPOT {tpot(best, T) * 1e3:.2f} ms, {tokens_per_s(best, T):,.0f} tokens/s")
assert B_slo == 94 and best == 94
assert round(tpot(94, T) * 1e3, 2) == 19.86 and round(tokens_per_s(94, T)) == 4733
# Closed form in the memory-bound regime: B <= (SLO * BW - N b) / KV(T).
assert B_slo == math.floor((SLO * BW - N * W_BYTES) / (kv8 * T))
B_slo_25 = max_batch_slo(T, slo=0.025)
print(f"   with a 25 ms target the target allows {B_slo_25}, so memory binds first at {B_mem}")
assert B_slo_25 == 126 and min(B_slo_25, B_mem) == 119

# 3. Levers ---------------------------------------------------------------------------------------
# Context: the cache read per sequence scales with T.
for TT, want_slo, want_mem in ((1024, 379, 476), (2048, 189, 238)):
    bs, bm = max_batch_slo(TT), max_batch_memory(TT)
    print(f"3. T = {TT:,}: target allows B <= {bs}, memory B <= {bm}; "
          f"{tokens_per_s(min(bs, bm), TT):,.0f} tokens/s at the best batch")
    assert (bs, bm) == (want_slo, want_mem)
assert round(tokens_per_s(379, 1024)) == 18970 and round(tokens_per_s(189, 2048)) == 9479
print(f"   the demo's prediction: B = 96 at T = 2,048 -> TPOT {tpot(96, 2048) * 1e3:.2f} ms "
      f"(at T = 4,096: {tpot(96, 4096) * 1e3:.2f} ms)")
assert round(tpot(96, 2048) * 1e3, 2) == 12.49

# KV bytes: an 8-bit cache halves KV(T).
kv_int8 = kv_per_token(kv_bytes=1)
b_slo8, b_mem8 = max_batch_slo(T, kv=kv_int8), max_batch_memory(T, kv=kv_int8)
print(f"   8-bit cache at T = {T:,}: target allows B <= {b_slo8}, memory B <= {b_mem8}; "
      f"{tokens_per_s(b_slo8, T, kv=kv_int8):,.0f} tokens/s (16-bit: {tokens_per_s(94, T):,.0f})")
assert (b_slo8, b_mem8) == (189, 238) and round(tokens_per_s(189, T, kv=kv_int8)) == 9479

# Full multi-head attention: Llama 2 7B (config: 32 layers, 32 heads, 32 key/value heads, d_head
# 128, fp16; 6,738,415,616 parameters) stores 4 times the cache per token.
N2, kv_mha = 6_738_415_616, kv_per_token(kv_heads=32)
assert kv_mha == 524_288
b_slo2 = max_batch_slo(T, n=N2, kv=kv_mha)
b_mem2 = max_batch_memory(T, n=N2, kv=kv_mha)
print(f"   Llama 2 7B (32 KV heads) at T = {T:,}: {kv_mha * T / 2**30:.0f} GiB of cache per sequence; "
      f"target allows B <= {b_slo2}, memory B <= {b_mem2}; {tokens_per_s(b_slo2, T, n=N2, kv=kv_mha):,.0f} tokens/s")
assert (b_slo2, b_mem2) == (24, 30) and round(tokens_per_s(24, T, n=N2, kv=kv_mha)) == 1237

# Memory management: Kwon et al. (Fig. 2) found 20.4 % to 38.2 % of KV memory holding tokens in
# earlier systems and 96.3 % in vLLM.
for share in (0.204, 0.382, 0.963):
    bm = max_batch_memory(T, share=share)
    print(f"   if {share:.1%} of cache memory holds tokens: B <= {bm}, {tokens_per_s(min(bm, B_slo), T):,.0f} tokens/s")
assert [max_batch_memory(T, share=s) for s in (0.204, 0.382, 0.963)] == [24, 45, 114]
assert round(tokens_per_s(45, T)) == 3748 and round(tokens_per_s(24, T)) == 2778

# Speculative decoding: gamma drafts per round, acceptance alpha, draft step c x a plain step. The
# target verifies gamma + 1 positions per sequence, reading weights and caches once.
alpha, gamma, c = 0.8, 4, 0.05
E = (1 - alpha ** (gamma + 1)) / (1 - alpha)


def spec_speedup(B, TT):
    plain = tpot(B, TT)
    verify = tpot(B, TT, q=gamma + 1)
    return E * plain / (gamma * c * plain + verify)


cases = [(1, 4096), (96, 4096), (256, 128), (64, 128)]
for B, TT in cases:
    print(f"   speculation (alpha {alpha}, gamma {gamma}, c {c}) at B = {B}, T = {TT:,}: "
          f"{spec_speedup(B, TT):.2f}x tokens/s; verify step {'compute' if step(B, TT, q=gamma + 1)[1] else 'memory'}-bound")
assert round(spec_speedup(1, 4096), 2) == 2.80 and round(spec_speedup(96, 4096), 2) == 2.80
assert round(spec_speedup(256, 128), 2) == 0.93 and spec_speedup(256, 128) < 1
assert round(spec_speedup(64, 128), 2) == 2.76
even = next(B for B in range(1, 4097) if spec_speedup(B, 128) < 1)
print(f"   at T = 128 speculation stops paying from B = {even} (memory holds {max_batch_memory(128):,})")
assert even == 231 and all(spec_speedup(B, 4096) > 2.79 for B in range(1, B_mem + 1))
# TPOT at batch 1 with speculation: one token every 4.95 ms / 2.80.
print(f"   at B = 1: TPOT {tpot(1, 4096) * 1e3:.2f} ms -> {tpot(1, 4096) / spec_speedup(1, 4096) * 1e3:.2f} ms")
assert round(tpot(1, 4096) / spec_speedup(1, 4096) * 1e3, 2) == 1.77

# Prefill: time to first token of a 2,048-token prompt, and its cache for a disaggregated handoff.
P = 2048
F_pre = 2 * N * P + 4 * HEADS * D_HEAD * LAYERS * P * (P + 1) // 2
ttft = max(F_pre / PEAK, (N * W_BYTES + kv8 * P) / BW)
print(f"   prefill of {P:,} tokens: TTFT >= {ttft * 1e3:.1f} ms (compute-bound); its cache, "
      f"{kv8 * P / 2**20:.0f} MiB, is what a disaggregated server sends to the decode GPU")
assert round(ttft * 1e3, 1) == 34.4 and kv8 * P == 256 * 2**20

# The figure's caption and the demo's failure case.
assert tokens_per_s(16, T) / tokens_per_s(1, T) > 10 and round((tpot(16, T) - tpot(1, T)) * 1e3, 1) == 2.4
assert round(tokens_per_s(94, T) / tokens_per_s(64, T) - 1, 2) == 0.11 and round((tpot(94, T) - tpot(64, T)) * 1e3, 1) == 4.8
assert round(N * W_BYTES / BW * 1e3, 2) == 4.79  # the weight read: a floor under every step
assert round(2 * N * 4128 / PEAK * 1e3, 1) == 67.0  # continuous-batching's stall: 4,096 prompt + 32 decodes
assert round(96 * kv8 * 4096 / 1e9, 1) == 51.5 and round(96 * kv8 * 2048 / 1e9, 1) == 25.8
assert kv8 * 32768 == 4 * 2**30 and max_batch_memory(32768) == 14
print(f"   at T = 32,768: {kv8 * 32768 / 2**30:.0f} GiB of cache per sequence, {max_batch_memory(32768)} sequences fit")

print("OK: TPOT and tokens/s grow with batch; under a 20 ms TPOT target at T = 4,096 the best batch "
      "is 94 (4,733 tokens/s); each lever moves the batch through KV(T), memory share or TPOT")
