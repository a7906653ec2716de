"""Witness for the mutual-information notebook.

Checks what the Math section says, in the same order:

1. on a 3 x 2 joint table (weather X, umbrella Y): the four forms of I(X; Y) agree,
   H(X) - H(X|Y) = H(Y) - H(Y|X) = H(X) + H(Y) - H(X, Y) = KL(p(x, y) || p(x) p(y));
2. I >= 0 on 10,000 random tables, 0 for a product table, symmetric, at most min(H(X), H(Y)),
   and I(X; X) = H(X);
3. the data-processing inequality: for 10,000 random chains X -> Y -> Z, I(X; Z) <= I(X; Y);
   a relabelling of Y loses nothing, merging two values of Y can lose information;
4. the Gaussian case: I = -1/2 ln(1 - rho^2), checked against a fine grid (the KL form) and a
   Monte Carlo average of the log-ratio; at rho = 0.9 it is 0.830 nats = 1.198 bits;
5. the InfoNCE bound: with the optimal critic, log N - L_N <= I and <= log N.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
LN2 = math.log(2)


def H(p):
    """Entropy in bits of any array of probabilities (0 log 0 = 0)."""
    p = np.asarray(p, dtype=float).ravel()
    nz = p[p > 0]
    return float(-(nz * np.log2(nz)).sum())


def kl(p, q):
    """KL(p || q) in bits; q > 0 wherever p > 0 in every use below."""
    p, q = np.asarray(p, dtype=float).ravel(), np.asarray(q, dtype=float).ravel()
    m = p > 0
    return float((p[m] * np.log2(p[m] / q[m])).sum())


def mi(P):
    """I(X; Y) in bits from a joint table P[x, y], in the KL form."""
    px, py = P.sum(axis=1), P.sum(axis=0)
    return kl(P, np.outer(px, py))


# 1. One joint table, four forms ---------------------------------------------------------------
#            umbrella: no    yes
P = np.array([[0.40, 0.05],   # sun
              [0.20, 0.10],   # cloud
              [0.05, 0.20]])  # rain
assert math.isclose(P.sum(), 1.0)
px, py = P.sum(axis=1), P.sum(axis=0)
H_X, H_Y, H_XY = H(px), H(py), H(P)
# Conditional entropies as averages of the entropies of the conditional distributions.
H_X_given_Y = sum(py[j] * H(P[:, j] / py[j]) for j in range(P.shape[1]))
H_Y_given_X = sum(px[i] * H(P[i, :] / px[i]) for i in range(P.shape[0]))
forms = {
    "H(X) - H(X|Y)": H_X - H_X_given_Y,
    "H(Y) - H(Y|X)": H_Y - H_Y_given_X,
    "H(X) + H(Y) - H(X,Y)": H_X + H_Y - H_XY,
    "KL(p(x,y) || p(x)p(y))": mi(P),
}
print(f"p(x) = {px}, p(y) = {py}")
print(f"H(X) = {H_X:.3f}, H(Y) = {H_Y:.3f}, H(X,Y) = {H_XY:.3f} bits")
print(f"H(X|Y) = {H_X_given_Y:.3f}, H(Y|X) = {H_Y_given_X:.3f} bits")
for name, v in forms.items():
    print(f"  {name:<24} = {v:.4f} bits")
vals = list(forms.values())
assert max(vals) - min(vals) < 1e-12
I_table = vals[0]
assert (round(H_X, 3), round(H_Y, 3), round(H_XY, 3)) == (1.539, 0.934, 2.222)
assert (round(H_X_given_Y, 3), round(H_Y_given_X, 3)) == (1.288, 0.682)
assert round(I_table, 3) == 0.252
# Seeing the umbrella moves the belief about the weather:
post_yes = P[:, 1] / py[1]
print(f"  p(weather | umbrella) = {np.round(post_yes, 3)} against p(weather) = {px}")
assert np.allclose(post_yes, [0.05 / 0.35, 0.10 / 0.35, 0.20 / 0.35])

# 2. Properties --------------------------------------------------------------------------------
smallest, worst_cap = math.inf, -math.inf
for _ in range(10_000):
    n, m = rng.integers(2, 6, size=2)
    J = rng.dirichlet(np.ones(n * m) * rng.choice([0.2, 1.0, 5.0])).reshape(n, m)
    I = mi(J)
    smallest = min(smallest, I)
    assert I >= -1e-12
    assert math.isclose(I, mi(J.T), abs_tol=1e-12)  # symmetric
    cap = min(H(J.sum(axis=1)), H(J.sum(axis=0)))
    assert I <= cap + 1e-12
    worst_cap = max(worst_cap, I - cap)
print(f"10,000 random tables: smallest I = {smallest:.2e} bits, I - min(H(X), H(Y)) at most {worst_cap:.2e}")
assert smallest >= 0
# Independence: a product table has I = 0 exactly (to rounding).
P_ind = np.outer(px, py)
print(f"product table p(x)p(y): I = {mi(P_ind):.1e} bits")
assert abs(mi(P_ind)) < 1e-15
# Y a copy of X: I(X; X) = H(X).
P_copy = np.diag(px)
assert math.isclose(mi(P_copy), H_X)
print(f"Y = X: I = {mi(P_copy):.3f} bits = H(X)")

# 3. Data-processing inequality ---------------------------------------------------------------
gaps = []
for _ in range(10_000):
    nx, ny, nz = rng.integers(2, 6, size=3)
    p_x = rng.dirichlet(np.ones(nx))
    A = rng.dirichlet(np.ones(ny), size=nx)  # channel p(y | x), rows sum to 1
    B = rng.dirichlet(np.ones(nz), size=ny)  # channel p(z | y)
    P_xy = p_x[:, None] * A
    P_xz = P_xy @ B  # Z depends on X only through Y
    gaps.append(mi(P_xy) - mi(P_xz))
gaps = np.array(gaps)
print(f"10,000 random chains X -> Y -> Z: I(X;Y) - I(X;Z) >= {gaps.min():.2e} bits (median {np.median(gaps):.3f})")
assert gaps.min() >= -1e-12
# The table's chain: relabelling Y keeps every bit, merging can lose bits.
relabel = P[:, ::-1]
assert math.isclose(mi(relabel), I_table)
# Process the weather instead: Z = "wet" (rain) or "dry" (sun or cloud), a function of X.
P_zy = np.vstack([P[0] + P[1], P[2]])
I_zy = mi(P_zy)
print(f"merge sun and cloud into 'dry': I(Z; Y) = {I_zy:.3f} bits <= I(X; Y) = {I_table:.3f}")
assert I_zy < I_table and round(I_zy, 3) == 0.212

# 4. Two correlated Gaussians ------------------------------------------------------------------


def gaussian_mi(rho):
    """I(X; Y) in nats for standard bivariate Gaussians with correlation rho."""
    return -0.5 * math.log(1 - rho**2) + 0.0  # + 0.0 turns -0.0 into 0.0 at rho = 0


# h(X) - h(X|Y): the conditional of X given Y is N(rho y, 1 - rho^2), the same width for every y.
for rho in (0.0, 0.5, 0.9, 0.99):
    h_X = 0.5 * math.log(2 * math.pi * math.e)
    h_X_given_Y = 0.5 * math.log(2 * math.pi * math.e * (1 - rho**2))
    assert math.isclose(h_X - h_X_given_Y, gaussian_mi(rho), abs_tol=1e-15)
rows = [(rho, gaussian_mi(rho)) for rho in (0.0, 0.5, 0.9, 0.99, 0.999)]
for rho, I in rows:
    print(f"  rho = {rho:<5}: I = {I:.3f} nats = {I / LN2:.3f} bits")
I09 = gaussian_mi(0.9)
assert (round(I09, 3), round(I09 / LN2, 3)) == (0.830, 1.198)
assert round(gaussian_mi(0.5), 3) == 0.144 and round(gaussian_mi(0.99), 3) == 1.959
# Independent pairs add: 4 pairs at rho = 0.99 (the contrastive-learning witness's data).
print(f"  4 independent pairs at rho = 0.99: I = {4 * gaussian_mi(0.99):.3f} nats, above log 1024 = {math.log(1024):.2f}")
assert round(4 * gaussian_mi(0.99), 3) == 7.834 and 4 * gaussian_mi(0.99) > math.log(1024)
# The KL form on a fine grid: the bin width cancels in the ratio p(x,y) / p(x)p(y).
g = np.linspace(-7, 7, 1401)
X, Y = np.meshgrid(g, g, indexing="ij")
rho = 0.9
dens = np.exp(-(X**2 - 2 * rho * X * Y + Y**2) / (2 * (1 - rho**2)))
Pg = dens / dens.sum()
I_grid = mi(Pg) * LN2
print(f"rho = 0.9 on a 1,401 x 1,401 grid: KL form gives {I_grid:.4f} nats (formula {I09:.4f})")
assert abs(I_grid - I09) < 1e-3 and round(I_grid, 4) == 0.8304
# Monte Carlo: the average log-ratio over samples.
M = 200_000
x = rng.standard_normal(M)
y = rho * x + math.sqrt(1 - rho**2) * rng.standard_normal(M)
log_ratio = (-0.5 * math.log(1 - rho**2)
             - (x**2 - 2 * rho * x * y + y**2) / (2 * (1 - rho**2)) + (x**2 + y**2) / 2)
I_mc, se = float(log_ratio.mean()), float(log_ratio.std() / math.sqrt(M))
print(f"  Monte Carlo over {M:,} samples: {I_mc:.4f} +/- {se:.4f} nats")
assert abs(I_mc - I09) < 3 * se and (round(I_mc, 4), round(se, 4)) == (0.83, 0.002)
# Correlation and information part ways: Y = X^2 is uncorrelated with X but fully determined by it.
xs = np.array([-1.0, 0.0, 1.0])
p3 = np.array([1 / 3, 1 / 3, 1 / 3])
corr = float((p3 * xs * xs**2).sum() - (p3 * xs).sum() * (p3 * xs**2).sum())
P_sq = np.array([[0, 1 / 3], [1 / 3, 0], [0, 1 / 3]])  # rows x = -1, 0, 1; columns y = 0, 1
print(f"X uniform on (-1, 0, 1), Y = X^2: covariance {corr:.1f}, I = {mi(P_sq):.3f} bits")
assert corr == 0.0 and round(mi(P_sq), 3) == 0.918

# 5. InfoNCE: log N - L_N <= min(I, log N) -------------------------------------------------------
rho = 0.999
I_true = gaussian_mi(rho)
print(f"InfoNCE with the optimal critic, rho = {rho}, I = {I_true:.3f} nats:")
bounds = {}
for N in (2, 8, 64, 1024):
    anchors = 4000
    c = rng.standard_normal(anchors)
    xpos = rho * c + math.sqrt(1 - rho**2) * rng.standard_normal(anchors)
    cand = np.concatenate([xpos[:, None], rng.standard_normal((anchors, N - 1))], axis=1)
    # log critic = log p(x | c) / p(x), the density ratio (van den Oord et al., Eq. 5)
    log_f = (-(cand - rho * c[:, None]) ** 2 / (2 * (1 - rho**2)) + cand**2 / 2
             - 0.5 * math.log(1 - rho**2))
    mx = log_f.max(axis=1, keepdims=True)
    losses = -(log_f[:, 0] - (mx[:, 0] + np.log(np.exp(log_f - mx).sum(axis=1))))
    L, se = float(losses.mean()), float(losses.std() / math.sqrt(anchors))
    bounds[N] = math.log(N) - L
    print(f"  N = {N:>4}: log N = {math.log(N):.3f}, log N - L_N = {bounds[N]:.3f} +/- {se:.3f} nats")
    # A cross-entropy is >= 0, so the estimate can never pass log N; it passes I only by noise.
    assert bounds[N] <= math.log(N) + 1e-12 and bounds[N] <= I_true + 3 * se
assert round(I_true, 3) == 3.108
assert [round(bounds[N], 2) for N in (2, 8, 64, 1024)] == [0.65, 1.83, 2.85, 3.08]

print("OK: four forms of I agree; I >= 0, symmetric, 0 for independent variables; processing "
      "never adds information; Gaussian I = -1/2 ln(1 - rho^2); InfoNCE's bound sits under log N and I")
