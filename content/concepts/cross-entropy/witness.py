"""Witness for the cross-entropy notebook.

Checks what the Math section says, in the same order:

1. the definition H(p, q) = -sum p log q as the expected code length, under p, of a code
   built for q; the worked examples; it is not symmetric;
2. the decomposition H(p, q) = H(p) + KL(p || q), so H(p, q) >= H(p) with equality only at
   q = p; it is infinite when q gives 0 to an outcome p can produce;
3. as a loss: the cross-entropy between the empirical distribution of N observations and a
   model is the average negative log-likelihood, and minimising it over q recovers the
   empirical frequencies (maximum likelihood); with a one-hot target it is -log q_y;
4. language modelling: the average negative log-probability per token, perplexity exp(loss);
   a uniform model over V tokens has perplexity exactly V; a sampled "text" gives a loss
   that approaches H(p, q);
5. with q = softmax(z) the gradient of -log q_y is softmax(z) - e_y (and q - p for a soft
   target p), checked against central finite differences.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    return float(-(nz * np.log(nz)).sum() / math.log(base))


def cross_entropy(p, q, base=2.0):
    """H(p, q) = -sum p_i log q_i over outcomes with p_i > 0; infinite if q_i = 0 there."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return float(-(p[m] * np.log(q[m])).sum() / math.log(base))


def kl(p, q, base=2.0):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    if np.any(q[m] == 0):
        return math.inf
    return float((p[m] * np.log(p[m] / q[m])).sum() / math.log(base))


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


# 1. Definition ---------------------------------------------------------------------------
p = np.array([1 / 2, 1 / 4, 1 / 8, 1 / 8])  # Shannon's example
u = np.full(4, 1 / 4)
# Code built for q: lengths -log2 q; cross-entropy = expected length when outcomes follow p.
lengths_u = -np.log2(u)  # (2, 2, 2, 2)
lengths_p = -np.log2(p)  # (1, 2, 3, 3)
H_pu, H_up = cross_entropy(p, u), cross_entropy(u, p)
print(f"H(p)    = {entropy(p):.4f} bits  (code for p, data from p)")
print(f"H(p, u) = {H_pu:.4f} bits  (code for uniform u, data from p) = {np.dot(p, lengths_u)}")
print(f"H(u, p) = {H_up:.4f} bits  (code for p, data from uniform u)  = {np.dot(u, lengths_p)}")
assert entropy(p) == 1.75 and math.isclose(H_pu, 2.0) and math.isclose(H_up, 2.25)
assert math.isclose(H_pu, np.dot(p, lengths_u)) and math.isclose(H_up, np.dot(u, lengths_p))
assert H_pu != H_up  # not symmetric
# Against a uniform q every outcome costs log2 n, so H(p, u) = log2 n whatever p is.
for _ in range(100):
    r = rng.dirichlet(np.ones(4))
    assert math.isclose(cross_entropy(r, u), 2.0)

# 2. Decomposition -------------------------------------------------------------------------
worst = 0.0
for _ in range(1000):
    n = rng.integers(2, 10)
    a, b = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
    for base in (2.0, math.e):
        lhs = cross_entropy(a, b, base)
        rhs = entropy(a, base) + kl(a, b, base)
        worst = max(worst, abs(lhs - rhs))
        assert lhs >= entropy(a, base) - 1e-12  # Gibbs: never below the entropy
print(f"1,000 random pairs: |H(p, q) - (H(p) + KL(p||q))| <= {worst:.1e}, and H(p, q) >= H(p)")
assert worst < 1e-12
assert cross_entropy(p, p) == entropy(p) and kl(p, p) == 0.0  # equality at q = p
print(f"H(p, u) - H(p) = {H_pu - entropy(p):.4f} bits = KL(p || u) = {kl(p, u):.4f}")
assert math.isclose(kl(p, u), 0.25)

# The data distribution of the demo, P = (0.4, 0.3, 0.2, 0.1): the best model is Q = P.
P = np.array([0.4, 0.3, 0.2, 0.1])
print(f"P = {P}: H(P, uniform) = {cross_entropy(P, u):.3f}, H(P, P) = H(P) = {entropy(P):.3f}, "
      f"H(P, one-hot on a) = {cross_entropy(P, [1, 0, 0, 0])}")
assert math.isclose(cross_entropy(P, u), 2.0) and round(entropy(P), 3) == 1.846
sharper = softmax(2 * np.log(P))  # P squared and renormalised: more weight on a
print(f"H(P, sharper Q = {np.round(sharper, 3)}) = {cross_entropy(P, sharper):.3f} bits")
assert cross_entropy(P, sharper) > entropy(P)
assert np.allclose(np.round(sharper, 3), [0.533, 0.3, 0.133, 0.033]) and round(cross_entropy(P, sharper), 3) == 1.956
# Random search over models: nothing beats Q = P.
Q = rng.dirichlet(np.ones(4), size=50_000)
ce_all = -(P * np.log2(Q)).sum(axis=1)
assert ce_all.min() >= entropy(P)
print(f"50,000 random models Q: smallest H(P, Q) = {ce_all.min():.4f} >= H(P) = {entropy(P):.4f}")
# Infinite: the model rules out an outcome the data produces.
assert cross_entropy(P, [1, 0, 0, 0]) == math.inf and cross_entropy(P, [0.5, 0.3, 0.2, 0]) == math.inf
# ...but a zero where the data has none costs nothing.
assert math.isclose(cross_entropy([0.5, 0.5, 0, 0], [0.5, 0.5, 0, 0]), 1.0)

