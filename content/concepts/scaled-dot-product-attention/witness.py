"""Witness for the scaled dot-product attention notebook.

Follows Vaswani et al. (2017), "Attention Is All You Need", arXiv 1706.03762:
equation (1), Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V; footnote 4 (if the entries
of q and k are independent with mean 0 and variance 1, q . k has mean 0 and variance d_k);
and section 3.2.3 (masking illegal connections by setting their scores to -inf).

Checks, each against an independent computation:

1. a loop over queries (one dot product per key, one softmax per row, one weighted sum)
   agrees with the matrix form, and the shapes are (n, m) for the weights and (n, d_v)
   for the output;
2. every row of weights is a probability distribution, so every output row is a convex
   combination of the value rows;
3. the causal mask makes every weight above the diagonal exactly 0, and perturbing a later
   token leaves the outputs of all earlier positions bit-for-bit unchanged;
4. Monte Carlo: Var(q . k) is about d_k, and Var(q . k / sqrt(d_k)) is about 1;
5. saturation: at d_k = 512, unscaled scores give nearly one-hot weights (max weight near 1,
   entropy near 0, softmax Jacobian near 0), while scaled scores stay spread out.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def softmax_rows(S):
    """Row-wise softmax, stable: subtract each row's maximum (each row needs one finite score)."""
    S = S - S.max(axis=-1, keepdims=True)
    E = np.exp(S)
    return E / E.sum(axis=-1, keepdims=True)


def attention(Q, K, V, mask=None):
    """Matrix form: softmax(Q K^T / sqrt(d_k) + mask) V. Returns (output, weights)."""
    d_k = Q.shape[-1]
    scores = Q @ K.T / math.sqrt(d_k)
    if mask is not None:
        scores = scores + mask
    A = softmax_rows(scores)
    return A @ V, A


def attention_loop(Q, K, V, causal=False):
    """One query at a time, one key at a time, with math.exp: no matrix products."""
    n, d_k = Q.shape
    m, d_v = V.shape
    out = np.zeros((n, d_v))
    for i in range(n):
        visible = range(i + 1) if causal else range(m)  # causal: keys j <= i only
        s = [sum(Q[i, t] * K[j, t] for t in range(d_k)) / math.sqrt(d_k) for j in visible]
        top = max(s)
        w = [math.exp(v - top) for v in s]
        total = sum(w)
        for w_j, j in zip(w, visible):
            out[i] += (w_j / total) * V[j]
    return out


# 1. Loop versus matrix form, with shapes -------------------------------------------
n, m, d_k, d_v = 5, 7, 8, 4  # 5 queries attend over 7 key/value pairs
Q = rng.standard_normal((n, d_k))
K = rng.standard_normal((m, d_k))
V = rng.standard_normal((m, d_v))
out, A = attention(Q, K, V)
print(f"Q {Q.shape}, K {K.shape}, V {V.shape} -> weights {A.shape}, output {out.shape}")
assert A.shape == (n, m) and out.shape == (n, d_v)
gap = np.abs(out - attention_loop(Q, K, V)).max()
print(f"max |matrix form - loop| = {gap:.2e}")
assert gap < 1e-12

# 2. Rows are distributions; outputs are weighted averages of value rows ----------
print("row sums of the weights:", np.round(A.sum(axis=1), 15))
assert np.allclose(A.sum(axis=1), 1.0, atol=1e-15) and np.all(A > 0)
assert np.all(out <= V.max(axis=0) + 1e-12) and np.all(out >= V.min(axis=0) - 1e-12)

# 3. The causal mask -----------------------------------------------------------------
# Self-attention over a sequence of T tokens: Q, K, V are projections of the same X.
T, d_model = 6, 10
X = rng.standard_normal((T, d_model))
# Projection weights with variance 1/d_model keep the entries of Q, K and V near unit size.
W_q, W_k = rng.standard_normal((2, d_model, d_k)) / math.sqrt(d_model)
W_v = rng.standard_normal((d_model, d_v)) / math.sqrt(d_model)
causal = np.triu(np.full((T, T), -np.inf), k=1)  # -inf above the diagonal, 0 elsewhere
out_c, A_c = attention(X @ W_q, X @ W_k, X @ W_v, mask=causal)
print("causal weights (rows = positions i, columns = keys j):")
print(np.round(A_c, 3))
upper = A_c[np.triu_indices(T, k=1)]
assert np.all(upper == 0.0), "weights above the diagonal must be exactly zero"
assert np.allclose(A_c.sum(axis=1), 1.0, atol=1e-15)
assert A_c[0, 0] == 1.0  # the first position can only attend to itself
gap_c = np.abs(out_c - attention_loop(X @ W_q, X @ W_k, X @ W_v, causal=True)).max()
assert gap_c < 1e-12

