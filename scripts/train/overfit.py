"""Pipeline smoke test for CI: overfit a tiny model on a handful of sequences until greedy
decoding reproduces them exactly, then export ONNX. Runs in well under 30 s on 2 CPU cores.

    /usr/bin/python3 scripts/train/overfit.py --data DIR --out DIR [--steps 600] [--n 4]

Writes DIR/overfit.onnx, DIR/overfit.json (manifest), DIR/sequences.json
({prompts, expected} token ids: decoding each prompt must give exactly its expected response,
stop token included) and prints a JSON summary on stdout; exit 1 if it did not converge.
"""
import argparse
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import CONDITIONS, Split, sha256_file  # noqa: E402
from export_onnx import export_checkpoint  # noqa: E402
from model import GPT, GPTConfig, config_dict  # noqa: E402
from parity import greedy  # noqa: E402
from step import masked_loss  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="dataset folder (docs/dataset-format.md)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--steps", type=int, default=600, help="max optimizer steps")
    ap.add_argument("--n", type=int, default=4, help="number of sequences (the shortest of the split)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--condition", default="correct", choices=CONDITIONS)
    ap.add_argument("--d-model", type=int, default=32)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--check-every", type=int, default=25, help="steps between greedy checks")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="1 is faster for a model this small")
    args = ap.parse_args()
    t0 = time.time()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    split = Split(args.data, args.split, args.condition)
    vocab = split.vocab
    idx = sorted(range(len(split)), key=lambda i: (split.lengths[i], i))[:args.n]  # short = fast
    x, y = split.collate(idx)
    prompts = [split.prompt(i) for i in idx]
    expected = [split.sequence(i)[0][len(p):].tolist() for i, p in zip(idx, prompts)]
    longest = int(split.lengths[idx].max())
    cfg = GPTConfig(vocab_size=len(vocab), n_layers=args.layers, n_heads=1, d_model=args.d_model,
                    max_positions=longest, positional="learned")
    model = GPT(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    max_new = max(len(e) for e in expected) + 8
    stop = [vocab.eos, vocab.end]
    step, ok, loss = 0, False, float("nan")
    while step < args.steps:
        model.train()
        logits, _, _ = model(x)
        loss = masked_loss(logits, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        if step % args.check_every == 0 or step == args.steps:
            model.eval()
            # decoding stops at `end` or <|eos|>: expected responses end with `end <|eos|>`, so
            # compare up to and including the first stop token
            got = greedy(model, prompts, max_new, stop)
            want = [e[:next(k for k, t in enumerate(e) if t in stop) + 1] for e in expected]
            ok = got == want
            print(f"{time.time() - t0:.1f}s step {step} loss {loss.item():.4f} reproduced {sum(a == b for a, b in zip(got, want))}/{len(want)}",
                  file=sys.stderr)
            if ok:
                break
    os.makedirs(args.out, exist_ok=True)
    ckpt = os.path.join(args.out, "ckpt.pt")
    torch.save(dict(model=model.state_dict(), model_config=config_dict(cfg), condition=args.condition,
                    rows=vocab.rows, cols=vocab.cols, vocab=vocab.tokens, vocab_sha256=vocab.sha256,
                    config=dict(name="overfit", max_new_tokens=max_new, steps=args.steps, n=args.n),
                    dataset_manifest_sha256=sha256_file(os.path.join(args.data, "manifest.json")),
                    tokens=step * int((x != vocab.pad).sum()), loss_tokens=step * int((y >= 0).sum()),
                    step=step, epochs=float(step), wall_seconds=time.time() - t0, parameters=model.num_parameters(),
                    hardware="cpu", dtype="fp32", torch=str(torch.__version__)), ckpt)
    manifest = export_checkpoint(ckpt, args.out, "overfit", fp16=False)
    want = [e[:next(k for k, t in enumerate(e) if t in stop) + 1] for e in expected]
    json.dump(dict(prompts=prompts, expected=want, stop_ids=stop, max_new_tokens=max_new),
              open(os.path.join(args.out, "sequences.json"), "w"))
    print(json.dumps(dict(ok=ok, steps=step, final_loss=round(loss.item(), 5), sequences=len(idx),
                          seconds=round(time.time() - t0, 2), parameters=manifest["parameters"],
                          onnx=os.path.join(args.out, "overfit.onnx"), manifest=os.path.join(args.out, "overfit.json"),
                          sequences_file=os.path.join(args.out, "sequences.json"))))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
