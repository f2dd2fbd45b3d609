"""Training throughput of one config on this machine: bf16 autocast vs fp32, same batches.

    /usr/bin/python3 scripts/train/bench_train.py --config 10x10-cpu --data data/10x10

Prints tokens/s (real tokens, padding excluded) for each dtype and the ratio, with the CPU
model and thread count. Full optimizer steps (forward, backward, AdamW) on real batches.
"""
import argparse
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import Split  # noqa: E402
from model import GPT, GPTConfig  # noqa: E402
from step import tokens_per_second  # noqa: E402
from train import hardware, load_config  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="10x10-cpu")
    ap.add_argument("--data", help="dataset folder (default: the config's)")
    ap.add_argument("--condition", default="correct")
    ap.add_argument("--batch-size", type=int, default=4, help="sequences per step (small: this CPU is slow)")
    ap.add_argument("--steps", type=int, default=3, help="timed steps per dtype (plus one warm-up)")
    ap.add_argument("--threads", type=int, help="default: the config's")
    args = ap.parse_args()
    cfg = load_config(args.config)
    torch.set_num_threads(args.threads or cfg["threads"])
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    split = Split(args.data or cfg["data"], "train", args.condition)
    batches = split.batches(args.batch_size, seed=0, epoch=0)[:args.steps + 1]
    res = {d: tokens_per_second(cfg, split, d, batches, device) for d in ("fp32", "bf16")}
    params = GPT(GPTConfig(vocab_size=len(split.vocab), **cfg["model"])).num_parameters()
    print(json.dumps(dict(config=cfg["name"], parameters=params, hardware=hardware(device), torch=str(torch.__version__),
                          batch_size=args.batch_size, mean_seq_len=float(split.lengths.mean()),
                          tokens_per_s_fp32=round(res["fp32"]), tokens_per_s_bf16=round(res["bf16"]),
                          bf16_over_fp32=round(res["bf16"] / res["fp32"], 2))))


if __name__ == "__main__":
    main()
