"""Witness for the contrastive learning notebook.

Checks what the Math section says, in the same order:

1. InfoNCE written out (van den Oord et al. 2018, arXiv 1807.03748, Eq. 4, with the critic
   exp(cos / tau)) equals softmax cross-entropy with the positive as the label;
2. an untrained (random) encoder scores about log N: within 0.005 nats at tau = 1, a little
   above it at tau = 0.1 (d = 256);
3. the bound I >= log N - L_N on jointly Gaussian data with known mutual information, using the
   optimal critic p(x|c) / p(x): the estimate never exceeds log N or (up to sampling noise) I;
4. the gradient: dL/ds_j = (p_j - y_j) / tau pulls the positive's similarity up and pushes every
   negative's down, checked by central differences in the similarities and in the raw embeddings;
5. temperature: the share of the push that lands on the hardest negative grows as tau falls;
6. the InfoNCE curve of the function explorer: L(m) = log(1 + (N - 1) exp(-m / tau)) when the
   positive beats N - 1 equal negatives by a cosine margin m;
7. CLIP's symmetric loss (Radford et al. 2021, arXiv 2103.00020, Figure 3) and SimCLR's NT-Xent
   (Chen et al. 2020, arXiv 2002.05709, Eq. 1), each computed by loops and by matrices.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def unit(X):
    return X / np.linalg.norm(X, axis=-1, keepdims=True)


def cross_entropy(logits, label):
    """-log softmax(logits)[label], with the largest logit subtracted first."""
    z = logits - logits.max()
    return float(-(z[label] - np.log(np.sum(np.exp(z)))))


def infonce(q, K, tau, pos=0):
    """InfoNCE as written: -log( exp(s_pos / tau) / sum_j exp(s_j / tau) ), s = cosine."""
    s = unit(K) @ unit(q)
    return float(-math.log(math.exp(s[pos] / tau) / np.sum(np.exp(s / tau))))


# 1. InfoNCE is softmax cross-entropy ---------------------------------------------------
d, N, tau = 16, 8, 0.1
q = rng.normal(size=d)
K = rng.normal(size=(N, d))
K[0] = q + 1.5 * rng.normal(size=d)  # candidate 0 is the positive: a perturbed copy of q
s = unit(K) @ unit(q)
L_formula = infonce(q, K, tau)
L_ce = cross_entropy(s / tau, 0)
print(f"N = {N}, tau = {tau}: cosines {np.round(s, 3).tolist()}")
print(f"  InfoNCE by the formula {L_formula:.12f}; softmax cross-entropy {L_ce:.12f}")
assert math.isclose(L_formula, L_ce, rel_tol=1e-12)
assert math.isclose(cross_entropy(s / tau + 3.7, 0), L_ce, rel_tol=1e-12)  # a shift changes nothing

# 2. A random encoder scores about log N -------------------------------------------------
print("random unit vectors in d = 256, 400 anchors each:")
d_rand, M = 256, 400
for tau_r in (1.0, 0.1):
    for N_r in (8, 64, 1024):
        L = []
        for _ in range(M // 50):  # 50 anchors at a time, to keep memory small
            qr = unit(rng.standard_normal((50, d_rand)))
            Kr = unit(rng.standard_normal((50, N_r, d_rand)))
            logits = np.einsum("md,mnd->mn", qr, Kr) / tau_r
            top = logits.max(axis=1, keepdims=True)
            L.append(-(logits[:, 0] - (top[:, 0] + np.log(np.exp(logits - top).sum(axis=1)))))
        L = np.concatenate(L)
        gap = L.mean() - math.log(N_r)
        print(f"  tau = {tau_r:3.1f}, N = {N_r:4d}: mean loss {L.mean():.3f}, log N = "
              f"{math.log(N_r):.3f}, gap {gap:+.3f}")
        if tau_r == 1.0:
            assert abs(gap) < 0.01
        else:
            assert 0.0 < gap < 0.4

# 3. The bound I >= log N - L_N ----------------------------------------------------------
rho, dim = 0.99, 4  # x and c: 4 independent coordinate pairs, each with correlation 0.99
I_true = -0.5 * dim * math.log(1 - rho**2)
print(f"jointly Gaussian (x, c), rho = {rho}, {dim} coordinates: I(x; c) = {I_true:.3f} nats")
estimates = []
for N_b in (2, 16, 256, 4096):
    M_b = 400
    c = rng.standard_normal((M_b, dim))
    x_pos = rho * c + math.sqrt(1 - rho**2) * rng.standard_normal((M_b, dim))
    x_neg = rng.standard_normal((M_b, N_b - 1, dim))  # negatives from p(x), independent of c
    X = np.concatenate([x_pos[:, None, :], x_neg], axis=1)
    # the optimal critic: log f = log p(x | c) - log p(x), up to a constant
    log_f = (-np.sum((X - rho * c[:, None, :]) ** 2, axis=-1) / (2 * (1 - rho**2))
             + np.sum(X**2, axis=-1) / 2)
    top = log_f.max(axis=1, keepdims=True)
    L_N = float(np.mean(-(log_f[:, 0] - (top[:, 0] + np.log(np.exp(log_f - top).sum(axis=1))))))
    est = math.log(N_b) - L_N
    estimates.append(est)
    print(f"  N = {N_b:4d}: log N = {math.log(N_b):.3f}, L_N = {L_N:.3f}, "
          f"log N - L_N = {est:.3f}")
    assert est <= math.log(N_b) + 1e-12  # L_N >= 0, so the bound never exceeds log N
    assert est <= I_true + 0.1  # and it stays below the true information
assert all(a < b for a, b in zip(estimates, estimates[1:]))
print(f"  the largest batch of CLIP, N = 32,768, can certify at most log N = "
      f"{math.log(32768):.3f} nats")
assert round(math.log(32768), 3) == 10.397

# 4. The gradient pulls the positive and pushes the negatives -------------------------
p = np.exp(s / tau - np.max(s / tau))
p /= p.sum()
y = np.zeros(N)
y[0] = 1.0
g_s = (p - y) / tau  # dL/ds_j
h = 1e-6
fd = np.array([(cross_entropy((s + h * np.eye(N)[j]) / tau, 0)
                - cross_entropy((s - h * np.eye(N)[j]) / tau, 0)) / (2 * h) for j in range(N)])
print(f"dL/ds = (p - y)/tau = {np.round(g_s, 4).tolist()}")
print(f"  max error against central differences {np.abs(g_s - fd).max():.1e}")
assert np.abs(g_s - fd).max() < 1e-6
assert g_s[0] < 0 and np.all(g_s[1:] > 0)
assert math.isclose(g_s.sum(), 0.0, abs_tol=1e-12)  # pull and pushes balance

# through the normalization to the raw anchor: ds_j/dq = (k_hat_j - s_j q_hat) / |q|
q_hat, K_hat = unit(q), unit(K)
g_q = ((K_hat - s[:, None] * q_hat[None, :]) / np.linalg.norm(q)).T @ g_s
fd_q = np.zeros(d)
for i in range(d):
    e = np.zeros(d)
    e[i] = h
    fd_q[i] = (infonce(q + e, K, tau) - infonce(q - e, K, tau)) / (2 * h)
print(f"  dL/dq through the cosine: max error against central differences "
      f"{np.abs(g_q - fd_q).max():.1e}")
assert np.abs(g_q - fd_q).max() < 1e-6
q_new = q - 0.05 * g_q  # one small gradient step on the anchor
s_new = unit(K) @ unit(q_new)
L_new = infonce(q_new, K, tau)
neg_before = float(p[1:] @ s[1:] / p[1:].sum())
neg_after = float(p[1:] @ s_new[1:] / p[1:].sum())
print(f"  one step on q: loss {L_formula:.4f} -> {L_new:.4f}; positive cosine "
      f"{s[0]:.4f} -> {s_new[0]:.4f}; weighted negative cosine {neg_before:.4f} -> {neg_after:.4f}")
assert L_new < L_formula and s_new[0] > s[0] and neg_after < neg_before

# 5. Temperature decides which negatives are pushed ---------------------------------------
s_t = np.array([0.8, 0.7, 0.4, 0.1, 0.0, -0.2, -0.5])  # positive first, then negatives
shares = []
for tau_t in (1.0, 0.5, 0.1, 0.05):
    w = np.exp(s_t / tau_t - np.max(s_t / tau_t))
    w /= w.sum()
    share = w[1] / w[1:].sum()  # share of the push on the hardest negative (cosine 0.7)
    shares.append(share)
    print(f"tau = {tau_t:4.2f}: p(positive) = {w[0]:.3f}; share of the push on the hardest "
          f"negative {share:.3f}")
assert all(a < b for a, b in zip(shares, shares[1:]))
assert shares[0] < 0.3 and shares[-1] > 0.99

# 6. The explorer's curve ------------------------------------------------------------------


def infonce_margin(m, tau_m, N_m):
    """Loss when the positive beats N - 1 negatives, all at one cosine, by a margin m."""
    return math.log1p((N_m - 1) * math.exp(-m / tau_m))


for m, tau_m, N_m in ((0.0, 0.1, 64), (0.2, 0.1, 64), (0.5, 0.1, 64), (0.5, 0.5, 64),
                      (0.5, 0.1, 32768)):
    cos_neg = 0.1
    sims = np.array([cos_neg + m] + [cos_neg] * (N_m - 1))
    direct = cross_entropy(sims / tau_m, 0)
    print(f"margin {m}, tau {tau_m}, N {N_m}: L = {infonce_margin(m, tau_m, N_m):.4f} "
          f"(softmax cross-entropy {direct:.4f})")
    assert math.isclose(infonce_margin(m, tau_m, N_m), direct, rel_tol=1e-9)
assert math.isclose(infonce_margin(0.0, 0.1, 64), math.log(64), rel_tol=1e-12)
assert round(infonce_margin(0.5, 0.1, 64), 3) == 0.354
assert round(infonce_margin(0.5, 0.5, 64), 3) == 3.185

# 7. CLIP's symmetric loss and SimCLR's NT-Xent -------------------------------------------
n, d_e = 6, 16
I_e = unit(rng.normal(size=(n, d_e)))  # image embeddings, one row per image
T_e = unit(I_e + 0.3 * rng.normal(size=(n, d_e)))  # text embeddings, each near its image
t = math.log(1 / 0.07)  # CLIP's learned log inverse temperature at its initial value
logits = I_e @ T_e.T * math.exp(t)
loss_img = np.mean([cross_entropy(logits[i, :], i) for i in range(n)])  # each image picks a text
loss_txt = np.mean([cross_entropy(logits[:, j], j) for j in range(n)])  # each text picks an image
loss_loops = (loss_img + loss_txt) / 2


def ce_rows(Z):
    top = Z.max(axis=1, keepdims=True)
    logp = Z - top - np.log(np.exp(Z - top).sum(axis=1, keepdims=True))
    return -np.mean(np.diag(logp))


loss_matrix = (ce_rows(logits) + ce_rows(logits.T)) / 2
print(f"CLIP, n = {n} pairs, tau = 0.07: symmetric loss {loss_loops:.6f} by loops, "
      f"{loss_matrix:.6f} by matrices")
assert math.isclose(loss_loops, loss_matrix, rel_tol=1e-12)
T_rand = unit(rng.normal(size=(n, d_e)))
I_big, T_big = unit(rng.normal(size=(256, 512))), unit(rng.normal(size=(256, 512)))
loss_rand = (ce_rows(I_big @ T_big.T) + ce_rows(T_big @ I_big.T)) / 2  # tau = 1
print(f"  random encoders, 256 pairs, tau = 1: {loss_rand:.3f} (log 256 = {math.log(256):.3f})")
assert abs(loss_rand - math.log(256)) < 0.01
assert loss_matrix < math.log(n)

# NT-Xent: N images, two views each; each view's positive is its twin, its negatives the
# other 2(N - 1) views; the self-similarity is left out of the denominator.
N_s, tau_s = 4, 0.5
Z = unit(rng.normal(size=(2 * N_s, 8)))  # rows 2k and 2k+1 are the two views of image k
sim = Z @ Z.T


def nt_xent_pair(i, j):
    others = [k for k in range(2 * N_s) if k != i]
    return -math.log(math.exp(sim[i, j] / tau_s) / sum(math.exp(sim[i, k] / tau_s) for k in others))


loss_loop = np.mean([nt_xent_pair(2 * k, 2 * k + 1) + nt_xent_pair(2 * k + 1, 2 * k)
                     for k in range(N_s)]) / 2
masked = sim / tau_s - np.where(np.eye(2 * N_s, dtype=bool), np.inf, 0.0)
twin = np.arange(2 * N_s) ^ 1  # 0<->1, 2<->3, ...
logp = masked - np.log(np.exp(masked).sum(axis=1, keepdims=True))
loss_mat = -np.mean(logp[np.arange(2 * N_s), twin])
print(f"NT-Xent, N = {N_s} images: {loss_loop:.6f} by loops, {loss_mat:.6f} by matrices; "
      f"{2 * (N_s - 1)} negatives per positive")
assert math.isclose(loss_loop, loss_mat, rel_tol=1e-12)
print(f"  SimCLR's largest batch, N = 8,192: {2 * (8192 - 1):,} negatives per positive pair")
assert 2 * (8192 - 1) == 16_382

print("OK: InfoNCE = softmax cross-entropy; random encoder ~ log N; bound below log N and I; "
      "gradient pulls the positive, pushes negatives; low tau focuses on hard negatives")
