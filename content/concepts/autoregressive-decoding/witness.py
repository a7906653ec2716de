"""Witness for the autoregressive decoding notebook.

A tiny decoder-only transformer in NumPy (random weights, rng seed 0) with the shape of the stepper
on the page: N_layers = 2, H = H_kv = 2 heads of d_head = 8, d_model = 16, a vocabulary of V = 24
tokens. It generates T = 24 tokens the plain way: at step t the whole prefix x_1..x_t goes through
every layer, the logits of the last position pick token t + 1, the token is appended, repeat.

Checks, each against an independent computation:

1. the loop: greedy decoding picks argmax of the last position's logits at every step;
2. causality (Vaswani et al. 2017, arXiv 1706.03762, section 3.2.3): the outputs of positions
   1..j are the same whether the model sees the prefix of length j or all T tokens, and stay
   the same when a later token is changed; without the mask they change;
3. the recomputation, counted inside the code: step t projects t positions to keys and values
   in every layer, N_layers * T(T+1)/2 = 600 in all, where computing each position once would
   need N_layers * T = 48; the multiply-adds the stepper shows (473,600 against 43,776);
4. choosing the token: temperature, top-k and top-p (nucleus; Holtzman et al. 2019, arXiv
   1904.09751) reshape the softmax; sampling frequencies match the probabilities; a very low
   temperature reproduces greedy decoding.

Names: L layers, H heads (as many key/value heads), head width DH, model width D,
vocabulary V, T tokens generated.

Run: python3 witness.py
"""
import math

import numpy as np

L, H, DH, D, V = 2, 2, 8, 16, 24
T = 24
rng = np.random.default_rng(0)


def w(*shape):
    return rng.standard_normal(shape) / math.sqrt(shape[0])


model = {
    "embed": rng.standard_normal((V, D)),
    "pos": rng.standard_normal((T, D)),
    "layers": [{"W_q": w(D, H * DH), "W_k": w(D, H * DH), "W_v": w(D, H * DH),
                "W_o": w(H * DH, D), "W_1": w(D, 4 * D), "W_2": w(4 * D, D)} for _ in range(L)],
    "W_out": w(D, V),
}


def rms_norm(x):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + 1e-6)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class Count:
    def __init__(self):
        self.positions = 0  # token positions projected to keys and values, over layers
        self.proj = 0  # multiply-adds of the key and value projections
        self.attn = 0  # multiply-adds of q.k scores and of the weighted sum of values


def forward(tokens, count=None, causal=True):
    """The model f: a prefix of t token ids -> the outputs of the last layer at all t positions
    (t x D) and the logits of every position (t x V). Query position i attends over keys j <= i."""
    t = len(tokens)
    x = model["embed"][tokens] + model["pos"][:t]
    for layer in model["layers"]:
        h = rms_norm(x)
        q = (h @ layer["W_q"]).reshape(t, H, DH)
        k = (h @ layer["W_k"]).reshape(t, H, DH)  # every position of the prefix, again
        v = (h @ layer["W_v"]).reshape(t, H, DH)
        o = np.zeros((t, H, DH))
        for i in range(t):
            n = i + 1 if causal else t  # keys visible to position i
            s = np.einsum("hd,jhd->hj", q[i], k[:n]) / math.sqrt(DH)
            o[i] = np.einsum("hj,jhd->hd", softmax(s), v[:n])
            if count:
                count.attn += 2 * H * n * DH
        if count:
            count.positions += t
            count.proj += t * 2 * D * H * DH
        x = x + o.reshape(t, H * DH) @ layer["W_o"]
        x = x + np.maximum(rms_norm(x) @ layer["W_1"], 0) @ layer["W_2"]
    return x, rms_norm(x) @ model["W_out"]


def generate(first, T, choose, count=None):
    """The loop: run the prefix, choose from the last position's logits, append, run again."""
    tokens = [first]
    step_positions = []
    for t in range(1, T + 1):
        before = count.positions if count else 0
        _, logits = forward(tokens, count)
        if count:
            step_positions.append(count.positions - before)
        if t < T:
            tokens.append(choose(logits[-1]))
    return tokens, step_positions


# 1. Greedy decoding -------------------------------------------------------------------------
count = Count()
greedy = lambda z: int(np.argmax(z))
tokens, per_step = generate(5, T, greedy, count)
print(f"--- toy: N_layers = {L}, H = H_kv = {H}, d_head = {DH}, d_model = {D}, V = {V}, T = {T}")
print("greedy tokens:", tokens)
for t in range(1, T):
    _, logits = forward(tokens[:t])
    assert tokens[t] == int(np.argmax(logits[-1]))  # each appended token is the argmax

# 2. Causality -------------------------------------------------------------------------------
out_full, logit_full = forward(tokens)
gap = 0.0
for j in range(1, T + 1):
    out_j, _ = forward(tokens[:j])
    gap = max(gap, np.abs(out_j - out_full[:j]).max())
print(f"max |output of positions 1..j given j tokens - given all {T}| over j = {gap:.1e}")
assert gap < 1e-12
changed = list(tokens)
changed[15] = (changed[15] + 1) % V  # change token 16
out_changed, _ = forward(changed)
early = np.abs(out_changed[:15] - out_full[:15]).max()
late = np.abs(out_changed[15:] - out_full[15:]).max()
print(f"change token 16: positions 1..15 move by {early:.1e}, positions 16..24 by up to {late:.2f}")
assert early < 1e-12 and late > 0.1
nomask_prefix, _ = forward(tokens[:15], causal=False)
nomask_full, _ = forward(tokens, causal=False)
nomask_gap = np.abs(nomask_prefix - nomask_full[:15]).max()
print(f"without the causal mask, positions 1..15 move by up to {nomask_gap:.2f} when tokens 16..24 arrive")
assert nomask_gap > 0.1

