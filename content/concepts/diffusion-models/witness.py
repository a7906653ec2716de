"""Witness for the diffusion-models notebook.

Checks what the Math section says, in the same order, with DDPM's linear schedule
(beta from 1e-4 to 0.02 over T = 1000 steps, Ho et al. 2020, section 4):

1. alpha_bar_t = prod (1 - beta_s); its value at T, and the signal fraction sqrt(alpha_bar_t);
2. iterating the one-step noising x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) eps gives the
   closed form q(x_t | x_0) = N(sqrt(alpha_bar_t) x_0, 1 - alpha_bar_t) (mean and variance by simulation);
3. for Gaussian data x_0 ~ N(mu0, v0), the best predictor of the noise eps from x_t is linear, and a
   least-squares fit on samples finds it;
4. the exact reverse process, run from q(x_T) for 1000 steps, returns the data distribution; its
   mean equals DDPM's mean formula with the best noise predictor; DDPM's sampler with sigma_t^2 = beta_t,
   started from N(0, 1), lands close.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1. The schedule -------------------------------------------------------------------------------
T = 1000
beta = np.linspace(1e-4, 0.02, T)  # beta[t - 1] is beta_t, t = 1..T
alpha = 1 - beta
alpha_bar = np.cumprod(alpha)
print(f"beta_1 = {beta[0]}, beta_T = {beta[-1]}, T = {T}")
print(f"alpha_bar_T = {alpha_bar[-1]:.4e}; signal fraction sqrt(alpha_bar_T) = {math.sqrt(alpha_bar[-1]):.5f}")
assert round(alpha_bar[-1] * 1e5, 2) == 4.04  # 4.04e-5
for t in (1, 100, 250, 500, 750):
    print(f"  t = {t:4d}: alpha_bar_t = {alpha_bar[t - 1]:.4f}, sqrt = {math.sqrt(alpha_bar[t - 1]):.4f}")
assert round(math.sqrt(alpha_bar[99]), 3) == 0.947
assert round(math.sqrt(alpha_bar[249]), 3) == 0.724
assert round(math.sqrt(alpha_bar[499]), 3) == 0.280
assert round(math.sqrt(alpha_bar[749]), 3) == 0.058
half = int(np.argmax(np.sqrt(alpha_bar) < 0.5)) + 1
print(f"  sqrt(alpha_bar_t) first falls below 0.5 at t = {half}")
assert half == 369
# A schedule that stops at beta_T = 0.005 leaves 28 % of the signal at t = T: x_T is not pure noise.
short = np.sqrt(np.cumprod(1 - np.linspace(1e-4, 0.005, T)))[-1]
print(f"  with beta_T = 0.005 instead: sqrt(alpha_bar_T) = {short:.3f}")
assert round(short, 3) == 0.279

# 2. Closed form against iterating the one-step noising ------------------------------------------
x0 = 1.5
n = 100_000
x = np.full(n, x0)
checks = {}
for t in range(1, T + 1):
    x = math.sqrt(alpha[t - 1]) * x + math.sqrt(beta[t - 1]) * rng.standard_normal(n)
    if t in (10, 100, 500, 1000):
        checks[t] = (x.mean(), x.var())
for t, (m, v) in checks.items():
    m_cf, v_cf = math.sqrt(alpha_bar[t - 1]) * x0, 1 - alpha_bar[t - 1]
    print(f"x0 = {x0}, t = {t:4d}: simulated mean {m:.4f} var {v:.4f}; closed form {m_cf:.4f}, {v_cf:.4f}")
    assert abs(m - m_cf) < 0.01 and abs(v - v_cf) < 0.01 * max(v_cf, 0.05)

# 3. The best noise predictor for Gaussian data is linear ----------------------------------------
mu0, v0 = 2.0, 0.25  # data x_0 ~ N(2, 0.5^2)
t = 300
ab = alpha_bar[t - 1]
x0s = mu0 + math.sqrt(v0) * rng.standard_normal(n)
eps = rng.standard_normal(n)
xt = math.sqrt(ab) * x0s + math.sqrt(1 - ab) * eps
# E[eps | x_t] = Cov(eps, x_t) / Var(x_t) * (x_t - E[x_t]): jointly Gaussian, so linear
V_t = ab * v0 + 1 - ab
slope = math.sqrt(1 - ab) / V_t
intercept = -slope * math.sqrt(ab) * mu0
A = np.stack([xt, np.ones(n)], axis=1)
fit, *_ = np.linalg.lstsq(A, eps, rcond=None)
print(f"t = {t}: best eps-predictor slope {slope:.4f}, intercept {intercept:.4f}; least squares {fit[0]:.4f}, {fit[1]:.4f}")
assert abs(fit[0] - slope) < 0.01 and abs(fit[1] - intercept) < 0.01
mse_best = float(np.mean((eps - (slope * xt + intercept)) ** 2))
mse_zero = float(np.mean(eps**2))
print(f"  mean squared error of the best predictor {mse_best:.4f}, of predicting 0: {mse_zero:.4f}")
assert round(mse_best, 3) == 0.142 and mse_best < mse_zero
# The best noise predictor is the score of q(x_t) scaled by -sqrt(1 - alpha_bar_t):
# d/dx log N(x; m_t, V_t) = -(x - m_t) / V_t = -eps_hat(x) / sqrt(1 - alpha_bar_t).
probe = np.linspace(-3, 5, 9)
score = -(probe - math.sqrt(ab) * mu0) / V_t
eps_hat = slope * probe + intercept
print(f"  largest |score + eps_hat / sqrt(1 - alpha_bar_t)| on a grid: {np.max(np.abs(score + eps_hat / math.sqrt(1 - ab))):.1e}")
assert np.allclose(score, -eps_hat / math.sqrt(1 - ab), atol=1e-12)

# 4. The exact reverse process --------------------------------------------------------------------
# Marginals q(x_t) = N(m_t, V_t) with m_t = sqrt(ab_t) mu0, V_t = ab_t v0 + 1 - ab_t (t = 0 is the data).
ab_all = np.concatenate([[1.0], alpha_bar])
m = np.sqrt(ab_all) * mu0
V = ab_all * v0 + 1 - ab_all
xs = m[T] + math.sqrt(V[T]) * rng.standard_normal(n)
print(f"q(x_T) = N({m[T]:.4f}, {V[T]:.6f}): indistinguishable from N(0, 1) to the eye")
x_ddpm = rng.standard_normal(n)
max_mean_diff = 0.0
for t in range(T, 0, -1):
    a_t, b_t = alpha[t - 1], beta[t - 1]
    # exact q(x_{t-1} | x_t) = N(a x_t + b, c): (x_{t-1}, x_t) jointly Gaussian
    a = math.sqrt(a_t) * V[t - 1] / V[t]
    b = m[t - 1] - a * m[t]
    c = V[t - 1] - a_t * V[t - 1] ** 2 / V[t]
    # DDPM's mean with the best eps-predictor gives the same a x_t + b
    s_t = math.sqrt(1 - ab_all[t]) / V[t]
    probe = np.array([-3.0, 0.0, 2.0])
    eps_hat = s_t * (probe - m[t])
    mu_ddpm = (probe - b_t / math.sqrt(1 - ab_all[t]) * eps_hat) / math.sqrt(a_t)
    max_mean_diff = max(max_mean_diff, float(np.max(np.abs(mu_ddpm - (a * probe + b)))))
    xs = a * xs + b + math.sqrt(c) * rng.standard_normal(n)
    # DDPM sampler (Algorithm 2) with sigma_t^2 = beta_t, started from N(0, 1)
    eps_hat = s_t * (x_ddpm - m[t])
    z = rng.standard_normal(n) if t > 1 else 0.0
    x_ddpm = (x_ddpm - b_t / math.sqrt(1 - ab_all[t]) * eps_hat) / math.sqrt(a_t) + math.sqrt(b_t) * z
print(f"largest gap between the exact reverse mean and DDPM's mean formula: {max_mean_diff:.1e}")
assert max_mean_diff < 1e-9
print(f"exact reverse process: mean {xs.mean():.4f}, variance {xs.var():.4f} (data: {mu0}, {v0})")
assert abs(xs.mean() - mu0) < 0.01 and abs(xs.var() - v0) < 0.01
print(f"DDPM sampler, sigma_t^2 = beta_t, from N(0, 1): mean {x_ddpm.mean():.4f}, variance {x_ddpm.var():.4f}")
assert abs(x_ddpm.mean() - mu0) < 0.02 and abs(x_ddpm.var() - v0) < 0.01
print("all checks passed")
