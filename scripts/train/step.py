"""One optimizer step, and what is measured with it: the training loop (train.py), the
throughput benchmark (bench_train.py) and the dtype probe all time the same code."""
import time

import torch
import torch.nn.functional as F

from data import IGNORE
from model import GPT, GPTConfig


def masked_loss(logits, y):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=IGNORE)


def autocast_for(device, dtype):
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=dtype == "bf16")


def train_step(model, opt, x, y, device, dtype, grad_clip):
    """Forward (bf16 autocast or fp32), loss on response tokens, backward, clip, AdamW."""
    with autocast_for(device, dtype):
        logits, _, _ = model(x)
    loss = masked_loss(logits, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if grad_clip:
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    opt.step()
    return loss


def tokens_per_second(cfg, split, dtype, batches, device):
    """Real (non-padding) tokens per second of full steps on a throwaway model. Every batch runs
    once untimed first: each new sequence length makes oneDNN build bf16 primitives, and a probe
    that timed those first calls ranked bf16 at 0.8x of fp32 on an EPYC where it trains at 1.8x."""
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=len(split.vocab), **cfg["model"])).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    tokens, seconds = 0, 0.0
    for timed in (False, True):
        for idx in batches:
            x, y = (t.to(device) for t in split.collate(idx))
            t0 = time.time()
            train_step(model, opt, x, y, device, dtype, cfg.get("grad_clip"))
            if device.type == "cuda":
                torch.cuda.synchronize()
            if timed:
                seconds += time.time() - t0
                tokens += int((x != split.vocab.pad).sum())
    return tokens / seconds


def cpu_has_bf16():
    """AMX or AVX-512 BF16 (Intel Sapphire Rapids, AMD Zen 4): without either, oneDNN emulates
    bf16 and a step runs at ~0.07x of fp32 (the AVX2-only EPYC of 2026-11-27)."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = f.read()
    except OSError:
        return True  # not Linux: let the timed probe decide
    return " amx_bf16" in flags or " avx512_bf16" in flags


def probe_dtype(cfg, split, device, steps=3):
    """bf16 autocast is 2-3x faster than fp32 on CPUs with AMX and on GPUs, 1.8x on a Zen 4 EPYC
    (AVX-512 BF16), and ~15x slower on CPUs without a bf16 path (AVX2-only EPYC): measure where
    both could win. GPUs take bf16; CPUs without bf16 instructions take fp32 untimed."""
    if device.type == "cuda":
        return "bf16", dict(chosen="bf16", reason="cuda")
    if not cpu_has_bf16():
        return "fp32", dict(chosen="fp32", reason="no bf16 instructions (amx_bf16, avx512_bf16) on this CPU")
    batches = split.batches(cfg["batch_size"], seed=0, epoch=0)[:steps]
    rates = {d: tokens_per_second(cfg, split, d, batches, device) for d in ("fp32", "bf16")}
    chosen = max(rates, key=rates.get)
    return chosen, dict(chosen=chosen, reason="timed probe", steps=steps, batch_size=cfg["batch_size"],
                        tokens_per_s={d: round(r) for d, r in rates.items()})