# Perturb token j: outputs at positions i < j must not change at all.
for j in range(1, T):
    X2 = X.copy()
    X2[j] += 10.0 * rng.standard_normal(d_model)
    out_2, _ = attention(X2 @ W_q, X2 @ W_k, X2 @ W_v, mask=causal)
    assert np.array_equal(out_2[:j], out_c[:j]), f"an earlier row changed when token {j} did"
    assert not np.allclose(out_2[j:], out_c[j:]), "later rows should notice the change"
print("perturbing token j changes rows j.. and leaves rows 0..j-1 bit-for-bit equal")

# Without the mask the same test fails: every row sees every token.
out_full, _ = attention(X @ W_q, X @ W_k, X @ W_v)
X2 = X.copy()
X2[T - 1] += 10.0
out_full2, _ = attention(X2 @ W_q, X2 @ W_k, X2 @ W_v)
assert not np.allclose(out_full2[0], out_full[0])

# 4. Variance of q . k grows like d_k; dividing by sqrt(d_k) restores 1 ---------------
pairs = 10_000
for d in (16, 64, 512):
    q = rng.standard_normal((pairs, d))
    k = rng.standard_normal((pairs, d))
    s = np.einsum("nd,nd->n", q, k)
    var_raw, var_scaled = s.var(), (s / math.sqrt(d)).var()
    print(f"d_k = {d:3d}: Var(q.k) = {var_raw:7.2f}   Var(q.k / sqrt(d_k)) = {var_scaled:.3f}")
    assert abs(var_raw - d) < 0.06 * d
    assert abs(var_scaled - 1.0) < 0.06

# 5. Saturation: max weight, entropy and softmax Jacobian over 64 keys ----------------
def entropy_rows(P):
    P = np.clip(P, 1e-300, 1.0)
    return -(P * np.log(P)).sum(axis=-1)


def jacobian_norm_rows(P):
    """Frobenius norm of diag(p) - p p^T for each row p."""
    J = np.einsum("ni,ij->nij", P, np.eye(P.shape[1])) - np.einsum("ni,nj->nij", P, P)
    return np.sqrt((J**2).sum(axis=(1, 2)))


n_keys, n_queries = 64, 500
print(f"{n_keys} keys, {n_queries} random queries; uniform weights would have max "
      f"{1 / n_keys:.3f} and entropy log {n_keys} = {math.log(n_keys):.2f}")
stats = {}
for d in (16, 64, 512):
    Qs = rng.standard_normal((n_queries, d))
    Ks = rng.standard_normal((n_keys, d))
    raw = Qs @ Ks.T
    for name, S in (("unscaled", raw), ("scaled", raw / math.sqrt(d))):
        P = softmax_rows(S)
        mx = P.max(axis=1)
        stats[d, name] = (mx.mean(), entropy_rows(P).mean(), (mx > 0.99).mean(),
                          np.median(jacobian_norm_rows(P)))
        mean_max, ent, share, jac = stats[d, name]
        print(f"d_k = {d:3d} {name:>8}: score std {S.std():5.2f}  mean max weight {mean_max:.3f}  "
              f"mean entropy {ent:.2f}  rows > 0.99: {share:4.0%}  median |Jacobian| {jac:.4f}")

mx_u, ent_u, share_u, jac_u = stats[512, "unscaled"]
mx_s, ent_s, share_s, jac_s = stats[512, "scaled"]
assert mx_u > 0.85 and ent_u < 0.5, "unscaled scores at d_k = 512 should saturate"
assert share_u > 0.5, "most unscaled rows should be one-hot to within 1 %"
assert mx_s < 0.3 and ent_s > 3.0 and share_s == 0.0, "scaled scores should stay spread out"
assert jac_u < 0.05 * jac_s, "saturated rows pass back almost no gradient"
# Scaling keeps the picture the same at every d_k; not scaling gets worse as d_k grows.
assert stats[16, "unscaled"][0] < stats[64, "unscaled"][0] < mx_u
assert max(abs(stats[d, "scaled"][1] - ent_s) for d in (16, 64)) < 0.2

print("OK: loop = matrix form, rows sum to 1, causal mask exact, Var(q.k) = d_k, "
      "scaling by 1/sqrt(d_k) prevents saturation")
