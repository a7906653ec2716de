"""Witness for the neural-scaling-laws notebook.

Kaplan et al. 2020 (arXiv 2001.08361), section 1.2, fit three power laws to the test loss of
Transformer language models (nats per token on WebText2), each valid when the other two factors
are not the bottleneck:

  L(N)     = (N_c / N)^alpha_N          alpha_N ~ 0.076,  N_c ~ 8.8e13 non-embedding parameters (1.1)
  L(D)     = (D_c / D)^alpha_D          alpha_D ~ 0.095,  D_c ~ 5.4e13 tokens                    (1.2)
  L(C_min) = (C_c / C_min)^alpha_C      alpha_C ~ 0.050,  C_c ~ 3.1e8 PF-days                    (1.3)

and the joint law L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D (1.5). The models span
768 to 1.5e9 non-embedding parameters and 22 million to 23 billion tokens (section 3).

The witness follows the Math section:
1. a power law is a straight line on log-log axes, with slope -alpha;
2. ten times more of a factor multiplies the loss by 10^(-alpha), wherever you start;
3. the paper's constants give the losses the page quotes;
4. the joint law: at a fixed target loss a larger model needs fewer tokens (sample efficiency);
5. least squares on (log N, log L) recovers alpha_N from synthetic noisy data, while N_c, an
   extrapolation far outside the data, is known only to within a wide factor.

Run: python3 witness.py
"""
import numpy as np

# Constants of Kaplan et al. 2020, eqs. (1.1)-(1.3) and the fitted ranges of section 3.
alpha_N, N_c = 0.076, 8.8e13      # non-embedding parameters
alpha_D, D_c = 0.095, 5.4e13      # tokens
alpha_C, C_c = 0.050, 3.1e8       # PF-days
N_lo, N_hi = 768.0, 1.5e9         # fitted range of N
PF_DAY = 1e15 * 24 * 3600         # floating-point operations in one petaflop/s-day


def L_N(N):
    return (N_c / N) ** alpha_N


def L_D(D):
    return (D_c / D) ** alpha_D


def L_C(C_min):
    return (C_c / C_min) ** alpha_C


def L_ND(N, D):
    return ((N_c / N) ** (alpha_N / alpha_D) + D_c / D) ** alpha_D


# 1. Straight line on log-log axes --------------------------------------------------------
N = np.logspace(np.log10(N_lo), np.log10(N_hi), 50)
logN, logL = np.log10(N), np.log10(L_N(N))
slopes = np.diff(logL) / np.diff(logN)
print(f"slope of log10 L against log10 N at 49 places: min {slopes.min():.6f}, max {slopes.max():.6f}")
assert np.allclose(slopes, -alpha_N, rtol=0, atol=1e-12)
# The intercept: log10 L = alpha_N log10 N_c - alpha_N log10 N, so L = 1 exactly at N = N_c.
assert abs(L_N(N_c) - 1.0) < 1e-15

# 2. Ten times more -----------------------------------------------------------------------
r_N, r_D, r_C = 10 ** -alpha_N, 10 ** -alpha_D, 10 ** -alpha_C
print(f"10x more parameters: loss x {r_N:.4f} ({(1 - r_N) * 100:.1f} % lower)")
print(f"10x more tokens:     loss x {r_D:.4f} ({(1 - r_D) * 100:.1f} % lower)")
print(f"10x more compute:    loss x {r_C:.4f} ({(1 - r_C) * 100:.1f} % lower)")
for n in [1e3, 1e6, 1e8, 1e9]:
    assert abs(L_N(10 * n) / L_N(n) - r_N) < 1e-14
assert round(r_N, 3) == 0.839 and round(r_D, 3) == 0.804 and round(r_C, 3) == 0.891
double = 2 ** -alpha_N
halve = 2 ** (1 / alpha_N)
print(f"2x more parameters: loss x {double:.4f}; halving the loss needs {halve:,.0f}x more parameters")
assert round(double, 3) == 0.949 and 9_000 < halve < 9_200

# 3. The paper's constants reproduce the page's figures ------------------------------------
for n in [N_lo, 1e8, 1e9, N_hi, 1e10, 1e11]:
    tag = "" if N_lo <= n <= N_hi else "   (outside the fitted range)"
    print(f"L(N = {n:9.3g}) = {L_N(n):.3f} nats/token{tag}")
