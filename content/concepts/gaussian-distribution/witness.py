"""Witness for the gaussian-distribution notebook.

Checks what the Math section says, in the same order:

1. the density N(x; mu, sigma^2) integrates to 1 and has mean mu and variance sigma^2; its peak
   is 1/(sigma sqrt(2 pi)), 0.3989 at sigma = 1;
2. the 68-95-99.7 rule: P(|X - mu| < k sigma) from the error function, and the same shares in
   a million draws;
3. a sum of independent Gaussians is Gaussian, with the means added and the variances added;
4. the central limit theorem, numerically: the standardised mean of n exponential draws loses
   its skew like 2/sqrt(n) and its share within one standard deviation approaches 0.6827;
5. the multivariate Gaussian as an affine map of a standard normal, x = mu + A z, with
   covariance Sigma = A A^T, and its density N(z) / |det A| by the change of variables;
6. maximum entropy: among the uniform, Laplace and Gaussian densities with variance 1, the
   Gaussian has the largest differential entropy, 1/2 ln(2 pi e) = 1.4189 nats;
7. the negative log-density is (x - mu)^2 / (2 sigma^2) + const, so maximising a Gaussian
   likelihood over the mean is least squares.

Run: python3 witness.py
"""
import math

import numpy as np


def density(x, mu, sigma):
    """N(x; mu, sigma^2) = exp(-(x - mu)^2 / (2 sigma^2)) / (sigma sqrt(2 pi))."""
    return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))


# 1. The density --------------------------------------------------------------------------
mu, sigma = 1.0, 2.0
h = 1e-3
xs = np.arange(mu - 12 * sigma, mu + 12 * sigma, h) + h / 2  # midpoints of a fine grid
f = density(xs, mu, sigma)
area = float(np.sum(f) * h)
mean = float(np.sum(xs * f) * h)
var = float(np.sum((xs - mean) ** 2 * f) * h)
print(f"N(1, 2^2): area = {area:.6f}, mean = {mean:.6f}, variance = {var:.6f}")
assert abs(area - 1) < 1e-9 and abs(mean - mu) < 1e-9 and abs(var - sigma**2) < 1e-6
peak, one_sd = float(density(0.0, 0, 1)), float(density(1.0, 0, 1))
print(f"standard normal: f(0) = {peak:.4f} = 1/sqrt(2 pi), f(1) = {one_sd:.4f}, "
      f"f(0)/f(1) = {peak / one_sd:.4f} = e^(1/2)")
assert round(peak, 4) == 0.3989 and round(one_sd, 4) == 0.2420
assert math.isclose(peak / one_sd, math.exp(0.5))
# Halving sigma doubles the peak: the area must stay 1.
assert math.isclose(float(density(0.0, 0, 0.5)), 2 * peak)
print(f"peak at sigma = 0.5: {float(density(0.0, 0, 0.5)):.4f}; at sigma = 0.25: {float(density(0.0, 0, 0.25)):.4f} (> 1)")
assert round(float(density(0.0, 0, 0.25)), 3) == 1.596
print(f"f(0)/f(2) = e^2 = {peak / float(density(2.0, 0, 1)):.2f}")
assert round(peak / float(density(2.0, 0, 1)), 1) == 7.4

# 2. The 68-95-99.7 rule ---------------------------------------------------------------------
rng = np.random.default_rng(0)
draws = mu + sigma * rng.standard_normal(1_000_000)
shares = []
for k in (1, 2, 3):
    exact = math.erf(k / math.sqrt(2))  # P(|Z| < k) for Z ~ N(0, 1)
    sampled = float(np.mean(np.abs(draws - mu) < k * sigma))
    shares.append(exact)
    print(f"within {k} sd: exact {exact:.4f}, in 10^6 draws of N(1, 2^2) {sampled:.4f}")
    assert abs(sampled - exact) < 0.002
assert [round(s, 4) for s in shares] == [0.6827, 0.9545, 0.9973]
print(f"outside 3 sd: {1 - shares[2]:.5f}, about 1 draw in {1 / (1 - shares[2]):.0f}")
assert round(1 / (1 - shares[2])) == 370
out5 = math.erfc(5 / math.sqrt(2))  # P(|Z| > 5)
print(f"outside 5 sd: {out5:.3g}, about 1 draw in {1 / out5 / 1e6:.2f} million")
assert round(1 / out5 / 1e6, 1) == 1.7

# 3. Sums of independent Gaussians --------------------------------------------------------------
n = 1_000_000
X = 1.0 + 2.0 * rng.standard_normal(n)  # N(1, 4)
Y = 2.0 + 3.0 * rng.standard_normal(n)  # N(2, 9), independent of X
S = X + Y  # should be N(3, 13)
s_sd = math.sqrt(13)
within = float(np.mean(np.abs(S - 3) < s_sd))
print(f"X + Y: mean {S.mean():.4f} (3), variance {S.var():.4f} (13), "
      f"share within sqrt(13) = {s_sd:.4f} of 3: {within:.4f} (0.6827)")
assert abs(S.mean() - 3) < 0.01 and abs(S.var() - 13) / 13 < 0.01
assert abs(within - shares[0]) < 0.002
# Standard deviations do not add: 2 + 3 = 5, not sqrt(13) = 3.61.
assert s_sd < 2 + 3

