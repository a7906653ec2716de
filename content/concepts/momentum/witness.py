"""Witness for the momentum notebook.

Checks what the Math section says, each time against an independent computation:

1. the three common ways of writing heavy-ball momentum (PyTorch's v <- beta v + g, x <- x - eta v;
   Sutskever et al.'s u <- beta u - eta g, x <- x + u; and the EMA form m <- beta m + (1 - beta) g,
   x <- x - eta/(1 - beta) m) produce the same iterates;
2. under a constant gradient the velocity tends to g / (1 - beta): the step grows to eta / (1 - beta),
   ten times eta for beta = 0.9; under a gradient that flips sign every step it settles at
   g / (1 + beta) instead;
3. on a quadratic, each eigen-direction follows the 2 x 2 iteration matrix T(eta, lambda, beta), whose
   eigenvalues have modulus sqrt(beta) whenever they are complex, and which is stable iff
   0 < eta lambda < 2 (1 + beta);
4. with Polyak's parameters for condition number kappa the spectral radius of T over the whole
   spectrum is (sqrt(kappa) - 1) / (sqrt(kappa) + 1), and no pair (eta, beta) on a grid beats it;
   gradient descent's best is (kappa - 1) / (kappa + 1);
5. steps to shrink the error a millionfold on ill-conditioned quadratics, counted, not predicted;
6. the numbers the descent lab shows on its bowl for this page's settings.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# The lab's bowl f = (x^2 + 10 y^2) / 2: H = diag(1, 10)
lam_bowl = np.array([1.0, 10.0])
grad_bowl = lambda p: lam_bowl * p  # noqa: E731
loss_bowl = lambda p: float((lam_bowl * p * p).sum() / 2)  # noqa: E731


def heavy_ball(grad, x0, eta, beta, steps):
    """PyTorch-style heavy ball: v <- beta v + grad f(x); x <- x - eta v; v starts at 0."""
    x, v = np.array(x0, dtype=float), np.zeros(len(x0))
    xs = [x]
    for _ in range(steps):
        v = beta * v + grad(x)
        x = x - eta * v
        xs.append(x)
    return np.array(xs)


# 1. Three ways of writing the same method ------------------------------------------
eta, beta, x0 = 0.02, 0.9, np.array([-2.0, 0.8])
a = heavy_ball(grad_bowl, x0, eta, beta, 50)
x, u = x0.copy(), np.zeros(2)
b = [x]
for _ in range(50):  # Sutskever et al. (2013), section 2: u <- beta u - eta g; x <- x + u
    u = beta * u - eta * grad_bowl(x)
    x = x + u
    b.append(x)
x, m = x0.copy(), np.zeros(2)
c = [x]
for _ in range(50):  # EMA form with the step scaled by 1 / (1 - beta)
    m = beta * m + (1 - beta) * grad_bowl(x)
    x = x - eta / (1 - beta) * m
    c.append(x)
print(f"PyTorch form vs Sutskever form vs EMA form, 50 steps: largest gaps "
      f"{np.abs(a - np.array(b)).max():.1e}, {np.abs(a - np.array(c)).max():.1e}")
assert np.allclose(a, b, atol=1e-12) and np.allclose(a, c, atol=1e-12)

# 2. The effective step along a constant gradient -----------------------------------
g = 1.0
for beta in (0.5, 0.9, 0.99):
    v, vs = 0.0, []
    for t in range(1, 2001):
        v = beta * v + g
        vs.append(v)
    closed = (1 - beta ** np.arange(1, 2001)) / (1 - beta) * g  # geometric series
    assert np.allclose(vs, closed, rtol=1e-12)
    print(f"beta = {beta}: constant gradient 1, velocity after 10 steps {vs[9]:.4f}, limit {vs[-1]:.4f} = 1/(1 - beta)")
    assert math.isclose(vs[-1], 1 / (1 - beta), rel_tol=1e-6)
# beta = 0.9: after 10 steps 1 - 0.9^10 = 65 % of the way, after 50 steps 99.5 %
assert math.isclose((1 - 0.9 ** 10), 0.6513, abs_tol=1e-4) and (1 - 0.9 ** 50) > 0.994
# An alternating gradient +1, -1, +1, ... : the velocity settles at +-1/(1 + beta)
beta, v = 0.9, 0.0
for t in range(2000):
    v = beta * v + (1.0 if t % 2 == 0 else -1.0)
print(f"beta = 0.9: alternating gradient +-1, velocity settles at {abs(v):.4f} = 1/(1 + beta); "
      f"a constant gradient gets {1 / (1 - beta) / abs(v):.0f}x more")
assert math.isclose(abs(v), 1 / 1.9, rel_tol=1e-9)
assert math.isclose((1 / (1 - beta)) / abs(v), 19, rel_tol=1e-9)


# 3. The iteration matrix on one eigen-direction -------------------------------------
def T(eta, lam, beta):
    """(c_{t+1}, v_{t+1}) = T (c_t, v_t) for heavy ball on f = lam c^2 / 2."""
    return np.array([[1 - eta * lam, -eta * beta], [lam, beta]])


lambdas = np.array([0.5, 2.0, 9.0, 30.0])
Q, _ = np.linalg.qr(rng.standard_normal((4, 4)))
H = Q @ np.diag(lambdas) @ Q.T
eta, beta = 0.05, 0.7
xs = heavy_ball(lambda x: H @ x, rng.standard_normal(4), eta, beta, 25)
coords = xs @ Q  # c_i(t) = q_i . x_t
for i, lam in enumerate(lambdas):
    state = np.array([coords[0, i], 0.0])
    pred = [state[0]]
    for _ in range(25):
        state = T(eta, lam, beta) @ state
        pred.append(state[0])
    assert np.allclose(coords[:, i], pred, atol=1e-12)
    z = np.linalg.eigvals(T(eta, lam, beta))
    complex_pair = (1 - math.sqrt(beta)) ** 2 < eta * lam < (1 + math.sqrt(beta)) ** 2
    print(f"lambda = {lam:5.1f}: eta*lambda = {eta * lam:.3f}, eigenvalues of T {np.round(z, 4)}, "
          f"|z| = {np.round(np.abs(z), 4)}")
    assert math.isclose(np.prod(z).real, beta, rel_tol=1e-12)  # det T = beta
    if complex_pair:
        assert np.allclose(np.abs(z), math.sqrt(beta))
# stability: spectral radius < 1 exactly when 0 < eta lambda < 2 (1 + beta)
for beta in (0.0, 0.6, 0.9):
    edge = 2 * (1 + beta)
    below = max(abs(np.linalg.eigvals(T(edge * 0.999, 1.0, beta))))
    above = max(abs(np.linalg.eigvals(T(edge * 1.001, 1.0, beta))))
    assert below < 1 < above
print("stable iff eta*lambda < 2(1 + beta): checked at 0.1 % either side for beta = 0, 0.6, 0.9")


# 4. Polyak's parameters and the spectral radius -----------------------------------
def spectral_radius(eta, beta, lams):
    return max(max(abs(np.linalg.eigvals(T(eta, lam, beta)))) for lam in lams)


print("kappa   beta*    eta*      rho heavy ball   (sqrt k-1)/(sqrt k+1)   rho GD best")
for kappa in (10, 100, 1000):
    mu, L = 1.0, float(kappa)
    sk = math.sqrt(kappa)
    beta_s = ((sk - 1) / (sk + 1)) ** 2
    eta_s = 4 / (math.sqrt(L) + math.sqrt(mu)) ** 2
    lams = np.linspace(mu, L, 2001)
    rho = spectral_radius(eta_s, beta_s, lams)
    theory = (sk - 1) / (sk + 1)
    gd = (kappa - 1) / (kappa + 1)
    print(f"{kappa:5d}  {beta_s:.4f}  {eta_s:.6f}   {rho:.6f}          {theory:.6f}               {gd:.6f}")
    assert math.isclose(rho, theory, rel_tol=1e-6)
# a grid over (eta, beta) for kappa = 100 finds nothing better than 9/11
lams = np.array([1.0, 100.0])  # the radius is worst at the ends of the spectrum
best = min(spectral_radius(e, bb, lams) for e in np.linspace(0.001, 0.06, 120) for bb in np.linspace(0, 0.95, 96))
print(f"kappa = 100: best spectral radius on a 120 x 96 grid of (eta, beta) = {best:.4f}; Polyak's 9/11 = {9 / 11:.4f}")
assert best >= 9 / 11 - 1e-9 and best < 9 / 11 + 0.01


# 5. Steps to a millionth, counted ------------------------------------------------
def steps_to(eta, beta, lam, tol=1e-6, cap=100_000):
    x, v, n = np.ones(len(lam)), np.zeros(len(lam)), 0
    while np.abs(x).max() > tol:
        v = beta * v + lam * x
        x = x - eta * v
        n += 1
        if n >= cap:
            return None
    return n


print("kappa   GD steps (eta = 2/(1+kappa))   heavy ball steps (Polyak)   ratio")
counts = {}
for kappa in (10, 100, 1000):
    lam = np.array([1.0, float(kappa)])
    sk = math.sqrt(kappa)
    n_gd = steps_to(2 / (1 + kappa), 0.0, lam)
    n_hb = steps_to(4 / (sk + 1) ** 2, ((sk - 1) / (sk + 1)) ** 2, lam)
    counts[kappa] = (n_gd, n_hb)
    print(f"{kappa:5d}   {n_gd:6d}                          {n_hb:6d}                   {n_gd / n_hb:.1f}x")
assert counts[10] == (69, 27) and counts[100] == (691, 95) and counts[1000] == (6908, 321)

# The figure: 15 steps from (-2, 0.3) with eta = 0.05
P_gd = heavy_ball(grad_bowl, [-2.0, 0.3], 0.05, 0.0, 15)[-1]
P_hb = heavy_ball(grad_bowl, [-2.0, 0.3], 0.05, 0.8, 15)[-1]
print(f"figure, eta = 0.05, 15 steps from (-2, 0.3): gradient descent at x = {P_gd[0]:.2f}, loss {loss_bowl(P_gd):.2f}; "
      f"momentum beta = 0.8 at x = {P_hb[0]:.2f} (past the minimum), loss {loss_bowl(P_hb):.3f}")
assert round(P_gd[0], 2) == -0.93 and round(loss_bowl(P_gd), 2) == 0.43
assert round(P_hb[0], 2) == 0.37 and round(loss_bowl(P_hb), 3) == 0.075


# 6. The lab's bowl from its default start (-2, 0.8), loss tolerance 1e-4 -------------
def lab_steps(eta, beta, steps=1000):
    for t, p in enumerate(heavy_ball(grad_bowl, [-2.0, 0.8], eta, beta, steps)):
        if not np.all(np.abs(p) <= 1000):
            return ("diverged", t)
        if loss_bowl(p) <= 1e-4:
            return t
    return None


lab = {b: lab_steps(0.02, b) for b in (0.0, 0.5, 0.8, 0.9, 0.95)}
print("bowl, eta = 0.02, steps to loss 1e-4:", {f"beta={k}": v for k, v in lab.items()})
assert lab == {0.0: 246, 0.5: 118, 0.8: 49, 0.9: 85, 0.95: 168}
grid = {round(float(bb), 2): lab_steps(0.02, bb) for bb in np.arange(0.5, 0.955, 0.01)}
fewest = min(grid.values())
best_betas = sorted(k for k, v in grid.items() if v == fewest)
edge = (1 - math.sqrt(0.02 * 1.0)) ** 2  # beta where eta*lambda_min = (1 - sqrt(beta))^2
print(f"beta from 0.50 to 0.95 in 0.01 steps: fewest steps {fewest} at beta = {best_betas}; "
      f"the gentle direction's roots turn complex at beta = {edge:.3f}")
assert fewest == 37 and best_betas == [0.76, 0.77] and round(edge, 2) == 0.74
print(f"sqrt(0.8) = {math.sqrt(0.8):.3f}, sqrt(0.95) = {math.sqrt(0.95):.3f}: the per-step factor of a ringing direction")
hi = lab_steps(0.25, 0.0), lab_steps(0.25, 0.6)
print(f"bowl, eta = 0.25: gradient descent {hi[0]}, momentum beta = 0.6 reaches 1e-4 at step {hi[1]} "
      f"(its limit is 2(1 + 0.6)/10 = 0.32)")
assert hi[0][0] == "diverged" and isinstance(hi[1], int)

print("OK: the three forms agree; step -> eta/(1-beta); |z| = sqrt(beta) when complex; "
      "Polyak's rate (sqrt k - 1)/(sqrt k + 1)")
