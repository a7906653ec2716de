"""Witness for the emergent-abilities notebook.

Schaeffer, Miranda and Koyejo 2023 (arXiv 2304.15004), section 2: if a model family's per-token
cross-entropy falls as a power law in scale, the probability of getting one answer token right,
p = exp(-loss), rises smoothly; exact match on an answer of K tokens scores p^K, which stays near
zero over the smaller models and then climbs, while a metric linear in the per-token errors
(token edit distance, about K(1 - p)) changes smoothly.

A toy family, not fitted to any real model: per-token loss ell(N) = (N_c / N)^alpha with
alpha = 0.5 and N_c = 1e9, nine models from 1e8 to 1e12 parameters, half a decade apart.

The witness follows the Math section:
1. per-token loss is a straight line on log-log axes;
2. per-token accuracy p rises at every step; exact match p^K with K = 10 sits below 1e-4 for the
   three smallest models and then rises, and a 1,000-question benchmark reads 0 there;
3. the metric's sensitivity dp^K/dp = K p^(K-1) amplifies a change of p near p = 1;
4. from the four smallest models, a straight-line fit of log loss predicts the exact match of the
   largest, while extrapolating exact match itself predicts almost nothing;
5. the token edit distance K(1 - p) falls smoothly and tends to the straight line K * ell.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)
alpha, N_c, K = 0.5, 1e9, 10
N = 10 ** np.arange(8, 12.01, 0.5)                 # nine models, 1e8 ... 1e12


def ell(N):
    """Per-token cross-entropy of the correct answer token, nats."""
    return (N_c / N) ** alpha


def p_token(N):
    return np.exp(-ell(N))


def exact_match(N, K):
    return p_token(N) ** K                         # = exp(-K ell(N))


def edit_distance(N, K):
    return K * (1 - p_token(N))                    # expected wrong tokens in a K-token answer


# 1. A straight line on log-log axes -------------------------------------------------------
slopes = np.diff(np.log10(ell(N))) / np.diff(np.log10(N))
assert np.allclose(slopes, -alpha, atol=1e-12)
print(f"per-token loss: slope of log ell against log N = {slopes[0]:.3f} at every step")

# 2. Per-token accuracy against exact match -------------------------------------------------
p = p_token(N)
em = exact_match(N, K)
print(" log10 N   loss    p      exact match (K=10)   edit distance (K=10)")
for n, l_, pp, e, d in zip(N, ell(N), p, em, edit_distance(N, K)):
    print(f"  {np.log10(n):5.1f}  {l_:6.3f}  {pp:.3f}   {e:.2e}             {d:.3f}")
steps = np.diff(p)
assert np.all(steps > 0)
print(f"per-token accuracy: {p[0]:.3f} -> {p[-1]:.3f}, every half-decade step gains "
      f"{steps.min():.3f} to {steps.max():.3f}")
assert round(p[0], 3) == 0.042 and round(p[-1], 3) == 0.969
assert [round(x, 3) for x in p] == [0.042, 0.169, 0.368, 0.570, 0.729, 0.837, 0.905, 0.945, 0.969]
assert [round(x, 3) for x in em[4:]] == [0.042, 0.169, 0.368, 0.570, 0.729]
assert round(steps.min(), 3) == 0.024 and round(steps.max(), 3) == 0.202
assert np.all(em[:3] < 1e-4) and round(em[3], 4) == 0.0036
assert round(em[6], 3) == 0.368 and round(em[-1], 3) == 0.729
# Identities: exact match is exp(-K ell), and K = 1 is the per-token accuracy.
assert np.allclose(em, np.exp(-K * ell(N)), rtol=1e-12) and np.allclose(exact_match(N, 1), p)
# log(exact match) = -K ell is itself a power law: the jump is a floor at zero, not a kink.
assert np.allclose(np.diff(np.log10(-np.log(em))) / np.diff(np.log10(N)), -alpha)

# A benchmark of 1,000 questions, each answered right with probability p^K.
n_items = 1000
scores = rng.binomial(n_items, em) / n_items
print("1,000-question benchmark, exact match:", " ".join(f"{s:.3f}" for s in scores))
assert np.all(scores[:4] == 0.0) and round(scores[4], 3) == 0.051 and round(scores[-1], 3) == 0.728

# 3. The metric's sensitivity ---------------------------------------------------------------
def sens(p, K):
    return K * p ** (K - 1)                        # d(p^K)/dp


print(f"d(p^10)/dp = {sens(0.5, K):.4f} at p = 0.5, {sens(0.9, K):.3f} at p = 0.9 "
      f"({sens(0.9, K) / sens(0.5, K):.0f} times larger)")
assert round(sens(0.5, K), 4) == 0.0195 and round(sens(0.9, K), 3) == 3.874
assert round(sens(0.9, K) / sens(0.5, K)) == 198
# A worked number: per-token accuracy 0.9 gives exact match 0.9^10 = 0.349 on 10 tokens.
assert round(0.9 ** 10, 3) == 0.349
# At p = 0.5 a 10-token answer is right about once in a thousand.
assert round(0.5 ** 10, 3) == 0.001

# 4. Predicting the large model from the small ones -----------------------------------------
small = slice(0, 4)                                 # 1e8 ... 10^9.5
noisy = ell(N) * np.exp(rng.normal(0, 0.01, N.size))   # 1 % noise on each measured loss
s, b = np.polyfit(np.log10(N[small]), np.log10(noisy[small]), 1)
ell_pred = 10 ** (b + s * np.log10(N[-1]))
em_pred = np.exp(-K * ell_pred)
print(f"fit on the four smallest models: alpha = {-s:.3f}; predicted exact match at 1e12 = "
      f"{em_pred:.3f} (true {em[-1]:.3f})")
assert abs(-s - alpha) < 0.02 and abs(em_pred - em[-1]) < 0.03
# Extrapolating the exact-match scores themselves (a line through the four small models).
s2, b2 = np.polyfit(np.log10(N[small]), em[small], 1)
em_naive = b2 + s2 * np.log10(N[-1])
print(f"a line through the four smallest exact-match scores predicts {em_naive:.3f} at 1e12")
assert em_naive < 0.02

# 5. A continuous metric ---------------------------------------------------------------------
ed = edit_distance(N, K)
assert np.all(np.diff(ed) < 0)
print(f"edit distance: {ed[0]:.2f} -> {ed[-1]:.2f} wrong tokens, falling at every step")
assert round(ed[0], 2) == 9.58 and round(ed[-1], 2) == 0.31
# For small loss 1 - exp(-ell) ~ ell, so K(1 - p) approaches K ell: a straight line of slope -alpha.
local = np.diff(np.log10(ed)) / np.diff(np.log10(N))
print(f"its log-log slope: {local[0]:.3f} between the two smallest models, {local[-1]:.3f} between the two largest")
assert round(local[-1], 2) == -0.49 and np.all(np.diff(local) < 0)
print("all checks passed")
