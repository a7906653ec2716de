"""Witness for the derivatives notebook.

Follows the Math section in order and checks every claim the page makes:

1. the definition: for f(x) = x^2 at x = 3 the difference quotient is exactly 6 + h, so
   it tends to f'(3) = 6, and the gap of the straight-line approximation is h^2;
2. the rules (sum, power, product, exp, log) against central differences at 41 points,
   with the tempting wrong product rule f'g' failing;
3. the derivatives of the functions networks use: tanh' = 1 - tanh^2,
   sigma' = sigma (1 - sigma) with its peak 1/4 at 0, and the ReLU's kink at 0, where
   the two one-sided slopes are 0 and 1 and a central difference reports their average;
4. the error of forward and central differences for exp at x = 1 on a log grid of steps h:
   slopes 1 and 2 on a log-log plot while truncation dominates, then a floor set by
   floating-point rounding, with the best central step near eps^(1/3).

Baydin et al. 2015 ("Automatic differentiation in machine learning: a survey",
arXiv:1502.05767, section 2.1) describe the same two errors of numerical differentiation,
truncation and round-off.

Run: python3 witness.py
"""
import numpy as np

eps = np.finfo(np.float64).eps  # 2^-52: the gap between 1 and the next float64
H = 1e-5  # finite-difference step for the rule checks


def forward_diff(fn, x, h):
    """(f(x + h) - f(x)) / h: error shrinks like h."""
    return (fn(x + h) - fn(x)) / h


def central_diff(fn, x, h=H):
    """(f(x + h) - f(x - h)) / 2h: error shrinks like h^2."""
    return (fn(x + h) - fn(x - h)) / (2 * h)


# 1. The definition: f(x) = x^2 at x = 3 ---------------------------------------------
def f_sq(x):
    return x**2


x0 = 3.0
print("1. f(x) = x^2 at x = 3: difference quotient (f(3 + h) - f(3)) / h = 6 + h")
for h in [1e-1, 1e-2, 1e-3, 1e-4]:
    q = forward_diff(f_sq, x0, h)
    gap = f_sq(x0 + h) - (f_sq(x0) + 6 * h)  # f(x+h) - [f(x) + f'(x) h]
    print(f"   h = {h:.0e}: quotient = {q:.6f}, quotient - 6 = {q - 6:.1e}, "
          f"gap of the tangent line = {gap:.1e} (h^2 = {h * h:.0e})")
    assert abs((q - 6) - h) < 1e-9
    assert abs(gap - h * h) < 1e-9

# 2. The rules ------------------------------------------------------------------------
xs = np.linspace(0.5, 4.5, 41)  # positive, so that log is defined
rules = {
    "power  (x^3)' = 3x^2": (lambda x: x**3, lambda x: 3 * x**2),
    "sum    (x^3 + e^x)' = 3x^2 + e^x": (lambda x: x**3 + np.exp(x), lambda x: 3 * x**2 + np.exp(x)),
    "exp    (e^x)' = e^x": (np.exp, np.exp),
    "log    (ln x)' = 1/x": (np.log, lambda x: 1 / x),
    "product (x^2 sin x)' = 2x sin x + x^2 cos x": (
        lambda x: x**2 * np.sin(x),
        lambda x: 2 * x * np.sin(x) + x**2 * np.cos(x),
    ),
}
print("2. rules against central differences (h = 1e-5) at 41 points in [0.5, 4.5]")
for name, (fn, dfn) in rules.items():
    err = np.abs(dfn(xs) - central_diff(fn, xs)) / np.maximum(1, np.abs(dfn(xs)))
    print(f"   {name:45s} max relative error {err.max():.1e}")
    assert err.max() < 1e-8
wrong = 2 * xs * np.cos(xs)  # the slip: (f g)' = f' g'
miss = np.abs(wrong - central_diff(lambda x: x**2 * np.sin(x), xs)).max()
print(f"   the slip (f g)' = f' g' = 2x cos x misses by up to {miss:.1f}")
assert miss > 10

# 3. The functions networks use --------------------------------------------------------
us = np.linspace(-4, 4, 81)


def sigma(u):
    return 1 / (1 + np.exp(-u))


tanh_err = np.abs((1 - np.tanh(us) ** 2) - central_diff(np.tanh, us)).max()
sig_err = np.abs(sigma(us) * (1 - sigma(us)) - central_diff(sigma, us)).max()
print(f"3. tanh' = 1 - tanh^2: max error {tanh_err:.1e};  "
      f"sigma' = sigma (1 - sigma): max error {sig_err:.1e}  (81 points in [-4, 4])")
