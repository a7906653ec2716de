"""Witness for the knowledge-distillation notebook.

Hinton, Vinyals & Dean 2015 (arXiv 1503.02531), section 2: the teacher's logits v and the
student's logits z are both divided by a temperature T before the softmax, p = softmax(v / T),
q = softmax(z / T); the student minimises the cross-entropy of q against the soft targets p,
which differs from KL(p || q) only by the entropy H(p), a constant for the student. Checks:

1. dark knowledge: for teacher logits (6, 2, 1, -2) over dog, cat, car, ship, the wrong classes
   share 2.5 % of the probability at T = 1 but 44 % at T = 4; the log-ratio of two wrong classes
   is (v_i - v_j) / T, so the ranking is kept and only the contrast shrinks;
2. the gradient of the soft loss with respect to a student logit is (q_i - p_i) / T (section 2.1,
   equation 2), the same for the cross-entropy and for the KL divergence, checked by central
   finite differences;
3. the 1/T^2 scaling: for zero-mean logits the soft gradient times T^2 tends to (z_i - v_i) / N
   as T grows (section 2.1, equations 3 and 4, logit matching), so multiplying the soft loss by
   T^2 keeps its gradient comparable across temperatures and with the hard-label term;
4. the combined loss T^2 KL(p_T || q_T) + CE(y, q_1) has the gradient (q_T - p_T) T + (q_1 - e_y)
   (finite differences again);
5. a small distillation run: a student fitted by gradient descent on the combined loss
   ends with softened outputs close to the teacher's, while a student fitted on the hard
   label alone does not learn the order of the wrong classes.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)


def softmax(z, T=1.0):
    z = np.asarray(z, dtype=float) / T
    e = np.exp(z - z.max())
    return e / e.sum()


def entropy(p):
    return -np.sum(p * np.log(p))


def soft_ce(z, v, T):
    """Cross-entropy of the student's softened output against the teacher's soft targets (nats)."""
    return -np.sum(softmax(v, T) * np.log(softmax(z, T)))


def kl(z, v, T):
    p, q = softmax(v, T), softmax(z, T)
    return np.sum(p * np.log(p / q))


def num_grad(f, z, h=1e-6):
    g = np.zeros_like(z)
    for i in range(len(z)):
        e = np.zeros_like(z)
        e[i] = h
        g[i] = (f(z + e) - f(z - e)) / (2 * h)
    return g


# 1. Dark knowledge --------------------------------------------------------------------------
print("--- 1. soft targets: teacher logits (6, 2, 1, -2) for dog, cat, car, ship")
v = np.array([6.0, 2.0, 1.0, -2.0])
for T in (1, 2, 4, 10):
    p = softmax(v, T)
    print(f"T = {T:2d}: p = {np.round(p, 4)}, wrong classes {1 - p[0]:.3f}, "
          f"entropy {entropy(p) / np.log(2):.3f} bits, cat / ship = {p[1] / p[3]:.2f}")
p1, p4 = softmax(v, 1), softmax(v, 4)
assert abs(1 - p1[0] - 0.025) < 0.001 and abs(1 - p4[0] - 0.44) < 0.005
assert abs(p1[1] - 0.018) < 0.001 and abs(p4[1] - 0.206) < 0.001 and abs(p4[0] - 0.559) < 0.001
assert abs(p1[1] / p1[3] - np.exp(4)) < 1e-9 and abs(p4[1] / p4[3] - np.exp(1)) < 1e-9  # (v_i - v_j)/T
assert np.all(np.diff(p4) < 0)  # the order of the classes is kept at every temperature
assert entropy(p4) > entropy(p1)

# 2. The gradient (q - p) / T ----------------------------------------------------------------
print("--- 2. gradient of the soft loss with respect to the student's logits")
worst = 0.0
for _ in range(1000):
    n = rng.integers(2, 11)
    z, vv = rng.normal(0, 3, n), rng.normal(0, 3, n)
    T = rng.uniform(0.5, 20)
    g = (softmax(z, T) - softmax(vv, T)) / T
    g_ce = num_grad(lambda zz: soft_ce(zz, vv, T), z)
    g_kl = num_grad(lambda zz: kl(zz, vv, T), z)
    worst = max(worst, np.abs(g - g_ce).max(), np.abs(g - g_kl).max())
    assert abs(soft_ce(z, vv, T) - kl(z, vv, T) - entropy(softmax(vv, T))) < 1e-9  # CE = H + KL
print(f"1,000 random cases (2 to 10 classes, T from 0.5 to 20): largest gap between (q - p) / T "
      f"and finite differences {worst:.1e}")
assert worst < 1e-6

# 3. The 1 / T^2 scaling and logit matching ---------------------------------------------------
print("--- 3. soft gradient against T, zero-mean logits, N = 4")
z = np.array([3.0, 1.5, 0.5, -1.0])
z -= z.mean()
vz = v - v.mean()
N = len(z)
limit = (z - vz) / N
print(f"student z = {z}, teacher v = {vz}; logit-matching limit (z - v) / N = {limit}")
rows = {}
for T in (1, 2, 5, 10, 100):
    g = (softmax(z, T) - softmax(vz, T)) / T
    rows[T] = (np.linalg.norm(g), np.linalg.norm(g * T**2), np.linalg.norm(g * T**2 - limit))
    print(f"T = {T:3d}: |grad| = {rows[T][0]:.5f}, |T^2 grad| = {rows[T][1]:.4f}, "
          f"|T^2 grad - (z - v)/N| = {rows[T][2]:.4f}")
print(f"|(z - v)/N| = {np.linalg.norm(limit):.4f}")
r = rows[10][0] / rows[100][0]
print(f"|grad| at T = 10 / at T = 100: {r:.0f} (T^2 ratio 100)")
assert 90 < r < 120 and rows[1][0] / rows[100][0] > 1000  # unscaled, the soft gradient vanishes
assert rows[100][2] < 0.03 * np.linalg.norm(limit)        # T^2 grad -> (z - v) / N
assert abs(rows[10][1] / rows[100][1] - 1) < 0.1 and abs(rows[5][1] / rows[100][1] - 1) < 0.2

# 4. The combined loss ------------------------------------------------------------------------
print("--- 4. combined loss T^2 KL(p_T || q_T) + CE(y, q_1)")
y, T = 0, 4.0


def combined(zz):
    return T**2 * kl(zz, v, T) - np.log(softmax(zz)[y])


g_formula = (softmax(z, T) - softmax(v, T)) * T + softmax(z) - np.eye(N)[y]
g_num = num_grad(combined, z)
print(f"formula {np.round(g_formula, 5)}, finite differences {np.round(g_num, 5)}")
assert np.allclose(g_formula, g_num, atol=1e-6)

# 5. A small distillation run -----------------------------------------------------------------
print("--- 5. fitting student logits by gradient descent, 2,000 steps of size 0.1")


def fit(soft_weight, steps=2000, lr=0.1):
    zz = np.zeros(N)
    for _ in range(steps):
        g = softmax(zz) - np.eye(N)[y]
        if soft_weight:
            g = g + soft_weight * (softmax(zz, T) - softmax(v, T)) * T
        zz -= lr * g
    return zz


z_hard, z_dist = fit(0.0), fit(1.0)
for name, zz in (("hard label only", z_hard), ("distilled, T = 4", z_dist)):
    q4 = softmax(zz, T)
    print(f"{name:16s}: logits {np.round(zz - zz.mean(), 2)}, q at T = 4 {np.round(q4, 3)}, "
          f"KL(p_4 || q_4) = {kl(zz, v, T):.4f} nats")
assert kl(z_dist, v, T) < 0.01 < kl(z_hard, v, T)
assert np.all(np.diff(softmax(z_dist, T)) < 0)           # the distilled student keeps the order
assert np.allclose(z_hard[1:], z_hard[1])                # the hard label cannot tell cat from ship
# The same comparison as the demo shows it: Q typed with three decimals, KL in bits.
p4 = softmax(v, T)
for name, zz in (("hard label only", z_hard), ("distilled", z_dist)):
    qr = np.round(softmax(zz, T), 3)
    qr = qr / qr.sum()
    print(f"demo, T = 4, Q = {name}: KL(P || Q) = {np.sum(p4 * np.log2(p4 / qr)):.3f} bits")
kl_h = np.sum(p4 * np.log2(p4 / (np.round(softmax(z_hard, T), 3) / np.round(softmax(z_hard, T), 3).sum())))
assert abs(kl_h - 0.065) < 0.001
print("OK: soft targets keep the order of the wrong classes; gradient (q - p) / T; "
      "T^2 x gradient tends to (z - v) / N")
