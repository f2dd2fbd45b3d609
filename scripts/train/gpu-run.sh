#!/usr/bin/env bash
# One prepared command for a lent GPU machine: train the three conditions of one config
# concurrently on the one GPU, export fp16 ONNX + manifests, check parity, and leave the
# results in $OUT (at most 8 files: 3 .onnx, 3 .weights.pt, results.tar.gz, log.txt).
#
#   OUT=/path/to/out bash scripts/train/gpu-run.sh
#
# Env (all optional except OUT):
#   DATA=data/10x10        dataset folder (docs/dataset-format.md)
#   CONFIG=10x10-gpu       config name; CPU smoke mode defaults to smoke-cpu
#   TOTAL_SECONDS=510      hard wall-clock budget for the whole script (smoke: 118)
#   WORK=/tmp/...          scratch folder for checkpoints and logs
# Without CUDA it runs the same pipeline as a tiny smoke test on CPU (/usr/bin/python3 here).
# Every stage has a deadline derived from TOTAL_SECONDS, so packaging always happens.
set -u -o pipefail
T0=$(date +%s)
: "${OUT:?set OUT to the output folder}"
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
exec > >(tee -a "$OUT/log.txt") 2>&1
cd "$(dirname "$0")/../.."
set -x

if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  MODE=gpu PY=python3 DEV=cuda
  CONFIG=${CONFIG:-10x10-gpu} TOTAL=${TOTAL_SECONDS:-510}
  POST=115 PROBE=20 EVAL_N=500          # POST: seconds kept for export, parity and packaging
else
  MODE=smoke DEV=cpu PY=python3
  /usr/bin/python3 -c 'import torch' 2>/dev/null && PY=/usr/bin/python3
  CONFIG=${CONFIG:-smoke-cpu} TOTAL=${TOTAL_SECONDS:-118}
  POST=80 PROBE=5 EVAL_N=4          # 2 busy cores: three parity runs need most of the time here
fi
DATA=${DATA:-data/10x10}
WORK=${WORK:-$(mktemp -d /tmp/gpu-run.XXXXXX)}
mkdir -p "$WORK/logs" "$WORK/models" "$WORK/sync"
export OMP_NUM_THREADS=4 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
NAME=$($PY -c "import json,sys; v=json.load(open(sys.argv[1])); print(f\"{v['rows']}x{v['cols']}\")" "$DATA/vocab.json") \
  || { echo "no dataset at $DATA"; exit 2; }
TEST_SPLIT=val; [ -f "$DATA/test-wilson.offsets.u32.gz" ] && TEST_SPLIT=test-wilson

{ date -u; uname -a; nvidia-smi 2>&1 | head -15; nproc; free -g
  $PY -c 'import torch; print("torch", torch.__version__, torch.cuda.is_available() and torch.cuda.get_device_name(0))'
  $PY -c 'import onnx; print("onnx", onnx.__version__)'
  $PY -c 'import onnxruntime; print("onnxruntime", onnxruntime.__version__)'
  du -sh "$DATA"; head -c 2000 "$DATA/manifest.json"; } > "$WORK/env.txt" 2>&1 &  # informational, off the critical path

left() { echo $(( T0 + TOTAL - $1 - $(date +%s) )); }

FALLBACK=()
pipeline() {  # train -> export -> parity for one condition; each step under its own deadline
  local c=$1 budget try
  for try in 1 2; do  # try 2 (only after a crash without checkpoint): plain attention, fp32
    budget=$(left "$POST")
    [ "$try" = 2 ] && { [ "$budget" -gt 60 ] || return 1; export REASONLESS_NO_SDPA=1; FALLBACK=(--dtype fp32 --sync-dir "$WORK/sync2"); }
    timeout -k 10 $((budget + 20)) $PY scripts/train/train.py --config "$CONFIG" --condition "$c" \
      --data "$DATA" --out "$WORK/runs/$c" --time-budget "$budget" --fit-steps \
      --probe-seconds "$PROBE" --sync-dir "$WORK/sync" "${FALLBACK[@]}" >> "$WORK/logs/train-$c.log" 2>&1
    echo "train $c try $try rc=$? $(tail -1 "$WORK/logs/train-$c.log")"
    [ -f "$WORK/runs/$c/ckpt.pt" ] && break
  done
  [ -f "$WORK/runs/$c/ckpt.pt" ] || return 1
  timeout -k 5 90 $PY scripts/train/export_onnx.py "$WORK/runs/$c/ckpt.pt" --out-dir "$WORK/models" \
    --name "$NAME-$c" --fp16 --weights "$WORK/models/$NAME-$c.weights.pt" > "$WORK/logs/export-$c.log" 2>&1
  echo "export $c rc=$? $(tail -1 "$WORK/logs/export-$c.log")"
  timeout -k 5 "$(left 12)" $PY scripts/train/parity.py --ckpt "$WORK/runs/$c/ckpt.pt" \
    --onnx "$WORK/models/$NAME-$c.onnx" --data "$DATA" --split "$TEST_SPLIT" --n 20 \
    --eval-n "$EVAL_N" --eval-device "$DEV" > "$WORK/logs/parity-$c.json" 2> "$WORK/logs/parity-$c.log"
  echo "parity $c rc=$? $(cat "$WORK/logs/parity-$c.json")"
}

PIDS=()
for c in correct no-trace swapped; do pipeline "$c" & PIDS+=($!); done
wait "${PIDS[@]}"  # a bare `wait` would also wait for the tee above, forever
set +x

# one summary line per condition from what exists (any stage may have failed)
$PY - "$WORK" "$NAME" "$MODE" "$T0" > "$WORK/summary.json" <<'PYEOF'
import json, os, sys, time
work, name, mode, t0 = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def load(p):  # a JSON file, or JSON lines merged into one dict
    try:
        text = open(p).read()
        try:
            return json.loads(text)
        except ValueError:
            d = {}
            for line in text.splitlines():
                if line.strip():
                    d.update(json.loads(line))
            return d or {"missing": f"{os.path.basename(p)}: empty"}
    except Exception as e:
        return {"missing": f"{os.path.basename(p)}: {e}"}
out = dict(mode=mode, seconds=round(time.time() - t0), models={})
for c in ("correct", "no-trace", "swapped"):
    m = load(f"{work}/models/{name}-{c}.json")
    t = m.get("training", {})
    out["models"][c] = dict(steps=t.get("steps"), epochs=t.get("epochs"), tokens_seen=t.get("tokens_seen"),
                            wall_seconds=t.get("wall_seconds"), parameters=m.get("parameters"),
                            onnx_bytes=m.get("onnx", {}).get("bytes"),
                            final_val_loss=(t.get("curve_summary") or {}).get("final_val_loss"),
                            final_val_acc=(t.get("curve_summary") or {}).get("final_val_acc"),
                            parity=load(f"{work}/logs/parity-{c}.json"))
print(json.dumps(out, indent=1))
PYEOF
cat "$WORK/summary.json"

# $OUT: big files as they are (each must stay under 16 MiB), small ones in one tarball
for f in "$WORK"/models/*.onnx "$WORK"/models/*.weights.pt; do
  [ -f "$f" ] || continue
  if [ "$(stat -c %s "$f")" -lt 16000000 ]; then cp "$f" "$OUT/"; else echo "too big for OUT: $f"; fi
done
(cd "$WORK" && tar czf "$OUT/results.tar.gz" summary.json env.txt logs models/*.json runs/*/curve.jsonl 2>/dev/null)
ls -la "$OUT"
echo "gpu-run done in $(( $(date +%s) - T0 )) s (mode $MODE, work $WORK)"
