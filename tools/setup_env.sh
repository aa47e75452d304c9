#!/usr/bin/env bash
# Create .venv/ and install mmfine with its CPU stack; a no-op when nothing
# changed since the last run. PYTHON picks the interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
STAMP=.venv/.mmfine-setup
HASH=$(cat setup.py tools/setup_env.sh requirements/*.txt | sha256sum | cut -d' ' -f1)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ] && .venv/bin/python -c 'import mmfine' 2>/dev/null; then
    exit 0
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
pip_install() {
    # this machine's pip config lists index folders that may be absent
    .venv/bin/python -m pip install --disable-pip-version-check -q "$@" \
        2> >(grep -v '^WARNING: Location' >&2)
}
echo "setting up .venv (torch 2.13.0 CPU, mmengine, mmcv-lite, mmaction2) ..."
pip_install torch==2.13.0
pip_install -r requirements/runtime.txt -r requirements/lite.txt -r requirements/tests.txt
# mmaction2 without its dependencies: its opencv-contrib-python pin clashes
# with opencv-python; everything it imports is in requirements/runtime.txt
# (mediapipe alike)
pip_install --no-deps -r requirements/mmaction.txt -r requirements/mediapipe.txt
pip_install --no-deps --no-build-isolation -e .
.venv/bin/python -c 'import mmfine; print("mmfine", mmfine.__version__, "ready")'
echo "$HASH" > "$STAMP"
