"""Train one condition of one config.

    /usr/bin/python3 scripts/train/train.py --config 10x10-cpu --condition correct
    /usr/bin/python3 scripts/train/train.py --config 10x10-cpu --condition swapped --resume
    torchrun --nproc_per_node=N scripts/train/train.py --config 20x20-gpu --condition correct

A config is scripts/train/configs/<name>.json (defaults below, file overrides, command line
overrides the file). All three conditions of a config take the same number of optimizer steps
with the same number of sequences per step, i.e. the same epochs; tokens seen differ and are
reported. Writes to <out>/: ckpt.pt, curve.jsonl (one line per eval), and a progress line on
stderr. --time-budget stops cleanly (final eval + checkpoint) before the wall clock runs out.
"""
import argparse
import fcntl
import json
import math
import os
import platform
import sys
import time
from dataclasses import asdict

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CONDITIONS, IGNORE, Split, Vocab, sha256_file  # noqa: E402
from model import GPT, GPTConfig, config_dict  # noqa: E402
from step import autocast_for, cpu_has_bf16, probe_dtype, train_step  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULTS = dict(
    data="data/10x10",
    model={k: v for k, v in asdict(GPTConfig()).items() if k != "vocab_size"},  # model.py's defaults; the vocabulary sets vocab_size
    batch_size=64,        # sequences per optimizer step (all conditions alike)
    max_steps=None,       # or set epochs; --max-steps wins
    epochs=1.0,
    lr=1e-3, min_lr=1e-4, warmup_steps=100, weight_decay=0.1, betas=[0.9, 0.95], grad_clip=1.0,
    eval_interval=200, val_instances=256, log_interval=10,
    dtype="auto", threads=2, seed=1337, max_new_tokens=1024,  # auto: bf16 or fp32 by a timed probe
    ckpt_interval=None,   # steps between checkpoints (default: every eval)
    ckpt_minutes=5,       # and at least this often: a run stopped at any moment loses little
    plan_eval_interval=None,  # steps between greedy plan-validity probes on val prompts (None: off)
    plan_eval_n=128,
)


def load_config(name_or_path):
    path = name_or_path if name_or_path.endswith(".json") else os.path.join(HERE, "configs", name_or_path + ".json")
    cfg = json.loads(json.dumps(DEFAULTS))
    user = json.load(open(path))
    cfg["model"].update(user.pop("model", {}))
    cfg.update(user)
    cfg["name"] = os.path.splitext(os.path.basename(path))[0]
    return cfg


def hardware(device):
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} ({torch.get_num_threads()} threads)"
    except OSError:
        pass
    return platform.processor() or "cpu"


