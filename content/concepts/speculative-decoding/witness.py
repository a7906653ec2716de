"""Witness for the speculative-decoding notebook.

Speculative sampling (Leviathan, Kalman and Matias 2022, arXiv 2211.17192, section 2.3 and
Algorithm 1; Chen et al. 2023, arXiv 2302.01318) over a vocabulary of six tokens, with NumPy only.
It checks, in the order of the Math section:

1. one token: drafting x ~ q, keeping it with probability min(1, p(x)/q(x)) and otherwise drawing
   from norm(max(0, p - q)) gives exactly p, in closed form and in 400,000 seeded draws;
2. the acceptance probability is beta = sum_x min(p(x), q(x)) = 1 - TV(p, q);
3. whole sequences: Algorithm 1 with gamma = 3 drafts on a small Markov chain produces 3-token
   sequences with exactly the target chain's distribution (chi-square over the 3-token sequences);
4. with i.i.d. acceptance alpha, tokens per target pass follow the capped geometric law, mean
   (1 - alpha^(gamma+1)) / (1 - alpha) (the paper's eq. 1);
5. the walltime factor (1 - alpha^(gamma+1)) / ((1 - alpha)(gamma c + 1)) (Theorem 3.8), its
   gamma = 1 value (1 + alpha)/(1 + c) (Corollary 3.9), the operations factor of Theorem 3.11,
   and the paper's Table 1 and bigram example;
6. the numbers the page and the demo's registry entry quote.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(2211)
V = 6


def norm(v):
    return v / v.sum()


def tv(p, q):
    """Total variation distance, half the L1 distance (the paper's D_LK, Definition 3.2)."""
    return 0.5 * np.abs(p - q).sum()


def chi2_critical(df, z=3.09):
    """Upper 0.1 % point of chi-square with df degrees of freedom (Wilson-Hilferty)."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def speculative_one(p, q, rng, n):
    """n independent runs of the one-token rule; returns tokens and whether each draft was kept."""
    x = rng.choice(V, size=n, p=q)
    keep = rng.random(n) < np.minimum(1.0, p[x] / q[x])
    residual = norm(np.maximum(0.0, p - q))
    fallback = rng.choice(V, size=n, p=residual)
    return np.where(keep, x, fallback), keep


# 1. One token ------------------------------------------------------------------------------------
p = np.array([0.40, 0.25, 0.15, 0.10, 0.06, 0.04])  # target
q = np.array([0.20, 0.35, 0.05, 0.25, 0.05, 0.10])  # draft, wrong in both directions
beta = np.minimum(p, q).sum()
residual = norm(np.maximum(0.0, p - q))
# Closed form: P(out = x) = q(x) min(1, p(x)/q(x)) + (1 - beta) r(x) = min(p, q)(x) + max(0, p - q)(x).
exact = q * np.minimum(1.0, p / q) + (1 - beta) * residual
assert np.allclose(exact, p, atol=1e-15)
assert math.isclose((1 - beta), np.maximum(0.0, p - q).sum())  # the residual's mass is 1 - beta
N1 = 400_000
out, kept = speculative_one(p, q, rng, N1)
freq = np.bincount(out, minlength=V) / N1
chi2 = (((freq - p) * N1) ** 2 / (p * N1)).sum()
print(f"1. one token, V = {V}: p = {p.tolist()}, q = {q.tolist()}")
print(f"   closed form q*min(1, p/q) + (1 - beta)*norm(max(0, p - q)) = p exactly; "
      f"{N1:,} draws: frequencies {np.round(freq, 4).tolist()}")
print(f"   largest gap {np.abs(freq - p).max():.4f}; chi-square {chi2:.2f} with {V - 1} d.o.f. "
      f"(0.1 % critical value {chi2_critical(V - 1):.1f})")
assert chi2 < chi2_critical(V - 1) and np.abs(freq - p).max() < 0.003
assert round(chi2, 2) == 2.93 and round(np.abs(freq - p).max(), 4) == 0.0005  # the page's figures (seeded)
# The draft's own frequencies would be rejected at once: what the rule fixes is real.
assert (((q - p) * N1) ** 2 / (p * N1)).sum() > 1000

# 2. Acceptance probability ----------------------------------------------------------------------
print(f"2. beta = sum min(p, q) = {beta:.2f} = 1 - TV(p, q) = 1 - {tv(p, q):.2f}; "
      f"accepted in the draws: {kept.mean():.4f}")
assert math.isclose(beta, 1 - tv(p, q)) and round(beta, 2) == 0.69
assert abs(kept.mean() - beta) < 0.003 and f"{kept.mean():.1%}" == "68.9%"
assert math.isclose(tv(p, p), 0) and math.isclose(1 - tv(p, np.eye(V)[5]), 0.04)


# 3. Whole sequences: Algorithm 1 on a Markov chain ------------------------------------------------
def chain(rng, sharp):
    """Next-token tables P[prev] over V tokens; row V is the start state."""
    return np.array([norm(rng.random(V) ** sharp) for _ in range(V + 1)])


P_target = chain(rng, 2.0)
Q_draft = 0.6 * P_target + 0.4 * chain(rng, 1.0)  # a draft near the target, not equal to it
Q_draft /= Q_draft.sum(1, keepdims=True)


def draw(probs, rng):
    """One token from probs by inverting the cumulative sum (faster than rng.choice per call)."""
    return min(int(np.searchsorted(np.cumsum(probs), rng.random() * probs.sum(), side="right")), V - 1)


def speculative_step(prefix, gamma, rng):
    """Algorithm 1: draft gamma tokens with Q, score gamma + 1 positions with P, accept, fix up."""
    prev = prefix[-1] if prefix else V
    drafts, qs = [], []
    for _ in range(gamma):  # the draft runs autoregressively
        qi = Q_draft[prev]
        xi = draw(qi, rng)
        drafts.append(xi)
        qs.append(qi)
        prev = xi
    # The target's distributions at all gamma + 1 positions (one parallel pass in a real model).
    ctx = [prefix[-1] if prefix else V] + drafts
    ps = [P_target[c] for c in ctx]
    n = gamma
    for i in range(gamma):
        if rng.random() > ps[i][drafts[i]] / qs[i][drafts[i]]:
            n = i
            break
    last = ps[n] if n == gamma else norm(np.maximum(0.0, ps[n] - qs[n]))
    return prefix + drafts[:n] + [draw(last, rng)], n + 1


def generate(length, gamma, rng):
    seq, passes = [], 0
    while len(seq) < length:
        seq, _ = speculative_step(seq, gamma, rng)
        passes += 1
    return seq[:length], passes


L3, gamma3, N3 = 3, 3, 60_000
exact3 = np.einsum("a,ab,bc->abc", P_target[V], P_target[:V], P_target[:V])  # chain probabilities
counts = np.zeros((V, V, V))
passes = 0
for _ in range(N3):
    s, k = generate(L3, gamma3, rng)
    counts[tuple(s)] += 1
    passes += k
freq3 = counts / N3
mask = exact3 * N3 >= 5  # the usual rule for a chi-square cell
chi2_3 = (((counts - exact3 * N3) ** 2) / (exact3 * N3))[mask].sum()
df3 = int(mask.sum()) - 1
print(f"3. Algorithm 1, gamma = {gamma3}, {N3:,} sequences of {L3} tokens: chi-square {chi2_3:.1f} "
      f"over {df3 + 1} cells (0.1 % critical {chi2_critical(df3):.1f}); largest gap "
      f"{np.abs(freq3 - exact3).max():.4f}; {passes / N3:.2f} target passes per sequence")
assert chi2_3 < chi2_critical(df3) and np.abs(freq3 - exact3).max() < 0.005
assert passes / N3 < L3  # fewer target passes than tokens
assert round(chi2_3, 1) == 102.5 and df3 + 1 == 103 and round(passes / N3, 2) == 1.42  # the page's figures

# 4. Tokens per target pass with i.i.d. acceptance -------------------------------------------------


def tokens_per_pass(alpha, gamma):
    """Eq. 1: E = (1 - alpha^(gamma+1)) / (1 - alpha) = 1 + alpha + ... + alpha^gamma."""
    return sum(alpha ** k for k in range(gamma + 1))


# Same p and q at every position (no context), so every draft is accepted with the same beta.
for gamma in (1, 4, 8):
    N4 = 200_000
    counts4 = np.zeros(gamma + 2, dtype=np.int64)
    kept4 = rng.random((N4, gamma)) < beta  # each draft accepted w.p. beta, independently
    accepted = np.where(kept4.all(1), gamma, kept4.argmin(1))  # n = index of the first rejection
    produced = accepted + 1
    counts4[: gamma + 2] = np.bincount(produced, minlength=gamma + 2)
    law = np.array([0] + [beta ** (k - 1) * (1 - beta) for k in range(1, gamma + 1)] + [beta ** gamma])
    formula = (1 - beta ** (gamma + 1)) / (1 - beta)
    assert math.isclose(formula, tokens_per_pass(beta, gamma))
    assert np.abs(counts4 / N4 - law).max() < 0.005
    assert abs(produced.mean() - formula) < 0.01
    assert round(produced.mean(), 3) == {1: 1.689, 4: 2.723, 8: 3.114}[gamma]  # the page's figures
    print(f"4. alpha = {beta:.2f}, gamma = {gamma}: mean tokens per pass {produced.mean():.3f} "
          f"(eq. 1: {formula:.3f}); P(all {gamma} accepted) {counts4[gamma + 1] / N4:.3f} = "
          f"alpha^gamma {beta ** gamma:.3f}")
# The same check on the real rule of section 1 rather than coin flips with probability beta.
g = 4
n_acc = np.zeros(100_000, dtype=np.int64)
alive = np.ones(100_000, dtype=bool)
for i in range(g):
    _, k = speculative_one(p, q, rng, 100_000)
    n_acc += alive & k
    alive &= k
print(f"   with the one-token rule itself, gamma = {g}: {(n_acc + 1).mean():.3f} tokens per pass "
      f"(eq. 1: {tokens_per_pass(beta, g):.3f})")
assert abs((n_acc + 1).mean() - tokens_per_pass(beta, g)) < 0.02
assert round(tokens_per_pass(beta, 4), 3) == 2.721


# 5. Walltime and arithmetic -----------------------------------------------------------------------
def speedup(alpha, gamma, c):
    """Theorem 3.8: tokens per pass over the cost of one pass, gamma c + 1 target-step units."""
    return tokens_per_pass(alpha, gamma) / (gamma * c + 1)


def operations(alpha, gamma, c_hat):
    """Theorem 3.11: (1 - alpha)(gamma c_hat + gamma + 1) / (1 - alpha^(gamma+1))."""
    return (gamma * c_hat + gamma + 1) / tokens_per_pass(alpha, gamma)


TABLE_1 = [(0.6, 2, 1.53, 1.96), (0.7, 3, 1.58, 2.53), (0.8, 2, 1.23, 2.44), (0.8, 5, 1.63, 3.69),
           (0.9, 2, 1.11, 2.71), (0.9, 10, 1.60, 6.86)]  # alpha, gamma, operations, speed (c = 0)
for a, gm, ops, spd in TABLE_1:
    assert round(operations(a, gm, 0), 2) == ops and round(speedup(a, gm, 0), 2) == spd
print("5. Table 1 of the paper (c = c_hat = 0) reproduced: "
      + ", ".join(f"a={a}, g={gm}: {speedup(a, gm, 0):.2f}x speed, {operations(a, gm, 0):.2f}x ops"
                  for a, gm, _, _ in TABLE_1))
# Section 3.6: a bigram draft with alpha = 0.2 and c = 0 gives 1.25x at gamma = 3.
assert round(speedup(0.2, 3, 0), 2) == 1.25
# Corollary 3.9: at gamma = 1 the factor is (1 + alpha)/(1 + c), above 1 exactly when alpha > c.
for a, c in [(0.8, 0.05), (0.3, 0.3), (0.1, 0.2)]:
    assert math.isclose(speedup(a, 1, c), (1 + a) / (1 + c))
    assert (speedup(a, 1, c) > 1) == (a > c)
# The page's example: alpha = 0.8, c = 0.05.
a, c = 0.8, 0.05
s5, s10 = speedup(a, 5, c), speedup(a, 10, c)
best = max(range(1, 31), key=lambda gm: speedup(a, gm, c))
print(f"   alpha = {a}, c = {c}: gamma = 5 -> {tokens_per_pass(a, 5):.2f} tokens per pass, "
      f"speed-up {s5:.2f}x; gamma = 10 -> {tokens_per_pass(a, 10):.2f} tokens, {s10:.2f}x; "
      f"best gamma = {best} at {speedup(a, best, c):.2f}x")
assert round(tokens_per_pass(a, 5), 2) == 3.69 and round(tokens_per_pass(a, 10), 2) == 4.57
assert round(s5, 2) == 2.95 and round(s10, 2) == 3.05 and best == 8 and round(speedup(a, 8, c), 2) == 3.09
assert round(0.8 ** 9, 2) == 0.13 and round(tokens_per_pass(a, 10) - tokens_per_pass(a, 5), 2) == 0.88
# A draft that is never right (alpha = 0) makes every pass yield one token and costs gamma c more.
assert speedup(0.0, 4, 0.05) == 1 / 1.2
# The ceiling 1/(1 - alpha) for unbounded gamma and c = 0 (section 3.6).
assert abs(tokens_per_pass(0.8, 200) - 5) < 1e-9

# 6. Numbers the page and the registry tests quote -------------------------------------------------
assert round(tokens_per_pass(0.8, 4), 4) == 3.3616 and round(speedup(0.8, 4, 0.05), 4) == 2.8013
assert round(tokens_per_pass(0.6, 4), 4) == 2.3056
print("OK: speculative sampling leaves the target distribution unchanged (one token and 3-token "
      "sequences); beta = 1 - TV = 0.69; tokens per pass = (1 - a^(g+1))/(1 - a); Table 1 reproduced")
