"""Witness for the PagedAttention notebook.

Kwon et al. 2023 (arXiv 2309.06180) store each sequence's KV cache in fixed-size blocks found
through a block table, instead of one contiguous chunk reserved for the maximum length. This
program checks, each against an independent computation:

1. waste per sequence: a sequence holding t tokens in blocks of b wastes b*ceil(t/b) - t slots,
   always between 0 and b - 1; a contiguous chunk of the maximum length M wastes M - t;
2. expected waste when the final length is uniform on 1..M: (b - 1)/2 against (M - 1)/2 slots,
   exactly by enumeration and approximately by sampling;
3. the paper's OPT-13B numbers: 800 KiB of keys and values per token, 12 GiB -> 15,728 token
   slots, so only 7 requests fit when each reserves 2,048 slots;
4. attention computed block by block through a scrambled block table equals ordinary attention
   over the contiguous keys and values (the paper's Eq. 4);
5. copy-on-write sharing for parallel sampling: counted blocks match the formula;
6. the demo's own simulation, re-implemented here from its description (same seeded generator,
   same rules), with the invariants asserted at every step and the end-of-run figures the page
   quotes asserted too.

Run: python3 witness.py
"""
import math

import numpy as np

rng = np.random.default_rng(0)


def blocks_for(t, b):
    """Blocks a sequence of t tokens occupies: ceil(t / b)."""
    return -(-t // b)


# 1. Waste per sequence -----------------------------------------------------------------------
M, b = 2048, 16
t = np.arange(1, M + 1)
paged_waste = b * (-(-t // b)) - t
contiguous_waste = M - t
assert paged_waste.min() == 0 and paged_waste.max() == b - 1
assert np.array_equal(paged_waste, (-t) % b)  # the empty tail of the last block
assert np.array_equal(contiguous_waste, M - t)
print(f"1. M = {M}, b = {b}: paged waste ranges over {paged_waste.min()}..{paged_waste.max()} slots "
      f"(b - 1 = {b - 1}); contiguous waste ranges over {contiguous_waste.min()}..{contiguous_waste.max()}")
for tokens in (1, 16, 17, 100, 2048):
    print(f"   t = {tokens:4d}: blocks {blocks_for(tokens, b):3d}, paged waste {b * blocks_for(tokens, b) - tokens:2d}, "
          f"contiguous waste {M - tokens:4d}")

# 2. Expected waste ---------------------------------------------------------------------------
# Final length L uniform on 1..M (M a multiple of b, so L mod b is uniform over the residues).
exact_paged = paged_waste.mean()
exact_contiguous = contiguous_waste.mean()
assert math.isclose(exact_paged, (b - 1) / 2) and math.isclose(exact_contiguous, (M - 1) / 2)
L = rng.integers(1, M + 1, size=200_000)
sampled_paged = (b * (-(-L // b)) - L).mean()
sampled_contiguous = (M - L).mean()
assert abs(sampled_paged - (b - 1) / 2) < 0.05 and abs(sampled_contiguous - (M - 1) / 2) < 5
print(f"2. L uniform on 1..{M}: expected waste paged {exact_paged} = (b-1)/2, contiguous "
      f"{exact_contiguous} = (M-1)/2; sampled {sampled_paged:.2f} and {sampled_contiguous:.1f}")
# Share of allocated slots that hold tokens, at the end of each sequence's life.
share_contiguous = L.mean() / M
share_paged = L.sum() / (b * (-(-L // b))).sum()
print(f"   token states / allocated at the end: contiguous {share_contiguous:.3f}, paged {share_paged:.4f}")
assert share_contiguous < 0.51 and share_paged > 0.99

# 3. OPT-13B on one A100 (the paper's section 3 and Table 1) ----------------------------------
# config.json of facebook/opt-13b: hidden_size 5120, num_hidden_layers 40; fp16 = 2 bytes.
hidden, layers, fp16 = 5120, 40, 2
per_token = 2 * hidden * layers * fp16  # keys and values
assert per_token == 819_200 == 800 * 2**10
slots = (12 * 2**30) // per_token  # Table 1: 12 GB for the KV cache, "15.7K" slots
assert slots == 15_728 and round(12 * 2**30 / per_token / 1000, 1) == 15.7
max_len = 2048
print(f"3. OPT-13B: 2 x {hidden} x {layers} x {fp16} = {per_token:,} bytes = 800 KiB per token; "
      f"12 GiB / 800 KiB = {12 * 2**30 / per_token:,.2f} -> {slots:,} slots")
print(f"   reserving {max_len} slots per request: {slots // max_len} requests fit "
      f"({slots - (slots // max_len) * max_len:,} slots left over); in blocks of 16: {slots // 16:,} blocks")
assert slots // max_len == 7
# A request of 2,048 tokens: 1.6 GB of keys and values (the paper's "as much as 1.6 GB").
assert round(max_len * per_token / 1e9, 1) == 1.7 and round(max_len * per_token / 2**30, 1) == 1.6
print(f"   one request of {max_len} tokens: {max_len * per_token:,} bytes = {max_len * per_token / 2**30:.2f} GiB")

# 4. Attention through a block table (Eq. 4 of the paper) -------------------------------------
d, T, bs = 8, 37, 4
q = rng.standard_normal(d)
K = rng.standard_normal((T, d))
V = rng.standard_normal((T, d))
n_logical = blocks_for(T, bs)
pool = 20  # physical blocks on the "GPU"
table = rng.permutation(pool)[:n_logical]  # logical block j lives in physical block table[j]
K_pool = np.full((pool, bs, d), np.nan)
V_pool = np.full((pool, bs, d), np.nan)
for j, phys in enumerate(table):
    rows = slice(j * bs, min((j + 1) * bs, T))
    K_pool[phys, : rows.stop - rows.start] = K[rows]
    V_pool[phys, : rows.stop - rows.start] = V[rows]


def contiguous_attention(q, K, V):
    s = K @ q / math.sqrt(len(q))
    w = np.exp(s - s.max())
    return (w / w.sum()) @ V


def paged_attention(q, table, K_pool, V_pool, T, bs):
    """Read block j of the sequence from physical block table[j]; scores block by block."""
    scores, values = [], []
    for j, phys in enumerate(table):
        filled = min(bs, T - j * bs)  # the last block may be partly empty: read only filled rows
        scores.append(K_pool[phys, :filled] @ q / math.sqrt(len(q)))
        values.append(V_pool[phys, :filled])
    top = max(s.max() for s in scores)
    denom = sum(np.exp(s - top).sum() for s in scores)
    return sum(Vj.T @ (np.exp(s - top) / denom) for s, Vj in zip(scores, values))


out_c = contiguous_attention(q, K, V)
out_p = paged_attention(q, table, K_pool, V_pool, T, bs)
print(f"4. T = {T} tokens in {n_logical} blocks of {bs}, block table {table.tolist()}: "
      f"max |paged - contiguous| = {np.abs(out_p - out_c).max():.1e}")
assert np.allclose(out_p, out_c, rtol=1e-12, atol=1e-12)


# 5. Copy-on-write for parallel sampling ------------------------------------------------------
class BlockPool:
    def __init__(self):
        self.refcount = {}
        self.next_id = 0

    def new(self):
        self.refcount[self.next_id] = 1
        self.next_id += 1
        return self.next_id - 1

    def live(self):
        return sum(1 for c in self.refcount.values() if c > 0)


def parallel_sampling(p, k, g, bs):
    """k samples share a p-token prompt, then each appends g tokens; returns live blocks."""
    pool = BlockPool()
    prompt = [pool.new() for _ in range(blocks_for(p, bs))]
    seqs = []
    for _ in range(k):  # fork: every sample maps its logical blocks to the same physical ones
        for blk in prompt:
            pool.refcount[blk] += 1
        seqs.append({"table": list(prompt), "len": p})
    for blk in prompt:
        pool.refcount[blk] -= 1  # the prompt itself is no longer a sequence
    for _ in range(g):
        for s in seqs:
            if s["len"] % bs == 0:  # last block full: take a fresh one
                s["table"].append(pool.new())
            else:
                last = s["table"][-1]
                if pool.refcount[last] > 1:  # shared: copy it before writing (copy-on-write)
                    pool.refcount[last] -= 1
                    s["table"][-1] = pool.new()
            s["len"] += 1
    return pool.live(), seqs


for p, k, g in [(7, 2, 1), (7, 2, 10), (100, 4, 50), (64, 6, 30)]:
    live, seqs = parallel_sampling(p, k, g, bs)
    shared = p // bs  # full prompt blocks stay shared
    formula = shared + k * blocks_for(p + g - shared * bs, bs)
    unshared = k * blocks_for(p + g, bs)
    assert live == formula and all(len(s["table"]) == blocks_for(p + g, bs) for s in seqs)
    assert unshared - live == (k - 1) * shared
    print(f"5. prompt {p:3d}, {k} samples, {g:2d} tokens each, blocks of {bs}: {live:3d} blocks shared "
          f"vs {unshared:3d} unshared, saving {1 - live / unshared:.1%}")
# The paper's Fig. 8: a 7-token prompt in blocks of 4, two samples, one new token each: block 0
# stays shared, block 1 is copied for the first writer, the second writes in place -> 3 blocks.
assert parallel_sampling(7, 2, 1, 4)[0] == 3


# 6. The demo's simulation --------------------------------------------------------------------
def mulberry32(seed):
    """The demo's generator (src/lib/paged-blocks.ts), 32-bit arithmetic spelled out."""
    a = seed & 0xFFFFFFFF

    def rand():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rand


def poisson(rand, mean):
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rand()
    while p > limit:
        k += 1
        p *= rand()
    return k


def requests_for(cfg):
    rand = mulberry32(cfg["seed"])
    out = []
    for step in range(1, cfg["steps"] + 1):
        for _ in range(poisson(rand, cfg["rate"])):
            prompt = cfg["pmin"] + math.floor(rand() * (cfg["pmax"] - cfg["pmin"] + 1))
            output = cfg["omin"] + math.floor(rand() * (cfg["omax"] - cfg["omin"] + 1))
            out.append(dict(id=len(out) + 1, arrival=step, prompt=prompt,
                            output=min(output, cfg["max"] - prompt)))
    return out


def simulate(cfg, paged):
    """One allocator, step by step: arrivals, one token per running request (a paged request
    takes a block when its last one is full, preempting the youngest when none is free),
    frees, then first-come-first-served admission. Returns per-step slot counts and totals."""
    C, bs, Mx = cfg["cap"], cfg["block"], cfg["max"]
    owner = np.zeros(C, dtype=np.int64)  # request id per slot, 0 = free
    free_blocks = list(range(C // bs))
    running, waiting, queue = [], [], requests_for(cfg)
    stats = dict(finished=0, generated=0, preemptions=0, admitted=0, wait=0)
    history = []

    def stored(s):
        return s["prompt"] + s["gen"]

    def release(s):
        if paged:
            for blk in s["blocks"]:
                owner[blk * bs:(blk + 1) * bs] = 0
            free_blocks.extend(s["blocks"])
            s["blocks"] = []
        else:
            owner[s["start"]:s["start"] + s["size"]] = 0

    def admit(s):
        if paged:
            need = blocks_for(stored(s), bs)
            if len(free_blocks) < need:
                return False
            s["blocks"], free_blocks[:] = free_blocks[:need], free_blocks[need:]
            for blk in s["blocks"]:
                owner[blk * bs:(blk + 1) * bs] = s["id"]
            return True
        size = Mx  # the 'max' policy: reserve the maximum length
        run = 0
        for i in range(C):  # first fit
            run = run + 1 if owner[i] == 0 else 0
            if run == size:
                s["start"], s["size"] = i - size + 1, size
                owner[i - size + 1:i + 1] = s["id"]
                return True
        return False

    for step in range(1, cfg["steps"] + 1):
        while queue and queue[0]["arrival"] == step:
            waiting.append(dict(queue.pop(0), gen=0, first=-1, blocks=[], start=-1, size=0))
        before = stats["preemptions"]
        for s in list(running):
            if s not in running:
                continue
            if paged and stored(s) % bs == 0:
                while not free_blocks:
                    victim = running.pop()  # the youngest (running is kept in id order)
                    release(victim)
                    waiting.append(victim)
                    waiting.sort(key=lambda r: r["id"])
                    stats["preemptions"] += 1
                if s not in running:
                    continue
                blk = free_blocks.pop(0)
                owner[blk * bs:(blk + 1) * bs] = s["id"]
                s["blocks"].append(blk)
            s["gen"] += 1
            stats["generated"] += 1
        for s in [r for r in running if r["gen"] == r["output"]]:
            release(s)
            stats["finished"] += 1
        running = [r for r in running if r["gen"] < r["output"]]
        while waiting and stats["preemptions"] == before and admit(waiting[0]):
            s = waiting.pop(0)
            if s["first"] < 0:
                s["first"] = step
                stats["admitted"] += 1
                stats["wait"] += step - s["arrival"]
            running.append(s)
            running.sort(key=lambda r: r["id"])
        # Invariants, for every running request and the whole memory.
        held = 0
        for s in running:
            size = len(s["blocks"]) * bs if paged else s["size"]
            held += size
            if paged:
                assert 0 <= size - stored(s) <= bs - 1  # at most b - 1 slots idle
            else:
                assert size - stored(s) == Mx - stored(s)  # the whole reservation minus what is used
        assert held == np.count_nonzero(owner)
        tokens = sum(stored(s) for s in running)
        if not paged:
            assert len(running) <= C // Mx
        history.append((tokens, held))
    return history, stats


cfg = dict(seed=7, rate=0.08, pmin=8, pmax=64, omin=8, omax=160, max=256, block=16, cap=1024,
           steps=200)  # the demo's defaults
print(f"6. the demo's defaults: {len(requests_for(cfg))} requests over {cfg['steps']} steps, "
      f"{cfg['cap']} slots, maximum length {cfg['max']}, blocks of {cfg['block']}")
results = {}
for name, paged in (("contiguous", False), ("paged", True)):
    history, stats = simulate(cfg, paged)
    tokens = np.array([h[0] for h in history])
    held = np.array([h[1] for h in history])
    results[name] = dict(util=(tokens / cfg["cap"]).mean(), share=tokens.sum() / held.sum(), **stats)
    r = results[name]
    print(f"   {name:10s}: mean utilisation {r['util']:.1%}, token states / allocated {r['share']:.1%}, "
          f"finished {r['finished']}, tokens generated {r['generated']}, preemptions {r['preemptions']}, "
          f"mean wait {r['wait'] / r['admitted']:.1f} steps")
# The figures the page quotes (and the demo's own unit test asserts, from the TypeScript code).
assert (results["contiguous"]["finished"], results["paged"]["finished"]) == (8, 13)
assert (results["contiguous"]["generated"], results["paged"]["generated"]) == (708, 1153)
assert f"{results['contiguous']['util']:.1%}" == "33.0%" and f"{results['paged']['util']:.1%}" == "48.4%"
assert f"{results['contiguous']['share']:.1%}" == "37.1%" and f"{results['paged']['share']:.1%}" == "91.9%"
# A block as large as the maximum length turns paging back into max-length reservation.
big = simulate(dict(cfg, block=256), True)[1]
assert (big["finished"], big["generated"]) == (8, 708)
print(f"   blocks of 256 = the maximum length: finished {big['finished']}, tokens {big['generated']}, "
      f"the same as contiguous reservation")

print("OK: paged waste <= b - 1 per sequence against M - t; expected (b-1)/2 = 7.5 against "
      "(M-1)/2 = 1023.5; OPT-13B: 15,728 slots, 7 max-length requests; block-table attention = "
      "contiguous attention; copy-on-write block counts; the demo's run reproduced")
