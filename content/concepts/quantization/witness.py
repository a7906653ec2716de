"""Witness for the quantization notebook.

Uniform affine quantization of a group of real numbers to b bits: scale s = (max - min) / (2^b - 1),
integer zero point z = round(-min / s), code q = clip(round(x / s) + z, 0, 2^b - 1), and the value
read back x_hat = s (q - z). Checks:

1. every error |x - x_hat| is at most s / 2, and the zero point makes 0 exact;
2. the noise model: over many values the error is spread evenly over [-s/2, s/2], so its mean
   square is s^2 / 12, and each extra bit halves the error (about 6 dB);
3. an outlier column: a 256 x 512 matrix of unit-spread values with column 7 scaled by 50.
   One scale for the whole tensor is stretched by it, so every ordinary value rounds coarsely;
   a scale per column (per channel) confines the damage to column 7. Also the product with a
   weight matrix, and LLM.int8()-style mixed precision (Dettmers et al. 2022, arXiv 2208.07339):
   the outlier column kept in 16 bits, the rest in 8 bits with a scale per row;
4. weight-only quantization: round-to-nearest against a GPTQ-style column-by-column update
   (Frantar et al. 2022, arXiv 2210.17323) on correlated inputs, by the error of the layer output;
5. memory, counted on packed arrays: 2, 1 and 0.5 bytes per parameter for 16, 8 and 4 bits, plus
   the scales and zero points; the same count for Llama 3.1 8B's 8.03 billion parameters.

Run: python3 witness.py
"""
import numpy as np

rng = np.random.default_rng(0)


def quantize(x, b, axis=None):
    """Affine quantization to b bits, one (scale, zero point) per slice along `axis` (None: one)."""
    lo = np.minimum(x.min(axis=axis, keepdims=True), 0.0)  # the range always contains 0
    hi = np.maximum(x.max(axis=axis, keepdims=True), 0.0)
    s = (hi - lo) / (2**b - 1)
    s = np.where(s == 0, 1.0, s)
    z = np.round(-lo / s)
    q = np.clip(np.round(x / s) + z, 0, 2**b - 1)
    return q.astype(np.int64), s, z


def dequantize(q, s, z):
    return s * (q - z)


def qd(x, b, axis=None):
    return dequantize(*quantize(x, b, axis))


def rel(a, ref):
    return np.linalg.norm(a - ref) / np.linalg.norm(ref)


# 1. Half a step -------------------------------------------------------------------------------
print("--- 1. the error bound")
for b in (2, 3, 4, 8):
    worst = 0.0
    for _ in range(500):
        x = rng.standard_normal(64) * rng.uniform(0.01, 100) + rng.uniform(-5, 5)
        q, s, z = quantize(x, b)
        worst = max(worst, (np.abs(x - dequantize(q, s, z)) / (s / 2)).max())
        assert q.min() >= 0 and q.max() <= 2**b - 1
        assert dequantize(z, s, z) == 0.0  # the zero point is a code: 0 is stored exactly
    print(f"b = {b}: {2**b:3d} levels; largest |x - x_hat| / (s/2) over 500 groups of 64 = {worst:.4f}")
    assert worst <= 1 + 1e-9

# 2. The noise model s^2 / 12 ------------------------------------------------------------------
print("--- 2. mean squared error against s^2 / 12, one million Gaussian values")
x = rng.standard_normal(1_000_000)
prev = None
ratios = {}
for b in (4, 6, 8, 10):
    q, s, z = quantize(x, b)
    e = x - dequantize(q, s, z)
    ratios[b] = np.mean(e**2) / (s.item() ** 2 / 12)
    rms = np.sqrt(np.mean(e**2))
    step = "" if prev is None else f", {prev / rms:.2f} times smaller than 2 bits fewer"
    print(f"b = {b:2d}: s = {s.item():.5f}, rms error {rms:.2e}, mean square / (s^2/12) = {ratios[b]:.3f}{step}")
    if prev is not None:
        assert 3.8 < prev / rms < 4.2  # two more bits: four times smaller
    prev = rms
assert all(abs(r - 1) < 0.01 for r in ratios.values())

