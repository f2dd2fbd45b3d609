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
    """Real (non-padding) tokens per second of full steps on a throwaway model; the first
    batch is a warm-up (allocator, oneDNN primitive creation) and is not timed."""
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab_size=len(split.vocab), **cfg["model"])).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    tokens, seconds = 0, 0.0
    for k, idx in enumerate(batches):
        x, y = (t.to(device) for t in split.collate(idx))
        t0 = time.time()
        train_step(model, opt, x, y, device, dtype, cfg.get("grad_clip"))
        if device.type == "cuda":
            torch.cuda.synchronize()
        if k > 0:
            seconds += time.time() - t0
            tokens += int((x != split.vocab.pad).sum())
    return tokens / seconds


def probe_dtype(cfg, split, device, steps=3):
    """bf16 autocast is 2-3x faster than fp32 on CPUs with AMX and on GPUs, and ~15x slower on
    CPUs without a bf16 path (AVX2-only EPYC): measure instead of guessing. GPUs take bf16."""
    if device.type == "cuda":
        return "bf16", dict(chosen="bf16", reason="cuda")
    batches = split.batches(cfg["batch_size"], seed=0, epoch=0)[:steps + 1]
    rates = {d: tokens_per_second(cfg, split, d, batches, device) for d in ("fp32", "bf16")}
    chosen = max(rates, key=rates.get)
    return chosen, dict(chosen=chosen, reason="timed probe", steps=steps, batch_size=cfg["batch_size"],
                        tokens_per_s={d: round(r) for d, r in rates.items()})
