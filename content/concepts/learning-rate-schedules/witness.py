"""Witness for the learning-rate schedules notebook.

Checks what the Math section says:

1. the schedules as formulas: linear warmup then cosine decay with Kaplan et al.'s settings (3,000
   warmup steps of 250,000), the Wide ResNet step decay reproduced in the SGDR paper, and the
   Transformer's warmup then inverse-square-root schedule (peak at step 4,000);
2. why decay: on a quadratic with one steep and one flat direction and noisy gradients, the exact
   expected excess loss after 2,000 steps for constant rates, step decay, cosine and linear decay and
   1/(t + 1), using the recursion of the SGD notebook, checked once by simulation;
3. why warmup with Adam: on pure-noise gradients Adam's first update moves every coordinate by
   exactly alpha whatever the gradient's scale, about four times its typical later size, and a linear
   warmup holds it down.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)

# 1. The schedules ---------------------------------------------------------------------------------
S, W = 250_000, 3_000  # Kaplan et al. 2020, section 2.2


def warmup_cosine(t, W=W, S=S, r=0.0):
    """eta_t / eta_max: linear warmup for W steps, then cosine from 1 down to r at step S."""
    if W > 0 and t < W:
        return t / W
    progress = min(1.0, max(0.0, (t - W) / (S - W)))
    return r + 0.5 * (1 - r) * (1 + math.cos(math.pi * progress))


mid = W + (S - W) // 2
print(f"warmup + cosine (W = {W}, S = {S}): t = 1,500 -> {warmup_cosine(1500):.3f}, t = {W} -> {warmup_cosine(W):.3f}, "
      f"t = {mid:,} -> {warmup_cosine(mid):.4f}, t = 100,000 -> {warmup_cosine(100_000):.4f}, t = S -> {warmup_cosine(S):.3f}")
assert warmup_cosine(1500) == 0.5 and warmup_cosine(W) == 1.0
assert math.isclose(warmup_cosine(mid), 0.5, abs_tol=1e-12) and round(warmup_cosine(100_000), 4) == 0.6654
assert math.isclose(warmup_cosine(S), 0.0, abs_tol=1e-15)


def step_decay(epoch, eta0=0.1, gamma=0.2, drops=(60, 120, 160)):
    return eta0 * gamma ** sum(epoch >= e for e in drops)


rates = [step_decay(e) for e in (0, 60, 120, 160)]
print("step decay (0.1, x0.2 at epochs 60, 120, 160):", ", ".join(f"{r:g}" for r in rates))
assert np.allclose(rates, [0.1, 0.02, 0.004, 0.0008])


def transformer_rate(step, d_model=512, warmup=4000):
    """Vaswani et al. 2017, section 5.3: d^-0.5 * min(step^-0.5, step * warmup^-1.5)."""
    return d_model**-0.5 * min(step**-0.5, step * warmup**-1.5)


steps = np.arange(1, 100_001)
tr = np.array([transformer_rate(s) for s in steps])
peak_step = int(steps[np.argmax(tr)])
print(f"Transformer schedule: peak {tr.max():.3e} at step {peak_step}, {transformer_rate(16_000):.3e} at 16,000 (half the peak)")
assert peak_step == 4000 and round(tr.max(), 7) == 6.988e-4
assert math.isclose(transformer_rate(16_000), tr.max() / 2, rel_tol=1e-12)  # 1/sqrt(step): 4x the steps, half the rate

# 2. Why decay: a fixed budget on a quadratic with a steep and a flat direction ------------------
lam = np.array([1.0, 0.01])  # curvatures; the stability limit is 2 / 1 = 2
sigma2 = 1.0  # gradient-noise variance per coordinate, batch of one
e0 = np.array([10.0, 10.0])
T, peak = 2000, 0.5
t = np.arange(T)


def expected_excess(etas):
    """Exact E[f] - f* after the schedule: E[e^2] <- (1 - eta lam)^2 E[e^2] + eta^2 sigma2, per direction."""
    v = e0**2
    for eta in etas:
        v = (1 - eta * lam) ** 2 * v + eta**2 * sigma2
    return float(np.sum(lam * v) / 2)


schedules = {
    "constant 0.5": np.full(T, peak),
    "constant 0.05": np.full(T, peak / 10),
    "step: x0.1 at 50 % and 75 %": np.where(t < T // 2, peak, np.where(t < 3 * T // 4, peak / 10, peak / 100)),
    "cosine 0.5 -> 0": peak * 0.5 * (1 + np.cos(np.pi * t / T)),
    "linear 0.5 -> 0": peak * (1 - t / T),
    "1/(t+1), capped at 0.5": np.minimum(peak, 1 / (t + 1)),
}
result = {name: expected_excess(etas) for name, etas in schedules.items()}
print(f"\nexpected excess loss after {T} steps (start 10 from the minimum in both directions, curvatures 1 and 0.01):")
for name, value in result.items():
    print(f"  {name:30s} {value:.4f}")
floor = sum(peak * sigma2 / (2 * (2 - peak * l)) for l in lam)  # the SGD notebook's floor, per direction
assert math.isclose(result["constant 0.5"], floor, rel_tol=1e-6)
assert round(result["constant 0.5"], 4) == 0.2920 and round(result["constant 0.05"], 4) == 0.0913
assert round(result["cosine 0.5 -> 0"], 4) == 0.0405 and round(result["linear 0.5 -> 0"], 4) == 0.0386
assert round(result["step: x0.1 at 50 % and 75 %"], 4) == 0.0784 and round(result["1/(t+1), capped at 0.5"], 4) == 0.4330
best_constant = min(result["constant 0.5"], result["constant 0.05"])
assert result["cosine 0.5 -> 0"] < best_constant / 2 and result["linear 0.5 -> 0"] < best_constant / 2
# 1/(t+1) is too cautious for the flat direction: the error there keeps most of its start.
v_flat = e0[1] ** 2 * np.prod((1 - schedules["1/(t+1), capped at 0.5"] * lam[1]) ** 2)
print(f"with 1/(t+1) the flat direction still holds {math.sqrt(v_flat):.2f} of its starting error 10 (noise aside)")
assert 9 < math.sqrt(v_flat) < 9.5

# The recursion against a simulation of 20,000 runs of the cosine schedule.
chains = 10_000
x = np.tile(e0, (chains, 1))
for eta in schedules["cosine 0.5 -> 0"]:
    x = x - eta * (lam * x + rng.standard_normal((chains, 2)) * math.sqrt(sigma2))
simulated = float(np.mean(np.sum(lam * x**2, axis=1) / 2))
print(f"cosine schedule simulated over {chains:,} runs: {simulated:.4f} (recursion {result['cosine 0.5 -> 0']:.4f})")
assert abs(simulated / result["cosine 0.5 -> 0"] - 1) < 0.03

# 3. Why warmup with Adam: its first steps are full size -------------------------------------------
alpha, beta1, beta2, eps = 1.0, 0.9, 0.999, 1e-8
n = 20_000  # coordinates, each seeing pure noise: gradients with mean 0
for scale in (1e-2, 1.0, 1e2):
    g = rng.standard_normal(n) * scale
    m_hat = (1 - beta1) * g / (1 - beta1)
    v_hat = (1 - beta2) * g**2 / (1 - beta2)
    step = alpha * m_hat / (np.sqrt(v_hat) + eps)
    # every coordinate moves by alpha, except the few whose gradient is smaller than epsilon itself
    assert np.mean(np.isclose(np.abs(step), alpha, rtol=1e-3)) > 0.999
print("\nAdam's first update moves 99.9 % of coordinates by alpha (to 0.1 %), for gradients of scale 0.01, 1 and 100 alike")

m = np.zeros(n)
v = np.zeros(n)
sizes = {}
for k in range(1, 1001):
    g = rng.standard_normal(n)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    upd = (m / (1 - beta1**k)) / (np.sqrt(v / (1 - beta2**k)) + eps)
    if k in (1, 10, 100, 1000):
        sizes[k] = float(np.sqrt(np.mean(upd**2)))
print("RMS update per coordinate on pure noise: " + ", ".join(f"step {k}: {s:.3f}" for k, s in sizes.items()))
assert math.isclose(sizes[1], 1.0, rel_tol=1e-6)
assert 0.2 < sizes[1000] < 0.26 and sizes[1] / sizes[1000] > 3.8
ref = math.sqrt((1 - beta1) / (1 + beta1))  # spread of an exponential average of unit noise
print(f"  late steps approach sqrt((1 - b1)/(1 + b1)) = {ref:.3f}; a linear warmup of 1,000 steps scales step 1 by 1/1000")
assert abs(sizes[1000] - ref) < 0.02

print("\nOK: schedules match their formulas; decaying to zero beats any constant rate on a fixed budget; "
      "Adam's first steps are full size, which warmup holds down")
