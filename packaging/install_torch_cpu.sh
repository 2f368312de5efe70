#!/bin/sh
# Install the CPU build of torch into the active Python environment.
# Plain "pip install torch" on Linux brings a CUDA build of several GB; the CPU wheel is enough
# for this app without a GPU. A machine that keeps wheels in a local folder (PIP_FIND_LINKS)
# may hold one there, which also works offline; otherwise PyTorch's CPU index provides it.
# On a machine with an NVIDIA GPU, install the CUDA build of torch instead and skip this script.
set -eu
python=${PYTHON:-python}
if "$python" -c "import torch" 2>/dev/null; then
    exit 0
fi
local_wheel=$(ls "${PIP_FIND_LINKS:-/nonexistent}"/torch-*+cpu-*.whl 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$local_wheel" ]; then
    "$python" -m pip install "$local_wheel"
else
    "$python" -m pip install torch --index-url https://download.pytorch.org/whl/cpu
fi
