"""Witness for the reproducibility notebook.

Checks what the Math section says, in the same order:

1. a run is a function of its inputs: a toy training run (logistic regression fitted by
   minibatch SGD) repeated with the same seed gives bit-identical weights, and a different
   seed gives different weights; one shared random stream shifts every later draw when code
   adds a draw, while streams spawned per purpose (initialisation, data order) do not;
2. floating-point addition is not associative: regrouping three numbers changes the result,
   and summing the same 10,000 float32 numbers in 20 orders (sequential, reversed, pairwise,
   8-way chunked as a parallel reduction would, and 16 shuffles) gives several different sums,
   each within the worst-case bound gamma_{n-1} * sum|x| of the exact sum; compensated (Kahan)
   summation in float32 stays within 2u * sum|x| plus a second-order term in every order
   (Goldberg 1991, Theorem 8); float64 sums change with the order too, but by a relative
   error near 10^-16 instead of 10^-7;
3. in training, changing only the order of a gradient's sum changes the weights' bits but moves
   them far less than changing the seed does;
4. the seed is a source of variance: over 20 seeds the toy's test accuracy has a spread, the
   mean of n seeds has standard error sigma / sqrt(n), and comparing two models on n seeds each
   picks the worse one with probability Phi(-Delta sqrt(n) / (sigma sqrt 2)), which a Monte
   Carlo simulation reproduces and the toy's two configurations roughly follow.

Run: python3 witness.py
"""
import math

import numpy as np


