"""Witness for the reward-hacking notebook.

A toy of Goodhart's law, checked in the order of the Math section:

1. each response has a quality q and a feature f (think: length), independent standard normals
   under the reference policy; the true reward is r = q + f - 0.75 f^2 (some of the feature helps,
   too much hurts), the proxy reward model scores r_hat = q + f = r + 0.75 f^2 (it misses the
   penalty for excess);
2. best-of-n on the proxy: E[r_hat] keeps rising with n, E[r] rises, peaks and falls; exact
   expectations by integration, checked by simulation;
3. the KL of best-of-n from the reference, log n - (n - 1)/n, exact for a continuous proxy score
   (checked by Monte Carlo) and only an upper bound when scores tie (two equally likely responses);
4. Gao et al.'s best-of-n form: the true-reward gain is close to d (alpha - beta d) in d = sqrt(KL);
5. the KL penalty: the KL-regularised optimum pi_ref exp(r_hat / beta) / Z shifts both features by
   1/beta, so KL = 1/beta^2 and the true gain is exactly d (2 - 0.75 d) with d = 1/beta: a large
   enough beta stops the policy before the true reward turns down.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
K = 0.75  # weight of the penalty for excess feature that the proxy misses


def true_reward(q, f):
    return q + f - K * f * f


def proxy_reward(q, f):
    return q + f  # = true_reward + K f^2: the misspecified part


# 1-2. Best-of-n on the proxy --------------------------------------------------------------
# The proxy s = q + f is N(0, 2); given s, q and f are each N(s/2, 1/2). So for the selected
# response E[r_hat] = E[s_max], E[f^2] = 1/2 + E[s_max^2]/4, E[r] = E[s_max] - K E[f^2].
# With s = sqrt(2) m and m the maximum of n standard normals (density n phi(m) Phi(m)^(n-1)):
grid = np.linspace(-12, 12, 240_001)
dx = grid[1] - grid[0]
phi = np.exp(-grid**2 / 2) / math.sqrt(2 * math.pi)
Phi = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in grid[::100]])
Phi = np.interp(grid, grid[::100], Phi)


def best_of_n_exact(n):
    dens = n * phi * Phi ** (n - 1)
    m1 = float((grid * dens).sum() * dx)
    m2 = float((grid**2 * dens).sum() * dx)
    e_proxy = math.sqrt(2) * m1
    e_f2 = 0.5 + 2 * m2 / 4
    return e_proxy, e_proxy - K * e_f2


def best_of_n_sim(n, trials):
    q = rng.standard_normal((trials, n))
    f = rng.standard_normal((trials, n))
    i = np.argmax(proxy_reward(q, f), axis=1)
    qs, fs = q[np.arange(trials), i], f[np.arange(trials), i]
    return float(proxy_reward(qs, fs).mean()), float(true_reward(qs, fs).mean())


def kl_bon(n):
    return math.log(n) - (n - 1) / n


NS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096]
rows = {}
print("best-of-n on the proxy r_hat = q + f; true reward r = q + f - 0.75 f^2")
print("     n   KL (nats)  d=sqrt(KL)  E[r_hat]  E[r]   (simulated E[r_hat], E[r])")
for n in NS:
    ep, et = best_of_n_exact(n)
    trials = 20_000 if n <= 256 else 2_000
    sp, st = best_of_n_sim(n, trials)
    rows[n] = (ep, et)
    print(f"  {n:>4}   {kl_bon(n):7.3f}    {math.sqrt(kl_bon(n)):6.3f}    {ep:6.3f}  {et:6.3f}   ({sp:6.3f}, {st:6.3f})")
    tol = 4 * 1.5 / math.sqrt(trials)  # about four standard errors
    assert abs(sp - ep) < tol and abs(st - et) < tol
proxies = [rows[n][0] for n in NS]
trues = [rows[n][1] for n in NS]
assert all(b > a for a, b in zip(proxies, proxies[1:]))  # the proxy only rises
peak_n = NS[int(np.argmax(trues))]
assert peak_n == 32  # the true reward peaks, then falls
assert all(b < a for a, b in zip(trues[NS.index(32):], trues[NS.index(32) + 1:]))
assert round(rows[1][1], 3) == -0.75 and round(rows[32][1], 3) == 0.855
assert round(rows[4096][1], 3) == -0.216 and round(rows[4096][0], 3) == 5.128
assert round(rows[32][0], 3) == 2.927
print(f"  true reward peaks at n = {peak_n} ({rows[32][1]:.3f}); at n = 4096 the proxy is "
      f"{rows[4096][0]:.2f} and the true reward {rows[4096][1]:.3f}")

# 3. The KL of best-of-n -------------------------------------------------------------------
# With a continuous score s and CDF F, best-of-n has density n F(s)^(n-1) times the reference's,
# so KL = E_bon[log n + (n-1) log F(s)] = log n - (n-1)/n, because F(s_max) is the largest of
# n uniforms and E[log U_max] = -1/n.
print("KL(best-of-n || reference): formula against Monte Carlo")
for n in (2, 16, 256):
    trials = 40_000
    s = np.sqrt(2) * rng.standard_normal((trials, n))
    s_max = s.max(axis=1)
    F = np.array([0.5 * math.erfc(-v / 2) for v in s_max])  # CDF of N(0, 2)
    mc = float(np.mean(math.log(n) + (n - 1) * np.log(F)))
    print(f"  n = {n:>3}: log n - (n-1)/n = {kl_bon(n):.4f}, Monte Carlo {mc:.4f}")
    assert abs(mc - kl_bon(n)) < 0.02
assert round(kl_bon(32), 3) == 2.497 and round(kl_bon(4096), 3) == 7.318
# With ties the formula is only an upper bound: two equally likely responses with different
# scores. Best-of-n returns the better one with probability 1 - 2^-n, so KL <= log 2.
for n in (2, 16):
    p = np.array([1 - 2.0**-n, 2.0**-n])
    kl_two = float((p * np.log(p / 0.5)).sum())
    print(f"  two responses, n = {n:>2}: exact KL {kl_two:.4f} < formula {kl_bon(n):.4f} (log 2 = {math.log(2):.4f})")
    assert kl_two < kl_bon(n) and kl_two < math.log(2)
first_past = next(n for n in range(2, 100) if kl_bon(n) > math.log(2))
print(f"  the formula passes log 2 at n = {first_past}")
assert first_past == 5
assert round(float((lambda p: (p * np.log(p / 0.5)).sum())(np.array([1 - 2.0**-16, 2.0**-16]))), 4) == 0.693

# 4. Gao et al.'s best-of-n form: gain = d (alpha - beta d), least squares in (alpha, beta) --
d = np.array([math.sqrt(kl_bon(n)) for n in NS])
gain = np.array([rows[n][1] - rows[1][1] for n in NS])
A = np.stack([d, -d * d], axis=1)
(alpha, beta), *_ = np.linalg.lstsq(A, gain, rcond=None)
fit = A @ np.array([alpha, beta])
worst = float(np.abs(fit - gain).max())
print(f"fit of the true-reward gain to d (alpha_bon - beta_bon d): alpha_bon = {alpha:.3f}, beta_bon = {beta:.3f}, "
      f"largest miss {worst:.3f}; peak at d = alpha_bon / (2 beta_bon) = {alpha / (2 * beta):.2f}")
assert worst < 0.1 and alpha > 0 and beta > 0
assert round(float(alpha), 2) == 2.15 and round(float(beta), 2) == 0.72 and round(worst, 3) == 0.011

# 5. The KL penalty ------------------------------------------------------------------------
# pi*(q, f) ∝ N(q; 0, 1) N(f; 0, 1) exp((q + f) / beta) is N(1/beta, 1) x N(1/beta, 1):
# KL = (1/beta^2 + 1/beta^2) / 2 = 1/beta^2, E[r_hat] = 2/beta, E[f^2] = 1 + 1/beta^2,
# so with d = 1/beta the true gain over the reference is 2 d - 0.75 d^2 = d (2 - 0.75 d).
print("KL-regularised optimum pi_ref exp(r_hat / beta) / Z:")
qs = rng.standard_normal(1_000_000)
fs = rng.standard_normal(1_000_000)
for b in (4.0, 1.0, 0.75, 0.5, 0.25):
    dd = 1 / b
    gain_exact = dd * (2 - K * dd)
    w = np.exp(proxy_reward(qs, fs) / b)
    w /= w.sum()  # importance weights: reference samples reweighted to pi*
    gain_is = float((w * true_reward(qs, fs)).sum()) + K
    kl_is = float((w * np.log(w * len(w))).sum())
    print(f"  beta = {b:>4}: KL = {dd * dd:.3f} (reweighted samples {kl_is:.3f}), E[r_hat] = {2 * dd:.2f}, "
          f"true gain {gain_exact:+.3f} (reweighted {gain_is:+.3f})")
    if b >= 0.75:  # smaller beta puts the weight on a few extreme samples
        assert abs(gain_is - gain_exact) < 0.06 and abs(kl_is - dd * dd) < 0.06
peak_beta = 2 * K / 2  # d* = 2 / (2 K) = 1 / beta  ->  beta = K
assert math.isclose(1 / peak_beta, 2 / (2 * K))
assert math.isclose((4 / 3) * (2 - K * 4 / 3), 4 / 3)
assert (1 / 0.25) * (2 - K / 0.25) == -4.0
# The demo: R(d) = d (2 - 0.75 d) peaks at d = 4/3 and returns to 0 at d = 8/3, KL = 64/9 nats,
# which best-of-n reaches at n of about 3,300.
a_demo, b_demo = 2.0, K
d_zero = a_demo / b_demo
n_zero = next(n for n in range(2, 100_000) if kl_bon(n) >= d_zero**2)
print(f"demo: peak at d = {a_demo / (2 * b_demo):.3f}, back to 0 at d = {d_zero:.3f}, "
      f"KL = {d_zero**2:.2f} nats, best-of-n with n = {n_zero}")
assert math.isclose(d_zero**2, 64 / 9) and round(d_zero**2, 1) == 7.1
assert 3000 <= n_zero <= 3500
print("OK: the proxy keeps rising while the true reward peaks and falls; best-of-n's KL is "
      "log n - (n-1)/n; the gain follows d (alpha - beta d); a KL penalty bounds d")
