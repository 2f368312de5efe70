"""PyInstaller runtime hook: runs in the frozen bundle before the app's own code."""

import os

# transformers 5.25 turns on "hub kernels" by default when it loads a model. It then requests
# compiled layers from the `kernels` package, which may download them from the Hugging Face
# Hub. The bundle leaves that package out, because it would run downloaded code and it fails
# in a frozen build. Without this setting every model load raises "Kernels are not available".
os.environ.setdefault("USE_HUB_KERNELS", "NO")