# 4. The central limit theorem, numerically ------------------------------------------------------
print("standardised mean of n Exponential(1) draws (mean 1, sd 1), 200,000 repeats:")
skews, inside = {}, {}
for m in (1, 4, 30, 100):
    means = rng.exponential(1.0, size=(200_000, m)).mean(axis=1)
    z = (means - 1.0) * math.sqrt(m)  # the mean has sd 1/sqrt(m)
    skews[m] = float(np.mean(z**3))
    inside[m] = float(np.mean(np.abs(z) < 1))
    print(f"  n = {m:3d}: skewness {skews[m]:.3f} (2/sqrt(n) = {2 / math.sqrt(m):.3f}), "
          f"share within 1 sd {inside[m]:.4f}")
    assert abs(skews[m] - 2 / math.sqrt(m)) < 0.1
assert abs(inside[1] - (1 - math.exp(-2))) < 0.003  # 0.8647 for one exponential
assert abs(inside[100] - shares[0]) < 0.005
assert abs(inside[1] - shares[0]) > abs(inside[4] - shares[0]) > abs(inside[100] - shares[0])

# 5. The multivariate Gaussian as an affine map of a standard normal ----------------------------
A = np.array([[2.0, 0.0],
              [1.0, 1.0]])
m_vec = np.array([1.0, -1.0])
Sigma = A @ A.T
Z = rng.standard_normal((1_000_000, 2))
Xv = m_vec + Z @ A.T  # x = mu + A z, one row per draw
C = np.cov(Xv.T)
print(f"Sigma = A A^T = {Sigma.tolist()}, sample covariance = {np.round(C, 3).tolist()}, "
      f"det A = {np.linalg.det(A):.1f}, det Sigma = {np.linalg.det(Sigma):.1f}")
assert np.allclose(Sigma, [[4, 2], [2, 2]]) and np.allclose(C, Sigma, atol=0.005)
assert np.allclose(Xv.mean(axis=0), m_vec, atol=0.01)


def mvn_density(x, mu_v, S):
    d = len(mu_v)
    r = x - mu_v
    quad = r @ np.linalg.solve(S, r)
    return math.exp(-0.5 * quad) / math.sqrt((2 * math.pi) ** d * np.linalg.det(S))


x_pt = np.array([2.0, 1.0])
z_pt = np.linalg.solve(A, x_pt - m_vec)  # the z that maps to x
via_z = math.exp(-0.5 * z_pt @ z_pt) / (2 * math.pi) / abs(np.linalg.det(A))
direct = mvn_density(x_pt, m_vec, Sigma)
print(f"density at x = (2, 1): formula {direct:.5f}, N(z)/|det A| {via_z:.5f}")
assert math.isclose(direct, via_z)

# 6. Maximum entropy for a given variance -----------------------------------------------------------
g = np.arange(-40, 40, 1e-3) + 5e-4


def diff_entropy(p):
    q = p[p > 0]
    return float(-np.sum(q * np.log(q)) * 1e-3)


w = math.sqrt(12)  # a uniform of width sqrt(12) has variance 1
uniform = np.where(np.abs(g) < w / 2, 1 / w, 0.0)
b = 1 / math.sqrt(2)  # a Laplace of scale b has variance 2 b^2 = 1
laplace = np.exp(-np.abs(g) / b) / (2 * b)
gauss = density(g, 0, 1)
H = {name: diff_entropy(p) for name, p in (("uniform", uniform), ("Laplace", laplace), ("Gaussian", gauss))}
for name, p in (("uniform", uniform), ("Laplace", laplace), ("Gaussian", gauss)):
    v = float(np.sum(g**2 * p) * 1e-3)
    print(f"{name:8s}: variance {v:.4f}, differential entropy {H[name]:.4f} nats")
    assert abs(v - 1) < 1e-3
assert abs(H["Gaussian"] - 0.5 * math.log(2 * math.pi * math.e)) < 1e-6  # 1.4189
# The closed forms: ln w for the uniform, 1 + ln 2b for the Laplace.
assert abs(H["uniform"] - math.log(w)) < 1e-3 and round(math.log(w), 4) == 1.2425
assert abs(H["Laplace"] - (1 + math.log(2 * b))) < 1e-3 and round(1 + math.log(2 * b), 4) == 1.3466
assert H["uniform"] < H["Laplace"] < H["Gaussian"]

# 7. Squared error is a Gaussian negative log-likelihood ----------------------------------------------
data = np.array([2.1, 2.9, 3.4, 1.6, 3.0])
grid = np.linspace(0, 5, 5001)  # candidate means, step 0.001
s = 0.5
nll = np.array([-np.sum(np.log(density(data, c, s))) for c in grid])
sse = np.array([np.sum((data - c) ** 2) for c in grid])
const = len(data) * (math.log(s) + 0.5 * math.log(2 * math.pi))
assert np.allclose(nll, sse / (2 * s**2) + const)  # NLL = SSE / (2 sigma^2) + n (ln sigma + 1/2 ln 2 pi)
best_nll, best_sse = grid[np.argmin(nll)], grid[np.argmin(sse)]
print(f"data {data.tolist()}: argmin NLL = {best_nll:.3f}, argmin squared error = {best_sse:.3f}, "
      f"sample mean = {data.mean():.3f}")
assert best_nll == best_sse and abs(best_nll - data.mean()) < 1e-9  # 2.6
print("all Gaussian checks passed")
