"""Witness for the tokenization notebook.

Checks what the Math section says, each against a computation that does not assume it:

1. Sennrich et al.'s Algorithm 1 on their toy dictionary (low 5, lower 2, newest 6, widest 3):
   ten merges, each the most frequent adjacent pair at that moment, and the unseen word "lower";
2. byte-level BPE trained on a small English corpus: the vocabulary is 256 bytes plus one symbol
   per merge, decode(encode(s)) == s for the training text, for unseen text and for text with
   accents, Chinese characters and an emoji, and no input ever needs an "unknown" token;
3. compression: tokens per character falls as merges are added, on the training text and on
   held-out text;
4. cost: for Llama 3.1 8B (32 layers, 8 KV heads of width 128, bf16) the KV cache is
   131,072 bytes per token, so a text's cache is proportional to its token count.

Run: python3 witness.py
"""
import re
from collections import Counter

import numpy as np

# 1. Algorithm 1 of Sennrich, Haddow and Birch (2015) ----------------------------------
words = {("l", "o", "w", "</w>"): 5, ("l", "o", "w", "e", "r", "</w>"): 2,
         ("n", "e", "w", "e", "s", "t", "</w>"): 6, ("w", "i", "d", "e", "s", "t", "</w>"): 3}


def pair_counts(vocab):
    """Count every adjacent pair of symbols, each word weighted by its frequency."""
    counts = Counter()
    for word, freq in vocab.items():
        for a, b in zip(word, word[1:]):
            counts[a, b] += freq
    return counts


def merge_word(word, pair, new):
    """Replace every occurrence of the adjacent pair in one word, left to right."""
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            out.append(new)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


vocab, merges = dict(words), []
for _ in range(10):
    counts = pair_counts(vocab)
    best = max(counts, key=lambda p: (counts[p], [-ord(c) for c in "".join(p)]))  # ties: first in alphabet
    merges.append((best, counts[best]))
    vocab = {merge_word(w, best, best[0] + best[1]): f for w, f in vocab.items()}
print("Algorithm 1, ten merges (pair, count):")
print("  " + ", ".join(f"{a}+{b} ({n})" for (a, b), n in merges))
assert [m[0] for m in merges[:3]] == [("e", "s"), ("es", "t"), ("est", "</w>")]
assert [n for _, n in merges[:3]] == [9, 9, 9]
assert all(n1 >= n2 for (_, n1), (_, n2) in zip(merges, merges[1:]))  # counts never rise here
word = ("l", "o", "w", "e", "r", "</w>")
for (pair, _) in merges:
    word = merge_word(word, pair, pair[0] + pair[1])
print(f"  'lower' after the ten merges: {word}")
assert word == ("low", "e", "r", "</w>")

# 2. Byte-level BPE on a small corpus --------------------------------------------------
TRAIN = """
A language model does not read letters or words. It reads a list of integers, and a tokenizer
decides which integers. The tokenizer cuts the text into pieces from a fixed vocabulary and
replaces each piece by its number in the vocabulary. A small vocabulary of single letters makes
every text long; a vocabulary of whole words makes the text short but cannot spell a word it has
never seen. Byte-pair encoding finds a middle road. It starts from the smallest pieces and learns
which neighbours appear together most often. The most frequent pair becomes a new piece, the
counts are taken again, and the next most frequent pair is merged, until the vocabulary has the
size we want. Frequent words end up as one piece, rare words as several, and any word at all can
still be written with the smallest pieces. The model then reads fewer tokens for the same text,
and every token it reads costs memory in the cache and time in the attention. The tokenizer is
trained once, before the model, and the model never sees the text, only the tokens.
""".strip().replace("\n", " ")
HELD_OUT = ("The model reads the tokens that the tokenizer writes, and the number of tokens sets "
            "the length of every sequence the model stores, attends over and pays for.")
WORLD = "naïve café, 東京 and 🙂 still round-trip"

CHUNK = re.compile(r" ?[^ ]+| +")  # a word with the space before it; merges never cross chunks


