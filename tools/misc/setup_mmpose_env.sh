#!/usr/bin/env bash
# Build a full OpenMMLab environment for mmfine's mmpose pose backend in its
# own venv (default .venv-mmpose/): torch 2.14.1 + torchvision 0.29.1
# (mmpose imports torchvision; no torchvision loads beside torch 2.13.0),
# mmcv 2.1.0 compiled from source with its ops (about 20 minutes on 2
# cores), mmdet 3.3.0, mmpose 1.3.2, MMAction2 1.2.0 and mmfine (editable).
# Then run the tests that need it there:
#   .venv-mmpose/bin/python -m pytest -m mmpose tests
# A no-op when nothing changed since the last successful run.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${VENV:-.venv-mmpose}
PYTHON=${PYTHON:-python3}
STAMP=$VENV/.mmfine-setup
HASH=$(cat setup.py "$0" requirements/*.txt | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
    exit 0
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip_install() {
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q "$@" \
        2> >(grep -v '^WARNING: Location' >&2)
}
echo "[1/4] torch 2.14.1, torchvision 0.29.1, mmfine's runtime ..."
pip_install torch==2.14.1 torchvision==0.29.1
pip_install -r requirements/runtime.txt -r requirements/tests.txt \
    -r requirements/mmpose-runtime.txt wheel
echo "[2/4] mmcv 2.1.0 from source with its ops (about 20 min) ..."
if ! "$VENV/bin/python" -c 'import mmcv.ops' 2>/dev/null; then
    # torch 2.14's headers need C++20; mmcv 2.1.0's setup.py asks for
    # C++14/17: build its PyPI source with the standard raised
    SRC=$(mktemp -d)
    "$VENV/bin/python" -m pip download --disable-pip-version-check -q \
        --no-deps --no-binary :all: --no-build-isolation mmcv==2.1.0 \
        -d "$SRC" 2> >(grep -v '^WARNING: Location' >&2)
    tar xzf "$SRC"/mmcv-2.1.0.tar.gz -C "$SRC"
    sed -i 's/-std=c++1[47]/-std=c++20/g' "$SRC"/mmcv-2.1.0/setup.py
    MMCV_WITH_OPS=1 MAX_JOBS=${MAX_JOBS:-2} pip_install --no-build-isolation \
        "$SRC"/mmcv-2.1.0
    rm -rf "$SRC"
fi
echo "[3/4] mmdet, mmpose, mmaction2 (--no-deps) ..."
pip_install --no-deps -r requirements/mmpose.txt -r requirements/mmaction.txt
echo "[4/4] mmfine ..."
pip_install --no-deps --no-build-isolation -e .
"$VENV/bin/python" -c 'import mmcv.ops, mmdet, mmpose, mmfine; print("mmcv", mmcv.__version__, "mmdet", mmdet.__version__, "mmpose", mmpose.__version__, "ready")'
echo "$HASH" > "$STAMP"
