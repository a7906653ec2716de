"""Witness for the RLHF notebook.

Checks what the Math section says, in the same order, on a prompt with five possible responses:

1. the KL-regularised objective J(pi) = E_pi[r] - beta KL(pi || pi_ref) equals
   beta log Z - beta KL(pi || pi*), so its unique maximiser is pi* = pi_ref exp(r / beta) / Z
   and its maximum is beta log Z (checked on random policies);
2. exact policy-gradient ascent on J, with pi = softmax(theta) started at pi_ref, converges to
   pi*; its gradient is pi_k (R_k - E_pi[R]) with the penalised reward R = r - beta log(pi/pi_ref);
   a sampled (REINFORCE) version with a batch of responses lands on pi* too;
3. the beta sweep: as beta -> 0, pi* collapses onto the best response (E[r] -> max r, KL -> -log
   pi_ref(best)); as beta grows, pi* stays at pi_ref (KL -> 0, E[r] -> E_ref[r]);
4. the demo's numbers: a uniform reference makes pi* = softmax(r / beta), the lab's softmax with
   temperature T = beta.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# Five responses to one prompt: the reference (SFT) policy and the reward model's scores.
pi_ref = np.array([0.40, 0.30, 0.15, 0.10, 0.05])
r = np.array([0.0, 0.5, 1.0, 0.2, 1.5])
BETA = 0.5


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def kl(p, q):
    """KL(p || q) in nats; terms with p = 0 contribute 0."""
    m = p > 0
    return float((p[m] * np.log(p[m] / q[m])).sum())


def objective(pi, beta):
    """J(pi) = E_pi[r] - beta KL(pi || pi_ref)."""
    return float(pi @ r) - beta * kl(pi, pi_ref)


def optimum(beta):
    """pi*(y) = pi_ref(y) exp(r(y) / beta) / Z, computed in log space; also returns log Z."""
    logits = np.log(pi_ref) + r / beta
    m = logits.max()
    log_z = m + math.log(np.exp(logits - m).sum())
    return np.exp(logits - log_z), log_z


# 1. The closed form -----------------------------------------------------------------------
pi_star, log_z = optimum(BETA)
print(f"pi_ref = {pi_ref}, r = {r}, beta = {BETA}")
print(f"  pi*  = {np.round(pi_star, 3)}  (sum {pi_star.sum():.6f})")
print(f"  max J = beta log Z = {BETA * log_z:.4f}; J(pi*) = {objective(pi_star, BETA):.4f}")
assert math.isclose(objective(pi_star, BETA), BETA * log_z, rel_tol=1e-12)
worst_gap = math.inf
for _ in range(10_000):
    pi = rng.dirichlet(np.ones(5) * rng.choice([0.2, 1.0, 5.0]))
    pi = np.clip(pi, 1e-300, None)
    pi /= pi.sum()
    lhs = objective(pi, BETA)
    rhs = BETA * log_z - BETA * kl(pi, pi_star)  # the identity of the Math section
    assert math.isclose(lhs, rhs, rel_tol=1e-9, abs_tol=1e-9)
    worst_gap = min(worst_gap, BETA * log_z - lhs)
print(f"  on 10,000 random policies J = beta log Z - beta KL(pi || pi*); "
      f"smallest shortfall below the maximum {worst_gap:.2e}")
assert worst_gap > 0
print(f"  at pi*: E[r] = {pi_star @ r:.3f} (pi_ref: {pi_ref @ r:.3f}), "
      f"KL(pi* || pi_ref) = {kl(pi_star, pi_ref):.3f} nats")
assert [round(x, 3) for x in pi_star] == [0.115, 0.235, 0.319, 0.043, 0.289]
assert round(float(pi_star @ r), 3) == 0.878 and round(float(pi_ref @ r), 3) == 0.395
assert round(kl(pi_star, pi_ref), 3) == 0.509


# 2. Policy-gradient ascent ----------------------------------------------------------------
def grad(theta, beta):
    """dJ/dtheta for pi = softmax(theta): pi_k (R_k - E_pi[R]), R = r - beta log(pi / pi_ref)."""
    pi = softmax(theta)
    big_r = r - beta * np.log(pi / pi_ref)
    return pi * (big_r - pi @ big_r)


theta = np.log(pi_ref).copy()
# check the formula against finite differences once
h = 1e-6
fd = np.array([(objective(softmax(theta + h * e), BETA) - objective(softmax(theta - h * e), BETA))
               / (2 * h) for e in np.eye(5)])
assert np.allclose(fd, grad(theta, BETA), atol=1e-8)
LR = 1.0
print("exact policy-gradient ascent, lr = 1, from pi = pi_ref:")
for step in range(1, 2001):
    theta += LR * grad(theta, BETA)
    if step == 100:
        at_100 = np.abs(softmax(theta) - pi_star).max()
    if step in (1, 10, 100, 2000):
        pi = softmax(theta)
        print(f"  step {step:>4}: E[r] = {pi @ r:.3f}, KL = {kl(pi, pi_ref):.3f}, "
              f"J = {objective(pi, BETA):.4f}, max |pi - pi*| = {np.abs(pi - pi_star).max():.1e}")
pi_pg = softmax(theta)
assert at_100 < 2e-3 and np.abs(pi_pg - pi_star).max() < 1e-12

# Sampled version: REINFORCE with the penalised reward of each sampled response and a mean baseline.
theta = np.log(pi_ref).copy()
BATCH, STEPS, LR_S = 256, 3000, 0.5
for step in range(STEPS):
    pi = softmax(theta)
    ys = rng.choice(5, size=BATCH, p=pi)
    big_r = r[ys] - BETA * np.log(pi[ys] / pi_ref[ys])  # per-sample KL-penalised reward
    adv = big_r - big_r.mean()
    g = np.zeros(5)
    for y, a in zip(ys, adv):
        g += a * (np.eye(5)[y] - pi)  # grad of log pi(y) w.r.t. theta, times the advantage
    theta += LR_S * g / BATCH
pi_s = softmax(theta)
tv = 0.5 * np.abs(pi_s - pi_star).sum()
print(f"REINFORCE, {BATCH} samples a step, {STEPS} steps: pi = {np.round(pi_s, 3)}, "
      f"total variation from pi* {tv:.1e}")
assert tv < 1e-9
# Why the sampled run lands exactly: at pi* the penalised reward is the same for every response
# (it equals beta log Z), so every advantage is 0 and the sampled gradient vanishes.
R_star = r - BETA * np.log(pi_star / pi_ref)
print(f"  penalised reward at pi*: {np.round(R_star, 4)} = beta log Z = {BETA * log_z:.4f}")
assert np.ptp(R_star) < 1e-12 and np.allclose(R_star, BETA * log_z)

# 3. The beta sweep ------------------------------------------------------------------------
print("beta sweep (pi* in closed form):")
best = int(np.argmax(r))
sweep = {}
for beta in (0.01, 0.1, 0.5, 2.0, 10.0, 1000.0):
    p, _ = optimum(beta)
    sweep[beta] = (float(p @ r), kl(p, pi_ref), float(p[best]))
    print(f"  beta = {beta:>7}: E[r] = {p @ r:.3f}, KL = {kl(p, pi_ref):.3f} nats, "
          f"pi*(best) = {p[best]:.3f}")
ers = [v[0] for v in sweep.values()]
kls = [v[1] for v in sweep.values()]
assert all(a > b for a, b in zip(ers, ers[1:])) and all(a > b for a, b in zip(kls, kls[1:]))
assert sweep[0.01][2] > 0.999 and abs(sweep[0.01][1] - math.log(1 / pi_ref[best])) < 0.01
assert round(math.log(1 / pi_ref[best]), 3) == 2.996
assert sweep[1000.0][1] < 1e-5 and abs(sweep[1000.0][0] - pi_ref @ r) < 1e-3
assert round(sweep[0.1][0], 3) == 1.490 and round(sweep[2.0][0], 3) == 0.497
assert round(sweep[0.1][2], 3) == 0.980 and round(sweep[2.0][1], 3) == 0.026

# 4. The demo: uniform reference, so pi* = softmax(r / beta) ------------------------------
r4 = np.array([0.0, 0.5, 1.0, 1.5])
u = np.ones(4) / 4
print("demo: four responses, rewards (0, 0.5, 1, 1.5), uniform reference")
for beta in (0.1, 0.5, 10.0):
    p = softmax(r4 / beta)
    p2 = u * np.exp(r4 / beta)
    assert np.allclose(p, p2 / p2.sum())
    print(f"  beta = T = {beta:>4}: pi* = {np.round(p, 3)}, KL(pi* || uniform) = {kl(p, u):.3f} nats")
p_demo = softmax(r4 / 0.5)
assert round(float(p_demo[-1]), 3) == 0.644 and round(kl(p_demo, u), 3) == 0.439
assert round(float(softmax(r4 / 0.1)[-1]), 3) == 0.993 and round(kl(softmax(r4 / 0.1), u), 3) == 1.346
assert kl(softmax(r4 / 10), u) < 0.02

print("OK: pi* = pi_ref exp(r/beta)/Z maximises E[r] - beta KL; policy gradient reaches it; "
      "small beta collapses onto the argmax, large beta stays at pi_ref")
