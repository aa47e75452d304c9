#!/usr/bin/env bash
# Skeleton extraction on a Slurm cluster, one rank per task:
#   [TASKS=32] bash tools/slurm_extract.sh PARTITION JOB_NAME --video-root ...
# Each rank extracts a disjoint share; rank 0 merges them into --out.
set -euo pipefail
PARTITION=$1
JOB_NAME=$2
TASKS=${TASKS:-8}
TASKS_PER_NODE=${TASKS_PER_NODE:-8}
CPUS_PER_TASK=${CPUS_PER_TASK:-2}
SRUN_ARGS=${SRUN_ARGS:-""}
DIR="$(cd "$(dirname "$0")" && pwd)"
PYTHON=${PYTHON:-python}

PYTHONPATH="$DIR/..${PYTHONPATH:+:$PYTHONPATH}" \
srun -p "$PARTITION" \
    --job-name="$JOB_NAME" \
    --ntasks="$TASKS" \
    --ntasks-per-node="$TASKS_PER_NODE" \
    --cpus-per-task="$CPUS_PER_TASK" \
    --kill-on-bad-exit=1 \
    ${SRUN_ARGS} \
    "$PYTHON" -u "$DIR/data/extract_skeletons.py" --launcher slurm "${@:3}"
