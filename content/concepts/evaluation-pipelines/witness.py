"""Witness for the evaluation-pipelines notebook.

A benchmark score is a sample mean over test items, so it is an estimate with a standard error.
This program checks what the Math section says, in the same order:

1. one model's accuracy on n items: SE = sqrt(p (1 - p) / n); at p = 0.7 the 95 % half-width
   1.96 SE is 8.98, 2.84 and 0.90 percentage points for n = 100, 1,000 and 10,000;
2. simulated evaluations (4,000 draws of n = 1,000 items from a pool of 100,000) match the formula,
   and the interval p_hat +- 1.96 SE_hat covers the pool accuracy about 95 % of the time;
3. two models on the same items: the per-item difference d_i = a_i - b_i has
   Var(d) = Var(a) + Var(b) - 2 Cov(a, b), so the paired SE is smaller than the unpaired one when
   the models tend to get the same items right; the paired interval covers at the nominal rate and
   detects a 3-point gap far more often;
4. contamination: leaking a share c of the test items into training adds c (1 - p) to the expected
   score, a bias that does not shrink as n grows, while the interval does;
5. the demo's two registry functions (accuracy-ci-halfwidth and paired-diff-ci-halfwidth) at the
   values the Demo section quotes.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
Z95 = 1.96  # two-sided 95 % point of the standard normal


def se_accuracy(p, n):
    """Standard error of the mean of n independent 0/1 scores with success probability p."""
    return math.sqrt(p * (1 - p) / n)


# 1. The formula ------------------------------------------------------------------------------
p = 0.7
print("1. Standard error of one accuracy, p = 0.7")
half = {}
for n in (100, 1_000, 10_000):
    half[n] = 100 * Z95 * se_accuracy(p, n)
    print(f"  n = {n:>6,}: SE = {se_accuracy(p, n):.4f}, 95 % half-width = {half[n]:.2f} points")
assert round(half[100], 2) == 8.98 and round(half[1_000], 2) == 2.84 and round(half[10_000], 2) == 0.90
# Four times the items halve the interval: SE goes like 1 / sqrt(n).
assert math.isclose(se_accuracy(p, 400) / se_accuracy(p, 100), 0.5)
# p (1 - p) is largest at p = 0.5: the widest interval for a given n.
grid = np.linspace(0.01, 0.99, 99)
assert math.isclose(grid[np.argmax(grid * (1 - grid))], 0.5)

# 2. A pool of items and two models ------------------------------------------------------------
# Each item has an "ease" z shared by both models; each model adds its own noise. A model gets an
# item right when its latent score is above a threshold chosen so that its pool accuracy is exact.
N_POOL, n, R = 100_000, 1_000, 4_000
z = rng.standard_normal(N_POOL)
share = 0.85  # how much of each model's latent score is the shared ease of the item
lat_a = math.sqrt(share) * z + math.sqrt(1 - share) * rng.standard_normal(N_POOL)
lat_b = math.sqrt(share) * z + math.sqrt(1 - share) * rng.standard_normal(N_POOL)
p_a_true, p_b_true = 0.73, 0.70
a = (lat_a > np.quantile(lat_a, 1 - p_a_true)).astype(float)
b = (lat_b > np.quantile(lat_b, 1 - p_b_true)).astype(float)
p_a_true, p_b_true = a.mean(), b.mean()
rho = np.corrcoef(a, b)[0, 1]
delta_true = p_a_true - p_b_true
print(f"\n2. Pool of {N_POOL:,} items: accuracy A = {p_a_true:.3f}, B = {p_b_true:.3f}, "
      f"per-item correlation rho = {rho:.3f}")
assert round(p_a_true, 2) == 0.73 and round(p_b_true, 2) == 0.70
assert round(rho, 2) == 0.63

idx = rng.integers(0, N_POOL, size=(R, n))  # R evaluations, each of n items drawn at random
A, B = a[idx], b[idx]
pa_hat, pb_hat = A.mean(axis=1), B.mean(axis=1)
se_a_hat = np.sqrt(pa_hat * (1 - pa_hat) / n)
cover_a = np.mean(np.abs(pa_hat - p_a_true) <= Z95 * se_a_hat)
print(f"  model A over {R:,} evaluations of n = {n:,}: sd of p_hat = {pa_hat.std():.4f}, "
      f"formula {se_accuracy(p_a_true, n):.4f}; 95 % interval covers the truth {cover_a:.1%}")
assert abs(pa_hat.std() / se_accuracy(p_a_true, n) - 1) < 0.05
assert 0.94 <= cover_a <= 0.96 and round(cover_a, 3) == 0.948

# 3. Paired against unpaired ------------------------------------------------------------------
D = A - B  # per-item differences: -1, 0 or +1
d_hat = D.mean(axis=1)
se_unpaired = np.sqrt(pa_hat * (1 - pa_hat) / n + pb_hat * (1 - pb_hat) / n)
se_paired = D.std(axis=1, ddof=1) / math.sqrt(n)
var_a, var_b = a.var(), b.var()
cov_ab = np.mean((a - a.mean()) * (b - b.mean()))
var_d = (a - b).var()
print(f"\n3. Difference A - B = {delta_true:.3f} on the same {n:,} items")
print(f"  Var(d) = Var(a) + Var(b) - 2 Cov(a, b) = {var_a:.4f} + {var_b:.4f} - 2 x {cov_ab:.4f}"
      f" = {var_d:.4f}")
assert math.isclose(var_d, var_a + var_b - 2 * cov_ab, rel_tol=1e-9)
sd_diff = d_hat.std()
print(f"  sd of the observed difference over {R:,} evaluations: {sd_diff:.4f}")
print(f"  mean unpaired SE: {se_unpaired.mean():.4f}   mean paired SE: {se_paired.mean():.4f}"
      f"   ratio {se_unpaired.mean() / se_paired.mean():.2f}")
assert abs(se_paired.mean() / sd_diff - 1) < 0.05  # the paired SE is the right size
assert round(se_unpaired.mean() / se_paired.mean(), 2) == 1.64  # the unpaired one is too large
cover_p = np.mean(np.abs(d_hat - delta_true) <= Z95 * se_paired)
cover_u = np.mean(np.abs(d_hat - delta_true) <= Z95 * se_unpaired)
power_p = np.mean(np.abs(d_hat) > Z95 * se_paired)
power_u = np.mean(np.abs(d_hat) > Z95 * se_unpaired)
print(f"  95 % interval covers the true gap: paired {cover_p:.1%}, unpaired {cover_u:.1%}")
print(f"  interval excludes 0 (gap detected): paired {power_p:.1%}, unpaired {power_u:.1%}")
assert 0.94 <= cover_p <= 0.96 and cover_u > 0.99
assert round(power_p, 3) == 0.692 and round(power_u, 3) == 0.224
assert round(cover_p, 3) == 0.952 and round(cover_u, 3) == 0.999
print(f"  half-widths: paired {100 * Z95 * se_paired.mean():.2f} points, "
      f"unpaired {100 * Z95 * se_unpaired.mean():.2f} points")
half_p, half_u = 100 * Z95 * se_paired.mean(), 100 * Z95 * se_unpaired.mean()
assert round(half_p, 2) == 2.40 and round(half_u, 2) == 3.95

# 4. Contamination ----------------------------------------------------------------------------
p_clean, c = 0.70, 0.10
p_seen = (1 - c) * p_clean + c * 1.0  # leaked items are answered from memory
print(f"\n4. Contamination: {c:.0%} of the items leaked, true accuracy {p_clean:.2f}")
print(f"  expected score (1 - c) p + c = p + c (1 - p) = {p_seen:.3f}: a bias of "
      f"{100 * (p_seen - p_clean):.1f} points")
assert math.isclose(p_seen, p_clean + c * (1 - p_clean)) and round(p_seen, 2) == 0.73
for n_c in (1_000, 10_000):
    leaked = rng.random((R, n_c)) < c
    right = rng.random((R, n_c)) < p_clean
    score = (leaked | right).mean(axis=1)
    miss = np.mean(np.abs(score - p_clean) > Z95 * np.sqrt(score * (1 - score) / n_c))
    print(f"  n = {n_c:>6,}: mean score {score.mean():.3f}, interval misses the true 0.70 in "
          f"{miss:.1%} of evaluations")
    assert abs(score.mean() - p_seen) < 0.002
    if n_c == 1_000:
        assert round(miss, 3) == 0.569
    if n_c == 10_000:
        assert miss > 0.999  # more items make the wrong answer more certain

# 5. The demo's functions ---------------------------------------------------------------------
def accuracy_ci_halfwidth(n_items, p_acc):
    return 100 * Z95 * math.sqrt(p_acc * (1 - p_acc) / n_items)


def paired_diff_ci_halfwidth(n_items, p_acc, r):
    return 100 * Z95 * math.sqrt(2 * p_acc * (1 - p_acc) * (1 - r) / n_items)


print("\n5. The demo's curves at n = 1,000, p = 0.7")
print(f"  one model: +-{accuracy_ci_halfwidth(1000, 0.7):.2f} points")
for r in (0.0, 0.5, 0.8):
    print(f"  difference, rho = {r}: +-{paired_diff_ci_halfwidth(1000, 0.7, r):.2f} points")
assert round(paired_diff_ci_halfwidth(1000, 0.7, 0.0), 2) == 4.02
assert round(paired_diff_ci_halfwidth(1000, 0.7, 0.5), 2) == 2.84
assert round(paired_diff_ci_halfwidth(1000, 0.7, 0.8), 2) == 1.80
# rho = 0 is the unpaired interval of two independent accuracies; rho = 0.5 equals one model's.
assert math.isclose(paired_diff_ci_halfwidth(1000, 0.7, 0.5), accuracy_ci_halfwidth(1000, 0.7))

# The figure: one evaluation-sized interval for each model at n = 1,000.
print(f"  figure: A at 0.73 +-{accuracy_ci_halfwidth(1000, 0.73):.2f}, "
      f"B at 0.70 +-{accuracy_ci_halfwidth(1000, 0.70):.2f} points")
assert round(accuracy_ci_halfwidth(1000, 0.73), 2) == 2.75
# The failure case: p = 0.95 on 20 items gives an interval that runs past 100 %.
h_fail = accuracy_ci_halfwidth(20, 0.95)
print(f"  p = 0.95, n = 20: +-{h_fail:.2f} points, so the interval reaches {95 + h_fail:.1f} %")
assert round(h_fail, 2) == 9.55 and 95 + h_fail > 100

print("\nAll claims hold.")
