"""Witness for the dot product notebook.

Checks what the Math section says, each time against an independent computation:

1. the definition (a loop over entries) agrees with np.dot and the worked example;
2. the geometric form |a| |b| cos(theta) agrees with the sum, where theta is measured
   from each arrow's own direction with atan2 (no dot product involved);
3. the projection of a onto b leaves a residual perpendicular to b;
4. symmetry and linearity hold;
5. the sign of a . b tells on which side of the line perpendicular to b the arrow a is;
6. for independent entries with mean 0 and variance 1, Var(q . k) = d (Monte Carlo for
   d = 16, 64, 256): the fact Vaswani et al. (2017, "Attention Is All You Need",
   arXiv 1706.03762, footnote 4) give as the reason to scale scores by 1/sqrt(d_k).

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def dot_loop(a, b):
    """The definition: one product per coordinate, added up."""
    assert len(a) == len(b), "a dot product needs two vectors of the same length"
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


# 1. Definition: sum of elementwise products --------------------------------------
a_ex, b_ex = np.array([3.0, 1.0]), np.array([2.0, 2.0])
print(f"worked example: (3, 1) . (2, 2) = {dot_loop(a_ex, b_ex):g}")
assert dot_loop(a_ex, b_ex) == 3 * 2 + 1 * 2 == 8

a, b = rng.normal(size=7), rng.normal(size=7)
print(f"d = 7: loop = {dot_loop(a, b):+.12f}   np.dot = {np.dot(a, b):+.12f}")
assert math.isclose(dot_loop(a, b), np.dot(a, b), rel_tol=1e-12, abs_tol=1e-12)

# length is the square root of the dot product of a vector with itself
assert math.isclose(math.sqrt(dot_loop(a, a)), math.hypot(*a), rel_tol=1e-12)

# 2. Geometric form, with the angle measured independently (2-D) -------------------
worst = 0.0
for _ in range(1000):
    a2, b2 = rng.normal(size=2) * 3, rng.normal(size=2) * 3
    # the angle between the arrows, from their directions only
    theta = math.atan2(a2[1], a2[0]) - math.atan2(b2[1], b2[0])
    geometric = math.hypot(*a2) * math.hypot(*b2) * math.cos(theta)
    worst = max(worst, abs(dot_loop(a2, b2) - geometric))
print(f"1000 random 2-D pairs: max |sum - |a||b|cos(theta)| = {worst:.2e}")
assert worst < 1e-10

theta_ex = math.atan2(1, 3) - math.atan2(2, 2)
geometric_ex = math.hypot(3, 1) * math.hypot(2, 2) * math.cos(theta_ex)
print(
    f"worked example: |a| = {math.hypot(3, 1):.4f}, |b| = {math.hypot(2, 2):.4f}, "
    f"theta = {math.degrees(abs(theta_ex)):.2f} deg, "
    f"|a||b|cos(theta) = {geometric_ex:.10f}"
)
assert math.isclose(geometric_ex, 8.0, rel_tol=1e-12)

# 3. Projection: the shadow of a on the line of b ---------------------------------
a, b = rng.normal(size=5), rng.normal(size=5)
shadow = dot_loop(a, b) / math.sqrt(dot_loop(b, b))  # signed length |a| cos(theta)
proj = (dot_loop(a, b) / dot_loop(b, b)) * b  # the shadow as a vector along b
residual = a - proj
print(f"shadow a.b/|b| = {shadow:+.6f}; residual . b = {dot_loop(residual, b):+.2e}")
assert abs(dot_loop(residual, b)) < 1e-12
# Pythagoras: |a|^2 = shadow^2 + |residual|^2, so the shadow is the along-b part
parts = shadow**2 + dot_loop(residual, residual)
assert math.isclose(dot_loop(a, a), parts, rel_tol=1e-12)

# 4. Symmetry and linearity --------------------------------------------------------
a, b, c = rng.normal(size=(3, 6))
alpha, beta = 2.5, -0.75
assert math.isclose(dot_loop(a, b), dot_loop(b, a), rel_tol=1e-12)
lhs = dot_loop(alpha * a + beta * c, b)
rhs = alpha * dot_loop(a, b) + beta * dot_loop(c, b)
print(f"linearity: (2.5 a - 0.75 c) . b = {lhs:+.10f}; 2.5 a.b - 0.75 c.b = {rhs:+.10f}")
assert math.isclose(lhs, rhs, rel_tol=1e-12, abs_tol=1e-12)

# 5. The sign tells the side -------------------------------------------------------
# Build arrows from their angles, so "same side as b" is known without a dot product.
checked = 0
for psi_deg in range(0, 360, 15):  # direction of b
    for gap_deg in range(-179, 180, 7):  # angle from b to a, never exactly +-90
        if abs(abs(gap_deg) - 90) < 1:
            continue
        psi, phi = math.radians(psi_deg), math.radians(psi_deg + gap_deg)
        b2 = 2.0 * np.array([math.cos(psi), math.sin(psi)])
        a2 = 1.3 * np.array([math.cos(phi), math.sin(phi)])
        same_side = abs(gap_deg) < 90
        assert (dot_loop(a2, b2) > 0) == same_side, (psi_deg, gap_deg)
        checked += 1
print(f"sign: {checked} arrow pairs, a.b > 0 exactly when the angle is under 90 deg")

# 6. The variance of q . k grows like d --------------------------------------------
n_pairs = 20_000
for d in (16, 64, 256):
    q = rng.standard_normal((n_pairs, d))
    k = rng.standard_normal((n_pairs, d))
    scores = np.einsum("nd,nd->n", q, k)  # one dot product per pair
    mean, var = scores.mean(), scores.var()
    scaled_var = (scores / math.sqrt(d)).var()
    # standard error of a sample variance here (Gaussian entries): sqrt((2d^2 + 6d) / n)
    se = math.sqrt((2 * d * d + 6 * d) / n_pairs)
    print(
        f"d = {d:3d}: mean(q.k) = {mean:+7.3f}  Var(q.k) = {var:7.2f} (s.e. {se:.2f})"
        f"  Var(q.k / sqrt(d)) = {scaled_var:.3f}"
    )
    assert abs(mean) < 5 * math.sqrt(d / n_pairs)
    assert abs(var - d) < 0.05 * d
    assert abs(scaled_var - 1.0) < 0.05

# The claim needs no Gaussians: uniform entries on [-sqrt 3, sqrt 3] have variance 1.
d = 64
q = rng.uniform(-math.sqrt(3), math.sqrt(3), size=(n_pairs, d))
k = rng.uniform(-math.sqrt(3), math.sqrt(3), size=(n_pairs, d))
var_u = np.einsum("nd,nd->n", q, k).var()
print(f"d = {d}, uniform entries: Var(q.k) = {var_u:.2f}")
assert abs(var_u - d) < 0.05 * d

print("OK: sum = np.dot = |a||b|cos(theta); projection, symmetry, linearity, sign; "
      "Var(q.k) = d")