# 3. An outlier column: per tensor against per channel ---------------------------------------
print("--- 3. X: 256 x 512, unit spread, column 7 scaled by 50")
X = rng.standard_normal((256, 512))
X[:, 7] *= 50.0
W = rng.standard_normal((512, 256)) / np.sqrt(512)
Y = X @ W
normal = np.ones(512, bool)
normal[7] = False
res = {}
for b in (8, 4):
    Xt = qd(X, b)            # one scale for the whole tensor
    Xc = qd(X, b, axis=0)    # one scale per column (per channel)
    e_t = rel(Xt[:, normal], X[:, normal])
    e_c = rel(Xc[:, normal], X[:, normal])
    res[b] = (e_t, e_c, rel(Xt @ W, Y), rel(Xc @ W, Y))
    print(f"b = {b}: error of the 511 ordinary columns: per tensor {e_t:.4f}, per channel {e_c:.4f} "
          f"({e_t / e_c:.0f} times less); output X W: {res[b][2]:.4f} against {res[b][3]:.4f}")
s_t = (X.max() - min(X.min(), 0)) / 255
s_c = np.median([(X[:, j].max() - X[:, j].min()) / 255 for j in range(512) if j != 7])
print(f"8-bit step per tensor {s_t:.3f}; median per ordinary column {s_c:.4f} ({s_t / s_c:.0f} times finer)")
# The noise model predicts both: rms error = range / ((2^b - 1) sqrt(12)), in units of the spread 1.
r_t = X.max() - min(X.min(), 0)
r_c = np.median([X[:, j].max() - X[:, j].min() for j in range(512) if j != 7])
m_t, m_c = r_t / (255 * np.sqrt(12)), r_c / (255 * np.sqrt(12))
print(f"range per tensor {r_t:.0f}, per ordinary column {r_c:.2f}; predicted 8-bit rms error "
      f"{m_t:.4f} and {m_c:.4f}; {np.log2(r_t / r_c):.1f} extra bits would buy back the difference")
assert abs(m_t / res[8][0] - 1) < 0.02 and abs(m_c / res[8][1] - 1) < 0.05
b_need = np.log2(255 * 40 + 1)  # the demo: range 400 instead of 10, the same error as 8 bits
print(f"demo: a range 40 times wider needs b = log2(255 * 40 + 1) = {b_need:.2f} bits for the 8-bit error")
assert abs(b_need - 13.32) < 0.01
zero4 = np.mean(qd(X, 4)[:, normal] == 0)
print(f"4 bits per tensor: {zero4:.1%} of the ordinary values are read back as exactly 0")
assert res[8][0] > 50 * res[8][1] and res[4][0] > 5 * res[4][1] and zero4 > 0.99
assert res[8][2] > 3 * res[8][3]
# Without the outlier the gap shrinks to the effect of range over more values.
X0 = rng.standard_normal((256, 512))
r0 = rel(qd(X0, 8), X0) / rel(qd(X0, 8, axis=0), X0)
print(f"no outlier: per tensor / per channel error = {r0:.2f}")
assert 1 < r0 < 1.6  # only the wider range of 131,072 values against 256

# LLM.int8()-style: rows of X and columns of W get their own scales (vector-wise), so the scales
# factor out of each inner product; the outlier column of X and row of W stay in 16 bits.
Xq, sx, zx = quantize(X[:, normal], 8, axis=1)
Wq, sw, zw = quantize(W[normal], 8, axis=0)
Y_int8 = dequantize(Xq, sx, zx) @ dequantize(Wq, sw, zw)
Y_mixed = Y_int8 + X[:, ~normal].astype(np.float16) @ W[~normal].astype(np.float16)
Y_rows = qd(X, 8, axis=1) @ qd(W, 8, axis=0)  # vector-wise, outlier included
e_mixed, e_rows = rel(Y_mixed, Y), rel(Y_rows, Y)
print(f"8-bit X W, scales per row of X and column of W: error {e_rows:.4f}; with column 7 in "
      f"16 bits: {e_mixed:.4f}; share of the products in 8 bits {511 / 512:.4f}")
assert e_mixed < e_rows / 5

# 4. Weight-only: round-to-nearest against a GPTQ-style update ------------------------------
print("--- 4. a 64 x 128 weight matrix, 4 and 3 bits, 1,024 correlated calibration inputs")
d_in, d_out, n_cal = 128, 64, 1024
A = rng.standard_normal((d_in, d_in)) / np.sqrt(d_in)
A += 0.9 * np.eye(d_in)
Xcal = rng.standard_normal((n_cal, d_in)) @ A.T + rng.standard_normal((1, d_in))  # correlated
Wl = rng.standard_normal((d_out, d_in)) / np.sqrt(d_in)
H = 2 * Xcal.T @ Xcal / n_cal  # Hessian of the layer's squared output error


