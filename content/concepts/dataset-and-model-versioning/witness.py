"""Witness for the dataset-and-model-versioning notebook.

Checks what the Math section says, in the same order:

1. a content address is the hash of the bytes: the same bytes always give the same id, and
   flipping one bit of a file changes about half of the 256 bits of its SHA-256 id
   (1,000 random flips: mean 128 bits changed, every flip changes the id);
2. a dataset version is the root hash of a sorted manifest of (path, file hash) lines, the
   Merkle idea (Merkle 1989): listing the files in another order leaves the root unchanged,
   while changing one byte of one file, renaming a file, or adding one, changes it (the
   figure's three-file example is computed here too);
3. a store keyed by content hash deduplicates: two versions that share 999 of 1,000 files
   need 1,001 stored blobs, not 2,000, and comparing manifests names the one file that changed;
4. lineage: a model's id is the hash of its inputs' ids (code, data root, config, seed); a
   change to any one input gives a new id, and the toy training run is a pure function of
   those inputs, so rerunning it gives weights with the same hash (and a change to a file the
   run never reads changes the id but not the weights: lineage is conservative);
5. the birthday bound: with k ids of b bits, P(collision) = 1 - exp(-k(k-1)/2^(b+1)) to a very
   good approximation; with SHA-256 truncated to 16 bits, 300 ids collide in 50.7 % of 10,000
   trials where the formula predicts 49.6 %, while a full 256-bit id would need about 4.0e38 objects
   to reach even odds.

Run: python3 witness.py
"""
import hashlib
import math

import numpy as np

rng = np.random.default_rng(0)


def H(data: bytes) -> str:
    """The content address: SHA-256 of the bytes, as 64 hex digits (256 bits)."""
    return hashlib.sha256(data).hexdigest()


def bits_differ(h1: str, h2: str) -> int:
    return bin(int(h1, 16) ^ int(h2, 16)).count("1")


# 1. Same bytes, same id; one flipped bit, a different id ---------------------------------
blob = rng.integers(0, 256, 4096, dtype=np.uint8).tobytes()
assert H(blob) == H(bytes(bytearray(blob)))  # a copy hashes the same: identity is content
flips = []
for _ in range(1000):
    changed = bytearray(blob)
    pos, bit = int(rng.integers(len(changed))), int(rng.integers(8))
    changed[pos] ^= 1 << bit
    flips.append(bits_differ(H(blob), H(bytes(changed))))
flips = np.array(flips)
print(f"1,000 single-bit flips of a 4 KiB file: SHA-256 bits changed: mean {flips.mean():.1f} "
      f"of 256 (std {flips.std():.1f}, min {flips.min()}, max {flips.max()})")
assert flips.min() > 0  # every flip changes the id
assert abs(flips.mean() - 128) < 1.5  # about half of the bits, as for a random function
assert abs(flips.std() - 8) < 1.0  # Binomial(256, 1/2) has standard deviation 8


# 2. A dataset version: root hash of a sorted manifest --------------------------------------
def manifest(files: dict) -> bytes:
    """One line per file, 'path<TAB>hash', sorted by path: the order of listing is erased."""
    lines = sorted(f"{path}\t{H(data)}" for path, data in files.items())
    return ("\n".join(lines) + "\n").encode()


def root(files: dict) -> str:
    return H(manifest(files))


def make_dataset(n_files, seed):
    g = np.random.default_rng(seed)
    return {f"shard-{i:04d}.bin": g.integers(0, 256, 256, dtype=np.uint8).tobytes()
            for i in range(n_files)}


D = make_dataset(1000, seed=1)
r = root(D)
shuffled = dict(sorted(D.items(), key=lambda kv: H(kv[0].encode())))  # another listing order
assert list(shuffled) != list(D)
one_byte = dict(D)
data = bytearray(one_byte["shard-0500.bin"])
data[17] = (data[17] + 1) % 256
one_byte["shard-0500.bin"] = bytes(data)
renamed = {("shard-X.bin" if p == "shard-0500.bin" else p): v for p, v in D.items()}
added = dict(D, **{"shard-1000.bin": b"new"})
print(f"dataset of 1,000 files: root {r[:16]}...")
for name, variant in (("listed in another order", shuffled), ("one byte changed", one_byte),
                      ("one file renamed", renamed), ("one file added", added)):
    print(f"  {name:<24} root {root(variant)[:16]}...  same? {root(variant) == r}")
assert root(shuffled) == r
assert root(one_byte) != r and root(renamed) != r and root(added) != r

# The figure's example: three small files, then one byte of img-1.png changed.
fig = {"img-0.png": b"\x89PNG example image zero", "img-1.png": b"\x89PNG example image one",
       "labels.csv": b"file,label\nimg-0.png,cat\nimg-1.png,dog\n"}
fig_changed = dict(fig, **{"img-1.png": b"\x89PNG example image onf"})
print("figure:", {p: H(v)[:4] for p, v in fig.items()}, "root", root(fig)[:4],
      "| after the change: img-1.png", H(fig_changed["img-1.png"])[:4], "root", root(fig_changed)[:4])
assert [H(v)[:4] for v in fig.values()] == ["e622", "1f45", "043f"] and root(fig)[:4] == "dae5"
assert H(fig_changed["img-1.png"])[:4] == "9f89" and root(fig_changed)[:4] == "51c5"

# A binary Merkle tree over the 1,000 files would prove one file with ceil(log2 1000) hashes.
print("sibling hashes to verify one of 1,000 files in a binary tree:", math.ceil(math.log2(1000)))
assert math.ceil(math.log2(1000)) == 10

