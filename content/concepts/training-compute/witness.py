"""Witness for the training-compute notebook.

Kaplan et al. 2020 (arXiv 2001.08361), section 2.1 and Table 1: a forward pass of a Transformer
costs about C_forward = 2N + 2 n_layer n_ctx d_attn FLOPs per token, with N = 12 n_layer d_model^2
non-embedding parameters; with the backward pass at twice the forward, training costs about 6N
FLOPs per token, so C ~ 6 N D for D tokens.

The witness follows the Math section:
1. count the multiply-adds of a small decoder, weights and attention, forward and backward;
2. the attention term against 6N: the ratio n_ctx / (12 d_model), for GPT-3 and a small model;
3. C = 6 N D for published models, against Brown et al.'s Table D.1 for GPT-3;
4. FLOPs to accelerator time through the model FLOPs utilisation (MFU), and back.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)

# 1. Counting a small decoder --------------------------------------------------------------
# n_layer blocks, each with W_Q, W_K, W_V, W_O (d_model x d_attn, d_attn = d_model) and a
# feed-forward layer d_model -> d_ff -> d_model with d_ff = 4 d_model. Every multiply-add is 2 FLOPs.
n_layer, d_model, n_ctx = 2, 16, 8
d_attn, d_ff = d_model, 4 * d_model
flops = {"weights": 0, "attention": 0}


def mm(A, B, kind):
    flops[kind] += 2 * A.shape[0] * A.shape[1] * B.shape[1]
    return A @ B


layers = []
for _ in range(n_layer):
    layers.append({name: rng.normal(0, 0.2, shape) for name, shape in
                   [("Q", (d_model, d_attn)), ("K", (d_model, d_attn)), ("V", (d_model, d_attn)),
                    ("O", (d_attn, d_model)), ("up", (d_model, d_ff)), ("down", (d_ff, d_model))]})
N = sum(W.size for layer in layers for W in layer.values())
assert N == 12 * n_layer * d_model ** 2           # Kaplan eq. 2.1 with d_attn = d_ff/4 = d_model


def forward(X, causal):
    for W in layers:
        Q, K, V = mm(X, W["Q"], "weights"), mm(X, W["K"], "weights"), mm(X, W["V"], "weights")
        if causal:     # compute only the scores a causal mask keeps: token t sees tokens 1..t
            A = np.zeros((n_ctx, d_attn))
            for t in range(n_ctx):
                s = mm(Q[t:t + 1], K[:t + 1].T, "attention") / np.sqrt(d_attn)
                p = np.exp(s - s.max()); p /= p.sum()
                A[t] = mm(p, V[:t + 1], "attention")
        else:
            s = mm(Q, K.T, "attention") / np.sqrt(d_attn)
            p = np.exp(s - s.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
            A = mm(p, V, "attention")
        X = X + mm(A, W["O"], "weights")
        X = X + mm(np.maximum(mm(X, W["up"], "weights"), 0), W["down"], "weights")
    return X


X = rng.normal(size=(n_ctx, d_model))
forward(X, causal=False)
w_tok, a_full = flops["weights"] / n_ctx, flops["attention"] / n_ctx
flops = {"weights": 0, "attention": 0}
forward(X, causal=True)
a_causal = flops["attention"] / n_ctx
print(f"toy decoder: n_layer = {n_layer}, d_model = {d_model}, n_ctx = {n_ctx}, N = {N:,}")
print(f"  forward FLOPs per token on the weights     = {w_tok:,.0f} = 2N")
print(f"  attention, every score computed             = {a_full:,.0f} = 4 n_layer n_ctx d_attn")
print(f"  attention, only the scores a causal mask keeps = {a_causal:,.0f} = 2 n_layer (n_ctx + 1) d_attn")
assert w_tok == 2 * N
assert a_full == 4 * n_layer * n_ctx * d_attn
assert a_causal == 2 * n_layer * (n_ctx + 1) * d_attn
kaplan_attn = 2 * n_layer * n_ctx * d_attn        # Kaplan's Table 1 row "Attention: Mask"
print(f"  Kaplan's attention term 2 n_layer n_ctx d_attn = {kaplan_attn:,}")

# Backward through one weight matrix W (m x n) for T tokens: dX = dY W^T and dW = X^T dY, each
# a matmul as large as the forward X W. So every weight costs 2 + 2 + 2 = 6 FLOPs per token.
m, n, T = 16, 64, n_ctx
Xw, dY = rng.normal(size=(T, m)), rng.normal(size=(T, n))
W = rng.normal(size=(m, n))
flops = {"weights": 0, "attention": 0}
mm(Xw, W, "weights"); fwd = flops["weights"]
mm(dY, W.T, "weights"); mm(Xw.T, dY, "weights"); bwd = flops["weights"] - fwd
print(f"one {m} x {n} weight, {T} tokens: forward {fwd:,} FLOPs = 2 per weight per token, "
      f"backward {bwd:,} = 4 per weight per token")
assert fwd == 2 * W.size * T and bwd == 4 * W.size * T

# 2. How large is the attention term? -----------------------------------------------------
# Training attention ~ 3 x 2 n_layer n_ctx d_model; against 6N = 72 n_layer d_model^2 it is
# n_ctx / (12 d_model), whatever the depth.
def attn_share(n_ctx, d_model, n_layer=1):
    N = 12 * n_layer * d_model ** 2
    return (6 * n_layer * n_ctx * d_model) / (6 * N)


gpt3 = dict(n_layer=96, d_model=12288, n_ctx=2048)         # Brown et al., Table 2.1
share_gpt3 = attn_share(gpt3["n_ctx"], gpt3["d_model"], gpt3["n_layer"])
share_small = attn_share(1024, 768, 12)                     # a GPT-2-small shape
share_long = attn_share(131072, 4096, 32)                  # a 4,096-wide model at 128K context
print(f"attention / 6N = n_ctx / (12 d_model): GPT-3 {share_gpt3:.4f}, "
      f"d_model 768 at n_ctx 1,024: {share_small:.4f}, d_model 4,096 at n_ctx 131,072: {share_long:.2f}")
assert abs(share_gpt3 - 2048 / (12 * 12288)) < 1e-15
assert round(share_gpt3 * 100, 2) == 1.39 and round(share_small * 100, 1) == 11.1
assert round(share_long, 2) == 2.67
# Equal at d_model = n_ctx / 12.
assert attn_share(12 * 64, 64) == 1.0

# 12 n_layer d_model^2 for GPT-3, against the 174,600 million of Table D.1.
N_gpt3_nonemb = 12 * gpt3["n_layer"] * gpt3["d_model"] ** 2
print(f"GPT-3: 12 n_layer d_model^2 = {N_gpt3_nonemb / 1e9:.2f}B; Table D.1 counts 174.6B, "
      f"leaving {(174.6e9 - N_gpt3_nonemb) / 1e9:.2f}B for embeddings, biases and norms")
assert round(N_gpt3_nonemb / 1e9, 2) == 173.95

# 3. C = 6 N D for published models -------------------------------------------------------
PF_DAY = 1e15 * 86400


def C_train(N, D):
    return 6 * N * D


C_gpt3 = C_train(174.6e9, 300e9)                            # Table D.1: 174,600M params, 300B tokens
print(f"GPT-3 175B: 6 N D = {C_gpt3:.4g} FLOPs = {C_gpt3 / PF_DAY:,.0f} PF-days "
      f"(Table D.1: 3.14E+23 FLOPs, 3.64E+03 PF-days)")
assert round(C_gpt3 / 1e23, 2) == 3.14 and round(C_gpt3 / PF_DAY / 1e3, 2) == 3.64
C_gpt3_attn = C_gpt3 * (1 + share_gpt3)
print(f"  with Kaplan's attention term: {C_gpt3_attn:.4g} FLOPs (+{share_gpt3 * 100:.2f} %)")
assert round(C_gpt3_attn / 1e23, 2) == 3.19

C_chin = C_train(70e9, 1.4e12)                              # Hoffmann et al.: 70B on 1.4T tokens
C_goph = C_train(280e9, 300e9)                              # Gopher: 280B on 300B tokens
C_palm = C_train(540e9, 780e9)                              # PaLM: 540B on 780B tokens
print(f"Chinchilla 6ND = {C_chin:.3g}, Gopher 6ND = {C_goph:.3g}, PaLM 540B 6ND = {C_palm:.4g} FLOPs")
assert C_chin == 5.88e23 and C_goph == 5.04e23 and round(C_palm / 1e24, 2) == 2.53
# Chinchilla's 6ND is 2.1 % above the 5.76e23 budget Hoffmann et al. quote for it and Gopher.
print(f"  Chinchilla's 6ND / 5.76e23 = {C_chin / 5.76e23:.3f}")
assert round(C_chin / 5.76e23, 3) == 1.021

# 4. FLOPs to accelerator time -------------------------------------------------------------
P_A100 = 312e12                                             # A100 dense BF16 peak, FLOP/s


def gpu_days(C, mfu, P=P_A100):
    return C / (mfu * P * 86400)


for mfu in [0.213, 0.40, 0.462, 0.60]:
    print(f"  GPT-3 on A100s at MFU {mfu:.3f}: {gpu_days(C_gpt3, mfu):,.0f} GPU-days, "
          f"{gpu_days(C_gpt3, mfu) / 1024:.1f} days on 1,024 GPUs")
g40 = gpu_days(C_gpt3, 0.40)
assert round(g40, -1) == 29150 and round(g40 / 1024, 1) == 28.5
assert round(gpu_days(C_gpt3, 0.213), -2) == 54700
assert abs(gpu_days(C_gpt3, 0.20) / gpu_days(C_gpt3, 0.40) - 2) < 1e-12   # half the MFU, twice the time
# The explorer's slider settings: log10 C = 23.497 for GPT-3 and 23.769 for Chinchilla.
assert abs(10 ** 23.497 / C_gpt3 - 1) < 1e-3 and abs(10 ** 23.769 / C_chin - 1) < 1e-3
d_gpt3_slider = gpu_days(10 ** 23.497, 0.40) / 1024
d_chin_slider = gpu_days(10 ** 23.769, 0.40) / 1024
print(f"  explorer: log10 C = 23.497 gives {d_gpt3_slider:.2f} days, 23.769 gives {d_chin_slider:.1f} days")
assert round(d_gpt3_slider, 2) == 28.44 and round(d_chin_slider, 1) == 53.2
print(f"  Chinchilla at MFU 0.40: {gpu_days(C_chin, 0.40):,.0f} GPU-days")
assert round(gpu_days(C_chin, 0.40), -2) == 54500
# Chinchilla costs more than GPT-3: 70B x 1.4T is 1.87 times 174.6B x 300B.
print(f"  Chinchilla / GPT-3 compute = {C_chin / C_gpt3:.3f}; at MFU 0.40 on 1,024 A100s: "
      f"{gpu_days(C_chin, 0.40) / 1024:.1f} days against {g40 / 1024:.1f}")
print(f"  Chinchilla is {174.6e9 / 70e9:.2f} times smaller than GPT-3 and saw {1.4e12 / 300e9:.2f} times the tokens")
assert round(174.6e9 / 70e9, 1) == 2.5 and round(1.4e12 / 300e9, 1) == 4.7
assert round(C_chin / C_gpt3, 2) == 1.87 and round(gpu_days(C_chin, 0.40) / 1024, 1) == 53.3

# MFU from a measured throughput: tokens per second x 6N over the cluster's peak.
n_gpu, N = 1024, 174.6e9
tok_per_s = 0.40 * n_gpu * P_A100 / (6 * N)
mfu_back = tok_per_s * 6 * N / (n_gpu * P_A100)
days = 300e9 / tok_per_s / 86400
print(f"1,024 A100s at MFU 0.40 train GPT-3 at {tok_per_s:,.0f} tokens/s; 300B tokens take {days:.1f} days")
assert abs(mfu_back - 0.40) < 1e-15 and round(tok_per_s, -3) == 122000 and round(days, 1) == 28.5
# Recomputing the whole forward pass in the backward (activation checkpointing) makes the
# hardware do 8N per token while MFU still counts 6N: hardware utilisation = 4/3 x MFU.
print(f"full recomputation: hardware FLOPs / model FLOPs = 8N / 6N = {8 / 6:.3f}")
print("all checks passed")
