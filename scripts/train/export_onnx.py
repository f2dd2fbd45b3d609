"""Checkpoint -> models/<name>.onnx + models/<name>.json (docs/model-format.md).

    /usr/bin/python3 scripts/train/export_onnx.py runs/10x10-cpu-correct/ckpt.pt --out-dir models --fp16

The graph is traced with a non-zero past length (so the cache concat is traced as dynamic) and
dynamic axes for batch, new tokens and past. With --fp16 the weights are stored as fp16 and cast
back to fp32 inside the graph: half the file, inputs/outputs/compute stay fp32.
"""
import argparse
import hashlib
import inspect
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import GPT, GPTConfig  # noqa: E402

OPSET = 17


def load_model(ckpt_path):
    ck = torch.load(ckpt_path, map_location="cpu", weights_only=False)  # our own file: metadata too
    mc = {k: v for k, v in ck["model_config"].items() if k != "head_dim"}
    model = GPT(GPTConfig(**mc))
    model.load_state_dict(ck["model"])
    return model.eval(), ck


def round_weights_fp16(model):
    """What --fp16 does to the function: used by parity checks as the exact reference."""
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())
    return model


def export(model, path):
    cfg = model.cfg
    B, T, P = 2, 3, 5  # non-zero past: otherwise the tracer may fold the empty cache away
    L, H, Dh = cfg.n_layers, cfg.n_heads, cfg.head_dim
    args = (torch.randint(0, cfg.vocab_size, (B, T)),
            torch.arange(P, P + T).unsqueeze(0).repeat(B, 1),
            torch.ones(B, P + T),
            torch.randn(L, B, H, P, Dh), torch.randn(L, B, H, P, Dh))
    kw = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kw["dynamo"] = False  # recent torch defaults to the dynamo exporter (needs onnxscript)
    torch.onnx.export(
        model, args, path, opset_version=OPSET, do_constant_folding=True,
        input_names=["input_ids", "position_ids", "attention_mask", "past_key", "past_value"],
        output_names=["logits", "present_key", "present_value"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "position_ids": {0: "batch", 1: "seq"},
                      "attention_mask": {0: "batch", 1: "total"},
                      "past_key": {1: "batch", 3: "past"}, "past_value": {1: "batch", 3: "past"},
                      "logits": {0: "batch", 1: "seq"},
                      "present_key": {1: "batch", 3: "total"}, "present_value": {1: "batch", 3: "total"}},
        **kw)


def weights_to_fp16(path):
    """Store every fp32 initializer as fp16 followed by a Cast back to fp32."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    m = onnx.load(path)
    g = m.graph
    casts, keep = [], []
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT and np.prod(init.dims) > 1:
            arr = numpy_helper.to_array(init).astype(np.float16)
            half = numpy_helper.from_array(arr, init.name + "_fp16")
            keep.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "_cast"))
        else:
            keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = casts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def curve_summary(curve_path, max_points=25):
    if not os.path.exists(curve_path):
        return None
    rows = [json.loads(line) for line in open(curve_path) if line.strip()]
    if not rows:
        return None
    stride = max(1, -(-len(rows) // max_points))
    pts = rows[::stride] + ([rows[-1]] if (len(rows) - 1) % stride else [])
    last = rows[-1]
    return dict(evals=len(rows), final_val_loss=last["val_loss"], final_val_acc=last["val_acc"],
                final_train_loss=last["train_loss"], best_val_loss=min(r["val_loss"] for r in rows),
                points=[[r["step"], r["tokens"], round(r["val_loss"], 5), round(r["val_acc"], 5)] for r in pts],
                points_fields=["step", "tokens", "val_loss", "val_acc"],
                # greedy plan-validity probes on val prompts (train.py plan_eval_interval), every one
                plan_probes=[[r["step"], r["tokens"], r["plan_valid"]] for r in rows if "plan_valid" in r],
                plan_probes_fields=["step", "tokens", "plan_valid"])


def export_checkpoint(ckpt_path, out_dir="models", name=None, fp16=False):
    """Write <out_dir>/<name>.onnx and <out_dir>/<name>.json; returns the manifest."""
    model, ck = load_model(ckpt_path)
    name = name or f"{ck['rows']}x{ck['cols']}-{ck['condition']}"
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, name + ".onnx")
    export(model, onnx_path)
    if fp16:
        weights_to_fp16(onnx_path)
    vocab = ck["vocab"]
    mc = ck["model_config"]
    manifest = dict(
        name=name, condition=ck["condition"], rows=ck["rows"], cols=ck["cols"], vocab=vocab,
        vocab_sha256=ck["vocab_sha256"],
        architecture=dict(d_model=mc["d_model"], n_layers=mc["n_layers"], n_heads=mc["n_heads"],
                          head_dim=mc["head_dim"], max_positions=mc["max_positions"],
                          vocab_size=mc["vocab_size"], positional=mc["positional"]),
        parameters=ck["parameters"], max_new_tokens=ck["config"]["max_new_tokens"],
        bos_id=vocab.index("<|bos|>"), eos_id=vocab.index("<|eos|>"),
        onnx=dict(file=os.path.basename(onnx_path), sha256=sha256(onnx_path), bytes=os.path.getsize(onnx_path),
                  opset=OPSET, weights_dtype="float16" if fp16 else "float32"),
        training=dict(config=ck["config"], dataset_manifest_sha256=ck["dataset_manifest_sha256"],
                      tokens_seen=ck["tokens"], response_tokens_seen=ck["loss_tokens"], steps=ck["step"],
                      epochs=round(ck["epochs"], 4), wall_seconds=round(ck["wall_seconds"], 1),
                      hardware=ck["hardware"], dtype=ck["dtype"], dtype_probe=ck.get("dtype_probe"), torch=ck["torch"],
                      tokens_per_second=ck.get("tokens_per_second"), padding_fraction=ck.get("padding_fraction"),
                      curve_summary=curve_summary(os.path.join(os.path.dirname(ckpt_path), "curve.jsonl"))),
        evaluation={},  # filled by the evaluator (formal validator), not by the trainer
    )
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        f.write(json.dumps(manifest, indent=1).replace(",\n  \"", ", \"") + "\n")
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ckpt")
    ap.add_argument("--out-dir", default="models")
    ap.add_argument("--name", help="default <rows>x<cols>-<condition>")
    ap.add_argument("--fp16", action="store_true", help="store weights as fp16")
    ap.add_argument("--weights", help="also write a small checkpoint here: fp16 weights and metadata, no "
                                      "optimizer (loads like ckpt.pt for export/parity, cannot --resume)")
    args = ap.parse_args()
    if args.weights:
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        ck.pop("optimizer", None)
        ck["model"] = {k: v.half() if v.is_floating_point() else v for k, v in ck["model"].items()}
        torch.save(ck, args.weights)
    m = export_checkpoint(args.ckpt, args.out_dir, args.name, args.fp16)
    print(json.dumps(dict(onnx=os.path.join(args.out_dir, m["onnx"]["file"]), bytes=m["onnx"]["bytes"],
                          sha256=m["onnx"]["sha256"], parameters=m["parameters"],
                          weights_dtype=m["onnx"]["weights_dtype"])))


if __name__ == "__main__":
    main()