assert tanh_err < 1e-10 and sig_err < 1e-10
sig_slope = sigma(us) * (1 - sigma(us))
print(f"   sigma' peaks at u = {us[sig_slope.argmax()]:.1f} with {sig_slope.max():.4f}; "
      f"at u = 4 it is {sig_slope[-1]:.4f}; tanh' peaks at {(1 - np.tanh(0.0) ** 2):.0f}")
assert us[sig_slope.argmax()] == 0 and sig_slope.max() == 0.25
assert abs(sigma(4.0) * (1 - sigma(4.0)) - 0.0177) < 1e-4


def relu(u):
    return np.maximum(0.0, u)


left = (relu(0.0) - relu(-H)) / H  # slope from the left
right = (relu(H) - relu(0.0)) / H  # slope from the right
centre = central_diff(relu, 0.0)
print(f"   ReLU at 0: slope from the left {left:.0f}, from the right {right:.0f}, "
      f"central difference {centre:.1f} (no derivative exists there)")
assert left == 0 and right == 1 and centre == 0.5

# 4. Forward vs central differences: error against h -----------------------------------
x1 = 1.0
exact = np.exp(x1)  # (e^x)' = e^x
hs = 10.0 ** np.arange(-1, -15.01, -0.25)  # 57 steps, from 1e-1 to 1e-15
err_fwd = np.abs(forward_diff(np.exp, x1, hs) - exact)
err_cen = np.abs(central_diff(np.exp, x1, hs) - exact)
print("4. f = exp at x = 1; |estimate - e| for a few steps h:")
print("        h      forward    central")
for k in [0, 4, 8, 12, 16, 20, 28, 36, 44, 48]:
    print(f"   {hs[k]:8.0e}   {err_fwd[k]:.1e}    {err_cen[k]:.1e}")

# slopes on the log-log plot where truncation dominates: h from 1e-1 to 1e-4
trunc = hs >= 1e-4
slope_fwd = np.polyfit(np.log10(hs[trunc]), np.log10(err_fwd[trunc]), 1)[0]
slope_cen = np.polyfit(np.log10(hs[trunc]), np.log10(err_cen[trunc]), 1)[0]
print(f"   log-log slope for h in [1e-4, 1e-1]: forward {slope_fwd:.2f}, central {slope_cen:.2f}")
assert abs(slope_fwd - 1) < 0.05 and abs(slope_cen - 2) < 0.05

# the floor: the best step and the best error
h_best_fwd, h_best_cen = hs[err_fwd.argmin()], hs[err_cen.argmin()]
print(f"   best forward step {h_best_fwd:.1e} (error {err_fwd.min():.1e}); "
      f"sqrt(eps) = {np.sqrt(eps):.1e}")
print(f"   best central step {h_best_cen:.1e} (error {err_cen.min():.1e}); "
      f"eps^(1/3) = {eps ** (1 / 3):.1e}")
assert 1e-9 <= h_best_fwd <= 1e-7 and err_fwd.min() < 1e-7
assert 1e-7 <= h_best_cen <= 1e-4 and err_cen.min() < 1e-10

# the error model: truncation + rounding, each value of f off by up to eps |f| / 2
h_star = (1.5 * eps * exact / exact) ** (1 / 3)  # minimises h^2 |f'''| / 6 + eps |f| / 2h
bound = h_star**2 * exact / 6 + eps * exact / (2 * h_star)
print(f"   model h^2|f'''|/6 + eps|f|/(2h): best h = (1.5 eps)^(1/3) = {h_star:.1e}, "
      f"error there about {bound:.1e}")
assert 5e-6 < h_star < 1e-5

# too small is worse than too large
k13 = np.argmin(np.abs(np.log10(hs) + 13))
k2 = np.argmin(np.abs(np.log10(hs) + 2))
print(f"   central error at h = 1e-13: {err_cen[k13]:.1e}, "
      f"at h = 1e-2: {err_cen[k2]:.1e}")
assert err_cen[k13] > 1e-4 and err_cen[k13] > 5 * err_cen[k2]  # ten times worse than h = 0.01

print("OK: f'(x) = lim (f(x+h) - f(x))/h; rules = central differences; "
      "forward O(h), central O(h^2), floor near eps^(1/3)")
