"""Shared fixtures: tiny random checkpoints built once per session, and case-like input files."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

sys.path.insert(0, str(Path(__file__).parent))

import torch  # noqa: E402

from tiny_models import build_tiny_checkpoint  # noqa: E402

# Tests share two CPU cores with everything else on CI machines; one thread keeps timings stable.
torch.set_num_threads(1)

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def english_messages():
    """Run every test with English core messages unless it switches language itself."""
    from review_labeler.core import messages

    messages.set_language("en")
    yield
    messages.set_language("en")


@pytest.fixture(scope="session")
def tiny_checkpoints(tmp_path_factory) -> dict[str, Path]:
    """One tiny checkpoint per model family, built once for the session."""
    root = tmp_path_factory.mktemp("checkpoints")
    return {family: build_tiny_checkpoint(root / family, family) for family in ("bert", "electra", "roberta", "distilbert")}


@pytest.fixture(scope="session")
def tiny_bert_dir(tiny_checkpoints) -> Path:
    return tiny_checkpoints["bert"]


@pytest.fixture
def tiny_bert_copy(tiny_bert_dir, tmp_path) -> Path:
    """A private copy of the tiny BERT checkpoint that a test may modify."""
    target = tmp_path / "model"
    shutil.copytree(tiny_bert_dir, target)
    return target


@pytest.fixture(scope="session")
def tiny_bert(tiny_bert_dir):
    """The tiny BERT loaded on the CPU, shared by tests that only run inference."""
    from review_labeler.core.model_loading import load_model

    return load_model(tiny_bert_dir, device="cpu")
