"""Runs a study (scripts/train/studies/<name>.json): every condition x seed trained to the same
steps, exported, evaluated by the engine on every test generator, and its curve and predictions
kept under the study's results folder, where scripts/study-report.js reads them.

    /usr/bin/python3 scripts/train/study.py 6x6 status
    /usr/bin/python3 scripts/train/study.py 6x6 run [--workers 2] [--time-budget 7200]
    /usr/bin/python3 scripts/train/study.py 6x6 park
    /usr/bin/python3 scripts/train/study.py 6x6,10x10 run    # one pool: 10x10's runs take cores 6x6 leaves free

A missing dataset is built from the study's `dataset` arguments (the builder is deterministic).

`run` is idempotent and resumable: a finished run (results present) is skipped, an unfinished
one continues from its checkpoint exactly (train.py --resume), so the same command goes on after
a stop, on this machine or on the next one that has the checkpoint. Runs go `--workers` at a time,
one thread each: on 2 cores two 1-thread runs made more tokens/s together than one 2-thread run
(scripts/train/README.md). When fewer runs are left than workers, each gets workers // runs threads,
so the last run of a study trains on both cores; a run keeps its thread count until it stops, so
restart `run` when a core frees up mid-run (the resume is exact). Run ids are <condition>-s<seed>; run folders <runs_dir>/<study>-<id>.

`park` is for the end of a working session (machines here are stopped every 180 minutes and the
next session may be on another machine): it copies every unfinished run's checkpoint and curve
into checkpoints/<study>/<id>/, which is committed; `run` restores a run from there when its run
folder has no checkpoint, and continues it exactly.
"""
import argparse
import concurrent.futures as futures
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load_study(name):
    path = name if name.endswith(".json") else os.path.join(HERE, "studies", name + ".json")
    if not os.path.exists(path):
        sys.exit(f"study.py: no study {name} ({os.path.relpath(path, ROOT)} does not exist)")
    study = json.load(open(path))
    # seed-major: a partial study has every condition of its first seeds, so it can be compared
    study["runs"] = [(c, s) for s in study["seeds"] for c in study["conditions"]]
    return study


def paths(study, condition, seed):
    rid = f"{condition}-s{seed}"
    run = os.path.join(ROOT, study["runs_dir"], f"{study['name']}-{rid}")
    res = os.path.join(ROOT, study["results_dir"])
    return rid, run, dict(curve=os.path.join(res, rid + ".curve.jsonl"),
                          predictions=os.path.join(res, rid + ".predictions.jsonl.gz"),
                          summary=os.path.join(res, rid + ".eval.json"))


def parked(study, rid):
    return os.path.join(ROOT, "checkpoints", study["name"], rid)


def park(study):
    """Copies unfinished runs' checkpoints where git keeps them; finished ones are dropped from there."""
    for c, s in study["runs"]:
        rid, run, out = paths(study, c, s)
        st, dest = checkpoint_state(run), parked(study, rid)
        if st and not st["final"]:
            os.makedirs(dest, exist_ok=True)
            for f in ("ckpt.pt", "curve.jsonl"):
                shutil.copyfile(os.path.join(run, f), os.path.join(dest, f + ".tmp"))
                os.replace(os.path.join(dest, f + ".tmp"), os.path.join(dest, f))
            print(json.dumps(dict(run=rid, parked=os.path.relpath(dest, ROOT), step=st["step"], max_steps=st["max_steps"])))
        elif st and st["final"] and os.path.isdir(dest):
            shutil.rmtree(dest)
            print(json.dumps(dict(run=rid, unparked="finished")))


def restore(study, rid, run):
    """A run folder without a checkpoint takes the parked one (a newer local checkpoint wins)."""
    src = parked(study, rid)
    if not os.path.exists(os.path.join(run, "ckpt.pt")) and os.path.exists(os.path.join(src, "ckpt.pt")):
        os.makedirs(run, exist_ok=True)
        for f in ("ckpt.pt", "curve.jsonl"):
            shutil.copyfile(os.path.join(src, f), os.path.join(run, f))


def checkpoint_state(run):
    """(step, max_steps, final) of a run folder's checkpoint, without loading the weights twice."""
    ck = os.path.join(run, "ckpt.pt")
    if not os.path.exists(ck):
        return None
    import torch
    c = torch.load(ck, map_location="cpu", weights_only=False)
    return dict(step=c["step"], max_steps=c["max_steps"], final=c["final"], tokens=c["tokens"],
                wall_seconds=round(c["wall_seconds"]), tokens_per_second=c.get("tokens_per_second"))


