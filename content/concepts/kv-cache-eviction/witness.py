"""Witness for the KV-cache eviction notebook.

A toy attention head decodes a stream of n = 512 tokens, one query per step, with a cache that may
hold at most C = 64 tokens. Its keys are built so that the attention has the three features the
papers describe: a sink (token 0 scores high against every query, as initial tokens do in
StreamingLLM, Xiao et al. 2023, arXiv 2309.17453), a few heavy hitters that collect attention all
along (H2O, Zhang et al. 2023, arXiv 2306.14048), and a preference for recent tokens (neighbouring
keys are correlated). Three eviction policies are compared with full attention, by the relative
error of the attention output at every step once the cache is full:

  * recent only: keep the newest C tokens (a sliding window);
  * sinks + recent: keep the first 4 tokens and the newest C - 4 (StreamingLLM);
  * heavy hitters + recent: keep the newest C/2 and, of the rest, evict the token whose attention,
    accumulated over the steps it has been cached, is lowest (H2O's greedy rule).

Then the failure: a query that needs one token from the middle (a "needle") that nobody attended
to before. Every policy has evicted it; a 4-bit quantized cache, which keeps every token, has not.
Last, the memory: a bounded cache of 4,096 tokens for Llama 3.1 8B (32 layers, 8 key/value heads
of 128, bf16) against the full cache at 131,072 tokens.

Settings: n tokens, a budget of C, S sinks (StreamingLLM keeps 4); d_c content dimensions in
which neighbouring keys correlate with rho and each query is beta times its own key. The figures
quoted on the page are asserted only for these settings (PAGE below); change any of them to
explore, and the checks that hold for every setting (the bound, the identity) still run.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)
n, C, S = 512, 64, 4
d_c = 16
rho, beta = 0.95, 0.5
SINK_SCORE, HH_SCORE = 9.0, 5.5
HEAVY = [100, 180, 300, 420]
NEEDLE = 250
PAGE = (n, C, S, d_c, rho, beta, SINK_SCORE, HH_SCORE, HEAVY, NEEDLE) == \
    (512, 64, 4, 16, 0.95, 0.5, 9.0, 5.5, [100, 180, 300, 420], 250)

# Keys: 3 feature dimensions (sink, heavy hitter, needle) and d_c content dimensions that drift
# slowly along the sequence (an AR(1) process), so a query is most similar to recent keys.
X = np.zeros((n, d_c))
X[0] = rng.standard_normal(d_c)
for t in range(1, n):
    X[t] = rho * X[t - 1] + np.sqrt(1 - rho**2) * rng.standard_normal(d_c)
K = np.zeros((n, 3 + d_c))
Qs = np.zeros((n, 3 + d_c))
K[:, 3:], Qs[:, 3:] = X, beta * X
K[0, 0], Qs[:, 0] = SINK_SCORE, 1.0      # every query scores token 0 at 9
K[HEAVY, 1], Qs[:, 1] = HH_SCORE, 1.0    # and the heavy hitters at 5.5
K[NEEDLE, 2] = 1.0                       # only a query with a needle component finds this one
V = rng.standard_normal((n, 8))
# (The scores are q . k directly: think of the 1/sqrt(d) of scaled dot-product attention as
# already folded into the queries.)


def attend(q, keys, values):
    s = keys @ q
    p = np.exp(s - s.max())
    p /= p.sum()
    return p @ values, p


def rel(a, ref):
    return np.linalg.norm(a - ref) / np.linalg.norm(ref)


# Full attention: how the weight is spread --------------------------------------------------
w = np.array([attend(Qs[t], K[: t + 1], V[: t + 1])[1] for t in range(C, n)], dtype=object)
w_sink = np.mean([p[0] for p in w])
w_heavy = np.mean([p[[h for h in HEAVY if h <= t]].sum() for p, t in zip(w, range(C, n))])
w_recent = np.mean([p[-(C - S):].sum() for p in w])
old_needle = [p[NEEDLE] for p, t in zip(w, range(C, n)) if t >= NEEDLE + C]
w_needle = float(np.mean(old_needle)) if old_needle else float('nan')  # never that old: nan
print(f"full attention, steps {C}..{n - 1}: mean weight on token 0 {w_sink:.3f}, on the 4 heavy "
      f"hitters {w_heavy:.3f}, on the newest {C - S} tokens {w_recent:.3f}, on the needle once {C} tokens old "
      f"{w_needle:.4f}")
assert not PAGE or 0.2 < w_sink < 0.3 and 0.15 < w_heavy < 0.3 and w_recent > 0.5 and w_needle < 0.002


# The three policies ------------------------------------------------------------------------
def run(policy):
    cache, acc, errs, window_mass = [], {}, [], []
    for t in range(n):
        cache.append(t)
        acc[t] = 0.0
        if len(cache) > C:
            if policy == "recent only":
                cache.pop(0)                      # the oldest goes
            elif policy == "sinks + recent":
                cache.pop(S)                      # the oldest after the 4 sinks goes
            else:                                 # heavy hitters + recent (H2O)
                recent = set(cache[-(C // 2):])
                victim = min((j for j in cache if j not in recent), key=lambda j: acc[j])
                cache.remove(victim)
        assert len(cache) <= C                    # the bound, at every step
        o, p = attend(Qs[t], K[cache], V[cache])
        for j, pj in zip(cache, p):
            acc[j] += pj                          # H2O's accumulated attention
        if t >= C:
            o_full, p_full = attend(Qs[t], K[: t + 1], V[: t + 1])
            errs.append(rel(o, o_full))
            window_mass.append(p_full[cache].sum())  # what full attention gave the kept tokens
    return float(np.mean(errs)), cache, float(np.mean(window_mass))


results = {}
for policy in ("recent only", "sinks + recent", "heavy hitters + recent"):
    err, cache, mass = run(policy)
    results[policy] = (err, cache)
    kept = [h for h in HEAVY if h in cache]
    print(f"{policy:23s}: mean output error {err:.3f}; full attention gave the kept tokens "
          f"{mass:.3f} of its weight, the cache gives them 1; final cache has token 0: "
          f"{0 in cache}, heavy hitters {kept}, needle: {NEEDLE in cache}")
e_recent, e_sink, e_h2o = (results[p][0] for p in results)
if PAGE:
    assert abs(e_recent - 0.572) < 0.001 and abs(e_sink - 0.233) < 0.001 and abs(e_h2o - 0.072) < 0.001
    assert e_recent > 2 * e_sink > 2 * 1.5 * e_h2o
    assert all(NEEDLE not in c for _, c in results.values())

# The identity behind the numbers: with kept mass M, o_kept - o_full = (1 - M)(o_kept - o_dropped).
t = n - 1
kept = results["sinks + recent"][1]
dropped = [j for j in range(n) if j not in kept]
o_full, p_full = attend(Qs[t], K, V)
o_kept = attend(Qs[t], K[kept], V[kept])[0]
o_drop = attend(Qs[t], K[dropped], V[dropped])[0]
M = p_full[kept].sum()
print(f"step {t}, sinks + recent: kept mass M = {M:.3f}; |o_kept - o_full| = "
      f"{np.linalg.norm(o_kept - o_full):.4f} = (1 - M) |o_kept - o_dropped| = "
      f"{(1 - M) * np.linalg.norm(o_kept - o_drop):.4f}")
assert np.allclose(o_kept - o_full, (1 - M) * (o_kept - o_drop))

# The failure: retrieving the needle ---------------------------------------------------------
print("--- a question about token 250")
q_needle = Qs[-1].copy()
q_needle[2] = 12.0
o_full, p_full = attend(q_needle, K, V)
print(f"full cache: weight on the needle {p_full[NEEDLE]:.4f}")
assert not PAGE or p_full[NEEDLE] > 0.99
needle_err = {}
for policy, (_, cache) in results.items():
    needle_err[policy] = rel(attend(q_needle, K[cache], V[cache])[0], o_full)
    print(f"{policy:23s}: output error {needle_err[policy]:.3f}")
    assert not PAGE or needle_err[policy] > 0.85


def fake_quant(x, b, axis, G):
    """Asymmetric b-bit quantize-dequantize in groups of G along `axis` (see KV-cache quantization)."""
    out = np.empty_like(x)
    for g in range(0, x.shape[axis], G):
        sl = (slice(g, g + G), slice(None)) if axis == 0 else (slice(None), slice(g, g + G))
        blk = x[sl]
        lo, hi = blk.min(axis=axis, keepdims=True), blk.max(axis=axis, keepdims=True)
        s = np.where(hi > lo, (hi - lo) / (2**b - 1), 1.0)
        out[sl] = lo + np.round((blk - lo) / s) * s
    return out


K4 = fake_quant(K, 4, axis=0, G=32)   # keys per channel, 32 tokens per group
V4 = fake_quant(V, 4, axis=1, G=8)    # values per token
o4, p4 = attend(q_needle, K4, V4)
e_quant = rel(o4, o_full)
print(f"4-bit quantized cache of all {n} tokens: weight on the needle {p4[NEEDLE]:.4f}, output "
      f"error {e_quant:.3f}")
assert not PAGE or (e_quant < 0.1 and p4[NEEDLE] > 0.99)

# Memory: the bound ------------------------------------------------------------------------
print("--- Llama 3.1 8B, bf16, cache bounded at 4,096 tokens (4 sinks + 4,092 recent)")
per_token = 32 * 8 * 128 * 2 * 2       # N_layers * H_kv * d_head * 2 * bytes = 131,072
budget = 4 + 4092
for n_tok in (1024, 4096, 32_768, 131_072, 1_048_576):
    full = per_token * n_tok
    bounded = per_token * min(n_tok, budget)
    print(f"n = {n_tok:>9,}: full {full / 2**30:7.3f} GiB, bounded {bounded / 2**20:6.0f} MiB "
          f"({full / bounded:.0f} x)")
assert per_token * budget == 512 * 2**20
assert per_token * 131_072 // (per_token * budget) == 32
assert 8 * per_token * budget == 4 * 2**30 and 8 * per_token * 131_072 == 128 * 2**30

lost = [p for p, (_, c) in results.items() if NEEDLE not in c]
print(f"OK: cache never above C = {C}; output error {e_recent:.3f} (recent only), {e_sink:.3f} "
      f"(sinks + recent), {e_h2o:.3f} (heavy hitters + recent); the needle is lost by "
      f"{len(lost)} of 3 policies and kept by a 4-bit cache (error {e_quant:.3f})")
