"""Witness for the direct-preference-optimization notebook.

Checks what the Math section says, in the same order, on small discrete response sets where every
sum over responses can be done exactly:

1. the KL-regularised objective J(pi) = E_pi[r] - beta KL(pi || pi_ref) is maximised by the closed
   form pi*(y) = pi_ref(y) exp(r(y) / beta) / Z: no random policy beats it, the gap is exactly
   beta KL(pi || pi*), and the maximum is beta log Z;
2. inverting it: the implied reward beta log(pi* / pi_ref) equals r minus beta log Z, a constant
   per prompt, and Z cancels in every Bradley-Terry difference;
3. the DPO loss of any policy equals the Bradley-Terry loss of its implied reward, and at pi* it
   equals the Bradley-Terry loss of the true reward;
4. the gradient of the DPO loss for a softmax policy, weighted by sigma(r_hat_l - r_hat_w),
   against central finite differences;
5. DPO fitted by gradient descent on sampled preferences recovers pi* closely.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(1)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log1p_exp(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def kl(p, q):
    return float((p * np.log(p / q)).sum())


def objective(pi, r, pi_ref, beta):
    """J(pi) = sum_y pi(y) r(y) - beta KL(pi || pi_ref) for one prompt."""
    return float((pi * r).sum()) - beta * kl(pi, pi_ref)


beta = 0.5
# two prompts, four responses each: reference policy and true reward
pi_ref = np.array([[0.40, 0.30, 0.20, 0.10],
                   [0.25, 0.25, 0.25, 0.25]])
r_star = np.array([[0.0, 1.0, 0.5, 2.0],
                   [3.0, 2.5, 1.0, 0.0]])
P, K = r_star.shape

# 1. The closed-form optimum ------------------------------------------------------------------
Z = (pi_ref * np.exp(r_star / beta)).sum(axis=1, keepdims=True)
pi_star = pi_ref * np.exp(r_star / beta) / Z
print(f"beta = {beta}")
for p in range(P):
    print(f"prompt {p}: pi_ref = {pi_ref[p]}, r = {r_star[p]}")
    print(f"          pi*   = {np.round(pi_star[p], 3)}, beta log Z = {beta * math.log(Z[p, 0]):.3f}")
worst_gap, gap_err = math.inf, 0.0
for p in range(P):
    j_star = objective(pi_star[p], r_star[p], pi_ref[p], beta)
    assert math.isclose(j_star, beta * math.log(Z[p, 0]), rel_tol=1e-12)
    for _ in range(10_000):
        pi = rng.dirichlet(np.full(K, 0.5))
        pi = np.clip(pi, 1e-12, None)
        pi /= pi.sum()
        gap = j_star - objective(pi, r_star[p], pi_ref[p], beta)
        worst_gap = min(worst_gap, gap)
        gap_err = max(gap_err, abs(gap - beta * kl(pi, pi_star[p])))
print(f"20,000 random policies: smallest J(pi*) - J(pi) = {worst_gap:.2e} (never negative)")
print(f"J(pi*) - J(pi) = beta KL(pi || pi*) to within {gap_err:.1e}")
assert worst_gap > 0 and gap_err < 1e-9
print(f"prompt 0: J(pi*) = {objective(pi_star[0], r_star[0], pi_ref[0], beta):.3f}, "
      f"J(pi_ref) = {objective(pi_ref[0], r_star[0], pi_ref[0], beta):.3f}, "
      f"J(best response alone) = {objective(np.eye(K)[3] * (1 - 3e-12) + 1e-12, r_star[0], pi_ref[0], beta):.3f}")
assert round(objective(pi_star[0], r_star[0], pi_ref[0], beta), 3) == 1.077
assert round(objective(pi_ref[0], r_star[0], pi_ref[0], beta), 3) == 0.600
assert round(objective(np.eye(K)[3] * (1 - 3e-12) + 1e-12, r_star[0], pi_ref[0], beta), 3) == 0.849

# 2. The implied reward -------------------------------------------------------------------------
r_hat = beta * np.log(pi_star / pi_ref)
offset = r_star - r_hat
print(f"r - beta log(pi*/pi_ref) per prompt: {np.round(offset, 6).tolist()}")
assert np.allclose(offset, beta * np.log(Z), atol=1e-12)
assert np.ptp(offset[0]) < 1e-12 and np.ptp(offset[1]) < 1e-12
assert abs(offset[0, 0] - offset[1, 0]) > 0.1  # different constants for different prompts


# 3. DPO loss = Bradley-Terry loss of the implied reward ---------------------------------------
def dpo_loss(logpi, logref, w, l, beta):
    h = (logpi[w] - logref[w]) - (logpi[l] - logref[l])
    return float(log1p_exp(-beta * h))


def bt_loss(r, w, l):
    return float(log1p_exp(-(r[w] - r[l])))


max_diff = 0.0
for _ in range(1000):
    pi = rng.dirichlet(np.ones(K))
    p = rng.integers(P)
    w, l = rng.choice(K, 2, replace=False)
    implied = beta * np.log(pi / pi_ref[p])
    max_diff = max(max_diff, abs(dpo_loss(np.log(pi), np.log(pi_ref[p]), w, l, beta) - bt_loss(implied, w, l)))
diffs_star = [abs(dpo_loss(np.log(pi_star[p]), np.log(pi_ref[p]), w, l, beta) - bt_loss(r_star[p], w, l))
              for p in range(P) for w in range(K) for l in range(K) if w != l]
print(f"DPO loss vs Bradley-Terry loss of the implied reward, 1,000 random policies: {max_diff:.1e}")
print(f"DPO loss of pi* vs Bradley-Terry loss of the true reward, all 24 ordered pairs: {max(diffs_star):.1e}")
assert max_diff < 1e-12 and max(diffs_star) < 1e-12
l01 = dpo_loss(np.log(pi_star[0]), np.log(pi_ref[0]), 3, 0, beta)
print(f"prompt 0, y_w = response 3, y_l = response 0: DPO loss of pi* = {l01:.3f} = -log sigma(2)")
assert math.isclose(l01, math.log1p(math.exp(-2.0)), rel_tol=1e-12)


# 4. Gradient for a softmax policy --------------------------------------------------------------
def softmax(t):
    e = np.exp(t - t.max())
    return e / e.sum()


def dpo_grad(theta, logref, w, l, beta):
    """dL/dtheta = -beta sigma(-beta h) (grad log pi(y_w) - grad log pi(y_l)), grad log pi(y) = e_y - pi.
    sigma(-beta h) = sigma(r_hat(y_l) - r_hat(y_w)): large when the implied reward orders the pair wrongly."""
    pi = softmax(theta)
    h = (math.log(pi[w]) - logref[w]) - (math.log(pi[l]) - logref[l])
    weight = sigmoid(-beta * h)
    e = np.eye(len(theta))
    return -beta * weight * (e[w] - e[l]), weight


theta = rng.normal(size=K)
logref = np.log(pi_ref[0])
w, l = 1, 2
g, weight = dpo_grad(theta, logref, w, l, beta)
fd = np.zeros(K)
hh = 1e-6
for k in range(K):
    d = np.zeros(K)
    d[k] = hh
    fd[k] = (dpo_loss(np.log(softmax(theta + d)), logref, w, l, beta)
             - dpo_loss(np.log(softmax(theta - d)), logref, w, l, beta)) / (2 * hh)
print(f"DPO gradient vs central differences: largest difference {np.abs(g - fd).max():.1e} "
      f"(pair weight sigma(r_hat_l - r_hat_w) = {weight:.3f})")
assert np.abs(g - fd).max() < 1e-9

# 5. DPO by gradient descent on sampled preferences ---------------------------------------------
N = 20000
theta = np.log(pi_ref).copy()  # start at the reference policy
data = []
for p in range(P):
    for _ in range(N):
        i, j = rng.choice(K, 2, replace=False)
        if rng.random() < sigmoid(r_star[p, i] - r_star[p, j]):
            data.append((p, i, j))
        else:
            data.append((p, j, i))
data = np.array(data)
counts = np.zeros((P, K, K))
np.add.at(counts, (data[:, 0], data[:, 1], data[:, 2]), 1.0)
counts /= len(data)
logref_all = np.log(pi_ref)
for step in range(3000):
    G = np.zeros_like(theta)
    for p in range(P):
        logpi = np.log(softmax(theta[p]))
        rh = beta * (logpi - logref_all[p])
        wgt = sigmoid(rh[None, :] - rh[:, None]) * counts[p]  # [w, l]: sigma(r_hat_l - r_hat_w)
        G[p] = -beta * (wgt.sum(axis=1) - wgt.sum(axis=0))
    theta -= 2.0 * G
pi_dpo = np.array([softmax(t) for t in theta])
tv = 0.5 * np.abs(pi_dpo - pi_star).sum(axis=1)
print("DPO policy after 3,000 steps on 40,000 sampled pairs:")
for p in range(P):
    print(f"  prompt {p}: {np.round(pi_dpo[p], 3)} vs pi* {np.round(pi_star[p], 3)}, total variation {tv[p]:.3f}")
assert tv.max() < 0.03
