"""Witness for the entropy notebook.

Checks what the Math section says, in the same order:

1. surprise and entropy: -log p(x) in bits (log2) and nats (ln); H(p) = -sum p log p,
   the expected surprise, with 0 log 0 taken as 0; 1 nat = 1/ln 2 bits;
2. the bounds 0 <= H <= log n: zero for a certain outcome, log n for the uniform
   distribution, found both by random search over the simplex and by the Lagrange
   argument (stationary point, negative definite Hessian), and proved by log x <= x - 1;
3. coding: the Kraft sum of a prefix code is at most 1; Shannon's lengths ceil(log2 1/p)
   satisfy it and give H <= L < H + 1 (Shannon 1948, section 9); a Huffman code built
   here has expected length in [H, H + 1), is the shortest prefix code by brute force,
   decodes a sampled message exactly, and coding pairs of symbols narrows the gap.

Run: python3 witness.py
"""
import heapq
import itertools
import math

import numpy as np

rng = np.random.default_rng(0)


def surprise(p, base=2.0):
    """-log p: 0 for a certain outcome, growing without bound as p -> 0."""
    return -math.log(p) / math.log(base)


def entropy(p, base=2.0):
    """H(p) = -sum p_i log p_i, skipping p_i = 0 (the limit of p log p is 0)."""
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    return float(-(nz * np.log(nz)).sum() / math.log(base))


# 1. Surprise and entropy -------------------------------------------------------------
print("surprise of p = 1/2, 1/4, 1/8 in bits:", [surprise(x) for x in (0.5, 0.25, 0.125)])
assert [surprise(x) for x in (0.5, 0.25, 0.125)] == [1.0, 2.0, 3.0]
# Surprises quoted on the page: 0.9 -> 0.152, 0.7 -> 0.515, 0.3 -> 1.74, 0.1 -> 3.322 bits.
assert [round(surprise(x), 3) for x in (0.9, 0.7, 0.1)] == [0.152, 0.515, 3.322]
assert round(surprise(0.3), 2) == 1.74 and round(math.log(2), 3) == 0.693
# Independent events: probabilities multiply, surprises add.
assert math.isclose(surprise(0.5 * 0.125), surprise(0.5) + surprise(0.125))

coin = [0.5, 0.5]
biased = [0.9, 0.1]
shannon = [1 / 2, 1 / 4, 1 / 8, 1 / 8]  # Shannon's example, section 10
H_coin, H_biased, H_sh = entropy(coin), entropy(biased), entropy(shannon)
print(f"H(fair coin)          = {H_coin:.4f} bits")
print(f"H(0.9, 0.1)           = {H_biased:.4f} bits")
print(f"H(1/2, 1/4, 1/8, 1/8) = {H_sh:.4f} bits = {entropy(shannon, math.e):.4f} nats")
assert H_coin == 1.0
assert round(H_biased, 3) == 0.469
assert H_sh == 1.75
# Expected surprise, written as an average over outcomes:
assert math.isclose(sum(p * surprise(p) for p in shannon), H_sh)
# Units: nats = bits * ln 2, so one nat is 1 / ln 2 = 1.4427 bits.
assert math.isclose(entropy(shannon, math.e), H_sh * math.log(2))
print(f"1 nat = {1 / math.log(2):.4f} bits")
assert round(1 / math.log(2), 4) == 1.4427

# The prediction on the page: a fair choice between two outcomes versus one favourite
# and three long shots.
H_two, H_fav = entropy([0.5, 0.5, 0, 0]), entropy([0.7, 0.1, 0.1, 0.1])
print(f"H(0.5, 0.5, 0, 0)     = {H_two:.4f} bits;  H(0.7, 0.1, 0.1, 0.1) = {H_fav:.4f} bits")
assert H_two == 1.0 and round(H_fav, 3) == 1.357
# Entropy sees only the probabilities: relabelling (permuting) the outcomes changes nothing.
assert math.isclose(entropy([0.1, 0.7, 0.1, 0.1]), H_fav)

# 2. Bounds ---------------------------------------------------------------------------
n = 4
assert entropy([1, 0, 0, 0]) == 0.0  # a certain outcome: no surprise at all
assert entropy(np.full(n, 1 / n)) == math.log2(n)  # uniform: log2 4 = 2 bits

# Random search: 100,000 distributions drawn uniformly from the simplex.
P = rng.dirichlet(np.ones(n), size=100_000)
with np.errstate(divide="ignore", invalid="ignore"):
    H_all = -np.nansum(np.where(P > 0, P * np.log2(P), 0.0), axis=1)
best = P[np.argmax(H_all)]
print(f"random search over {len(P):,} distributions on {n} outcomes: "
      f"max H = {H_all.max():.6f} bits (log2 n = {math.log2(n)}), at p = {np.round(best, 3)}")
assert H_all.min() >= 0 and H_all.max() < math.log2(n)
assert H_all.max() > math.log2(n) - 1e-3 and np.abs(best - 1 / n).max() < 0.02

