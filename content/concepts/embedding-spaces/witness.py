"""Witness for the embedding spaces notebook.

Checks what the Math section says, in the same order:

1. an embedding lookup E[i] is the one-hot row vector x_i times the table E, for one id and for a
   batch; the gradient of a lookup reaches only the rows that were looked up;
2. the skip-gram negative-sampling (SGNS) loss of Mikolov et al. (2013, arXiv 1310.4546, Eq. 4)
   and its gradients, checked against central finite differences; with all scores 0 the loss of
   one pair is (k + 1) log 2;
3. a tiny SGNS model trained in NumPy on a seeded toy corpus of three topics: afterwards, words that
   co-occur within the window have a higher cosine than words that never do (before training the
   two groups are indistinguishable);
4. nearest neighbours by cosine: every word's three nearest neighbours share its topic;
5. a rotation of the whole table leaves every cosine unchanged, while stretching axes does not;
6. the size of an embedding table: V x d numbers.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def unit_rows(W):
    return W / np.linalg.norm(W, axis=1, keepdims=True)


# 1. A lookup is a one-hot row times the table ---------------------------------------
V, d = 18, 10
E = rng.normal(size=(V, d))
i = 7
x_i = np.zeros(V)
x_i[i] = 1.0  # one-hot row vector for id 7
assert np.array_equal(x_i @ E, E[i])
ids = np.array([3, 7, 7, 0, 17])
X = np.eye(V)[ids]  # one one-hot row per id, shape (5, V)
assert np.array_equal(X @ E, E[ids])
print(f"lookup: x_7 E equals row 7 of E; a batch of {len(ids)} one-hot rows times E "
      f"equals E[ids] (shape {(X @ E).shape})")
# gradient of a loss through the lookup: dL/dE = X^T G, nonzero only on the rows looked up
G = rng.normal(size=(len(ids), d))  # some upstream gradient dL/d(looked-up rows)
dE = X.T @ G
touched = np.flatnonzero(np.abs(dE).sum(axis=1))
print(f"  dL/dE = X^T G is nonzero only in rows {touched.tolist()}; row 7 gets the sum of "
      f"its two uses")
assert touched.tolist() == [0, 3, 7, 17]
assert np.allclose(dE[7], G[1] + G[2])

# 2. The SGNS loss for one (word, context) pair and its gradients --------------------
k = 5  # negatives per pair


def sgns_loss(v, u_pos, U_neg):
    """-log sigma(u_pos . v) - sum_j log sigma(-u_neg_j . v)."""
    return -np.log(sigmoid(u_pos @ v)) - np.sum(np.log(sigmoid(-(U_neg @ v))))


def sgns_grads(v, u_pos, U_neg):
    s_pos, s_neg = u_pos @ v, U_neg @ v
    g_pos = sigmoid(s_pos) - 1.0  # in (-1, 0): pulls v and u_pos together
    g_neg = sigmoid(s_neg)  # in (0, 1): pushes v and each u_neg apart
    dv = g_pos * u_pos + g_neg @ U_neg
    du_pos = g_pos * v
    dU_neg = g_neg[:, None] * v[None, :]
    return dv, du_pos, dU_neg


v, u_pos, U_neg = rng.normal(size=d), rng.normal(size=d), rng.normal(size=(k, d))
dv, du_pos, dU_neg = sgns_grads(v, u_pos, U_neg)
h = 1e-6
worst = 0.0
for arr, grad in ((v, dv), (u_pos, du_pos), (U_neg, dU_neg)):
    flat, gflat = arr.reshape(-1), grad.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + h
        up = sgns_loss(v, u_pos, U_neg)
        flat[j] = old - h
        down = sgns_loss(v, u_pos, U_neg)
        flat[j] = old
        worst = max(worst, abs((up - down) / (2 * h) - gflat[j]))
print(f"SGNS gradients vs central differences: max abs error {worst:.1e}")
assert worst < 1e-6
zero = sgns_loss(np.zeros(d), u_pos, U_neg)
print(f"all scores 0: loss of one pair = {zero:.4f} = (k + 1) log 2 = {(k + 1) * math.log(2):.4f}")
assert math.isclose(zero, (k + 1) * math.log(2), rel_tol=1e-12)

# 3. Train SGNS on a seeded toy corpus ------------------------------------------------
topics = {
    "animals": ["cat", "dog", "mouse", "fur", "paw", "tail"],
    "vehicles": ["car", "bus", "train", "road", "wheel", "fuel"],
    "food": ["bread", "soup", "rice", "salt", "bowl", "spoon"],
}
vocab = [w for words in topics.values() for w in words]
index = {w: n for n, w in enumerate(vocab)}
topic_of = {w: t for t, words in topics.items() for w in words}
assert len(vocab) == V
names = list(topics)
sentences = []
for _ in range(300):  # each sentence draws 8 words from one topic
    t = names[rng.integers(len(names))]
    sentences.append([topics[t][j] for j in rng.integers(0, 6, size=8)])
window = 2
pairs = []
for s in sentences:
    for a, w in enumerate(s):
        for b in range(max(0, a - window), min(len(s), a + window + 1)):
            if b != a:
                pairs.append((index[w], index[s[b]]))
pairs = np.array(pairs)
co = np.zeros((V, V), dtype=bool)
co[pairs[:, 0], pairs[:, 1]] = True  # the two words appeared within the window at least once
off_diag = ~np.eye(V, dtype=bool)
n_co, n_never = int((co & off_diag).sum()) // 2, int((~co & off_diag).sum()) // 2
print(f"toy corpus: {len(sentences)} sentences, {len(pairs):,} (word, context) pairs, "
      f"V = {V}, d = {d}; {n_co} word pairs co-occur, {n_never} never do")

counts = np.bincount(pairs[:, 0], minlength=V).astype(float)
P_n = counts**0.75 / np.sum(counts**0.75)  # noise distribution U(w)^(3/4) / Z
W_in = rng.normal(0.0, 0.1, size=(V, d))  # the embeddings: one row per word
W_out = rng.normal(0.0, 0.1, size=(V, d))  # context vectors, used only in training


def cos_groups(W):
    C = unit_rows(W) @ unit_rows(W).T
    return C, float(C[co & off_diag].mean()), float(C[~co & off_diag].mean())


_, before_co, before_never = cos_groups(W_in)
print(f"before training: mean cosine, co-occurring {before_co:+.3f}, never co-occurring "
      f"{before_never:+.3f}")
assert abs(before_co - before_never) < 0.05

lr, batch, epochs = 0.05, 64, 10
for epoch in range(epochs):
    order = rng.permutation(len(pairs))
    total = 0.0
    for start in range(0, len(pairs), batch):
        bp = pairs[order[start:start + batch]]
        w, c = bp[:, 0], bp[:, 1]
        neg = rng.choice(V, size=(len(bp), k), p=P_n)
        v, u, Un = W_in[w], W_out[c], W_out[neg]
        s_pos, s_neg = np.sum(u * v, axis=1), np.einsum("bkd,bd->bk", Un, v)
        total += -np.sum(np.log(sigmoid(s_pos))) - np.sum(np.log(sigmoid(-s_neg)))
        g_pos, g_neg = sigmoid(s_pos) - 1.0, sigmoid(s_neg)
        np.add.at(W_in, w, -lr * (g_pos[:, None] * u + np.einsum("bk,bkd->bd", g_neg, Un)))
        np.add.at(W_out, c, -lr * g_pos[:, None] * v)
        np.add.at(W_out, neg, -lr * g_neg[:, :, None] * v[:, None, :])
    if epoch in (0, epochs - 1):
        print(f"  epoch {epoch + 1:2d}: mean SGNS loss per pair {total / len(pairs):.3f}")
    if epoch == 0:
        first_loss = total / len(pairs)
last_loss = total / len(pairs)
assert last_loss < first_loss < (k + 1) * math.log(2)

C, after_co, after_never = cos_groups(W_in)
min_co = float(C[co & off_diag].min())
max_never = float(C[~co & off_diag].max())
print(f"after training: mean cosine, co-occurring {after_co:+.3f}, never co-occurring "
      f"{after_never:+.3f}")
print(f"  lowest co-occurring pair {min_co:+.3f} > highest never-co-occurring pair {max_never:+.3f}")
assert after_co > 0.9 and after_never < 0.35
assert min_co > max_never

# 4. Nearest neighbours by cosine ------------------------------------------------------
same_topic = 0
for w in vocab:
    order = [n for n in np.argsort(-C[index[w]]) if n != index[w]][:3]
    same_topic += sum(topic_of[vocab[n]] == topic_of[w] for n in order)
    if w in ("cat", "car", "soup"):
        shown = ", ".join(f"{vocab[n]} {C[index[w], n]:.3f}" for n in order)
        print(f"  nearest to {w}: {shown}")
print(f"  {same_topic} of {3 * V} top-3 neighbours share the query word's topic")
assert same_topic == 3 * V

# 5. Only the geometry means anything: a rotation keeps it, a stretch does not --------
Q, _ = np.linalg.qr(rng.normal(size=(d, d)))  # a random orthogonal matrix (rotation or reflection)
C_rot = unit_rows(W_in @ Q) @ unit_rows(W_in @ Q).T
S = np.diag(np.linspace(0.2, 5.0, d))  # stretch some axes, shrink others
C_str = unit_rows(W_in @ S) @ unit_rows(W_in @ S).T
print(f"rotated table: max change in any cosine {np.abs(C_rot - C).max():.1e}; "
      f"stretched table: max change {np.abs(C_str - C).max():.3f}")
assert np.abs(C_rot - C).max() < 1e-12
assert np.abs(C_str - C).max() > 0.1
# the playground's arrows: a = (4, 1), b = (2, 3), under the 36.87-degree rotation and diag(2, 0.5)
a2, b2 = np.array([4.0, 1.0]), np.array([2.0, 3.0])
R = np.array([[0.8, -0.6], [0.6, 0.8]])
D2 = np.diag([2.0, 0.5])
c0 = a2 @ b2 / (np.linalg.norm(a2) * np.linalg.norm(b2))
cR = (R @ a2) @ (R @ b2) / (np.linalg.norm(R @ a2) * np.linalg.norm(R @ b2))
cD = (D2 @ a2) @ (D2 @ b2) / (np.linalg.norm(D2 @ a2) * np.linalg.norm(D2 @ b2))
print(f"playground arrows: cos = {c0:.3f}; after the rotation {cR:.3f}; after diag(2, 0.5) {cD:.3f}")
assert round(c0, 3) == round(cR, 3) == 0.740 and round(cD, 3) == 0.956

# 6. The size of an embedding table ------------------------------------------------------
V_big, d_big = 1_000_000, 300  # Mikolov et al. 2013 (arXiv 1301.3781): Section 4.2, Table 4
numbers = V_big * d_big
print(f"a 1,000,000-word table of 300-dimensional vectors holds {numbers:,} numbers, "
      f"{numbers * 4 / 1e9:.1f} GB in float32")
assert numbers == 300_000_000

print("OK: lookup = one-hot matmul; SGNS gradients; co-occurring words end with higher cosine; "
      "neighbours share a topic")