def lr_at(step, cfg, max_steps):
    """Linear warmup, then cosine down to min_lr at max_steps."""
    warmup = min(cfg["warmup_steps"], max(1, max_steps // 5))  # short runs still get to decay
    if step < warmup:
        return cfg["lr"] * (step + 1) / warmup
    t = min(1.0, (step - warmup) / max(1, max_steps - warmup))
    return cfg["min_lr"] + 0.5 * (1 + math.cos(math.pi * t)) * (cfg["lr"] - cfg["min_lr"])


@torch.no_grad()
def evaluate(model, val, idx, batch_size, device, autocast):
    """Teacher-forced loss and next-token accuracy on response tokens of a fixed val subset."""
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    idx = sorted(idx, key=lambda i: val.lengths[i])  # length-sorted: little padding
    for k in range(0, len(idx), batch_size):
        x, y = (t.to(device) for t in val.collate(idx[k:k + batch_size]))
        with autocast():
            logits, _, _ = model(x)
        m = y != IGNORE
        loss_sum += F.cross_entropy(logits[m], y[m], reduction="sum").item()
        correct += (logits[m].argmax(-1) == y[m]).sum().item()
        count += m.sum().item()
    model.train()
    return loss_sum / max(1, count), correct / max(1, count)


@torch.no_grad()
def probe_plan_validity(model, val, idx, vocab, device, autocast, max_new_tokens):
    """Share of greedy decodes (KV cache, batched) whose trailing plan passes the plan rules:
    the quantity the study is about, tracked during training so the curve shows it."""
    from parity import greedy, plan_valid  # parity imports train's neighbours, not train
    model.eval()
    prompts = [val.prompt(i) for i in idx]
    with autocast():
        decodes = greedy(model, prompts, max_new_tokens, [vocab.eos], device=device, batch_size=64)
    model.train()
    return sum(plan_valid(p, d, vocab) for p, d in zip(prompts, decodes)) / max(1, len(prompts))


def fit_steps(args, step, probe_from, t_start):
    """Steps that fit the budget at the measured rate. Each run writes {rate, start}: start is
    when it began measuring (seconds after launch, so it includes imports, data loading and
    CUDA set-up). Once all --sync-count runs have written, every run computes the same number
    from the same files: min(rate) * (budget - max(start) - reserve)."""
    now = time.time()
    mine = dict(rate=(step - probe_from[1]) / (now - probe_from[0]), start=probe_from[0] - t_start, step=step)
    rows = [mine]
    if args.sync_dir:
        os.makedirs(args.sync_dir, exist_ok=True)
        path = os.path.join(args.sync_dir, f"{args.condition}.json")
        json.dump(mine, open(path + ".tmp", "w"))
        os.replace(path + ".tmp", path)
        deadline = now + 60  # a run that died must not stall the others
        while True:
            files = [f for f in os.listdir(args.sync_dir) if f.endswith(".json")]
            if len(files) >= args.sync_count or time.time() > deadline:
                break
            time.sleep(0.2)
        rows = [json.load(open(os.path.join(args.sync_dir, f))) for f in sorted(files)]
    # reserve: final eval + save + the guard's own margin, and 8% for evals and jitter
    usable = args.time_budget * 0.95 - max(r["start"] for r in rows) - 10
    # never below a step some run has already reached (tiny budgets): all runs still agree
    return max(max(r["step"] for r in rows) + 1, int(min(r["rate"] for r in rows) * usable * 0.92))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True, help="name in scripts/train/configs/ or a .json path")
    ap.add_argument("--condition", required=True, choices=CONDITIONS)
    ap.add_argument("--data", help="dataset folder (overrides the config)")
    ap.add_argument("--out", help="run folder (default runs/<config>-<condition>)")
    ap.add_argument("--max-steps", type=int, help="optimizer steps (overrides epochs/max_steps)")
    ap.add_argument("--time-budget", type=float, help="seconds of wall clock; stop, eval and save before it")
    ap.add_argument("--resume", action="store_true",
                    help="continue from <out>/ckpt.pt exactly: same schedule, same data order, same dtype (a bf16 run "
                         "moved to a CPU without bf16 instructions, or asked for another --dtype, switches and records it)")
    ap.add_argument("--stop-at-step", type=int,
                    help="stop cleanly (eval + checkpoint) at this step without changing the schedule; --resume goes on")
    ap.add_argument("--fit-steps", action="store_true",
                    help="size max_steps from throughput measured during the first --probe-seconds so the run "
                         "ends within --time-budget; with --sync-dir, concurrent runs agree on the smallest")
    ap.add_argument("--probe-seconds", type=float, default=20.0)
    ap.add_argument("--sync-dir", help="folder where concurrent --fit-steps runs exchange their throughput")
    ap.add_argument("--sync-count", type=int, default=3, help="how many runs share --sync-dir")
    ap.add_argument("--device", default="auto", help="auto | cpu | cuda")
    ap.add_argument("--dtype", choices=["auto", "bf16", "fp32"],
                    help="overrides the config; auto times both on this machine and keeps the faster")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="override a config key, e.g. --set batch_size=32")
    args = ap.parse_args()
    t_start = time.time()

    cfg = load_config(args.config)
    for kv in args.set:
        k, v = kv.split("=", 1)
        (cfg["model"] if k in cfg["model"] else cfg)[k] = json.loads(v)
    if args.data:
        cfg["data"] = args.data
    if args.dtype:
        cfg["dtype"] = args.dtype
    out = args.out or os.path.join("runs", f"{cfg['name']}-{args.condition}")

    # optional DDP under torchrun: every rank walks the same batch list and takes its rows
    ddp = int(os.environ.get("WORLD_SIZE", "1")) > 1
    rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    if args.device == "auto":
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(args.device)
    if ddp:
        torch.distributed.init_process_group("nccl" if device.type == "cuda" else "gloo")
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
            torch.cuda.set_device(device)
    master = rank == 0
    torch.set_num_threads(cfg["threads"])  # on GPU this only limits the host-side ops
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    vocab = Vocab(cfg["data"])
    max_len = cfg["model"]["max_positions"] if cfg["model"]["positional"] == "learned" else None
    train = Split(cfg["data"], "train", args.condition, vocab, max_len)
    val = Split(cfg["data"], "val", args.condition, vocab, max_len)
    if master and len(train.keep) < len(train):
        print(f"warning: {len(train) - len(train.keep)} train sequences longer than {max_len} skipped", file=sys.stderr)
    B = cfg["batch_size"]
    steps_per_epoch = len(train.keep) // B
    max_steps = args.max_steps or cfg["max_steps"] or max(1, round(cfg["epochs"] * steps_per_epoch))
    fitting = args.fit_steps and args.time_budget and not args.resume
    if fitting:
        max_steps = 10 ** 9  # placeholder until the throughput probe below has measured

    ckpt_path = os.path.join(out, "ckpt.pt")
    ck = torch.load(ckpt_path, map_location=device, weights_only=False) if args.resume and os.path.exists(ckpt_path) else None
    dtype_switches = ck.get("dtype_switches", []) if ck else []
    if ck:  # a resumed run keeps its dtype: switching would change the numbers it continues ...
        requested = cfg["dtype"]
        cfg["dtype"], dtype_probe = ck["dtype"], ck.get("dtype_probe")
        # ... unless it moved to a machine where that dtype has no fast path (bf16 on an AVX2-only
        # EPYC runs at 0.07x of fp32), or --dtype asks for another: schedule and data order stay
        # exact, and the switch is recorded with the step it happened at
        after = requested if requested != "auto" else (
            "fp32" if cfg["dtype"] == "bf16" and device.type == "cpu" and not cpu_has_bf16() else cfg["dtype"])
        if after != cfg["dtype"]:
            dtype_switches.append(dict(step=ck["step"], before=cfg["dtype"], after=after, hardware=hardware(device)))
            print(f"dtype: {cfg['dtype']} -> {after} from step {ck['step']} on {hardware(device)}", file=sys.stderr)
            cfg["dtype"] = after
    elif cfg["dtype"] == "auto":
        cfg["dtype"], dtype_probe = probe_dtype(cfg, train, device)
        if master:
            print(f"dtype probe: {json.dumps(dtype_probe)}", file=sys.stderr)
    else:
        dtype_probe = dict(chosen=cfg["dtype"], reason="set by config or --dtype")

    def autocast():
        return autocast_for(device, cfg["dtype"])

    torch.manual_seed(cfg["seed"])
    mcfg = GPTConfig(vocab_size=len(vocab), **cfg["model"])
    model = GPT(mcfg).to(device)
    # AdamW with weight decay on matrices only (not on norms; embeddings are matrices too, as in nanoGPT)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg["lr"], betas=tuple(cfg["betas"]))
    step, tokens, loss_tokens, elapsed_before = 0, 0, 0, 0.0
    padded_tokens, step_seconds = 0, 0.0  # batch positions incl. padding; time inside optimizer steps
    if ck:
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        step, tokens, loss_tokens, elapsed_before = ck["step"], ck["tokens"], ck["loss_tokens"], ck["wall_seconds"]
        padded_tokens, step_seconds = ck.get("padded_tokens", 0), ck.get("step_seconds", 0.0)
        max_steps = args.max_steps or ck["max_steps"]  # keep the original schedule
        if master:
            print(f"resumed at step {step} from {ckpt_path}", file=sys.stderr)
    raw_model = model
    if ddp:
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)

    os.makedirs(out, exist_ok=True)
    if master:  # two processes training one run folder would interleave checkpoints: refuse the second
        lock = open(os.path.join(out, ".lock"), "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            sys.exit(f"train.py: another process is training {out} (it holds {out}/.lock)")
    curve = open(os.path.join(out, "curve.jsonl"), "a") if master else None
    val_idx = val.keep[:cfg["val_instances"]].tolist()
    info = dict(config=cfg, condition=args.condition, model_config=config_dict(mcfg), parameters=raw_model.num_parameters(),
                dataset_manifest_sha256=sha256_file(os.path.join(cfg["data"], "manifest.json")),
                vocab_sha256=vocab.sha256, vocab=vocab.tokens, rows=vocab.rows, cols=vocab.cols, steps_per_epoch=steps_per_epoch,
                hardware=hardware(device) + (f" x{world}" if ddp else ""), dtype=cfg["dtype"], dtype_probe=dtype_probe,
                dtype_switches=dtype_switches,
                torch=str(torch.__version__))
    if master:
        print(f"{cfg['name']} {args.condition}: {info['parameters']:,} params, {len(train):,} train seqs "
              f"(mean len {train.lengths.mean():.0f}), {max_steps} steps = {max_steps / steps_per_epoch:.2f} epochs, "
              f"batch {B}, {info['hardware']}, {cfg['dtype']}", file=sys.stderr)

    def save(final=False):
        if not master:
            return
        torch.save(dict(model=raw_model.state_dict(), optimizer=opt.state_dict(), step=step, max_steps=max_steps,
                        tokens=tokens, loss_tokens=loss_tokens, wall_seconds=elapsed_before + time.time() - t_start,
                        padded_tokens=padded_tokens, step_seconds=step_seconds, **throughput(),
                        epochs=step / steps_per_epoch, final=final, **info), ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)  # never leave a half-written checkpoint

    def throughput():
        return dict(tokens_per_second=round(tokens / step_seconds) if step_seconds else None,
                    padding_fraction=round(1 - tokens / padded_tokens, 4) if padded_tokens else None)

    plan_every = cfg["plan_eval_interval"]
    probe_idx = val.keep[:cfg["plan_eval_n"]].tolist()
    # a learned position table ends at max_len: decode no further than the longest prompt allows
    plan_max_new = cfg["max_new_tokens"] if max_len is None else max_len - max(len(val.prompt(i)) for i in probe_idx)

    def log_eval(train_loss, final=False):
        vl, va = evaluate(raw_model, val, val_idx, B, device, autocast)
        rec = dict(step=step, tokens=tokens, loss_tokens=loss_tokens, train_loss=train_loss, val_loss=vl, val_acc=va,
                   lr=lr_at(step, cfg, max_steps), elapsed=round(elapsed_before + time.time() - t_start, 2), **throughput())
        if plan_every and (final or step % plan_every == 0):
            rec["plan_valid"] = probe_plan_validity(raw_model, val, probe_idx, vocab,
                                                    device, autocast, plan_max_new)
            print(f"  plan probe step {step}: {rec['plan_valid']:.3f} plan-valid on {cfg['plan_eval_n']} val prompts",
                  file=sys.stderr)
        curve.write(json.dumps(rec) + "\n")
        curve.flush()
        print(f"  eval step {step}: val loss {vl:.4f}, val next-token acc {va:.4f}", file=sys.stderr)

    model.train()
    epoch, batches = -1, []
    t_win, tok_win, n_win, step_time = time.time(), 0, 0, 0.0
    stop_reason, evaluated_at = "max_steps", -1
    ckpt_every = cfg["ckpt_interval"] or cfg["eval_interval"]
    last_save = time.time()
    probe_from = None  # (time, step) once past the first steps (CUDA init, allocator warm-up)
    while step < max_steps:
        e, k = divmod(step, steps_per_epoch)
        if e != epoch:  # batch order depends only on (seed, epoch): resume lands on the same batch
            epoch, batches = e, train.batches(B, cfg["seed"], e)
        idx = batches[k][rank::world]
        x, y = train.collate(idx)
        # count on the host copies: reading GPU tensors here would sync every step
        n_tok, n_loss = int((x != vocab.pad).sum()) * world, int((y != IGNORE).sum()) * world
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        lr = lr_at(step, cfg, max_steps)
        for g in opt.param_groups:
            g["lr"] = lr
        t_step = time.time()
        loss = train_step(model, opt, x, y, device, cfg["dtype"], cfg["grad_clip"])
        step += 1
        tokens += n_tok  # real tokens only, padding excluded
        padded_tokens += x.numel() * world
        if device.type == "cpu":  # on GPU the step is asynchronous; the log window's rate is the honest one
            step_seconds += time.time() - t_step
        loss_tokens += n_loss
        tok_win, n_win = tok_win + n_tok, n_win + 1
        if step % cfg["log_interval"] == 0 or step == max_steps:
            dt = time.time() - t_win  # loss.item() below syncs the GPU, so dt is honest
            step_time = dt / n_win
            if master:
                print(f"step {step}/{max_steps} loss {loss.item():.4f} lr {lr:.2e} {tok_win / dt:,.0f} tok/s "
                      f"ETA {(max_steps - step) * step_time / 60:.1f} min", file=sys.stderr)
            t_win, tok_win, n_win = time.time(), 0, 0
        if fitting and max_steps == 10 ** 9:
            if step == 5:
                probe_from = (time.time(), step)
            elif probe_from and time.time() - probe_from[0] >= args.probe_seconds:
                max_steps = fit_steps(args, step, probe_from, t_start)
                if master:
                    print(f"fit-steps: max_steps = {max_steps}", file=sys.stderr)
        if master and (step % cfg["eval_interval"] == 0 or step == max_steps):
            log_eval(loss.item(), final=step == max_steps)
            evaluated_at = step
        if master and (step % ckpt_every == 0 or step == max_steps or time.time() - last_save > 60 * cfg["ckpt_minutes"]):
            save()
            last_save = time.time()
        if args.stop_at_step and step >= args.stop_at_step and step < max_steps:
            stop_reason = "stop_at_step"
            break
        # wall-clock guard: keep room for two more steps, a final eval and a save
        if args.time_budget and time.time() - t_start + 2 * step_time + 0.05 * args.time_budget + 3 > args.time_budget:
            stop_reason = "time_budget"
            break
    if master:
        if evaluated_at != step:
            log_eval(loss.item() if "loss" in locals() else None, final=step >= max_steps)  # None: resumed at the very end
        save(final=step >= max_steps)
        wall = elapsed_before + time.time() - t_start
        print(json.dumps(dict(done=stop_reason, step=step, max_steps=max_steps, tokens=tokens,
                              epochs=round(step / steps_per_epoch, 3), wall_seconds=round(wall, 1), out=out)))
    if ddp:
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
