"""Witness for the gradient descent notebook.

Checks what the Math section says, each time against an independent computation:

1. the negative gradient is the direction of steepest descent: over 3,600 unit directions, the
   slope measured by finite differences (no gradient involved) is smallest along -grad f / |grad f|
   and equals -|grad f| there;
2. a small step against the gradient lowers f by about eta |grad f|^2 (first-order Taylor);
3. one step on f = (x^2 + 10 y^2) / 2 from (1, 1) with eta = 0.1 lands on (0.9, 0);
4. on a quadratic f = x^T H x / 2 with eigenvalues chosen in advance, every step multiplies the
   coordinate along eigenvector i by exactly (1 - eta lambda_i);
5. gradient descent converges for eta just below 2 / lambda_max and diverges just above it;
6. with eta = 2 / (lambda_min + lambda_max) the error shrinks by (kappa - 1) / (kappa + 1) per step,
   so the steps needed grow in proportion to the condition number kappa;
7. the numbers the demo's table shows on the bowl (divergence at step 18 for eta = 0.25, and so on).

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def gd(grad, x0, eta, steps):
    """Plain gradient descent: x <- x - eta * grad(x). Returns every iterate, x_0 first."""
    xs = [np.array(x0, dtype=float)]
    for _ in range(steps):
        xs.append(xs[-1] - eta * grad(xs[-1]))
    return np.array(xs)


# 1. Steepest descent, measured without the gradient ---------------------------------
def rosen(p):
    x, y = p
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def rosen_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


p0 = np.array([-0.5, 0.8])
h = 1e-6
angles = np.linspace(0, 2 * math.pi, 3600, endpoint=False)
slopes = []
for a in angles:
    u = np.array([math.cos(a), math.sin(a)])
    # central difference of f along u: the rate of change in direction u
    slopes.append((rosen(p0 + h * u) - rosen(p0 - h * u)) / (2 * h))
slopes = np.array(slopes)
g = rosen_grad(p0)
best = angles[np.argmin(slopes)]
downhill = math.atan2(-g[1], -g[0]) % (2 * math.pi)
gap = abs((best - downhill + math.pi) % (2 * math.pi) - math.pi)
print(f"at (-0.5, 0.8): grad f = ({g[0]:.4f}, {g[1]:.4f}), |grad f| = {np.linalg.norm(g):.4f}")
print(
    f"steepest of 3600 directions: {math.degrees(best):.2f} deg, -grad f points at "
    f"{math.degrees(downhill):.2f} deg; slope there {slopes.min():.4f}"
)
assert gap <= math.radians(0.1) / 2 + 1e-12  # within half the 0.1-degree grid spacing
assert math.isclose(slopes.min(), -np.linalg.norm(g), rel_tol=1e-6)
# and the slope along any u is grad f . u = |grad f| cos(theta), the dot product of the prerequisite
cos_theta = np.cos(angles - math.atan2(g[1], g[0]))
assert np.allclose(slopes, np.linalg.norm(g) * cos_theta, atol=1e-5)

# 2. A small step against the gradient lowers f by about eta |grad f|^2 ----------------
gaps = []
for eta in (1e-3, 1e-4, 1e-5):
    drop = rosen(p0) - rosen(p0 - eta * g)
    predicted = eta * g @ g
    gaps.append(abs(drop - predicted))
    print(f"eta = {eta:.0e}: f drops by {drop:.6e}, first-order prediction {predicted:.6e}")
    assert drop > 0
# the gap is second order in eta: about 100 times smaller for every 10 times smaller step
print(f"gap shrinks by {gaps[0] / gaps[1]:.0f}x and {gaps[1] / gaps[2]:.0f}x")
assert all(50 < gaps[i] / gaps[i + 1] < 200 for i in range(2))

# 3. One step on the bowl ----------------------------------------------------------
A, B = 1.0, 10.0


def bowl_grad(p):
    return np.array([A * p[0], B * p[1]])


step = gd(bowl_grad, [1.0, 1.0], 0.1, 1)[1]
print(f"bowl, eta = 0.1, one step from (1, 1): ({step[0]:.12f}, {step[1]:.12f})")
assert np.allclose(step, [0.9, 0.0], atol=1e-15)

# 4. On a quadratic each eigen-direction scales by (1 - eta lambda) -----------------
lambdas = np.array([0.5, 1.0, 3.0, 7.0, 20.0])
Q, _ = np.linalg.qr(rng.standard_normal((5, 5)))  # random orthonormal eigenvectors
H = Q @ np.diag(lambdas) @ Q.T
assert np.allclose(np.linalg.eigvalsh(H), np.sort(lambdas))
eta = 0.07
# 10 steps: after that the coordinate with factor -0.4 is ~1e-4 of the start, and float64 rounding
# of the larger coordinates (relative 1e-16) would start to show in its ratio.
xs = gd(lambda x: H @ x, rng.standard_normal(5), eta, 10)
coords = xs @ Q  # c_i(t) = q_i . x_t
ratios = coords[1:] / coords[:-1]
print("per-step factor along each eigenvector (measured, step 1):", np.round(ratios[0], 10))
print("1 - eta * lambda_i                                        :", np.round(1 - eta * lambdas, 10))
assert np.allclose(ratios, 1 - eta * lambdas, rtol=1e-9, atol=0)
# and after 10 steps, c_i(t) = (1 - eta lambda_i)^t c_i(0)
assert np.allclose(coords[10], (1 - eta * lambdas) ** 10 * coords[0], rtol=1e-9)

# 5. The stability threshold 2 / lambda_max -----------------------------------------
limit = 2 / lambdas.max()
x0 = Q[:, -1] + Q[:, 0]  # a start with a component along the steepest eigenvector
for factor, expect_converge in ((0.999, True), (1.001, False)):
    e = limit * factor
    end = gd(lambda x: H @ x, x0, e, 20_000)[-1]
    grows = np.linalg.norm(end) > np.linalg.norm(x0)
    print(f"eta = {factor} * 2/lambda_max = {e:.6f}: |x| after 20000 steps = {np.linalg.norm(end):.3e}")
    assert grows != expect_converge
# Exactly at the limit the steepest coordinate flips sign and keeps its size.
c_edge = (gd(lambda x: H @ x, x0, limit, 9) @ Q)[:, -1]
assert np.allclose(np.abs(c_edge), 1.0) and np.all(np.sign(c_edge[1:]) == -np.sign(c_edge[:-1]))
print(f"eta = 2/lambda_max = {limit}: steepest coordinate {np.round(c_edge[:5], 12)} ...")

# 6. The best fixed step and the condition number ---------------------------------
print("kappa   eta*      rho* measured   (kappa-1)/(kappa+1)   steps to 1e-6   predicted")
for kappa in (10, 100, 1000):
    lam = np.array([1.0, kappa])
    e = 2 / (lam[0] + lam[1])
    rho = (kappa - 1) / (kappa + 1)
    # worst case over the two eigen-directions, measured from one step from (1, 1)
    after = np.array([1.0, 1.0]) - e * lam * np.array([1.0, 1.0])
    measured = np.abs(after).max()
    assert math.isclose(measured, rho, rel_tol=1e-12)
    # count steps until the error is a millionth of where it started
    x = np.array([1.0, 1.0])
    n = 0
    while np.abs(x).max() > 1e-6:
        x = x - e * lam * x
        n += 1
    predicted = math.ceil(math.log(1e-6) / math.log(rho))
    print(f"{kappa:5d}  {e:.6f}  {measured:.6f}        {rho:.6f}              {n:6d}        {predicted:6d}")
    assert n == predicted
    # for large kappa, -ln(rho) ~ 2 / kappa: about kappa/2 steps per factor of e
    if kappa >= 100:
        assert abs(n / (kappa / 2 * math.log(1e6)) - 1) < 0.01

# 7. The demo's bowl, as its table reports it ---------------------------------------
bowl = lambda p: (A * p[0] ** 2 + B * p[1] ** 2) / 2  # noqa: E731
ys = gd(bowl_grad, [0.0, 1.0], 0.25, 18)[:, 1]
first_out = int(np.argmax(np.abs(ys) > 1000))
print(f"eta = 0.25 from (0, 1): |y| = 1.5^t first exceeds 1000 at step {first_out} (|y| = {abs(ys[first_out]):.1f})")
assert first_out == 18
flips = gd(bowl_grad, [0.0, 1.0], 0.2, 40)
assert np.allclose([bowl(p) for p in flips], 5.0)
print("eta = 0.2 from (0, 1): y flips between +1 and -1 and the loss stays 5")
losses = [bowl(p) for p in gd(bowl_grad, [0.0, 1.0], 0.19, 60)]
reached = next(t for t, f in enumerate(losses) if f <= 1e-4)
print(f"eta = 0.19 from (0, 1): loss 5 * 0.81^t reaches 1e-4 at step {reached}")
assert reached == 52

print("OK: steepest descent is -grad f; each eigen-direction scales by 1 - eta*lambda; "
      "stable iff eta < 2/lambda_max; rate (kappa-1)/(kappa+1)")
