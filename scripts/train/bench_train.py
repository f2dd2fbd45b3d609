"""Training throughput of one config on this machine: bf16 autocast vs fp32, same batches.

    /usr/bin/python3 scripts/train/bench_train.py --config 10x10-cpu --data data/10x10

Prints tokens/s (real tokens, padding excluded) for each dtype and the ratio, with the CPU
model and thread count. Full optimizer steps (forward, backward, AdamW) on real batches.

    /usr/bin/python3 scripts/train/bench_train.py --config 6x6-cpu --batch-size 64 --layout

--layout answers how to run a set of runs on this machine: one process with all threads
against N concurrent one-thread processes (N = the CPU count), same dtype, same batches, timed
in one sitting; it prints both aggregate rates and which layout is faster.
"""
import argparse
import json
import os
import subprocess
import sys
import time

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
    ap.add_argument("--dtype", choices=["fp32", "bf16"], help="time only this dtype")
    ap.add_argument("--layout", action="store_true",
                    help="compare one all-threads process with concurrent one-thread processes (use the faster for studies)")
    args = ap.parse_args()
    if args.layout:
        return layout(args)
    cfg = load_config(args.config)
    torch.set_num_threads(args.threads or cfg["threads"])
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    split = Split(args.data or cfg["data"], "train", args.condition)
    batches = split.batches(args.batch_size, seed=0, epoch=0)[:args.steps]
    dtypes = [args.dtype] if args.dtype else ["fp32", "bf16"]
    res = {d: tokens_per_second(cfg, split, d, batches, device) for d in dtypes}
    params = GPT(GPTConfig(vocab_size=len(split.vocab), **cfg["model"])).num_parameters()
    if args.dtype:
        print(json.dumps(dict(config=cfg["name"], hardware=hardware(device), dtype=args.dtype, tokens_per_s=round(res[args.dtype]))))
        return
    print(json.dumps(dict(config=cfg["name"], parameters=params, hardware=hardware(device), torch=str(torch.__version__),
                          batch_size=args.batch_size, mean_seq_len=float(split.lengths.mean()),
                          tokens_per_s_fp32=round(res["fp32"]), tokens_per_s_bf16=round(res["bf16"]),
                          bf16_over_fp32=round(res["bf16"] / res["fp32"], 2))))


def layout(args):
    """Runs this script as child processes: first one with every core's thread, then one per core
    with one thread each, all at once; the aggregate tokens/s of the two layouts side by side."""
    cores = len(os.sched_getaffinity(0))
    base = [sys.executable, os.path.abspath(__file__), "--config", args.config, "--batch-size", str(args.batch_size),
            "--steps", str(args.steps), "--condition", args.condition, "--dtype", args.dtype or "bf16"]
    if args.data:
        base += ["--data", args.data]

    def run(n, threads):
        t0 = time.time()
        procs = [subprocess.Popen(base + ["--threads", str(threads)], stdout=subprocess.PIPE, text=True) for _ in range(n)]
        rates = [json.loads(p.communicate()[0].strip().splitlines()[-1])["tokens_per_s"] for p in procs]
        return dict(processes=n, threads_each=threads, tokens_per_s=sum(rates), per_process=rates, wall=round(time.time() - t0, 1))

    one = run(1, cores)
    many = run(cores, 1)
    best = "concurrent" if many["tokens_per_s"] > one["tokens_per_s"] else "single"
    print(json.dumps(dict(config=args.config, dtype=args.dtype or "bf16", cores=cores, load_before=os.getloadavg()[0],
                          single=one, concurrent=many, faster=best,
                          ratio_concurrent_over_single=round(many["tokens_per_s"] / one["tokens_per_s"], 2))))


if __name__ == "__main__":
    main()