def quantize_fixed(w, s, z, b):
    """Round one column to the grid fixed in advance for its rows."""
    return s * (np.clip(np.round(w / s) + z, 0, 2**b - 1) - z)


def gptq(Wm, Hm, b, damp=0.01):
    """Quantize columns in order; spread each column's rounding error over the later columns
    with the inverse Hessian (its upper Cholesky factor), as in GPTQ's algorithm."""
    Wm = Wm.copy()
    _, s, z = quantize(Wm, b, axis=1)  # one grid per output row, fixed from the original weights
    Hd = Hm + damp * np.mean(np.diag(Hm)) * np.eye(len(Hm))
    U = np.linalg.cholesky(np.linalg.inv(Hd)).T
    Q = np.zeros_like(Wm)
    for i in range(Wm.shape[1]):
        Q[:, i] = quantize_fixed(Wm[:, i:i + 1], s, z, b)[:, 0]
        err = (Wm[:, i] - Q[:, i]) / U[i, i]
        Wm[:, i + 1:] -= np.outer(err, U[i, i + 1:])
    return Q


out = Xcal @ Wl.T
gp = {}
for b in (4, 3):
    W_rtn = qd(Wl, b, axis=1)
    W_gptq = gptq(Wl, H, b)
    e_rtn, e_gptq = rel(Xcal @ W_rtn.T, out), rel(Xcal @ W_gptq.T, out)
    gp[b] = (e_rtn, e_gptq)
    print(f"b = {b}: output error round-to-nearest {e_rtn:.4f}, GPTQ-style {e_gptq:.4f} "
          f"({e_rtn / e_gptq:.2f} times less); weight error {rel(W_rtn, Wl):.4f} against {rel(W_gptq, Wl):.4f}")
    assert e_gptq < e_rtn / 1.4 and rel(W_gptq, Wl) > rel(W_rtn, Wl)  # worse weights, better outputs

# 5. Memory -----------------------------------------------------------------------------------
print("--- 5. bytes per parameter, counted on packed arrays")


def pack(q, b):
    per = 8 // b
    flat = q.ravel().astype(np.uint8)
    flat = np.concatenate([flat, np.zeros((-len(flat)) % per, np.uint8)])
    out = np.zeros(len(flat) // per, np.uint8)
    for i in range(per):
        out |= flat[i::per] << (b * i)
    return out


Wbig = rng.standard_normal((256, 1024))
n_par = Wbig.size
per_param = {16: Wbig.astype(np.float16).nbytes / n_par}
for b in (8, 4):
    q, s, z = quantize(Wbig, b, axis=1)
    per_param[b] = pack(q, b).nbytes / n_par
    per_param[b, "row"] = (pack(q, b).nbytes + s.astype(np.float16).nbytes + z.astype(np.float16).nbytes) / n_par
G = 128
qg, sg, zg = quantize(Wbig.reshape(-1, G), 4, axis=1)
per_param[4, "g128"] = (pack(qg, 4).nbytes + sg.astype(np.float16).nbytes + zg.astype(np.float16).nbytes) / n_par
print(f"16 bits: {per_param[16]} bytes; 8 bits: {per_param[8]}; 4 bits: {per_param[4]}; "
      f"with a 16-bit scale and zero point per row of 1,024: {per_param[8, 'row']:.6f} and "
      f"{per_param[4, 'row']:.6f}; 4 bits in groups of 128: {per_param[4, 'g128']}")
assert per_param[16] == 2 and per_param[8] == 1 and per_param[4] == 0.5
assert per_param[4, "g128"] == 0.5 + 4 / 128  # 4.25 bits per parameter
params_8b = 8.03e9  # Llama 3.1 8B
for name, bpp in (("bf16", 2), ("int8", 1), ("int4", 0.5), ("int4, groups of 128", 0.53125)):
    print(f"Llama 3.1 8B weights in {name:20s}: {params_8b * bpp / 1e9:6.2f} GB")
assert abs(params_8b * 0.53125 / 1e9 - 4.27) < 0.01

print(f"OK: error <= s/2, mean square s^2/12; an outlier column costs per-tensor scales "
      f"{res[8][0] / res[8][1]:.0f}x at 8 bits; 2 -> 1 -> 0.5 bytes per parameter")