# 3. Deduplication and diffs by hash ----------------------------------------------------------
store = {}
for version in (D, one_byte):
    for data in version.values():
        store[H(data)] = data  # a blob is stored once, under its own hash
print(f"two versions x 1,000 files: {len(store):,} blobs stored")
assert len(store) == 1001


def diff(m_old: bytes, m_new: bytes):
    old = dict(line.split("\t") for line in m_old.decode().splitlines())
    new = dict(line.split("\t") for line in m_new.decode().splitlines())
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


changed_paths = diff(manifest(D), manifest(one_byte))
print("manifest diff names:", changed_paths)
assert changed_paths == ["shard-0500.bin"]


# 4. Lineage: model id = H(code id, data root, config id, seed) ----------------------------
def train(files: dict, config: dict, seed: int) -> np.ndarray:
    """A toy training run: least squares on features read from the files, plus seeded noise
    in the initialisation of an iterative solver. It reads nothing else."""
    raw = np.frombuffer(b"".join(files[p] for p in sorted(files)), dtype=np.uint8)
    A = raw[: 64 * 8].reshape(64, 8).astype(float) / 255.0
    t = raw[64 * 8: 64 * 9].astype(float) / 255.0
    w = np.random.default_rng(seed).normal(size=8) * 0.01
    for _ in range(config["steps"]):
        w -= config["lr"] * A.T @ (A @ w - t) / len(t)
    return w


code_id = H(b"def train(...): ...  # the training code, version 1")
config = {"lr": 0.5, "steps": 200}
config_id = H(repr(sorted(config.items())).encode())


def model_id(code, data_root, cfg, seed):
    return H(f"{code}\n{data_root}\n{cfg}\n{seed}".encode())


base = model_id(code_id, r, config_id, 0)
variants = {
    "code": model_id(H(b"version 2"), r, config_id, 0),
    "data": model_id(code_id, root(one_byte), config_id, 0),
    "config": model_id(code_id, r, H(repr(sorted({**config, "lr": 0.4}.items())).encode()), 0),
    "seed": model_id(code_id, r, config_id, 1),
}
print(f"model id {base[:16]}...; changing one input each:",
      ", ".join(f"{k} -> {v[:8]}" for k, v in variants.items()))
assert all(v != base for v in variants.values())
assert len(set(variants.values())) == 4
w1, w2 = train(D, config, 0), train(D, config, 0)
weights_hash = H(w1.tobytes())
print(f"weights hash, run 1: {weights_hash[:16]}...  run 2: {H(w2.tobytes())[:16]}...")
assert H(w2.tobytes()) == weights_hash  # same inputs, same bytes out
assert H(train(D, config, 1).tobytes()) != weights_hash  # another seed, other weights
# Lineage is conservative: the toy reads only the first three files, so a byte changed in
# shard-0500 gives a new data root and a new model id, yet the very same weights.
assert H(train(one_byte, config, 0).tobytes()) == weights_hash
assert variants["data"] != base


# 5. The birthday bound -----------------------------------------------------------------------
def p_collision(k, b):
    """P(at least two of k random b-bit ids coincide) ~ 1 - exp(-k(k-1)/2^(b+1))."""
    return -math.expm1(-k * (k - 1) / 2.0 ** (b + 1))


def p_collision_exact(k, b):
    N = 2 ** b
    return 1.0 - math.prod((N - i) / N for i in range(k))


b_small, k_small, trials = 16, 300, 10_000
hits = 0
for trial in range(trials):
    ids = {H(f"{trial}/{i}".encode())[:4] for i in range(k_small)}  # 4 hex digits = 16 bits
    hits += len(ids) < k_small
freq = hits / trials
print(f"{k_small} ids of {b_small} bits: collision in {freq:.3f} of {trials:,} trials; "
      f"formula {p_collision(k_small, b_small):.4f}, exact product "
      f"{p_collision_exact(k_small, b_small):.4f}")
assert abs(p_collision(k_small, b_small) - 0.4956) < 1e-4
assert abs(p_collision(k_small, b_small) - p_collision_exact(k_small, b_small)) < 0.002
assert abs(freq - p_collision(k_small, b_small)) < 0.02  # four binomial standard errors (0.005 each)

# Even odds at k ~ sqrt(2 ln 2 * 2^b) = 1.1774 * 2^(b/2).
for b in (32, 64, 256):
    k_half = math.sqrt(2 * math.log(2) * 2.0 ** b)
    print(f"b = {b:>3} bits: even odds of a collision at about {k_half:.3g} objects")
assert round(math.sqrt(2 * math.log(2) * 2.0 ** 32)) == 77163
assert 4.0e38 < math.sqrt(2 * math.log(2) * 2.0 ** 256) < 4.02e38
print(f"32-bit ids: P(collision) at 65,536 = 2^16 objects is {p_collision(65536, 32):.3f}, "
      f"at 77,163 objects {p_collision(77163, 32):.3f}")
assert abs(p_collision(65536, 32) - (1 - math.exp(-0.5))) < 1e-5  # 0.393, not yet even odds
assert abs(p_collision(77163, 32) - 0.5) < 1e-4
print(f"28-bit ids (7 hex digits), 10,000 objects: P(collision) = {p_collision(10_000, 28):.3f}")
assert abs(p_collision(10_000, 28) - 0.170) < 5e-4
tiny = 1e12 * (1e12 - 1) / 2.0 ** 257
print(f"a trillion objects with 256-bit ids: P(collision) <= {tiny:.1e}")
assert tiny < 1e-50

print("OK: ids follow content, manifests ignore order but not bytes, storage dedupes, "
      "lineage ids change with any input, and the birthday bound holds")