assert round(L_N(1e8), 3) == 2.830 and round(L_N(1e9), 3) == 2.376
assert round(L_N(N_hi), 2) == 2.30 and round(L_N(1e10), 3) == 1.994
for d in [22e6, 23e9]:
    print(f"L(D = {d:8.3g} tokens) = {L_D(d):.3f}")
assert round(L_D(23e9), 2) == 2.09
print(f"one PF-day = {PF_DAY:.3g} FLOPs; L(C_min = 1 PF-day) = {L_C(1.0):.3f}")
assert PF_DAY == 8.64e19 and round(L_C(1.0), 2) == 2.66

# 4. Sample efficiency from the joint law -------------------------------------------------
# Solve L(N, D) = L_star for D: D = D_c / (L_star^(1/alpha_D) - (N_c/N)^(alpha_N/alpha_D)).
L_star = 2.6


def tokens_for(N, L_target):
    gap = L_target ** (1 / alpha_D) - (N_c / N) ** (alpha_N / alpha_D)
    return D_c / gap if gap > 0 else np.inf


print(f"tokens needed to reach L = {L_star} (joint law, eq. 1.5):")
need = {}
for n in [5e8, 1e9, 1.5e9]:
    need[n] = tokens_for(n, L_star)
    print(f"  N = {n:7.2g}: L(N) alone = {L_N(n):.3f}, tokens needed = {need[n]:.3g}")
    assert abs(L_ND(n, need[n]) - L_star) < 1e-12
assert need[5e8] > need[1e9] > need[1.5e9]
assert round(need[5e8] / 1e9, 1) == 7.1 and round(need[1e9] / 1e9, 1) == 3.8 and round(need[1.5e9] / 1e9, 1) == 3.2
# A model whose L(N) is already above the target can never reach it, whatever the data.
assert round(L_N(2e8), 2) == 2.68 and tokens_for(2e8, L_star) == np.inf
# N_c lies far outside the data: about 59,000 times the largest model.
print(f"N_c / largest fitted model = {N_c / N_hi:,.0f}")
assert round(N_c / N_hi, -3) == 59_000

# 5. Fitting a power law by least squares in log space -------------------------------------
rng = np.random.default_rng(0)
N_obs = np.logspace(np.log10(N_lo), np.log10(N_hi), 30)
noise = 0.02                                     # 2 % multiplicative scatter
L_obs = L_N(N_obs) * np.exp(rng.normal(0, noise, N_obs.size))
x, y = np.log(N_obs), np.log(L_obs)
slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
intercept = y.mean() - slope * x.mean()
alpha_hat = -slope
Nc_hat = np.exp(intercept / alpha_hat)
print(f"fit on 30 noisy points: alpha_N = {alpha_hat:.4f} (true {alpha_N}), N_c = {Nc_hat:.3g} (true {N_c:.3g})")
# Same answer as NumPy's own polynomial fit.
assert np.allclose(np.polyfit(x, y, 1), [slope, intercept], rtol=1e-10)
assert abs(alpha_hat - alpha_N) < 0.001 and 5e13 < Nc_hat < 1.5e14

# Over 1,000 noisy data sets the exponent is tight but N_c, read off far outside the data, is not.
a_hats, nc_hats = [], []
for _ in range(1000):
    yy = np.log(L_N(N_obs)) + rng.normal(0, noise, N_obs.size)
    s, b = np.polyfit(x, yy, 1)
    a_hats.append(-s)
    nc_hats.append(np.exp(b / -s))
a_hats, nc_hats = np.array(a_hats), np.array(nc_hats)
a_lo, a_hi = np.percentile(a_hats, [5, 95])
nc_lo, nc_hi = np.percentile(nc_hats, [5, 95])
print(f"1,000 fits: 90 % of alpha_N in [{a_lo:.4f}, {a_hi:.4f}], of N_c in [{nc_lo:.3g}, {nc_hi:.3g}] "
      f"(a factor of {nc_hi / nc_lo:.1f})")
assert a_hi - a_lo < 0.003
assert round(a_lo, 4) == 0.0747 and round(a_hi, 4) == 0.0773
assert nc_hi / nc_lo > 1.9
print("all checks passed")
