"""Witness for the expectation-and-variance notebook.

Checks what the Math section says, in the same order:

1. exact expectations on a small pmf: E[X], E[X^2], Var[X] = E[X^2] - E[X]^2, and the same
   variance from the definition E[(X - mu)^2];
2. linearity without independence: E[X + Y] = E[X] + E[Y] when Y = X^2 depends entirely on X,
   and on a joint table whose variables are dependent, while E[XY] = E[X]E[Y] fails there;
3. scaling and shifting: Var[aX + b] = a^2 Var[X];
4. sums: Monte Carlo variance of a sum of independent copies adds up, and of X + X does not;
5. the sample mean: its standard deviation is sigma / sqrt(n) (the standard error);
6. the dot product of two d-dimensional vectors with independent zero-mean unit-variance
   entries has variance d, and dividing by sqrt(d) brings it back to 1 (the reason for the
   1/sqrt(d_k) in scaled dot-product attention, Vaswani et al. 2017, section 3.2.1, footnote 4).

Run: python3 witness.py
"""
import math

import numpy as np

# 1. Exact expectations on a small pmf --------------------------------------------------
x = np.array([1.0, 2.0, 5.0])  # the values X can take
p = np.array([0.5, 0.3, 0.2])  # their probabilities
mu = float(np.sum(x * p))  # E[X] = sum_x x p(x)
EX2 = float(np.sum(x**2 * p))  # E[X^2] = sum_x x^2 p(x)
var = EX2 - mu**2  # Var[X] = E[X^2] - E[X]^2
var_def = float(np.sum((x - mu) ** 2 * p))  # Var[X] = E[(X - mu)^2]
print(f"E[X] = {mu:.4f}, E[X^2] = {EX2:.4f}, Var[X] = {var:.4f} "
      f"(from the definition: {var_def:.4f}), sd = {math.sqrt(var):.4f}")
assert math.isclose(mu, 2.1) and math.isclose(EX2, 6.7)
assert math.isclose(var, 2.29) and math.isclose(var_def, 2.29)
# E[X^2] is not E[X]^2: the gap is exactly the variance.
assert EX2 > mu**2

# 2. Linearity, even without independence -----------------------------------------------
# Y = X^2 is a function of X: as dependent as two variables can be.
EY = float(np.sum(x**2 * p))
E_sum = float(np.sum((x + x**2) * p))  # E[X + Y] computed directly
print(f"Y = X^2: E[X + Y] = {E_sum:.4f} = E[X] + E[Y] = {mu + EY:.4f}")
assert math.isclose(E_sum, mu + EY)  # 8.8

# A joint table with dependent variables: X in {0, 1}, Y in {0, 1}.
J = np.array([[0.3, 0.3],
              [0.4, 0.0]])  # rows: X = 0, 1; columns: Y = 0, 1
xv, yv = np.array([0.0, 1.0]), np.array([0.0, 1.0])
pX, pY = J.sum(axis=1), J.sum(axis=0)
EX_t, EY_t = float(xv @ pX), float(yv @ pY)
E_sum_t = float(sum(J[i, j] * (xv[i] + yv[j]) for i in range(2) for j in range(2)))
E_prod_t = float(sum(J[i, j] * xv[i] * yv[j] for i in range(2) for j in range(2)))
print(f"joint table: E[X] = {EX_t:.2f}, E[Y] = {EY_t:.2f}, E[X + Y] = {E_sum_t:.2f}, "
      f"E[XY] = {E_prod_t:.2f} but E[X]E[Y] = {EX_t * EY_t:.2f}")
assert not np.allclose(J, np.outer(pX, pY))  # dependent
assert math.isclose(E_sum_t, EX_t + EY_t)  # 0.7 = 0.4 + 0.3: linearity holds
assert E_prod_t == 0.0 and math.isclose(EX_t * EY_t, 0.12)  # the product rule fails

# 3. Scaling and shifting -------------------------------------------------------------------
a, b = 3.0, 10.0
var_ab = float(np.sum((a * x + b - (a * mu + b)) ** 2 * p))
print(f"Var[{a:g}X + {b:g}] = {var_ab:.4f} = {a:g}^2 Var[X] = {a**2 * var:.4f}")
assert math.isclose(var_ab, a**2 * var)  # 20.61; the shift b drops out

# 4. Variance of a sum: Monte Carlo ----------------------------------------------------------
rng = np.random.default_rng(0)
N = 400_000
draws = rng.choice(x, size=(N, 3), p=p)  # three independent copies per row
S = draws.sum(axis=1)
print(f"Var[X1 + X2 + X3] over {N:,} draws = {S.var():.4f}; 3 Var[X] = {3 * var:.4f}")
assert abs(S.var() - 3 * var) / (3 * var) < 0.01
D = 2 * draws[:, 0]  # X + X: the same draw twice, fully dependent
print(f"Var[X + X] = {D.var():.4f}; 4 Var[X] = {4 * var:.4f}, not 2 Var[X] = {2 * var:.4f}")
assert abs(D.var() - 4 * var) / (4 * var) < 0.01

# 5. The standard error of a sample mean -------------------------------------------------------
n, reps = 100, 10_000
means = rng.choice(x, size=(reps, n), p=p).mean(axis=1)
se = math.sqrt(var) / math.sqrt(n)
print(f"sd of the mean of n = {n} draws, over {reps:,} repeats = {means.std():.4f}; "
      f"sigma / sqrt(n) = {se:.4f}")
assert abs(means.std() - se) / se < 0.02  # 0.1513
assert abs(means.mean() - mu) < 0.005  # unbiased: E[mean] = mu

# 6. The dot product of random vectors ---------------------------------------------------------
pairs = 20_000
ratios = {}
for d in (4, 16, 64, 256):
    q = rng.standard_normal((pairs, d))
    k = rng.standard_normal((pairs, d))
    s = np.einsum("ij,ij->i", q, k)  # q . k for each pair
    scaled = s / math.sqrt(d)
    ratios[d] = s.var() / d
    print(f"d = {d:>3}: mean q.k = {s.mean():+.3f}, Var(q.k) = {s.var():7.2f} "
          f"(d = {d}), sd = {s.std():5.2f}; Var(q.k / sqrt(d)) = {scaled.var():.3f}")
    assert abs(s.mean()) < 0.05 * math.sqrt(d)
    assert abs(s.var() / d - 1) < 0.03
    assert abs(scaled.var() - 1) < 0.03
# At d = 64, the width of a head in the base Transformer, the unscaled sd is sqrt(64) = 8;
# at d = 512 it is about 22.6 (the demo's failure case).
print(f"sd(q.k) = sqrt(d): {math.sqrt(64):.0f} at d = 64, {math.sqrt(512):.1f} at d = 512")
assert math.sqrt(64) == 8.0 and round(math.sqrt(512), 1) == 22.6
print("Var(q.k) / d:", ", ".join(f"{r:.3f}" for r in ratios.values()))

print("OK: exact moments, linearity without independence, a^2 scaling, "
      "variances of independent sums add, sigma/sqrt(n), Var(q.k) = d")
