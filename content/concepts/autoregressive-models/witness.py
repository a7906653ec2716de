"""Witness for the autoregressive models notebook.

Checks what the Math section says, in the same order, on a seeded toy corpus of 5,000
sequences of T = 4 tokens over the vocabulary {a, b, c, d}:

1. the chain rule is exact: the joint probability of every sequence, counted directly, equals
   the product of its counted conditionals p(x_t | x_<t), left to right and right to left;
2. a bigram model (each conditional looks at the previous token only) trained by maximum
   likelihood: gradient descent on softmax logits converges to the normalised counts;
3. the summed negative log-likelihood (teacher forcing) equals the count-weighted sum of
   cross-entropies between the empirical next-token distributions and the model's;
4. perplexity = exp(mean NLL per token): the uniform model scores exactly V = 4;
5. sampling one token at a time from the model reproduces the model's joint probabilities;
6. one pass of causal attention over all T positions gives the same outputs as T separate
   passes over the prefixes x_1..x_t; without the mask, changing a later token moves earlier outputs.

Run: python3 witness.py
"""
import itertools
import math
from collections import Counter

import numpy as np

rng = np.random.default_rng(0)
V, T, N = 4, 4, 5000
VOCAB = "abcd"

# The process that writes the corpus: a first token, then each token depends on the previous one.
start = np.array([0.4, 0.3, 0.2, 0.1])
trans = np.array([
    [0.1, 0.6, 0.2, 0.1],
    [0.3, 0.1, 0.5, 0.1],
    [0.2, 0.2, 0.1, 0.5],
    [0.5, 0.2, 0.2, 0.1],
])
corpus = np.zeros((N, T), dtype=int)
corpus[:, 0] = rng.choice(V, size=N, p=start)
for t in range(1, T):
    for i in range(N):
        corpus[i, t] = rng.choice(V, p=trans[corpus[i, t - 1]])
seqs = [tuple(row) for row in corpus]
joint = Counter(seqs)


def name(s):
    return "".join(VOCAB[i] for i in s)


# ---------------------------------------------------------------- 1. the chain rule is exact
print("1. chain rule: joint from counting vs product of counted conditionals")
prefix = Counter()
suffix = Counter()
for s in seqs:
    for t in range(T + 1):
        prefix[s[:t]] += 1
        suffix[s[t:]] += 1
worst_lr = worst_rl = 0.0
for s, c in joint.items():
    p_joint = c / N
    p_lr = 1.0
    for t in range(T):  # p(x_t | x_<t) = count(x_<=t) / count(x_<t)
        p_lr *= prefix[s[: t + 1]] / prefix[s[:t]]
    p_rl = 1.0
    for t in range(T - 1, -1, -1):  # p(x_t | x_>t), the same rule in the other order
        p_rl *= suffix[s[t:]] / suffix[s[t + 1:]]
    worst_lr = max(worst_lr, abs(p_lr - p_joint))
    worst_rl = max(worst_rl, abs(p_rl - p_joint))
top = max(joint, key=joint.get)
cond = [prefix[top[: t + 1]] / prefix[top[:t]] for t in range(T)]
print(f"   {len(joint)} distinct sequences of the {V**T} possible; most common '{name(top)}' "
      f"seen {joint[top]} times, p = {joint[top]/N:.4f}")
print("   its conditionals " + " x ".join(f"{c:.4f}" for c in cond) + f" = {math.prod(cond):.4f}")
print(f"   largest gap over all sequences: left-to-right {worst_lr:.1e}, right-to-left {worst_rl:.1e}")
assert name(top) == "abcd" and joint[top] == 323
assert worst_lr < 1e-12 and worst_rl < 1e-12

# ------------------------------------------------ 2. maximum likelihood = normalised counts
print("2. bigram model: gradient descent on logits vs normalised counts")
ctx = np.concatenate([np.full((N, 1), V), corpus[:, :-1]], axis=1)  # context V means "start"
pair = np.zeros((V + 1, V))
np.add.at(pair, (ctx.ravel(), corpus.ravel()), 1)
n_ctx = pair.sum(axis=1, keepdims=True)
p_count = pair / n_ctx


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def nll(q):
    """Summed negative log-likelihood of every token of the corpus, teacher-forced."""
    return float(-np.sum(np.log(q[ctx, corpus])))


Z = np.zeros((V + 1, V))  # one row of logits per context
for step in range(3000):
    q = softmax(Z)
    grad = n_ctx * q - pair  # d NLL / d z[c, v] = n_c q(v|c) - n(c, v)
    Z -= 0.5 * grad / n_ctx