# 3. As a loss -----------------------------------------------------------------------------
ys = rng.choice(4, size=1_000, p=P)  # N observed outcomes
counts = np.bincount(ys, minlength=4)
p_hat = counts / len(ys)  # the empirical distribution
q_model = np.array([0.25, 0.25, 0.3, 0.2])
nll = -np.mean(np.log(q_model[ys]))  # average negative log-likelihood, in nats
print(f"N = 1,000 observations: average NLL = {nll:.6f} nats = H(p_hat, q) = "
      f"{cross_entropy(p_hat, q_model, math.e):.6f} nats")
assert math.isclose(nll, cross_entropy(p_hat, q_model, math.e), rel_tol=1e-12)
# The q that minimises it is the empirical frequency (the maximum-likelihood estimate).
best = min((cross_entropy(p_hat, qq, math.e), tuple(qq)) for qq in rng.dirichlet(np.ones(4), 20_000))
assert best[0] >= cross_entropy(p_hat, p_hat, math.e) - 1e-12
print(f"empirical frequencies {p_hat}: loss {cross_entropy(p_hat, p_hat, math.e):.4f} nats, "
      f"best of 20,000 random models {best[0]:.4f}")
# One-hot target: the loss of one example is -log q_y.
y = 2
assert math.isclose(cross_entropy(np.eye(4)[y], q_model, math.e), -math.log(q_model[y]))

# 4. Language modelling: loss per token and perplexity ------------------------------------
for V in (2, 8, 1_000, 32_000):
    tokens = rng.integers(0, V, size=500)
    q_uniform = np.full(V, 1 / V)
    loss = -np.mean(np.log(q_uniform[tokens]))
    ppl = math.exp(loss)
    assert math.isclose(loss, math.log(V)) and math.isclose(ppl, V, rel_tol=1e-12)
    print(f"uniform model over V = {V:>6,} tokens: loss = ln V = {loss:.4f} nats, perplexity = {ppl:,.1f}")
assert round(math.exp(2.0), 2) == 7.39  # a loss of 2 nats per token: perplexity about 7.39
assert math.isclose(2 ** cross_entropy(P, u), math.exp(cross_entropy(P, u, math.e)))  # bits or nats
# A "text" of 200,000 tokens from p_true over V = 8, scored by two models.
V = 8
p_true = softmax(rng.normal(size=V))
q_lm = softmax(np.log(p_true) + 0.5 * rng.normal(size=V))
text = rng.choice(V, size=200_000, p=p_true)
for name, model in (("the true p", p_true), ("a model q", q_lm), ("uniform", np.full(V, 1 / V))):
    loss = -np.mean(np.log(model[text]))
    print(f"  scored by {name:<10}: loss {loss:.4f} nats/token (H(p, model) = "
          f"{cross_entropy(p_true, model, math.e):.4f}), perplexity {math.exp(loss):.3f}")
    assert abs(loss - cross_entropy(p_true, model, math.e)) < 0.01
loss_true = -np.mean(np.log(p_true[text]))
loss_q = -np.mean(np.log(q_lm[text]))
assert 1 < math.exp(loss_true) < math.exp(loss_q) < V
assert (round(math.exp(loss_true), 3), round(math.exp(loss_q), 3)) == (6.041, 6.892)

# 5. Gradient with softmax ----------------------------------------------------------------
z = np.array([2.0, 1.0, 0.5, -1.0])
y = 2
q = softmax(z)
loss = -math.log(q[y])
g = q - np.eye(4)[y]
print(f"z = {z}, y = {y}: q = {np.round(q, 2)}, loss = {loss:.2f} nats, "
      f"gradient softmax(z) - e_y = {np.round(g, 2)}")
assert np.allclose(np.round(q, 2), [0.61, 0.22, 0.14, 0.03]) and round(loss, 2) == 2.00
assert np.allclose(np.round(g, 2), [0.61, 0.22, -0.86, 0.03])
# Written out: loss = -z_y + log sum exp z.
assert math.isclose(loss, -z[y] + math.log(np.exp(z).sum()))


def fd_grad(f, z, h=1e-6):
    return np.array([(f(z + h * e) - f(z - h * e)) / (2 * h) for e in np.eye(len(z))])


worst_hard, worst_soft = 0.0, 0.0
for _ in range(200):
    n = rng.integers(2, 12)
    zz = rng.normal(scale=3.0, size=n)
    yy = rng.integers(n)
    g_hard = softmax(zz) - np.eye(n)[yy]
    worst_hard = max(worst_hard, np.abs(fd_grad(lambda v: -math.log(softmax(v)[yy]), zz) - g_hard).max())
    assert abs(g_hard.sum()) < 1e-12 and np.all(np.abs(g_hard) <= 1)
    target = rng.dirichlet(np.ones(n))  # a soft target: the gradient is q - p
    f_soft = lambda v: -float(np.dot(target, np.log(softmax(v))))
    worst_soft = max(worst_soft, np.abs(fd_grad(f_soft, zz) - (softmax(zz) - target)).max())
print(f"200 random (z, y): max |softmax(z) - e_y - finite differences| = {worst_hard:.1e}; "
      f"soft targets, q - p: {worst_soft:.1e}")
assert worst_hard < 1e-8 and worst_soft < 1e-8

# Confidently wrong: the gradient stays near its largest size; confidently right: near 0.
for scale in (1, 4, 16):
    zs = scale * np.array([3.0, 0.0, 0.0, 0.0])
    wrong = np.linalg.norm(softmax(zs) - np.eye(4)[1])
    right = np.linalg.norm(softmax(zs) - np.eye(4)[0])
    print(f"logits x{scale:>2}: |gradient| when wrong = {wrong:.3f}, when right = {right:.2e}")
assert round(wrong, 3) == 1.414 and right < 1e-20

print("OK: H(p, q) = H(p) + KL(p || q) >= H(p); the loss is the average NLL; uniform "
      "perplexity is V; the softmax gradient is softmax(z) - onehot(y)")