def Phi(z):
    """Standard normal cumulative distribution function."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


# 1. A run is a function of (code, data, config, seed) --------------------------------------
data_rng = np.random.default_rng(12345)  # the data are fixed: their own seed, never varied
d, n_train, n_test = 10, 1000, 1000
w_true = data_rng.normal(size=d)
X_all = data_rng.normal(size=(n_train + n_test, d))
y_all = (X_all @ w_true > 0).astype(float)
flip = data_rng.random(n_train + n_test) < 0.15  # 15 % label noise, so accuracy is below 1
y_all[flip] = 1.0 - y_all[flip]
X, y = X_all[:n_train], y_all[:n_train]
X_test, y_test = X_all[n_train:], y_all[n_train:]


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


def train(seed, dtype=np.float64, reverse_sum=False, epochs=1, batch=20, lr=0.5):
    """Logistic regression by minibatch SGD. The seed picks the initial weights and the
    order of the examples, each from its own stream spawned from the seed."""
    init_ss, order_ss = np.random.SeedSequence(seed).spawn(2)
    w = (np.random.default_rng(init_ss).normal(size=d) * 0.5).astype(dtype)
    order_rng = np.random.default_rng(order_ss)
    Xd, yd = X.astype(dtype), y.astype(dtype)
    for _ in range(epochs):
        perm = order_rng.permutation(n_train)
        for start in range(0, n_train, batch):
            idx = perm[start:start + batch]
            if reverse_sum:
                idx = idx[::-1]  # same examples, gradient summed in the opposite order
            r = sigmoid(Xd[idx] @ w) - yd[idx]
            g = np.zeros(d, dtype=dtype)
            for i in range(len(idx)):  # an explicit, ordered sum over the minibatch
                g = g + r[i] * Xd[idx[i]]
            w = w - dtype(lr / len(idx)) * g
    return w


def accuracy(w):
    return float(((X_test @ w.astype(np.float64) > 0) == (y_test == 1)).mean())


w7a, w7b, w8 = train(7), train(7), train(8)
print("seed 7 twice: weights bit-identical?", w7a.tobytes() == w7b.tobytes())
print("seed 7 vs 8:  max |w7 - w8| =", f"{np.abs(w7a - w8).max():.4f}")
assert w7a.tobytes() == w7b.tobytes()
assert w7a.tobytes() != w8.tobytes()

# A seed pins a stream, not a value: an extra draw shifts every later draw of a shared stream.
shared = np.random.default_rng(3)
order_before = shared.permutation(8)
shared = np.random.default_rng(3)
_ = shared.random()  # code added one draw (say, a dropout mask) before the shuffle
order_after = shared.permutation(8)
order_ss = np.random.SeedSequence(3).spawn(2)[1]
spawned_before = np.random.default_rng(order_ss).permutation(8)
init_ss = np.random.SeedSequence(3).spawn(2)[0]
_ = np.random.default_rng(init_ss).random()  # the extra draw lands on the init stream
spawned_after = np.random.default_rng(np.random.SeedSequence(3).spawn(2)[1]).permutation(8)
print("shared stream, order before/after an extra draw:", order_before, order_after)
print("spawned streams, order before/after:            ", spawned_before, spawned_after)
assert not np.array_equal(order_before, order_after)
assert np.array_equal(spawned_before, spawned_after)

# 2. Floating-point addition is not associative ------------------------------------------------
a, b, c = 0.1, 0.2, 0.3
print(f"float64: (0.1 + 0.2) + 0.3 = {(a + b) + c!r},  0.1 + (0.2 + 0.3) = {a + (b + c)!r}")
assert (a + b) + c != a + (b + c)
big, one = np.float32(1e8), np.float32(1.0)
left, right = (big + one) - big, (big - big) + one
print(f"float32: (1e8 + 1) - 1e8 = {left},  (1e8 - 1e8) + 1 = {right}  "
      f"(float32 numbers near 1e8 are {np.spacing(big)} apart)")
assert left == 0.0 and right == 1.0 and np.spacing(big) == 8.0

u32 = 2.0 ** -24  # unit roundoff of float32: fl(a + b) = (a + b)(1 + delta), |delta| <= u
u64 = 2.0 ** -53
assert np.float32(1) + np.float32(u32) == np.float32(1)  # a tie rounds to even, back to 1
assert np.float32(1) + np.float32(2 * u32) > np.float32(1)

n = 10_000
sum_rng = np.random.default_rng(1)
x32 = (sum_rng.lognormal(0.0, 2.0, n) * sum_rng.choice([-1.0, 1.0], n)).astype(np.float32)
s_exact = math.fsum(x32.astype(np.float64).tolist())  # the exact sum, correctly rounded once
abs_sum = float(np.abs(x32.astype(np.float64)).sum())
# float64 data of the same kind (not float32 values, which float64 would often add exactly)
x64 = sum_rng.lognormal(0.0, 2.0, n) * sum_rng.choice([-1.0, 1.0], n)
s_exact64 = math.fsum(x64.tolist())
abs_sum64 = float(np.abs(x64).sum())
gamma = lambda m, u: m * u / (1 - m * u)


def seq_sum(v, dtype):
    s = dtype(0)
    for t in v:
        s = dtype(s + t)
    return s


def kahan_sum(v, dtype):
    s, comp = dtype(0), dtype(0)
    for t in v:
        yk = dtype(t - comp)
        tk = dtype(s + yk)
        comp = dtype((tk - s) - yk)
        s = tk
    return s


def chunked_sum(v, dtype, workers=8):
    """What a parallel reduction does: each worker sums a slice, then the partials are added."""
    partials = [seq_sum(part, dtype) for part in np.array_split(v, workers)]
    return seq_sum(partials[::-1], dtype)  # partials arrive in some order; here the last first


orders = [np.arange(n), np.arange(n)[::-1]]
shuffle_rng = np.random.default_rng(2)
orders += [shuffle_rng.permutation(n) for _ in range(16)]
naive32 = [seq_sum(x32[o], np.float32) for o in orders]
naive32 += [x32.sum(dtype=np.float32), chunked_sum(x32, np.float32)]  # pairwise, 8-way
kahan32 = [kahan_sum(x32[o], np.float32) for o in orders]
naive64 = [seq_sum(x64[o], np.float64) for o in orders]

err32 = [abs(float(s) - s_exact) for s in naive32]
errK = [abs(float(s) - s_exact) for s in kahan32]
err64 = [abs(float(s) - s_exact64) for s in naive64]
bound32 = gamma(n - 1, u32) * abs_sum
bound64 = gamma(n - 1, u64) * abs_sum64
boundK = (2 * u32 + n * u32 ** 2) * abs_sum
print(f"n = {n:,} float32 numbers, exact sum {s_exact:.4f}, sum|x| = {abs_sum:.1f}")
print(f"float32, 20 orders: {len(set(float(s) for s in naive32))} distinct sums, "
      f"spread {max(naive32) - min(naive32):.4f}, worst error {max(err32):.4f} "
      f"(bound {bound32:.2f})")
print(f"Kahan float32, 18 orders: {len(set(float(s) for s in kahan32))} distinct sums, "
      f"worst error {max(errK):.5f} (bound {boundK:.5f})")
print(f"float64 data, 18 orders: {len(set(naive64))} distinct sums, "
      f"worst relative error {max(err64) / abs_sum64:.1e} (float32: {max(err32) / abs_sum:.1e})")
assert len(set(float(s) for s in naive32)) >= 10  # the order changes the bits
assert max(err32) <= bound32 and max(err64) <= bound64 and max(errK) <= boundK
assert max(errK) < max(err32) / 10  # compensation: at least ten times closer
assert len(set(naive64)) >= 10  # float64 changes its bits with the order too ...
assert max(err64) / abs_sum64 < 1e-6 * max(err32) / abs_sum  # ... but 29 more bits: far smaller

# 3. In training: reduction order versus seed -------------------------------------------------
w_fwd = train(7, np.float32)
w_rev = train(7, np.float32, reverse_sum=True)
w_seed = train(8, np.float32)
d_order = float(np.abs(w_fwd - w_rev).max())
d_seed = float(np.abs(w_fwd - w_seed).max())
print(f"float32 training, seed 7: gradient summed forwards vs backwards: bits equal? "
      f"{w_fwd.tobytes() == w_rev.tobytes()}, max |dw| = {d_order:.2e}")
print(f"                          seed 7 vs seed 8: max |dw| = {d_seed:.2e}")
assert w_fwd.tobytes() != w_rev.tobytes()
assert d_order < 1e-5 and d_seed > 1e-2
assert accuracy(w_fwd) == accuracy(w_rev)

# 4. Variance over seeds ----------------------------------------------------------------------
seeds = range(20)
acc = np.array([accuracy(train(s)) for s in seeds]) * 100  # in percentage points
mean, sd = acc.mean(), acc.std(ddof=1)
print(f"test accuracy over {len(acc)} seeds: {mean:.2f} +/- {sd:.2f} points "
      f"(min {acc.min():.1f}, max {acc.max():.1f})")
print(f"standard error of the mean of 20 seeds: {sd / math.sqrt(len(acc)):.2f} points")
assert sd > 0.5 and acc.max() - acc.min() > 2.0
assert abs(mean - 82.04) < 0.005 and abs(sd - 1.13) < 0.005

# A second configuration, B (minibatches of 50 instead of 20), over the same 20 seeds.
acc_B = np.array([accuracy(train(s, batch=50)) for s in seeds]) * 100
mean_B, sd_B = acc_B.mean(), acc_B.std(ddof=1)
print(f"configuration B over 20 seeds: {mean_B:.2f} +/- {sd_B:.2f} points")
pairs_B_wins = float((acc_B[None, :] > acc[:, None]).mean())  # all 400 one-seed pairings
pairs_tie = float((acc_B[None, :] == acc[:, None]).mean())


def p_wrong(n_seeds, gap, sigma):
    """Probability that the mean of n seeds ranks the worse of two models first."""
    return Phi(-gap * math.sqrt(n_seeds) / (sigma * math.sqrt(2.0)))


mc_rng = np.random.default_rng(4)
trials = 200_000
for n_seeds, expected in ((1, 0.2398), (5, 0.0569), (10, 0.0127)):
    gap, sigma = 1.0, 1.0  # a true gap of one seed standard deviation
    better = mc_rng.normal(gap, sigma, (trials, n_seeds)).mean(axis=1)
    worse = mc_rng.normal(0.0, sigma, (trials, n_seeds)).mean(axis=1)
    mc = float((worse > better).mean())
    print(f"gap = sigma, n = {n_seeds:>2} seeds each: formula {p_wrong(n_seeds, gap, sigma):.4f}, "
          f"Monte Carlo {mc:.4f}")
    assert abs(p_wrong(n_seeds, gap, sigma) - expected) < 5e-5
    assert abs(mc - expected) < 0.004

# The toy's own pair: plug its measured gap and seed spread into the formula.
gap_AB = mean - mean_B
sd_AB = math.sqrt((acc.var(ddof=1) + acc_B.var(ddof=1)) / 2)
print(f"one seed of A against one seed of B: B scores higher in {pairs_B_wins:.1%} of 400 "
      f"pairings, ties {pairs_tie:.1%}; formula with gap {gap_AB:.2f} and sigma {sd_AB:.2f}: "
      f"{p_wrong(1, gap_AB, sd_AB):.1%}")
assert mean > mean_B and pairs_B_wins > 0.2
assert abs(pairs_B_wins + pairs_tie / 2 - p_wrong(1, gap_AB, sd_AB)) < 0.03

# The demo's failure case: a gap of 0.3 against a spread of 1.5, even with 30 seeds each.
print(f"gap 0.3, sigma 1.5, 30 seeds each: {p_wrong(30, 0.3, 1.5):.3f}")
assert abs(p_wrong(30, 0.3, 1.5) - 0.219) < 5e-4

# Seeds needed for at most 5 % wrong picks: n >= 2 (z_0.95 sigma / gap)^2.
z95 = 1.6448536269514722
n_needed = math.ceil(2 * z95 ** 2)
print(f"seeds per model for <= 5 % wrong picks at gap = sigma: {n_needed}")
assert n_needed == 6 and p_wrong(6, 1, 1) <= 0.05 < p_wrong(5, 1, 1)

print("OK: seeds replay runs exactly; summation order changes float bits within the bound; "
      "one seed is one sample, and the wrong-pick probability is Phi(-gap sqrt(n) / (sigma sqrt 2))")
