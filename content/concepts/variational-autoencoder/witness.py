"""Witness for the variational-autoencoder notebook.

Checks what the Math section says, in the same order, on the 1-D linear-Gaussian model
    p(z) = N(0, 1),  p(x | z) = N(z, 1),
whose evidence p(x) = N(0, 2) and posterior p(z | x) = N(x/2, 1/2) are known exactly:

1. for an encoder q(z | x) = N(m, s^2), the ELBO = E_q[log p(x|z)] - KL(q || p(z)) is at most
   log p(x) on a grid of (m, s), the gap equals KL(q || p(z|x)), and the ELBO equals log p(x)
   at the true posterior m = x/2, s^2 = 1/2; a Monte Carlo estimate of the ELBO agrees;
2. the closed-form KL of a diagonal Gaussian from N(0, I) (Kingma & Welling, Appendix B)
   matches a Monte Carlo average of log q - log p;
3. reparameterised gradients, z = m + s * eps, match finite differences of the exact ELBO.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
LOG2PI = math.log(2 * math.pi)


def log_normal(v, mean, var):
    return -0.5 * (LOG2PI + np.log(var) + (v - mean) ** 2 / var)


def kl_to_std_normal(m, s):
    """KL(N(m, s^2) || N(0, 1)) summed over dimensions: Appendix B's -D_KL with the sign flipped."""
    m, s = np.asarray(m, float), np.asarray(s, float)
    return float(np.sum(-0.5 * (1 + np.log(s**2) - m**2 - s**2)))


def kl_gauss(m1, v1, m2, v2):
    """KL(N(m1, v1) || N(m2, v2)) in one dimension, nats."""
    return 0.5 * (np.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1)


# 1. The evidence lower bound ------------------------------------------------------------------
x = 2.0
log_px = float(log_normal(x, 0.0, 2.0))  # p(x) = N(0, 2): x = z + noise, variance 1 + 1
print(f"x = {x}: log p(x) = {log_px:.4f} nats (exact, p(x) = N(0, 2))")
assert math.isclose(log_px, -0.5 * math.log(4 * math.pi) - 1.0)
assert round(log_px, 3) == -2.266


def elbo(m, s, x=x):
    # E_q[log p(x|z)] with z ~ N(m, s^2) and p(x|z) = N(z, 1): -(1/2)(log 2pi + (x-m)^2 + s^2)
    recon = -0.5 * (LOG2PI + (x - m) ** 2 + s**2)
    kl = -0.5 * (1 + np.log(s**2) - m**2 - s**2)
    return recon - kl


M, S = np.meshgrid(np.linspace(-2, 4, 121), np.linspace(0.05, 2.0, 79))
E = elbo(M, S)
gap = log_px - E
kl_post = kl_gauss(M, S**2, x / 2, 0.5)
print(f"on {E.size:,} encoders (m, s): max ELBO = {E.max():.4f}, smallest gap = {gap.min():.2e}")
print(f"  largest |gap - KL(q || p(z|x))| = {np.abs(gap - kl_post).max():.2e}")
assert np.all(E <= log_px + 1e-12)
assert np.allclose(gap, kl_post, atol=1e-12)

m_star, s_star = x / 2, math.sqrt(0.5)
print(f"at the true posterior m = {m_star}, s = {s_star:.4f}: ELBO = {elbo(m_star, s_star):.4f}")
assert math.isclose(elbo(m_star, s_star), log_px, abs_tol=1e-12)
for m, s in [(0.0, 1.0), (2.0, 0.7071), (1.0, 0.3)]:
    print(f"  m = {m}, s = {s}: ELBO = {elbo(m, s):.4f}, gap = {log_px - elbo(m, s):.4f}")
assert round(log_px - elbo(0.0, 1.0), 3) == 1.153  # the prior as encoder
assert round(log_px - elbo(2.0, 0.7071), 3) == 1.000  # right width, mean off by 1
assert round(log_px - elbo(1.0, 0.3), 3) == 0.447  # right mean, too narrow
assert round(log_px - elbo(1.0, 1.0), 3) == 0.153  # right mean, too wide
assert round(log_px - elbo(1.0, 0.1), 3) == 1.466  # right mean, far too narrow
# For any fixed width s the ELBO is a parabola in m, -(x - m)^2/2 - m^2/2 + const, peaking at m = x/2.
ms = np.linspace(-4, 4, 8001)
for s in (0.3, 0.7071, 1.0, 1.5):
    assert abs(ms[np.argmax(elbo(ms, s))] - x / 2) < 1e-9

