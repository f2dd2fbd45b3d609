"""Reads a dataset folder in the layout of docs/dataset-format.md and derives the three
training conditions at load time (each prompt/trace/plan is stored once).

    correct:  <|bos|> prompt reasoning trace[i]     solution plan end <|eos|>
    no-trace: <|bos|> prompt reasoning              solution plan end <|eos|>
    swapped:  <|bos|> prompt reasoning trace[pi[i]] solution plan end <|eos|>

The loss falls on the response only (`reasoning ... <|eos|>`). Batches hold a fixed number of
sequences (so every condition takes the same number of optimizer steps per epoch) drawn from
length buckets, so padding stays small without packing unrelated sequences together.
"""
import gzip
import hashlib
import json
import os

import numpy as np
import torch

# The one list of conditions, shared with the TypeScript (src/conditions.ts).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "conditions.json")) as _f:
    CONDITIONS = tuple(json.load(_f)["conditions"])
IGNORE = -100  # cross_entropy's default ignore_index


def _read(path, dtype):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=dtype)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Vocab:
    def __init__(self, folder):
        path = os.path.join(folder, "vocab.json")
        v = json.load(open(path))
        self.rows, self.cols, self.tokens = v["rows"], v["cols"], v["tokens"]
        self.sha256 = sha256_file(path)
        self.id = {t: i for i, t in enumerate(self.tokens)}
        # keywords are looked up by name, never hard-coded as ids
        for name in ("reasoning", "solution", "end", "plan"):
            setattr(self, name, self.id[name])
        self.bos, self.eos, self.pad = self.id["<|bos|>"], self.id["<|eos|>"], self.id["<|pad|>"]

    def __len__(self):
        return len(self.tokens)


class Split:
    """One split of one condition: instance i -> (token ids, index of `reasoning`)."""

    def __init__(self, folder, split, condition, vocab=None, max_len=None):
        assert condition in CONDITIONS, condition
        self.vocab = vocab or Vocab(folder)
        self.condition = condition
        # kept as uint16 (a 300k-instance split is 120M tokens); widened per sequence
        self.tokens = _read(os.path.join(folder, f"{split}.tokens.u16.gz"), "<u2")
        self.offsets = _read(os.path.join(folder, f"{split}.offsets.u32.gz"), "<u4").reshape(-1, 4).astype(np.int64)
        n = len(self.offsets)
        if condition == "swapped":
            self.trace_of = _read(os.path.join(folder, f"{split}.swap.u32.gz"), "<u4").astype(np.int64)
            assert len(self.trace_of) == n and not (self.trace_of == np.arange(n)).any(), "swap must be a derangement"
        else:
            self.trace_of = np.arange(n)
        o = self.offsets
        trace_len = (o[:, 2] - o[:, 1])[self.trace_of] if condition != "no-trace" else np.zeros(n, np.int64)
        # bos + prompt + reasoning + trace + solution + plan + end + eos
        self.lengths = 1 + (o[:, 1] - o[:, 0]) + 1 + trace_len + 1 + (o[:, 3] - o[:, 2]) + 2
        # instances that fit a learned position table (all of them when max_len is None);
        # dropping a rare overlong one beats crashing an unattended run
        self.keep = np.arange(n) if max_len is None else np.nonzero(self.lengths <= max_len)[0]

    def __len__(self):
        return len(self.offsets)

    def prompt(self, i):
        """What decoding starts from: `<|bos|> prompt reasoning`."""
        o = self.offsets[i]
        return [self.vocab.bos] + self.tokens[o[0]:o[1]].tolist() + [self.vocab.reasoning]

    def sequence(self, i):
        o, v = self.offsets[i], self.vocab
        parts = [[v.bos], self.tokens[o[0]:o[1]], [v.reasoning]]
        if self.condition != "no-trace":
            t = self.offsets[self.trace_of[i]]
            parts.append(self.tokens[t[1]:t[2]])
        parts += [[v.solution], self.tokens[o[2]:o[3]], [v.end, v.eos]]
        return np.concatenate([np.asarray(p, dtype=np.int64) for p in parts]), int(o[1] - o[0]) + 1

    def collate(self, idx):
        """Right-padded inputs/targets. Padding sits after each sequence, so plain causal
        attention never lets a real token see it, and targets there are IGNORE."""
        seqs = [self.sequence(i) for i in idx]
        T = max(len(s) for s, _ in seqs) - 1
        x = np.full((len(idx), T), self.vocab.pad, np.int64)
        y = np.full((len(idx), T), IGNORE, np.int64)
        for r, (s, reasoning_at) in enumerate(seqs):
            x[r, :len(s) - 1] = s[:-1]
            y[r, :len(s) - 1] = s[1:]
            # target j predicts s[j+1]; response tokens are s[reasoning_at:]
            y[r, :reasoning_at - 1] = IGNORE
        return torch.from_numpy(x), torch.from_numpy(y)

    def batches(self, batch_size, seed, epoch, bucket=64):
        """Index lists for one epoch: shuffle, cut into windows of `bucket` batches, sort each
        window by length, cut into batches, shuffle the batches. A trailing partial batch is
        dropped so every epoch has exactly len(self.keep) // batch_size steps."""
        rng = np.random.default_rng([seed, epoch])
        order = self.keep[rng.permutation(len(self.keep))]
        order = order[: len(order) // batch_size * batch_size]
        out = []
        w = batch_size * bucket
        for s in range(0, len(order), w):
            win = order[s:s + w]
            win = win[np.argsort(self.lengths[win], kind="stable")]
            out += [win[k:k + batch_size] for k in range(0, len(win), batch_size)]
        return [out[k] for k in rng.permutation(len(out))]
