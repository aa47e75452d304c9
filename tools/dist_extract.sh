#!/usr/bin/env bash
# Skeleton extraction sharded over PROCS processes on one machine:
#   bash tools/dist_extract.sh PROCS --video-root ... --list ... --out ...
# Each rank extracts a disjoint share; rank 0 merges them into --out.
set -euo pipefail
PROCS=$1
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29501}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}
DIR="$(cd "$(dirname "$0")" && pwd)"
PYTHON=${PYTHON:-python}

PYTHONPATH="$DIR/..${PYTHONPATH:+:$PYTHONPATH}" \
"$PYTHON" -m torch.distributed.run \
    --nnodes="$NNODES" \
    --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" \
    --nproc_per_node="$PROCS" \
    --master_port="$PORT" \
    "$DIR/data/extract_skeletons.py" \
    --launcher pytorch "${@:2}"