q_gd = softmax(Z)
gap = np.abs(q_gd - p_count).max()
print(f"   after 3,000 steps the largest gap to the counts is {gap:.1e}")
print(f"   after 'a': counts {pair[0].astype(int)}, normalised {np.round(p_count[0], 4)}")
H_a = float(-(p_count[0] * np.log2(p_count[0])).sum())
print(f"   entropy of p(. | a) {H_a:.3f} bits; cross-entropy against a uniform model {math.log2(V):.3f} bits")
assert list(pair[0].astype(int)) == [410, 2661, 893, 433] and round(H_a, 3) == 1.554
print(f"   NLL at the counts {nll(p_count):.2f} nats; at the generating process {nll(np.vstack([trans, start])):.2f}")
assert gap < 1e-9
assert nll(p_count) < nll(np.vstack([trans, start]))
for _ in range(200):  # any other bigram table does worse
    other = softmax(np.log(p_count) + 0.1 * rng.standard_normal(p_count.shape))
    assert nll(other) > nll(p_count)

# ------------------------------------------------------------ 3. NLL = sum of cross-entropies
print("3. summed NLL = count-weighted cross-entropies")
q_model = softmax(0.5 * rng.standard_normal((V + 1, V)))  # some untrained model
ce = -(p_count * np.log(q_model)).sum(axis=1)  # H(p_hat(.|c), q(.|c)) for each context c
weighted = float((n_ctx[:, 0] * ce).sum())
print(f"   untrained model: NLL {nll(q_model):.4f}, sum of n_c H(p_c, q_c) {weighted:.4f}")
H_cond = float((n_ctx[:, 0] * -(p_count * np.log(p_count)).sum(axis=1)).sum())
print(f"   at q = counts both equal the conditional entropy {H_cond:.4f}")
assert abs(nll(q_model) - weighted) < 1e-8
assert abs(nll(p_count) - H_cond) < 1e-8

# -------------------------------------------------------------------------- 4. perplexity
print("4. perplexity = exp(mean NLL per token)")
n_tok = N * T
ppl_uniform = math.exp(nll(np.full((V + 1, V), 1 / V)) / n_tok)
ppl_bigram = math.exp(nll(p_count) / n_tok)
ppl_unigram = math.exp(nll(np.tile(pair.sum(0) / n_tok, (V + 1, 1))) / n_tok)
print(f"   uniform {ppl_uniform:.4f}, unigram {ppl_unigram:.4f}, bigram {ppl_bigram:.4f} "
      f"(over {n_tok:,} tokens)")
assert abs(ppl_uniform - V) < 1e-9
assert round(ppl_unigram, 2) == 3.93 and round(ppl_bigram, 2) == 3.28

# ---------------------------------------------------------------- 5. sampling token by token
print("5. ancestral sampling from the bigram model")
M = 200_000
samp = np.zeros((M, T), dtype=int)
cum = np.cumsum(p_count, axis=1)
u = rng.random((M, T))
samp[:, 0] = (u[:, 0:1] > cum[V]).sum(axis=1)
for t in range(1, T):
    samp[:, t] = (u[:, t:t + 1] > cum[samp[:, t - 1]]).sum(axis=1)
freq = Counter(tuple(r) for r in samp)
worst = 0.0
for s in itertools.product(range(V), repeat=T):
    p_model = p_count[V, s[0]] * math.prod(p_count[s[t - 1], s[t]] for t in range(1, T))
    worst = max(worst, abs(freq[s] / M - p_model))
print(f"   {M:,} samples: largest gap between sample frequency and model probability {worst:.4f}")
assert worst < 0.003

# --------------------------------------------------- 6. causal mask: one pass = T prefix passes
print("6. causal attention: one masked pass vs T prefix passes")
d = 8
E = rng.standard_normal((V, d))
P = 0.1 * rng.standard_normal((T, d))
Wq, Wk, Wv = (rng.standard_normal((d, d)) / math.sqrt(d) for _ in range(3))
Wo = rng.standard_normal((d, V))


def attend(x, causal):
    h = E[x] + P[: len(x)]
    s = (h @ Wq) @ (h @ Wk).T / math.sqrt(d)
    if causal:
        s = np.where(np.tril(np.ones_like(s)) == 1, s, -np.inf)
    return softmax((softmax(s) @ (h @ Wv)) @ Wo)  # next-token distribution at every position


x = np.array(top)
one_pass = attend(x, causal=True)
per_prefix = np.stack([attend(x[: t + 1], causal=True)[-1] for t in range(T)])
diff = np.abs(one_pass - per_prefix).max()
print(f"   '{name(top)}': largest gap between the one-pass and the prefix outputs {diff:.1e}")
x2 = x.copy()
x2[-1] = (x2[-1] + 1) % V  # change the last token
moved_causal = np.abs(attend(x2, True)[:-1] - one_pass[:-1]).max()
moved_open = np.abs(attend(x2, False)[:-1] - attend(x, False)[:-1]).max()
print(f"   changing the last token moves earlier outputs by {moved_causal:.1e} with the mask, "
      f"{moved_open:.3f} without")
assert diff < 1e-12 and moved_causal == 0.0 and moved_open > 0.01
print("all checks passed")