def train_bpe(text, n_merges):
    """Byte-level BPE: symbols start as the 256 byte values; each merge adds symbol 256 + i."""
    chunks = Counter(tuple(c.encode("utf-8")) for c in CHUNK.findall(text))
    rules = []
    for i in range(n_merges):
        counts = pair_counts(chunks)
        if not counts:
            break
        best = max(counts, key=lambda p: (counts[p], -p[0], -p[1]))  # ties: smallest ids
        if counts[best] < 2:
            break  # nothing repeats: a merge would not shorten the text
        rules.append(best)
        chunks = {merge_word(w, best, 256 + i): f for w, f in chunks.items()}
    return rules


def encode(text, rules):
    """Apply the learned merges in the order they were learned, chunk by chunk."""
    ids = []
    for c in CHUNK.findall(text):
        w = tuple(c.encode("utf-8"))
        for i, pair in enumerate(rules):
            if len(w) < 2:
                break
            w = merge_word(w, pair, 256 + i)
        ids.extend(w)
    return ids


def decode(ids, rules):
    """Expand every merged symbol back into its two parts until only bytes are left."""
    table = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(rules):
        table[256 + i] = table[a] + table[b]
    return b"".join(table[t] for t in ids).decode("utf-8")


rules = train_bpe(TRAIN, 400)
n_rules = len(rules)
vocab_size = 256 + n_rules
table = {i: bytes([i]) for i in range(256)}
for i, (a, b) in enumerate(rules):
    table[256 + i] = table[a] + table[b]
print(f"byte-level BPE on {len(TRAIN)} characters: stopped after {n_rules} merges "
      f"(no pair left that occurs twice), vocabulary {vocab_size} = 256 + {n_rules}")
print("  first ten new symbols:", [table[256 + i].decode() for i in range(10)])
assert n_rules < 400 and vocab_size == 256 + n_rules
for s in (TRAIN, HELD_OUT, WORLD):
    ids = encode(s, rules)
    assert decode(ids, rules) == s and all(0 <= t < vocab_size for t in ids)
world_ids = encode(WORLD, rules)
print(f"  '{WORLD}': {len(WORLD)} characters, {len(WORLD.encode('utf-8'))} bytes, "
      f"{len(world_ids)} tokens, round trip exact, no unknown token")
assert len(encode("🙂", rules)) == 4 and len("🙂".encode("utf-8")) == 4  # an unseen emoji is 4 byte tokens
assert len(encode("東", [])) == 3

# 3. Compression as merges grow ----------------------------------------------------------
print("  merges   tokens/char train   tokens/char held-out")
rows = []
for k in (0, 20, 40, 80, n_rules):
    r = rules[:k]
    t_train, t_held = len(encode(TRAIN, r)) / len(TRAIN), len(encode(HELD_OUT, r)) / len(HELD_OUT)
    rows.append((k, t_train, t_held))
    print(f"  {k:6d}   {t_train:17.3f}   {t_held:20.3f}")
train_curve = [r[1] for r in rows]
held_curve = [r[2] for r in rows]
assert train_curve[0] == 1.0 and held_curve[0] == 1.0  # plain ASCII: one byte per character
assert all(a > b for a, b in zip(train_curve, train_curve[1:]))
assert all(a >= b for a, b in zip(held_curve, held_curve[1:]))
assert held_curve[-1] > train_curve[-1]  # unseen text compresses less than the text it was trained on
held_bytes, held_tokens = len(encode(HELD_OUT, [])), len(encode(HELD_OUT, rules))

# 4. Token count sets the KV cache --------------------------------------------------------
layers, kv_heads, d_head, bytes_per = 32, 8, 128, 2  # Llama 3.1 8B, bf16 (content/models)
per_token = 2 * layers * kv_heads * d_head * bytes_per
print(f"KV cache per token, Llama 3.1 8B bf16: {per_token:,} bytes; 8,192 tokens: "
      f"{per_token * 8192 / 2**30:.0f} GiB, 16,384 tokens: {per_token * 16384 / 2**30:.0f} GiB")
assert per_token == 131_072 and per_token * 8192 == 2**30
ratio = held_bytes / held_tokens
print(f"  held-out text: {held_bytes} tokens as raw bytes, {held_tokens} after {n_rules} merges; "
      f"the byte-level cache would be {ratio:.2f} times larger")
assert np.isclose(per_token * held_bytes / (per_token * held_tokens), ratio)

print("OK: merges are the most frequent pairs; vocabulary = 256 + merges; decode(encode(s)) = s; "
      "tokens per character fall with merges; cache grows with tokens")
