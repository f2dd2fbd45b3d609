"""PyTorch vs onnxruntime parity for an exported model, plus a quick plan-validity estimate.

    /usr/bin/python3 scripts/train/parity.py --ckpt runs/x/ckpt.pt --onnx models/10x10-correct.onnx \
        --data data/10x10 --split test-wilson --n 20

Checks (exit 1 if either fails): max |logit difference| < 1e-3 at the last prefill positions and
the first cached decode steps, and identical greedy decodes on all n prompts. onnxruntime runs
in Python when importable (GPU machine), else through node scripts/train/ort-greedy.mjs.
With fp16 weights in the file, the PyTorch reference uses the same fp16-rounded weights (that
is the function the file computes); agreement with the unrounded weights is reported too.
PyTorch decodes in left-padded batches, which also exercises position_ids/attention_mask.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import Split, Vocab  # noqa: E402
from export_onnx import load_model, round_weights_fp16  # noqa: E402


@torch.no_grad()
def greedy(model, prompts, max_new_tokens, stop_ids, device="cpu", batch_size=64):
    """Batched greedy decoding with the KV cache; prompts are left-padded."""
    cfg, out = model.cfg, []
    for s in range(0, len(prompts), batch_size):
        chunk = prompts[s:s + batch_size]
        B, T = len(chunk), max(len(p) for p in chunk)
        ids = torch.zeros(B, T, dtype=torch.long)
        mask = torch.zeros(B, T)
        for r, p in enumerate(chunk):
            ids[r, T - len(p):] = torch.tensor(p)
            mask[r, T - len(p):] = 1
        ids, mask = ids.to(device), mask.to(device)
        pos = (mask.cumsum(1) - 1).clamp(min=0).long()
        empty = torch.zeros(cfg.n_layers, B, cfg.n_heads, 0, cfg.head_dim, device=device)
        pk, pv = empty, empty
        gen = [[] for _ in chunk]
        done = torch.zeros(B, dtype=torch.bool, device=device)
        stop = torch.tensor(stop_ids, device=device)
        for _ in range(max_new_tokens):
            logits, pk, pv = model(ids, pos, mask, pk, pv)
            nxt = logits[:, -1].argmax(-1)
            for r in range(B):
                if not done[r]:
                    gen[r].append(int(nxt[r]))
            done |= torch.isin(nxt, stop)
            if bool(done.all()):
                break
            ids, pos = nxt[:, None], pos[:, -1:] + 1
            mask = torch.cat([mask, torch.ones(B, 1, device=device)], 1)
        out += gen
    return out


def ort_python(onnx_path, prompts, max_new_tokens, stop_ids, K, past_shape):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2  # several parity runs may share the machine
    sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    L, H, Dh = past_shape
    decodes, logits = [], []
    for prompt in prompts:
        pk = pv = np.zeros((L, 1, H, 0, Dh), np.float32)
        inp, pos, gen, rec = list(prompt), 0, [], dict(positions=[], rows=[])
        for step in range(max_new_tokens):
            T = len(inp)
            r = sess.run(None, dict(input_ids=np.array([inp], np.int64),
                                    position_ids=np.arange(pos, pos + T, dtype=np.int64)[None],
                                    attention_mask=np.ones((1, pos + T), np.float32), past_key=pk, past_value=pv))
            lg, pk, pv = r
            if step <= K:
                for t in range(max(0, T - K) if step == 0 else 0, T):
                    rec["positions"].append(pos + t)
                    rec["rows"].append(lg[0, t].tolist())
            best = int(lg[0, -1].argmax())
            gen.append(best)
            pos, inp = pos + T, [best]
            if best in stop_ids:
                break
        decodes.append(gen)
        logits.append(rec)
    return dict(decodes=decodes, logits=logits)


def ort_node(onnx_path, prompts, max_new_tokens, stop_ids, K, past_shape):
    with tempfile.TemporaryDirectory() as d:
        job = dict(model=os.path.abspath(onnx_path), prompts=prompts, max_new_tokens=max_new_tokens,
                   stop_ids=stop_ids, logit_rows=K, past_shape=[past_shape[0], 1, past_shape[1], 0, past_shape[2]])
        json.dump(job, open(os.path.join(d, "in.json"), "w"))
        subprocess.run(["node", os.path.join(HERE, "ort-greedy.mjs"), os.path.join(d, "in.json"),
                        os.path.join(d, "out.json")], check=True)
        return json.load(open(os.path.join(d, "out.json")))


def plan_valid(prompt, response, vocab):
    """Plan rules of the paper (section 1) on the trailing run of `plan x y` triples; a quick
    estimate only, the formal validator lives in the engine."""
    w = [vocab.tokens[t] for t in prompt]
    start = (int(w[w.index("start") + 1]), int(w[w.index("start") + 2]))
    goal = (int(w[w.index("goal") + 1]), int(w[w.index("goal") + 2]))
    walls = {(int(w[k + 1]), int(w[k + 2])) for k in range(len(w)) if w[k] == "wall"}
    r = [vocab.tokens[t] for t in response]
    r = r[:r.index("<|eos|>")] if "<|eos|>" in r else r
    r = [t for t in r if t not in ("end", "solution")]
    plan, k = [], len(r)
    while k >= 3 and r[k - 3] == "plan" and r[k - 2].isdigit() and r[k - 1].isdigit():
        plan.insert(0, (int(r[k - 2]), int(r[k - 1])))
        k -= 3
    if not plan or plan[0] != start or plan[-1] != goal:
        return False
    for a, b in zip(plan, plan[1:]):
        if abs(a[0] - b[0]) + abs(a[1] - b[1]) != 1 or b in walls or not (0 <= b[0] < vocab.cols and 0 <= b[1] < vocab.rows):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--split", default="val")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--max-new-tokens", type=int)
    ap.add_argument("--logit-rows", type=int, default=8)
    ap.add_argument("--engine", choices=["auto", "python", "node"], default="auto")
    ap.add_argument("--tol", type=float, default=1e-3)
    ap.add_argument("--eval-n", type=int, default=0, help="also estimate plan validity on this many prompts")
    ap.add_argument("--eval-device", default="cpu")
    args = ap.parse_args()
    # OMP_NUM_THREADS=1 when other jobs hold the cores: a starved second thread stalls every op
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS") or 0) or max(1, min(2, os.cpu_count() or 1)))

    model, ck = load_model(args.ckpt)
    import onnx
    fp16 = any(i.data_type == onnx.TensorProto.FLOAT16 for i in onnx.load(args.onnx).graph.initializer)
    ref = round_weights_fp16(copy.deepcopy(model)) if fp16 else model
    vocab = Vocab(args.data)
    split = Split(args.data, args.split, "no-trace", vocab)  # the condition does not change prompts
    prompts = [split.prompt(i) for i in range(min(args.n, len(split)))]
    max_new = args.max_new_tokens or ck["config"]["max_new_tokens"]
    c = model.cfg
    if c.positional == "learned":  # a model that never stops must not run past its position table
        max_new = min(max_new, c.max_positions - max(len(p) for p in prompts))
    stop_ids = [vocab.eos, vocab.end]
    engine = args.engine
    if engine == "auto":
        try:
            import onnxruntime  # noqa: F401
            engine = "python"
        except ImportError:
            engine = "node"
    run = ort_python if engine == "python" else ort_node
    ort_out = run(args.onnx, prompts, max_new, stop_ids, args.logit_rows, (c.n_layers, c.n_heads, c.head_dim))

    pt_dec = greedy(ref, prompts, max_new, stop_ids)
    pt_dec_raw = greedy(model, prompts, max_new, stop_ids) if fp16 else pt_dec
    max_diff = 0.0
    with torch.no_grad():
        for p, d, rec in zip(prompts, ort_out["decodes"], ort_out["logits"]):
            lg, _, _ = ref(torch.tensor([p + d]))
            pos = torch.tensor(rec["positions"])
            max_diff = max(max_diff, (lg[0, pos] - torch.tensor(rec["rows"])).abs().max().item())
    same = sum(a == b for a, b in zip(pt_dec, ort_out["decodes"]))
    same_raw = sum(a == b for a, b in zip(pt_dec_raw, ort_out["decodes"]))
    truncated = sum(1 for d in ort_out["decodes"] if not d or d[-1] not in stop_ids)
    valid = sum(plan_valid(p, d, vocab) for p, d in zip(prompts, ort_out["decodes"]))
    ok = max_diff < args.tol and same == len(prompts)
    # the parity verdict first (flushed), so a deadline during the slower estimate below keeps it
    print(json.dumps(dict(ok=ok, engine=engine, prompts=len(prompts), split=args.split, max_abs_logit_diff=max_diff,
                          identical_decodes=same, identical_to_unrounded_fp32=same_raw, weights_fp16=fp16,
                          truncated=truncated, plan_valid=valid / max(1, len(prompts)),
                          mean_decode_len=float(np.mean([len(d) for d in ort_out["decodes"]])))), flush=True)
    if args.eval_n:
        # plan validity of the model as the file computes it (fp16-rounded weights when fp16)
        ev_prompts = [split.prompt(i) for i in range(min(args.eval_n, len(split)))]
        dev = torch.device(args.eval_device)
        ev = greedy(ref.to(dev), ev_prompts, max_new, stop_ids, device=dev, batch_size=512)
        print(json.dumps(dict(quick_eval=dict(
            split=args.split, count=len(ev), plan_valid=sum(plan_valid(p, d, vocab) for p, d in zip(ev_prompts, ev)) / len(ev),
            truncated=sum(1 for d in ev if not d or d[-1] not in stop_ids),
            mean_decode_len=float(np.mean([len(d) for d in ev]))))), flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
