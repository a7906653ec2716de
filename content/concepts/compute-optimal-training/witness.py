"""Witness for the compute-optimal-training notebook.

1. Training compute C ~ 6 N D (Kaplan et al. 2020, arXiv 2001.08361, section 2.1): counting the
   multiply-adds of a small stack of dense layers, forward and backward, gives exactly 2 FLOPs per
   weight per token forward and 4 backward; the backward pass is checked against finite differences.
2. Hoffmann et al. 2022 (Chinchilla, arXiv 2203.15556) fit L(N, D) = E + A/N^alpha + B/D^beta
   (eq. 2) with E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28 (eq. 10, Appendix D.2).
   Minimising it subject to 6 N D = C in closed form (eq. 4: the Lagrange condition) and by a
   numerical search over N gives the same optimum; the exponents are a = beta/(alpha+beta) and
   b = alpha/(alpha+beta).
3. At Gopher's compute (5.76e23 FLOPs) the fit's optimum, its tokens per parameter, and the losses
   it predicts for Gopher (280B, 300B tokens) and Chinchilla (70B, 1.4T tokens).
4. Table 3 of the paper (Approach 1) is consistent with C = 6 N D and about 20 tokens per parameter.
5. Ten times the compute: Kaplan's N ~ C^0.73 against Chinchilla's N ~ C^0.5.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)

# 1. Six FLOPs per parameter per token ----------------------------------------------------------
# A stack of dense layers y = W x (no biases, so every parameter is a weight). For a weight matrix
# of shape (m, n) and T tokens: forward W x costs m n multiply-adds per token (2 m n FLOPs);
# backward needs dL/dx = W^T dL/dy (another 2 m n) and dL/dW = dL/dy x^T (another 2 m n).
widths = [16, 32, 32, 8]
Ws = [rng.normal(0, 0.3, (widths[i + 1], widths[i])) for i in range(len(widths) - 1)]
N_toy = sum(W.size for W in Ws)
T = 5                                            # tokens in the batch
X = rng.normal(size=(widths[0], T))

flops = {"forward": 0, "backward": 0}


def matmul(A, B, phase):
    """A @ B, counting one multiply and one add for every multiply-add."""
    flops[phase] += 2 * A.shape[0] * A.shape[1] * B.shape[1]
    return A @ B


def loss_and_grads(Ws, X, count=True):
    acts = [X]
    for W in Ws:
        acts.append(matmul(W, acts[-1], "forward") if count else W @ acts[-1])
    L = 0.5 * np.sum(acts[-1] ** 2)             # a simple loss on the output
    g = acts[-1]                                 # dL/dy at the top
    grads = [None] * len(Ws)
    for i in reversed(range(len(Ws))):
        grads[i] = matmul(g, acts[i].T, "backward") if count else g @ acts[i].T   # dL/dW
        if i > 0:                                                                # dL/dx
            g = matmul(Ws[i].T, g, "backward") if count else Ws[i].T @ g
    return L, grads


L0, grads = loss_and_grads(Ws, X)
# The first layer's input gradient is never needed, so the exact count falls short of 6 N T by
# 2 m n T for that layer; add it to compare with the rule.
first_dx = 2 * Ws[0].size * T
print(f"toy network: N = {N_toy} weights, T = {T} tokens")
print(f"  forward FLOPs  = {flops['forward']:,}  = {flops['forward'] / (N_toy * T):.0f} N T")
print(f"  backward FLOPs = {flops['backward']:,} (+ {first_dx:,} for the unused input gradient)"
      f" = {(flops['backward'] + first_dx) / (N_toy * T):.0f} N T")
assert flops["forward"] == 2 * N_toy * T
assert flops["backward"] + first_dx == 4 * N_toy * T
assert flops["forward"] + flops["backward"] + first_dx == 6 * N_toy * T

# The backward pass that was counted is the real gradient: compare with central differences.
h = 1e-6
for i, W in enumerate(Ws):
    for _ in range(5):
        r, c = rng.integers(W.shape[0]), rng.integers(W.shape[1])
        Wp = [w.copy() for w in Ws]; Wp[i][r, c] += h
        Wm = [w.copy() for w in Ws]; Wm[i][r, c] -= h
        fd = (loss_and_grads(Wp, X, False)[0] - loss_and_grads(Wm, X, False)[0]) / (2 * h)
        assert abs(fd - grads[i][r, c]) < 1e-6 * max(1.0, abs(fd))
print("  the counted backward pass matches finite differences")

# 2. Chinchilla's parametric loss and its compute-optimal frontier -----------------------------
E, A, B, alpha, beta = 1.69, 406.4, 410.7, 0.34, 0.28


def L(N, D):
    return E + A / N ** alpha + B / D ** beta


def L_iso(N, C):
    """The loss along the iso-compute curve 6 N D = C."""
    return L(N, C / (6 * N))


a = beta / (alpha + beta)
b = alpha / (alpha + beta)
G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))


def closed_form(C):
    N_opt = G * (C / 6) ** a
    D_opt = (C / 6) ** b / G
    return N_opt, D_opt


def numerical(C):
    """Grid search over log10 N, then a finer grid around the best point."""
    grid = np.linspace(6, 15, 9001)
    best = grid[np.argmin(L_iso(10 ** grid, C))]
    fine = np.linspace(best - 0.002, best + 0.002, 4001)
    return 10 ** fine[np.argmin(L_iso(10 ** fine, C))]


print(f"a = beta/(alpha+beta) = {a:.4f}, b = alpha/(alpha+beta) = {b:.4f}, G = {G:.4f}")
assert round(a, 3) == 0.452 and round(b, 3) == 0.548 and abs(a + b - 1) < 1e-15

Cs = 10.0 ** np.arange(18, 27)
N_num = []
for C in Cs:
    N_cf, D_cf = closed_form(C)
    N_n = numerical(C)
    N_num.append(N_n)
    assert abs(6 * N_cf * D_cf / C - 1) < 1e-12                   # on the budget
    assert abs(np.log10(N_n / N_cf)) < 2e-6                        # search agrees with the formula
    # The Lagrange condition: alpha x (parameter term) = beta x (data term).
    assert abs(alpha * A / N_cf ** alpha - beta * B / D_cf ** beta) < 1e-12
    # Neighbours on the same budget are worse.
    assert L_iso(N_cf, C) < min(L_iso(N_cf * 1.01, C), L_iso(N_cf / 1.01, C))
slope = np.polyfit(np.log10(Cs), np.log10(N_num), 1)[0]
print(f"numerical optima for C = 1e18 ... 1e26: slope of log N_opt against log C = {slope:.4f}")
assert abs(slope - a) < 1e-5

# 3. Gopher's budget ----------------------------------------------------------------------------
C_gopher = 5.76e23
N_opt, D_opt = closed_form(C_gopher)
print(f"C = {C_gopher:.3g} FLOPs: N_opt = {N_opt / 1e9:.1f}B, D_opt = {D_opt / 1e12:.2f}T tokens, "
      f"D/N = {D_opt / N_opt:.0f} tokens per parameter, L = {L(N_opt, D_opt):.4f}")
assert round(N_opt / 1e9, 1) == 32.2 and round(D_opt / 1e12, 2) == 2.98 and round(D_opt / N_opt) == 93
print(f"  numerical search: N_opt = {numerical(C_gopher) / 1e9:.1f}B")
L_gopher = L(280e9, 300e9)
L_chinchilla = L(70e9, 1.4e12)
print(f"fit's loss for Gopher (280B, 300B tokens) = {L_gopher:.4f}; "
      f"Chinchilla (70B, 1.4T) = {L_chinchilla:.4f}; optimum = {L(N_opt, D_opt):.4f}")
print(f"6 N D: Gopher {6 * 280e9 * 300e9:.3g}, Chinchilla {6 * 70e9 * 1.4e12:.3g} FLOPs")
assert round(L_gopher, 3) == 1.993 and round(L_chinchilla, 3) == 1.937 and round(L(N_opt, D_opt), 3) == 1.931
assert L_chinchilla < L_gopher
# The bowl is flat near the bottom: a model 2x off the optimum on the same budget loses little.
for f in [2.0, 0.5]:
    dL = L_iso(N_opt * f, C_gopher) - L_iso(N_opt, C_gopher)
    print(f"  N = {f} x N_opt on the same budget: loss + {dL:.4f}")
    assert 0 < dL < 0.01
# The figure's points, on the iso-compute curve itself (D = C / 6N).
gap_chin = L_iso(70e9, C_gopher) - L_iso(N_opt, C_gopher)
gap_goph = L_iso(280e9, C_gopher) - L_iso(N_opt, C_gopher)
print(f"  on the curve: Chinchilla's size + {gap_chin:.4f}, Gopher's size + {gap_goph:.4f}")
assert round(gap_chin, 3) == 0.007 and round(gap_goph, 2) == 0.05
# The explorer's default budget 10^23.76 is Gopher's 5.76e23 to three digits.
assert round(10 ** 23.76 / 1e23, 2) == 5.75
# Ten times the budget moves the optimum by 10^a.
step = closed_form(1e24)[0] / closed_form(1e23)[0]
print(f"  10x compute moves N_opt by x {step:.2f}")
assert round(step, 2) == 2.83
# Tokens per parameter grows slowly with compute, as C^(b - a).
ratios = {C: closed_form(C)[1] / closed_form(C)[0] for C in [1e21, 1e23, 1e25]}
print("  tokens per parameter at the fit's optimum:", {f"{C:.0e}": round(r) for C, r in ratios.items()})
assert round(ratios[1e21]) == 50 and round(ratios[1e23]) == 78 and round(ratios[1e25]) == 122

# The optimum moves with the budget; at 1e26 FLOPs it lies far above the largest fitted model (16B).
N_lo_budget, N_hi_budget = closed_form(1e18)[0], closed_form(1e26)[0]
print(f"N_opt at 1e18 FLOPs = {N_lo_budget / 1e6:.0f}M, at 1e26 FLOPs = {N_hi_budget / 1e9:.0f}B")
assert round(N_lo_budget / 1e6) == 81 and round(N_hi_budget / 1e9) == 330

# 4. Table 3 (Approach 1): C = 6 N D and about 20 tokens per parameter -------------------------
table3 = [(400e6, 1.92e19, 8.0e9), (1e9, 1.21e20, 20.2e9), (10e9, 1.23e22, 205.1e9),
          (67e9, 5.76e23, 1.5e12), (175e9, 3.85e24, 3.7e12), (280e9, 9.9e24, 5.9e12),
          (520e9, 3.43e25, 11.0e12), (1e12, 1.27e26, 21.2e12), (10e12, 1.3e28, 216.2e12)]
for N, C, D in table3:
    print(f"  Table 3: N = {N:8.3g}, D = {D:8.3g}, D/N = {D / N:5.1f}, 6ND/C = {6 * N * D / C:.3f}")
    assert 19.9 <= D / N <= 22.4
    assert abs(6 * N * D / C - 1) < 0.05
print(f"Chinchilla itself: 1.4T / 70B = {1.4e12 / 70e9:.0f} tokens per parameter; "
      f"Gopher: 300B / 280B = {300e9 / 280e9:.2f}")
# Chinchilla sits on the table's rule: its budget is the 67B row's (within 3%), and its tokens per
# parameter fall in the same band as every row's.
chin_N, chin_D = 70e9, 1.4e12
chin_C = 6 * chin_N * chin_D
nearest = min(table3, key=lambda row: abs(row[1] - chin_C))
print(f"  Chinchilla's 6ND = {chin_C:.3g} FLOPs; nearest Table 3 budget {nearest[1]:.3g} (N = {nearest[0]:.3g})")
assert nearest[0] == 67e9 and abs(chin_C / nearest[1] - 1) < 0.03
assert 19.9 <= chin_D / chin_N <= 22.4

# 5. Ten times the compute ---------------------------------------------------------------------
k_kaplan_N, k_kaplan_D = 10 ** 0.73, 10 ** 0.27
k_half = 10 ** 0.5
print(f"10x compute: Kaplan N x {k_kaplan_N:.2f}, D x {k_kaplan_D:.2f}; equal scaling N x {k_half:.2f}, D x {k_half:.2f}")
assert round(k_kaplan_N, 2) == 5.37 and round(k_kaplan_D, 2) == 1.86 and round(k_half, 2) == 3.16
assert abs(k_kaplan_N * k_kaplan_D - 10) < 1e-9 and abs(k_half ** 2 - 10) < 1e-12
print("all checks passed")