# 3. What the loop recomputes ----------------------------------------------------------------
print("positions projected to K and V per step (all layers):", per_step)
assert per_step == [L * t for t in range(1, T + 1)]  # step t: t positions in each layer
tri = T * (T + 1) // 2
print(f"total: {count.positions} = N_layers*T(T+1)/2 = {L}*{tri}; computing each position once: "
      f"N_layers*T = {L * T}")
assert count.positions == L * tri == 600
assert L * T == 48
# The stepper's multiply-add formulas (src/lib/kv-append.ts), checked against the counts above.
proj_without = L * tri * 2 * D * H * DH
attn_without = L * (T * (T + 1) * (T + 2) // 6) * 2 * H * DH
proj_with = L * T * 2 * D * H * DH
attn_with = L * tri * 2 * H * DH
assert count.proj == proj_without == 307_200
assert count.attn == attn_without == 166_400
total_without, total_with = proj_without + attn_without, proj_with + attn_with
print(f"multiply-adds over {T} steps: recomputing {total_without:,} "
      f"(projections {proj_without:,}, attention {attn_without:,}); computing each key and value "
      f"once {total_with:,}; ratio {total_without / total_with:.2f}")
assert (total_without, total_with) == (473_600, 43_776)
for t in (12, 24):  # work of a single step grows with t
    step = L * t * 2 * D * H * DH + L * (t * (t + 1) // 2) * 2 * H * DH
    print(f"  step {t} alone, recomputing: {step:,} multiply-adds")
# The last step alone, recomputing, costs as much as all 24 steps of computing each key and
# value once: both project L*T positions and attend over L*T(T+1)/2 keys.
assert L * 24 * 2 * D * H * DH + L * 300 * 2 * H * DH == total_with == 43_776
assert L * 12 * 2 * D * H * DH + L * 78 * 2 * H * DH == 17_280
assert round(total_without / total_with, 2) == 10.82

# 4. Choosing the token ----------------------------------------------------------------------
z = logit_full[-1]  # logits after the last token


def temperature(z, tau):
    return softmax(z / tau)


def top_k(p, k):
    keep = np.argsort(p)[::-1][:k]
    q = np.zeros_like(p)
    q[keep] = p[keep]
    return q / q.sum()


def top_p(p, cut):
    order = np.argsort(p)[::-1]
    cum = np.cumsum(p[order])
    n = int(np.searchsorted(cum, cut) + 1)  # smallest n with cumulative mass >= cut
    q = np.zeros_like(p)
    q[order[:n]] = p[order[:n]]
    return q / q.sum(), n


def entropy(p):
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


p = softmax(z)
print(f"next-token distribution at tau = 1: largest probability {p.max():.3f} "
      f"(token {int(p.argmax())}), entropy {entropy(p):.2f} nats (uniform: {math.log(V):.2f})")
ents = []
for tau in (0.01, 0.5, 1.0, 2.0, 100.0):
    q = temperature(z, tau)
    ents.append(entropy(q))
    print(f"  tau = {tau:>6}: largest probability {q.max():.3f}, entropy {ents[-1]:.2f} nats")
assert round(p.max(), 3) == 0.374 and round(temperature(z, 2.0).max(), 3) == 0.147
assert all(a < b for a, b in zip(ents, ents[1:]))  # hotter = flatter
assert temperature(z, 0.01).max() > 0.999 and temperature(z, 0.01).argmax() == p.argmax()
assert abs(ents[-1] - math.log(V)) < 0.01  # very hot: close to uniform
assert np.allclose(temperature(z, 1.0), p)
qk = top_k(p, 5)
assert (qk > 0).sum() == 5 and np.isclose(qk.sum(), 1) and round(p[qk > 0].sum(), 3) == 0.595
print(f"top-k, k = 5: keeps 5 of {V} tokens, which held {p[qk > 0].sum():.3f} of the mass")
qp, n = top_p(p, 0.9)
mass = np.sort(p)[::-1].cumsum()
assert mass[n - 1] >= 0.9 and mass[n - 2] < 0.9  # the smallest such set
assert n == 15
print(f"top-p, p = 0.9: keeps the {n} most likely tokens, mass {mass[n - 1]:.3f} "
      f"(the {n - 1} most likely hold {mass[n - 2]:.3f})")

draws = np.random.default_rng(1).choice(V, size=200_000, p=p)
freq = np.bincount(draws, minlength=V) / draws.size
print(f"200,000 draws at tau = 1: max |frequency - probability| = {np.abs(freq - p).max():.4f}")
assert np.abs(freq - p).max() < 0.005

sample_rng = np.random.default_rng(2)
sampled = lambda tau: (lambda z: int(sample_rng.choice(V, p=temperature(z, tau))))
cold, _ = generate(5, T, sampled(1e-3))
assert cold == tokens  # tau -> 0 is greedy
runs = [generate(5, T, sampled(1.0))[0] for _ in range(3)]
print("three sampled continuations at tau = 1 (first 10 tokens):", [r[:10] for r in runs])
assert len({tuple(r) for r in runs}) == 3
print("OK: greedy loop; outputs 1..j independent of later tokens; 600 positions recomputed "
      "against 48; 473,600 vs 43,776 multiply-adds; temperature, top-k, top-p")
