"""Witness for the Adam optimizer notebook.

Checks what the Math section says, each time against an independent computation:

1. Adam exactly as Algorithm 1 of Kingma & Ba (2014) writes it, step by step on the lab's bowl, with
   the paper's defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8: the first step moves every coordinate
   by alpha against the sign of its gradient, whatever the gradient's size;
2. under a constant gradient the zero-started averages are short by exactly (1 - beta^t), so the
   bias-corrected m_hat and v_hat equal g and g^2 at every step; without the correction the first
   step would be 3.16 times alpha;
3. rescaling the loss by c leaves Adam's path unchanged up to eps, and the invariance breaks only
   when the gradients shrink to the size of eps;
4. Adam + L2 (decay added to the gradient) and AdamW (decay applied to the weights) differ when two
   parameters see gradients of different scale: AdamW shrinks both by the same factor, Adam + L2
   shrinks the one with small gradients far more;
5. the step counts the descent lab shows for Adam on its bowl.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)
beta1, beta2, eps = 0.9, 0.999, 1e-8  # Algorithm 1's defaults

lam_bowl = np.array([1.0, 10.0])  # the lab's bowl f = (x^2 + 10 y^2) / 2
grad_bowl = lambda th: lam_bowl * th  # noqa: E731
loss_bowl = lambda th: float((lam_bowl * th * th).sum() / 2)  # noqa: E731


def adam(grad, theta0, alpha, steps, weight_decay=0.0, decoupled=False, record=False):
    """Algorithm 1 of Kingma & Ba, line by line; optional L2 (in the gradient) or decoupled decay."""
    theta = np.array(theta0, dtype=float)
    m = np.zeros_like(theta)  # 1st moment vector
    v = np.zeros_like(theta)  # 2nd moment vector
    log = []
    for t in range(1, steps + 1):
        g = grad(theta)
        if weight_decay and not decoupled:
            g = g + weight_decay * theta  # Adam + L2: the decay goes through m and v
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        step = alpha * m_hat / (np.sqrt(v_hat) + eps)
        if weight_decay and decoupled:
            step = step + alpha * weight_decay * theta  # AdamW: decay the weights directly, outside m and v
        theta = theta - step
        if record:
            log.append((t, g.copy(), m.copy(), v.copy(), m_hat.copy(), v_hat.copy(), theta.copy()))
    return (theta, log) if record else theta


# 1. Algorithm 1 step by step -------------------------------------------------------
theta0, alpha = np.array([-2.0, 0.8]), 0.1
_, log = adam(grad_bowl, theta0, alpha, 3, record=True)
print("t  g                m                  v                      m_hat            v_hat            theta")
for t, g, m, v, mh, vh, th in log:
    print(f"{t}  {np.round(g, 4)}  {np.round(m, 5)}  {np.round(v, 7)}  {np.round(mh, 4)}  {np.round(vh, 4)}  {np.round(th, 5)}")
t1 = log[0]
assert np.allclose(t1[1], [-2.0, 8.0])
assert np.allclose(t1[4], t1[1]) and np.allclose(t1[5], t1[1] ** 2)  # m_hat_1 = g_1, v_hat_1 = g_1^2
assert np.allclose(t1[6], [-1.9, 0.7], atol=1e-9)  # alpha = 0.1 in each coordinate, against sign(g)
print("first step from (-2, 0.8): gradient (-2, 8), Adam moves to (-1.9, 0.7): 0.1 in each coordinate")
# gradient descent's first step would be 4 times longer across the valley than along it
assert np.allclose(np.abs(grad_bowl(theta0)) / np.abs(grad_bowl(theta0)).min(), [1, 4])

# The figure: 12 steps from (-2, 0.8); Adam alpha = 0.1 walks the diagonal, gradient descent eta = 0.15 zigzags
th12 = adam(grad_bowl, theta0, 0.1, 12)
gd1 = theta0 - 0.15 * grad_bowl(theta0)
print(f"figure: Adam after 12 steps at ({th12[0]:.2f}, {th12[1]:.2f}); gradient descent's first step lands on "
      f"({gd1[0]:.1f}, {gd1[1]:.1f})")
assert np.allclose(np.round(th12, 2), [-0.84, -0.18]) and np.allclose(gd1, [-1.7, -0.4])

# 2. Bias correction restores a constant gradient exactly ----------------------------
g = np.array([3.0, -0.02, 500.0])
m, v = np.zeros(3), np.zeros(3)
for t in range(1, 51):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    assert np.allclose(m, (1 - beta1 ** t) * g, rtol=1e-12)  # the average is short by (1 - beta1^t)
    assert np.allclose(m / (1 - beta1 ** t), g, rtol=1e-12)
    assert np.allclose(v / (1 - beta2 ** t), g * g, rtol=1e-12)
print(f"after 50 steps of a constant gradient, m = {1 - beta1 ** 50:.4f} g and v = {1 - beta2 ** 50:.4f} g^2 "
      "before correction; m_hat = g and v_hat = g^2 exactly after it")
uncorrected_first = (1 - beta1) / math.sqrt(1 - beta2)  # m_1 / sqrt(v_1) for any g, in units of alpha
print(f"without correction the first step would be {uncorrected_first:.2f} alpha; with it, 1 alpha")
assert round(uncorrected_first, 2) == 3.16
# after 1,000 steps v is still 37 % short without correction: 1 - 0.999^1000 = 0.632
assert round(1 - beta2 ** 1000, 3) == 0.632

# 3. Invariance to rescaling the loss -------------------------------------------------
base = adam(grad_bowl, theta0, 0.05, 200)
print("loss scaled by c: largest change in theta after 200 steps")
for c in (1e-3, 1.0, 1e3, 1e6):
    th = adam(lambda x, c=c: c * grad_bowl(x), theta0, 0.05, 200)
    d = np.abs(th - base).max()
    print(f"  c = {c:.0e}: {d:.1e}")
    assert d < 1e-5
tiny = adam(lambda x: 1e-9 * grad_bowl(x), theta0, 0.05, 200)
print(f"  c = 1e-09 (gradients near eps): {np.abs(tiny - base).max():.2f} -- the invariance is gone")
assert np.abs(tiny - base).max() > 0.1
# plain gradient descent is not invariant: scaling the loss by c scales every step by c
assert not np.allclose(theta0 - 0.05 * 1e3 * grad_bowl(theta0), theta0 - 0.05 * grad_bowl(theta0))

# 4. AdamW vs Adam + L2 when gradient scales differ ------------------------------------
# Two parameters, both starting at 1, whose loss gradients are pure noise of very different size:
# scale 10 for the first and 0.01 for the second. Same noise for every run, so differences are the decay.
T, a, wd = 1000, 0.001, 0.1
scales = np.array([10.0, 0.01])
noise = rng.standard_normal((T + 1, 2)) * scales
counter = {"t": 0}


def noisy(theta):
    counter["t"] += 1
    return noise[counter["t"] - 1].copy()


def run(**kw):
    counter["t"] = 0
    return adam(noisy, [1.0, 1.0], a, T, **kw)


no_decay = run()
l2 = run(weight_decay=wd)
adamw = run(weight_decay=wd, decoupled=True)
shrink_l2 = no_decay - l2  # how far the decay pulled each weight down
shrink_w = no_decay - adamw
print(f"1,000 steps, alpha = {a}, lambda = {wd}, gradient noise scales {scales}:")
print(f"  pulled towards 0 by the decay, Adam + L2: {np.round(shrink_l2, 4)}")
print(f"  pulled towards 0 by the decay, AdamW    : {np.round(shrink_w, 4)}")
expected_w = 1 - (1 - a * wd) ** T  # a weight held at 1 would shrink by this much: about 0.095
# AdamW: both weights are pulled in by about the same amount, whatever their gradient scale
assert np.allclose(shrink_w, expected_w, rtol=0.1) and abs(shrink_w[0] / shrink_w[1] - 1) < 0.1
# Adam + L2: the decay goes through the normalisation, so the small-gradient weight is pulled in
# about 74 times harder than the large-gradient one
assert round(shrink_l2[0], 3) == 0.010 and round(shrink_l2[1], 2) == 0.76
assert 70 < shrink_l2[1] / shrink_l2[0] < 80
print(f"  AdamW: both shrink by about 1 - (1 - alpha lambda)^T = {expected_w:.4f}; Adam + L2 pulls the "
      f"small-gradient weight {shrink_l2[1] / shrink_l2[0]:.0f}x harder than the large-gradient one")


# 5. The lab's bowl -------------------------------------------------------------------
def steps_to_tolerance(alpha, steps=1000):
    theta = np.array([-2.0, 0.8])
    m, v = np.zeros(2), np.zeros(2)
    for t in range(1, steps + 1):
        g = grad_bowl(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        theta = theta - alpha * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
        if loss_bowl(theta) <= 1e-4:
            return t
    return None


counts = {al: steps_to_tolerance(al) for al in (0.05, 0.1, 0.2)}
print("lab's bowl from (-2, 0.8), steps to loss 1e-4 for alpha 0.05, 0.1, 0.2:", counts)
assert counts == {0.05: 103, 0.1: 83, 0.2: 67}

print("OK: Algorithm 1 reproduced; bias correction exact for a constant gradient; scale-invariant up to eps; "
      "AdamW and Adam + L2 differ")