def curve_state(curve, max_steps):
    """checkpoint_state's fields from the last point of a finished run's learning curve."""
    with open(curve) as f:
        last = json.loads(f.read().strip().splitlines()[-1])
    return dict(step=last["step"], max_steps=max_steps, final=last["step"] >= max_steps, tokens=last["tokens"],
                wall_seconds=round(last["elapsed"]))


def status(study):
    rows = []
    for c, s in study["runs"]:
        rid, run, out = paths(study, c, s)
        st, where = checkpoint_state(run), "runs"
        if not st:  # a fresh machine has only what the last session parked
            st, where = checkpoint_state(parked(study, rid)), "parked"
        done = os.path.exists(out["summary"])
        if not st and done:  # finished and unparked: its filed learning curve still says how far it went
            st, where = curve_state(out["curve"], study["max_steps"]), "none (finished; curve in results)"
        rows.append(dict(run=rid, evaluated=done, **(dict(st, checkpoint=where) if st else dict(step=0, max_steps=study["max_steps"], final=False))))
    return rows


# glibc keeps freed memory of the many differently shaped batches (a 6x6 run grew to 7 GB resident
# in 20 minutes), but its cures cost the speed: a fixed mmap threshold of 1 MiB made every large
# tensor a fresh mmap, and bf16 steps ran at 666 against 5,573 tokens/s (Zen 4, bench_train.py).
# tcmalloc (Debian's libtcmalloc-minimal4) reuses freed blocks by size class at full speed (5,763).
TCMALLOC = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"
ENV = dict(os.environ, PYTHONUNBUFFERED="1")
if os.path.exists(TCMALLOC):
    ENV.setdefault("LD_PRELOAD", TCMALLOC)
else:
    ENV.update(MALLOC_MMAP_THRESHOLD_="1048576", MALLOC_TRIM_THRESHOLD_="1048576")
# OpenBLAS 0.3.21 mistakes the AMX Xeons for a Prescott (SSE3 kernels, 5x slower fp32) unless told;
# on AVX2-only CPUs (EPYC) its own detection is right and SkylakeX kernels would not run at all
with open("/proc/cpuinfo") as cpuinfo:
    if " avx512f " in cpuinfo.read():
        ENV.setdefault("OPENBLAS_CORETYPE", "SkylakeX")


# a run started this close to the deadline would load its data, probe its dtype and be stopped
# after a few dozen steps, and `park` would then commit a 33 MB checkpoint for them
MIN_TRAIN_SECONDS = 600


def sh(cmd, log):
    with open(log, "a") as f:
        f.write(f"$ {' '.join(cmd)}\n")
        f.flush()
        return subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, env=ENV).returncode


def one_run(study, condition, seed, deadline, threads=None):
    """Train (or resume) to max_steps, then export, evaluate and file the results."""
    rid, run, out = paths(study, condition, seed)
    py, log = sys.executable, os.path.join(run, "study.log")
    restore(study, rid, run)
    st = checkpoint_state(run)
    if not (st and st["final"]):
        if deadline and deadline - time.time() < MIN_TRAIN_SECONDS:
            return rid, f"not started: under {MIN_TRAIN_SECONDS} s of the time budget left"
        os.makedirs(run, exist_ok=True)
        cmd = [py, "scripts/train/train.py", "--config", study["config"], "--condition", condition, "--data", study["data"],
               "--out", run, "--max-steps", str(study["max_steps"]), "--set", f"seed={seed}"]
        cmd += [a for k, v in study.get("set", {}).items() for a in ("--set", f"{k}={json.dumps(v)}")]
        if threads:  # after the study's own --set: the last one wins
            cmd += ["--set", f"threads={threads}"]
        if st:
            cmd.append("--resume")
        if deadline:
            cmd += ["--time-budget", str(max(60, int(deadline - time.time())))]
        if sh(cmd, log) != 0:
            return rid, "train failed (see " + os.path.relpath(log, ROOT) + ")"
        st = checkpoint_state(run)
        if not st["final"]:
            return rid, f"stopped at step {st['step']}/{st['max_steps']} (time budget): run again to resume"
    onnx = os.path.join(run, "model.onnx")
    if not os.path.exists(onnx):
        if sh([py, "scripts/train/export_onnx.py", os.path.join(run, "ckpt.pt"), "--out-dir", run, "--name", "model", "--fp16"], log):
            return rid, "export failed"
    preds = os.path.join(run, "predictions.jsonl")
    summary = os.path.join(run, "eval.json")
    cmd = ["node", "bin/reasonless.js", "eval", "--model", onnx, "-g", "all", "-n", str(study["eval_count"]),
           "--json", "--predictions", preds]
    with open(summary, "w") as f, open(log, "a") as err:
        if subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=err).returncode != 0:
            return rid, "eval failed"
    os.makedirs(os.path.dirname(out["summary"]), exist_ok=True)
    shutil.copyfile(os.path.join(run, "curve.jsonl"), out["curve"])
    with open(preds, "rb") as src, gzip.open(out["predictions"], "wb", compresslevel=9) as dst:
        shutil.copyfileobj(src, dst)
    shutil.copyfile(summary, out["summary"])  # last: its presence marks the run as done
    return rid, "done"