# Lagrange: grad of -sum p log p (nats) is -(log p_i + 1); with lambda for sum p = 1,
# every component must equal lambda, so every p_i is the same: the uniform point.
u = np.full(n, 1 / n)
grad = -(np.log(u) + 1)
lam = grad[0]
assert np.allclose(grad, lam)  # stationary on the simplex: gradient = lambda * (1, ..., 1)
print(f"at the uniform point every partial derivative equals lambda = log n - 1 = {lam:.4f}")
assert math.isclose(lam, math.log(n) - 1)
hessian = np.diag(-1 / u)  # d^2 H / dp_i dp_j = -delta_ij / p_i
assert np.linalg.eigvalsh(hessian).max() < 0  # concave: the stationary point is a maximum
# The global proof: log x <= x - 1 gives H - log n <= 0 for every p in the sample.
gap = (P * (1 / (n * P) - 1)).sum(axis=1)  # sum p (1/(n p) - 1) = 0 exactly
assert np.allclose(gap, 0.0)
assert np.all(H_all * math.log(2) - math.log(n) <= 1e-12)

# 3. Coding ---------------------------------------------------------------------------
def kraft(lengths):
    return sum(2.0 ** -l for l in lengths)


def expected_length(p, lengths):
    return float(np.dot(p, lengths))


def huffman(p):
    """Codewords by Huffman's rule: merge the two least likely nodes until one is left."""
    heap = [(pi, i, {i: ""}) for i, pi in enumerate(p)]
    heapq.heapify(heap)
    tie = len(p)
    while len(heap) > 1:
        p0, _, c0 = heapq.heappop(heap)  # least likely: its codewords get a leading 0
        p1, _, c1 = heapq.heappop(heap)  # next: a leading 1
        merged = {k: "0" + v for k, v in c0.items()} | {k: "1" + v for k, v in c1.items()}
        heapq.heappush(heap, (p0 + p1, tie, merged))
        tie += 1
    codes = heap[0][2]
    return [codes[i] for i in range(len(p))]


def is_prefix_free(words):
    return not any(a != b and b.startswith(a) for a in words for b in words)


p_ex = np.array([0.4, 0.3, 0.2, 0.1])
H_ex = entropy(p_ex)
words = huffman(p_ex)
ell = [len(w) for w in words]
L_huff = expected_length(p_ex, ell)
print(f"p = {p_ex}: H = {H_ex:.4f} bits, Huffman code {words}, lengths {ell}, "
      f"L = {L_huff:.2f} bits, Kraft sum = {kraft(ell)}")
assert is_prefix_free(words) and kraft(ell) <= 1
assert sorted(ell) == [1, 2, 3, 3] and math.isclose(L_huff, 1.9)
assert round(H_ex, 3) == 1.846 and H_ex <= L_huff < H_ex + 1

# Shannon's lengths ceil(log2 1/p) also satisfy Kraft and land in [H, H + 1).
ell_sh = [math.ceil(-math.log2(x)) for x in p_ex]
L_sh = expected_length(p_ex, ell_sh)
print(f"Shannon lengths {ell_sh}: L = {L_sh:.2f} bits, Kraft sum = {kraft(ell_sh)}")
assert kraft(ell_sh) <= 1 and H_ex <= L_sh < H_ex + 1 and L_huff <= L_sh

# Brute force: no length vector that satisfies Kraft beats Huffman.
best_L = min(expected_length(p_ex, ls) for ls in itertools.product(range(1, 6), repeat=4)
             if kraft(ls) <= 1)
print(f"shortest expected length over all prefix codes (lengths 1..5): {best_L:.2f} bits")
assert math.isclose(best_L, L_huff)

# Encode a sampled message and decode it again.
msg = rng.choice(4, size=20_000, p=p_ex)
bits = "".join(words[s] for s in msg)
decode = {w: i for i, w in enumerate(words)}
out, cur = [], ""
for b in bits:
    cur += b
    if cur in decode:
        out.append(decode[cur])
        cur = ""
assert cur == "" and np.array_equal(out, msg)
rate = len(bits) / len(msg)
print(f"20,000 sampled symbols -> {len(bits):,} bits: {rate:.3f} bits/symbol, decoded exactly")
assert abs(rate - L_huff) < 0.02

# Shannon's example is dyadic: Huffman meets the entropy exactly.
w_sh = huffman(shannon)
print(f"p = (1/2, 1/4, 1/8, 1/8): Huffman lengths {[len(w) for w in w_sh]}, "
      f"L = {expected_length(shannon, [len(w) for w in w_sh])} bits = H")
assert expected_length(shannon, [len(w) for w in w_sh]) == H_sh == 1.75

# Random distributions: Huffman always lands in [H, H + 1).
for _ in range(500):
    q = rng.dirichlet(np.ones(rng.integers(2, 9)))
    Lq = expected_length(q, [len(w) for w in huffman(q)])
    assert entropy(q) - 1e-12 <= Lq < entropy(q) + 1
print("500 random distributions (2 to 8 outcomes): H <= L_Huffman < H + 1 every time")

# A skewed coin wastes most of a bit per symbol; coding pairs halves the overhead.
L1 = expected_length(biased, [len(w) for w in huffman(biased)])
pairs = np.outer(biased, biased).ravel()  # (0.81, 0.09, 0.09, 0.01)
assert math.isclose(entropy(pairs), 2 * H_biased)  # N independent outcomes: N H
L2 = expected_length(pairs, [len(w) for w in huffman(pairs)]) / 2
print(f"coin (0.9, 0.1): H = {H_biased:.3f}; Huffman per symbol {L1:.3f}; "
      f"Huffman on pairs {L2:.3f} bits per symbol")
assert L1 == 1.0 and math.isclose(L2, 0.645) and math.isclose(2 * L2, 1.29)
assert H_biased <= L2 < H_biased + 1 / 2  # Shannon: within 1/N of the entropy for blocks of N

print("OK: entropy is the expected surprise, 0 <= H <= log n, and optimal prefix codes "
      "use between H and H + 1 bits per symbol")
