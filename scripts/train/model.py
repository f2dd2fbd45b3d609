"""A small decoder-only transformer (nanoGPT-style) with the KV-cache interface of
docs/model-format.md, so the module we train is the module we export.

forward(input_ids, position_ids, attention_mask, past_key, past_value)
    -> logits [B, T, V], present_key / present_value [L, B, H, P+T, Dh]

Written for Debian's torch 1.13 (no scaled_dot_product_attention there) but uses
F.scaled_dot_product_attention on recent torch when there is no cache and no padding mask
(the training path), because the fused kernel is much faster on GPU.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

import os

# REASONLESS_NO_SDPA=1 forces the hand-written attention (gpu-run.sh's fallback if a run crashes)
HAS_SDPA = hasattr(F, "scaled_dot_product_attention") and not os.environ.get("REASONLESS_NO_SDPA")


@dataclass
class GPTConfig:
    vocab_size: int = 124
    n_layers: int = 8
    n_heads: int = 4
    d_model: int = 256
    max_positions: int = 1024   # only used by learned positions (the table size)
    positional: str = "learned"  # "learned" | "rotary"
    dropout: float = 0.0

    @property
    def head_dim(self):
        return self.d_model // self.n_heads


def _exporting():
    # torch.onnx.is_in_onnx_export exists in 1.13 and in 2.x
    return torch.onnx.is_in_onnx_export() or torch.jit.is_tracing()


def rotate(x, position_ids):
    """Rotary embedding computed from position_ids (no cached cos/sin table, so nothing of a
    fixed maximum length ends up in the ONNX file). x: [B, H, T, Dh]."""
    half = x.shape[-1] // 2
    inv_freq = 1.0 / (10000.0 ** (torch.arange(0, half, device=x.device, dtype=torch.float32) / half))
    ang = position_ids.to(torch.float32)[:, None, :, None] * inv_freq  # [B, 1, T, half]
    cos, sin = ang.cos(), ang.sin()
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1).to(x.dtype)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model, bias=False)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model, bias=False)

    def forward(self, x, position_ids, keep, past_k, past_v):
        B, T, _ = x.shape
        H, Dh = self.cfg.n_heads, self.cfg.head_dim
        q, k, v = self.qkv(x).split(self.cfg.d_model, dim=2)
        q, k, v = (t.view(B, T, H, Dh).transpose(1, 2) for t in (q, k, v))  # [B, H, T, Dh]
        if self.cfg.positional == "rotary":
            q, k = rotate(q, position_ids), rotate(k, position_ids)
        if past_k is not None:
            # the cache is fp32 by contract; under autocast new k/v may be bf16
            k = torch.cat([past_k, k.to(past_k.dtype)], dim=2)
            v = torch.cat([past_v, v.to(past_v.dtype)], dim=2)
        present = (k, v)
        if keep is None and HAS_SDPA and not _exporting():
            y = F.scaled_dot_product_attention(q, k.to(q.dtype), v.to(q.dtype), is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1).to(q.dtype)) * (1.0 / math.sqrt(Dh))
            # masked_fill with a bool mask keeps bf16 scores bf16 (an additive fp32 mask would
            # promote them); a finite minimum avoids NaN rows for fully padded queries
            att = att.masked_fill(~keep, torch.finfo(att.dtype).min)
            att = F.softmax(att.float(), dim=-1).to(v.dtype if v.dtype == q.dtype else q.dtype)
            y = att @ v.to(att.dtype)
        y = y.transpose(1, 2).reshape(B, T, self.cfg.d_model)
        return self.proj(y), present


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.d_model)
        self.attn = Attention(cfg)
        self.ln2 = nn.LayerNorm(cfg.d_model)
        self.fc = nn.Linear(cfg.d_model, 4 * cfg.d_model, bias=False)
        self.out = nn.Linear(4 * cfg.d_model, cfg.d_model, bias=False)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, position_ids, keep, past_k, past_v):
        # pre-norm; x stays fp32 under bf16 autocast (sublayer outputs are bf16, fp32 + bf16 =
        # fp32), which matters because torch 1.13's CPU LayerNorm rejects bf16 input
        a, present = self.attn(self.ln1(x), position_ids, keep, past_k, past_v)
        x = x + self.drop(a)
        x = x + self.drop(self.out(F.gelu(self.fc(self.ln2(x)))))
        return x, present


class GPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        if cfg.positional == "learned":
            self.wpe = nn.Embedding(cfg.max_positions, cfg.d_model)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layers))
        self.ln_f = nn.LayerNorm(cfg.d_model)
        self.apply(self._init)
        for b in self.blocks:  # GPT-2 scaled init of the residual projections
            for w in (b.attn.proj.weight, b.out.weight):
                nn.init.normal_(w, std=0.02 / math.sqrt(2 * cfg.n_layers))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def num_parameters(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, input_ids, position_ids=None, attention_mask=None, past_key=None, past_value=None):
        B, T = input_ids.shape
        P = 0 if past_key is None else past_key.shape[3]
        if position_ids is None:
            position_ids = torch.arange(P, P + T, device=input_ids.device).unsqueeze(0).expand(B, T)
        x = self.wte(input_ids)
        if self.cfg.positional == "learned":
            x = x + self.wpe(position_ids)
        keep = None  # None = plain causal (training); else a bool [B, 1, T, P+T] mask
        if attention_mask is not None or past_key is not None or not HAS_SDPA or _exporting():
            # causal mask from arange, so no max-length buffer is baked into the export:
            # new token i (absolute index P+i in the cache) may see cache slots j <= P+i
            i = torch.arange(T, device=input_ids.device).unsqueeze(1)
            j = torch.arange(P + T, device=input_ids.device).unsqueeze(0)
            keep = (j <= i + P)[None, None]
            if attention_mask is not None:
                keep = keep & (attention_mask[:, None, None, :] > 0.5)
        pk, pv = [], []
        for layer, block in enumerate(self.blocks):
            x, (k, v) = block(x, position_ids, keep,
                              None if past_key is None else past_key[layer],
                              None if past_value is None else past_value[layer])
            pk.append(k)
            pv.append(v)
        # tied embeddings: the output projection reuses the token table
        logits = F.linear(self.ln_f(x), self.wte.weight)
        if self.training and past_key is None:
            return logits.float(), None, None  # no cache wanted while training: skip the copies
        return logits.float(), torch.stack(pk).float(), torch.stack(pv).float()


def config_dict(cfg):
    d = asdict(cfg)
    d["head_dim"] = cfg.head_dim
    return d