def ensure_data(study, log):
    """Builds the study's dataset when this machine has none: the builder is deterministic, so every
    machine trains on the same data in the same order."""
    if os.path.exists(os.path.join(ROOT, study["data"], "manifest.json")):
        return True
    if "dataset" not in study:
        sys.exit(f"study.py: no dataset at {study['data']}, and study {study['name']} names no `dataset` arguments to build it")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    cmd = ["node", "bin/reasonless.js", "dataset", *study["dataset"], "--out", study["data"]]
    print(f"study {study['name']}: building its dataset ({' '.join(cmd[2:])})", file=sys.stderr)
    return sh(cmd, log) == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("study", help="name in scripts/train/studies/ or a .json path; several comma-separated "
                                  "(6x6,10x10) share one pool of workers, in that order, so no core idles between them")
    ap.add_argument("action", choices=["status", "run", "park"])
    ap.add_argument("--workers", type=int, default=2, help="runs trained at once, one thread each (default 2); "
                    "fewer runs than workers share the spare cores as threads")
    ap.add_argument("--only", help="comma-separated run ids (e.g. correct-s1,no-trace-s1)")
    ap.add_argument("--time-budget", type=float, help="seconds: runs stop cleanly (checkpoint) before this")
    args = ap.parse_args()
    studies = [load_study(name) for name in args.study.split(",")]
    several = len(studies) > 1
    if args.action == "status":
        for study in studies:
            for r in status(study):
                print(json.dumps(dict(study=study["name"], **r) if several else r))
        return
    if args.action == "park":
        for study in studies:
            park(study)
        return
    deadline = time.time() + args.time_budget if args.time_budget else None
    todo = [(st, c, s) for st in studies for c, s in st["runs"] if not os.path.exists(paths(st, c, s)[2]["summary"])]
    if args.only:
        want = set(args.only.split(","))
        unknown = want - {f"{c}-s{s}" for st in studies for c, s in st["runs"]}
        if unknown:
            ap.error(f"--only: no such run in study {args.study}: {', '.join(sorted(unknown))}")
        todo = [(st, c, s) for st, c, s in todo if f"{c}-s{s}" in want]
    for study in studies:
        log = os.path.join(ROOT, study["data"].rstrip("/") + ".log")
        if any(st is study for st, _, _ in todo) and not ensure_data(study, log):
            sys.exit(f"study.py: building the dataset of study {study['name']} failed (see {os.path.relpath(log, ROOT)})")
    total = sum(len(st["runs"]) for st in studies)
    # cores the pool would leave idle go to the runs there are (the notes measured 1.3-1.8x for a
    # second thread on a quiet machine); with as many runs as workers, the study's own setting holds
    threads = args.workers // len(todo) if todo and len(todo) < args.workers else None
    print(f"study {args.study}: {len(todo)} of {total} runs to do, {min(args.workers, len(todo))} at a time"
          + (f", {threads} threads each" if threads else ""), file=sys.stderr)
    with futures.ThreadPoolExecutor(args.workers) as pool:
        for (study, _, _), (rid, outcome) in zip(todo, pool.map(lambda r: one_run(*r, deadline, threads), todo)):
            print(json.dumps(dict(study=study["name"], run=rid, outcome=outcome) if several else dict(run=rid, outcome=outcome)), flush=True)


if __name__ == "__main__":
    main()