# Monte Carlo ELBO with reparameterised samples agrees with the closed form.
eps = rng.standard_normal(1_000_000)
m, s = 0.5, 0.9
z = m + s * eps
mc = float(np.mean(log_normal(x, z, 1.0) + log_normal(z, 0.0, 1.0) - log_normal(z, m, s**2)))
print(f"Monte Carlo ELBO at m = {m}, s = {s} (10^6 samples): {mc:.4f}; closed form {elbo(m, s):.4f}")
assert abs(mc - elbo(m, s)) < 3e-3

# 2. Closed-form KL against Monte Carlo ------------------------------------------------------
mu = np.array([0.5, -1.0, 2.0])
sigma = np.array([0.8, 1.5, 0.3])
kl_closed = kl_to_std_normal(mu, sigma)
eps3 = rng.standard_normal((1_000_000, 3))
z3 = mu + sigma * eps3
log_q = np.sum(log_normal(z3, mu, sigma**2), axis=1)
log_p = np.sum(log_normal(z3, 0.0, 1.0), axis=1)
kl_mc = float(np.mean(log_q - log_p))
print(f"KL(N(mu, diag sigma^2) || N(0, I)), 3 dimensions: closed form {kl_closed:.4f}, Monte Carlo {kl_mc:.4f}")
assert round(kl_closed, 3) == 3.637
assert abs(kl_mc - kl_closed) < 5e-3

# 3. Reparameterised gradients against finite differences ------------------------------------
# ELBO = E_eps[log p(x, z)] + H(q), z = m + s eps, H(q) = (1/2) log(2 pi e s^2).
# d/dz log p(x, z) = (x - z) - z, so dELBO/dm = E[x - 2z] and dELBO/ds = E[(x - 2z) eps] + 1/s.
m, s = 0.5, 0.9
eps = rng.standard_normal(1_000_000)
z = m + s * eps
g = x - 2 * z
grad_m_rep = float(np.mean(g))
grad_s_rep = float(np.mean(g * eps) + 1 / s)
h = 1e-5
grad_m_fd = (elbo(m + h, s) - elbo(m - h, s)) / (2 * h)
grad_s_fd = (elbo(m, s + h) - elbo(m, s - h)) / (2 * h)
print(f"dELBO/dm: reparameterised {grad_m_rep:.4f}, finite difference {grad_m_fd:.4f}")
print(f"dELBO/ds: reparameterised {grad_s_rep:.4f}, finite difference {grad_s_fd:.4f}")
assert round(grad_m_fd, 3) == 1.0 and round(grad_s_fd, 3) == -0.689
assert abs(grad_m_rep - grad_m_fd) < 5e-3 and abs(grad_s_rep - grad_s_fd) < 5e-3

# The same gradient from only 10 samples is unbiased but noisy: spread over 2,000 repeats.
est = np.array([np.mean(x - 2 * (m + s * rng.standard_normal(10))) for _ in range(2_000)])
print(f"10-sample estimates of dELBO/dm: mean {est.mean():.3f}, standard deviation {est.std():.3f}")
assert abs(est.mean() - grad_m_fd) < 0.03 and round(est.std(), 2) == 0.57  # theory: 2 s / sqrt(10) = 0.569

# The score-function estimator, E[f(z) (z - m) / s^2] for f(z) = log p(x, z), is unbiased too but
# much noisier: Kingma & Welling's reason for reparameterising (section 2.2).
def log_joint(z):
    return log_normal(x, z, 1.0) + log_normal(z, 0.0, 1.0)


sf = []
for _ in range(2_000):
    zz = m + s * rng.standard_normal(10)
    sf.append(np.mean(log_joint(zz) * (zz - m) / s**2))
sf = np.array(sf)
print(f"10-sample score-function estimates of dELBO/dm: mean {sf.mean():.3f}, standard deviation {sf.std():.3f}")
assert abs(sf.mean() - grad_m_fd) < 0.1 and round(sf.std(), 2) == 2.07 and sf.std() > 3.5 * est.std()
print("all checks passed")
