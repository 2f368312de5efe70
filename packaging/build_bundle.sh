#!/bin/sh
# Build the one-folder desktop bundle packaging/dist/review-labeler/ with PyInstaller, then run
# the self-test of the built executable and print the bundle size.
#
#   packaging/build_bundle.sh [--model DIR] [--python PYTHON] [--no-strip]
#
#   --model DIR      bundle this checkpoint folder instead of resources/default_model
#   --python PYTHON  interpreter of the environment to build from (default: the active
#                    virtualenv, else .venv/bin/python, else a new packaging/build/venv)
#   --no-strip       keep the symbol tables of torch's libraries (about 90 MB)
#
# On a fresh machine the script creates packaging/build/venv, installs the CPU build of torch
# with packaging/install_torch_cpu.sh and then the app with its "dev" extra (PyInstaller).
# To bundle a CUDA build of torch instead, build from an environment that has it installed
# (--python); see packaging/README.md.
# Exit status: 0 when the build and its self-test pass, otherwise non-zero.
set -eu

repository=$(cd "$(dirname "$0")/.." && pwd)
cd "$repository"

model_dir=""
python=""
strip_torch=1
while [ $# -gt 0 ]; do
    case "$1" in
        --model) model_dir=$(cd "$2" && pwd); shift 2 ;;
        --python) python=$2; shift 2 ;;
        --no-strip) strip_torch=0; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build_bundle.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

build_dir=packaging/build
dist_dir=packaging/dist
bundle=$dist_dir/review-labeler
mkdir -p "$build_dir"

# 1. The build environment.
if [ -z "$python" ]; then
    if [ -n "${VIRTUAL_ENV:-}" ]; then
        python=$VIRTUAL_ENV/bin/python
    elif [ -x .venv/bin/python ]; then
        python=.venv/bin/python
    else
        python=$build_dir/venv/bin/python
        if [ ! -x "$python" ]; then
            echo "== Creating $build_dir/venv"
            python3 -m venv "$build_dir/venv"
            "$python" -m pip install --upgrade pip
        fi
    fi
fi
if ! "$python" -c "import torch" 2>/dev/null; then
    echo "== Installing the CPU build of torch"
    PYTHON=$python sh packaging/install_torch_cpu.sh
fi
if ! "$python" -c "import review_labeler.gui, transformers, PySide6" 2>/dev/null; then
    echo "== Installing Review Labeler and its dependencies"
    "$python" -m pip install ".[dev]"
fi
if ! "$python" -m PyInstaller --version >/dev/null 2>&1; then
    echo "== Installing PyInstaller"
    "$python" -m pip install "pyinstaller>=6.3"
fi
echo "== Building with $("$python" --version), PyInstaller $("$python" -m PyInstaller --version)," \
     "torch $("$python" -c 'import torch; print(torch.__version__)')"

# 2. The files the bundle needs besides Python packages.
"$python" packaging/render_icons.py "$build_dir/icons"
if [ -n "$model_dir" ]; then
    export REVIEW_LABELER_MODEL_DIR="$model_dir"
fi
echo "== Bundling the model from ${REVIEW_LABELER_MODEL_DIR:-resources/default_model}"

# 3. PyInstaller.
REVIEW_LABELER_ICONS_DIR="$repository/$build_dir/icons" "$python" -m PyInstaller --noconfirm \
    --distpath "$dist_dir" --workpath "$build_dir/pyinstaller" packaging/review_labeler.spec

# 4. Shrink torch: its libraries ship with symbol tables that only debuggers read.
if [ "$strip_torch" = 1 ] && command -v strip >/dev/null 2>&1; then
    for library in "$bundle"/_internal/torch/lib/*.so*; do
        strip --strip-unneeded "$library"
    done
fi

# 5. Desktop integration files next to the executable, for packaging/linux/install.sh.
rm -rf "$bundle/share"
mkdir -p "$bundle/share/applications" "$bundle/share/icons"
cp packaging/linux/review-labeler.desktop "$bundle/share/applications/"
cp -R "$build_dir/icons/hicolor" "$bundle/share/icons/"
cp packaging/linux/install.sh "$bundle/install.sh"
chmod +x "$bundle/install.sh"

# 6. Check the result: the self-test must pass without a network, like on an analyst's laptop.
echo "== Self-test of $bundle/review-labeler"
status=0
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$bundle/review-labeler" --self-test || status=$?

echo "== Bundle size"
du -sh "$bundle"
echo "== Largest parts"
du -sh "$bundle"/_internal/* | sort -h | tail -n 8
if [ "$status" -eq 0 ]; then
    echo "== Self-test passed"
else
    echo "== Self-test FAILED with exit status $status" >&2
fi
exit "$status"
