"""Witness for the sliding-window attention notebook.

Each query attends only to the w most recent positions, itself included: keys j with
i - w < j <= i. Longformer (Beltagy et al. 2020, arXiv 2004.05150) uses such windows, with
dilation and a few global tokens; Mistral 7B (Jiang et al. 2023, arXiv 2310.06825) uses a causal
window of W = 4096 in every layer and a rolling buffer cache that stores position i in slot i mod W.
This program checks, each against an independent computation:

1. a 3-layer toy model computed in parallel with a banded causal mask gives the same outputs as
   decoding token by token with a rolling buffer of W slots per layer (slot i mod W), and the
   buffer never holds more than W positions;
2. the receptive field: propagating the band mask through l layers, the last position reaches back
   exactly l(w - 1) positions, so it sees l(w - 1) + 1 inputs (about l * w, the papers' figure);
   changing an input just outside that range leaves the output bit-for-bit unchanged, just inside
   it changes it; a dilated window reaches l * d * (w - 1) back but only through multiples of d;
3. the number of score entries: n(n + 1)/2 for causal attention, n*w - w(w - 1)/2 with a window;
4. memory: the cache of one sequence holds min(T, W) tokens per layer, so Mistral 7B's stops at
   4096 tokens (512 MiB) while full attention at 32,768 tokens needs 4 GiB, 8 times as much; and
   the hybrid local/global stacks of Gemma 2 9B and Gemma 3 27B from their registry presets.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def band_mask(n, w, dilation=1):
    """mask[i, j] is True when query i may attend to key j: j = i - k * dilation, 0 <= k < w."""
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    offset = i - j
    return (offset >= 0) & (offset % dilation == 0) & (offset // dilation < w)


def softmax_rows(s):
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)


# 1. Banded mask in parallel = rolling buffer while decoding ----------------------------------------
T, W, d, L = 40, 6, 8, 3
layers = [{k: rng.standard_normal((d, d)) / math.sqrt(d) for k in ("q", "k", "v")} for _ in range(L)]


def forward_parallel(x, w):
    """All positions at once; each layer adds windowed attention to its input (a residual stream)."""
    mask = band_mask(len(x), w)
    for p in layers:
        q, k, v = x @ p["q"], x @ p["k"], x @ p["v"]
        s = np.where(mask, q @ k.T / math.sqrt(d), -np.inf)
        x = x + softmax_rows(s) @ v
    return x


def forward_rolling(x, w):
    """One position at a time; each layer keeps keys and values in a buffer of w slots."""
    K = [np.full((w, d), np.nan) for _ in layers]
    V = [np.full((w, d), np.nan) for _ in layers]
    held = [np.full(w, -1) for _ in layers]  # which position each slot holds
    out = np.empty_like(x)
    for i in range(len(x)):
        h = x[i]
        for p, Kb, Vb, pos in zip(layers, K, V, held):
            slot = i % w  # the rolling buffer: position i overwrites position i - w
            Kb[slot], Vb[slot], pos[slot] = h @ p["k"], h @ p["v"], i
            valid = pos >= 0
            assert valid.sum() == min(i + 1, w)
            assert set(pos[valid]) == set(range(max(0, i - w + 1), i + 1))
            s = Kb[valid] @ (h @ p["q"]) / math.sqrt(d)  # slot order does not matter to a softmax
            h = h + softmax_rows(s) @ Vb[valid]
        out[i] = h
    return out


x = rng.standard_normal((T, d))
par, roll = forward_parallel(x, W), forward_rolling(x, W)
err = np.abs(par - roll).max()
print(f"1. {L} layers, T = {T}, window W = {W}: max |banded mask - rolling buffer| = {err:.1e}; "
      f"every buffer held at most {W} positions")
assert err < 1e-12
full = forward_parallel(x, T)  # a window as long as the sequence is ordinary causal attention
assert np.abs(full[:W] - par[:W]).max() < 1e-12 and np.abs(full[W:] - par[W:]).max() > 1e-3
print(f"   the first {W} positions match full causal attention; later ones differ")

# 2. Receptive field ------------------------------------------------------------------------------
n, w = 60, 5
A = band_mask(n, w).astype(int)
reach = np.eye(n, dtype=int)
for l in range(1, 6):
    reach = (A @ reach > 0).astype(int)  # row i: inputs that can influence position i after l layers
    earliest = np.flatnonzero(reach[n - 1])[0]
    assert n - 1 - earliest == l * (w - 1)
    assert reach[n - 1, earliest:].all()  # and every input in between
print(f"2. window w = {w}: after l layers the last position reaches back exactly l(w - 1) positions "
      f"(l = 1..5: {[l * (w - 1) for l in range(1, 6)]})")

# The same in the toy model: perturb one input and watch the last output.
last = T - 1
edge = last - L * (W - 1)  # the earliest input that can still matter
for pos, should_change in ((edge, True), (edge - 1, False)):
    y = x.copy()
    y[pos] += 1.0
    changed = not np.array_equal(forward_parallel(y, W)[last], par[last])
    assert changed == should_change
print(f"   toy model ({L} layers, W = {W}): changing input {edge} moves output {last}; changing "
      f"input {edge - 1} leaves it bit-for-bit unchanged")

# Dilation (Longformer section 3.1): gaps of d between the w keys.
dil = 2
A2 = band_mask(n, w, dilation=dil).astype(int)
reach = np.eye(n, dtype=int)
for l in range(1, 4):
    reach = (A2 @ reach > 0).astype(int)
seen = np.flatnonzero(reach[n - 1])
assert n - 1 - seen[0] == 3 * dil * (w - 1)
assert np.all((n - 1 - seen) % dil == 0)  # only every d-th input: the others need another head
print(f"   dilation {dil}: 3 layers reach back {n - 1 - seen[0]} = l*d*(w - 1) positions, but only "
      f"{len(seen)} inputs, every {dil}nd one")

mistral_layers, mistral_W = 32, 4096
exact = mistral_layers * (mistral_W - 1) + 1
print(f"   Mistral 7B, 32 layers, W = 4096: l(w - 1) + 1 = {exact:,} positions; l * w = "
      f"{mistral_layers * mistral_W:,} (the paper's 'approximately 131K')")
assert exact == 131_041 and mistral_layers * mistral_W == 131_072

# 3. Score entries --------------------------------------------------------------------------------
for n, w in ((10, 4), (1000, 64), (32768, 4096)):
    causal = int(band_mask(n, n).sum()) if n <= 1000 else n * (n + 1) // 2
    window = int(band_mask(n, w).sum()) if n <= 1000 else sum(min(i + 1, w) for i in range(n))
    assert causal == n * (n + 1) // 2
    assert window == n * w - w * (w - 1) // 2
    print(f"3. n = {n:5d}, w = {w:4d}: causal {causal:>11,} score entries, windowed {window:>11,} "
          f"({causal / window:.2f} times fewer)")

# 4. Memory ---------------------------------------------------------------------------------------
# content/models/mistral-7b.yaml (from the Mistral-7B-v0.1 config): 32 layers, 8 KV heads,
# head_dim 128, sliding window 4096, bf16.
def kv_bytes(T, layers, kv_heads, head_dim, n_bytes=2, window=None, global_layers=0):
    """Keys and values of one sequence: global layers keep T tokens, windowed ones min(T, window)."""
    per_token_layer = 2 * kv_heads * head_dim * n_bytes
    local = layers - global_layers if window else 0
    kept = (layers - local) * T + local * min(T, window or T)
    return kept * per_token_layer


GiB, MiB = 2**30, 2**20
mistral = dict(layers=32, kv_heads=8, head_dim=128)
per_token = kv_bytes(1, **mistral)
assert per_token == 131_072  # 128 KiB
curve = {T: kv_bytes(T, **mistral, window=4096) for T in (1024, 4096, 4097, 8192, 32768)}
assert curve[4096] == curve[4097] == curve[32768] == 512 * MiB
assert kv_bytes(32768, **mistral) == 4 * GiB
assert kv_bytes(32768, **mistral) // curve[32768] == 8
print(f"4. Mistral 7B: {per_token:,} bytes per token; with W = 4096 the cache holds "
      + ", ".join(f"{curve[T] / MiB:.0f} MiB at T = {T:,}" for T in curve)
      + f"; full attention at 32,768 tokens: {kv_bytes(32768, **mistral) / GiB:.0f} GiB (8x)")

# Hybrid stacks, from content/models/gemma-2-9b.yaml and gemma-3-27b.yaml.
g2 = dict(layers=42, kv_heads=8, head_dim=256, window=4096, global_layers=21)
g2_hybrid, g2_full = kv_bytes(8192, **g2), kv_bytes(8192, **dict(g2, window=None))
assert g2_hybrid == 2_113_929_216 and g2_full == 2_818_572_288 and g2_hybrid / g2_full == 0.75
g3 = dict(layers=62, kv_heads=16, head_dim=128, window=1024, global_layers=10)
g3_hybrid, g3_full = kv_bytes(131072, **g3), kv_bytes(131072, **dict(g3, window=None))
assert g3_hybrid == 10 * GiB + 416 * MiB and g3_full == 62 * GiB
print(f"   Gemma 2 9B at 8,192 tokens (21 of 42 layers global, window 4,096): {g2_hybrid / GiB:.3f} GiB "
      f"against {g2_full / GiB:.3f} GiB if every layer were global ({g2_hybrid / g2_full:.0%})")
print(f"   Gemma 3 27B at 131,072 tokens (10 of 62 global, window 1,024): {g3_hybrid / GiB:.2f} GiB "
      f"(global {10 * 131072 * 8192 / GiB:.0f} GiB + local {52 * 1024 * 8192 / MiB:.0f} MiB) against "
      f"{g3_full / GiB:.0f} GiB ({g3_hybrid / g3_full:.1%})")

print("OK: banded mask = rolling buffer of W slots; receptive field l(w - 1) + 1 (131,041 for "
      "Mistral, ~l*w = 131,072); windowed score entries n*w - w(w-1)/2; Mistral cache flat at "
      "512 MiB from 4,096 tokens, 8x below full attention at 32,768")
