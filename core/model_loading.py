"""Load a Hugging Face sequence-classification checkpoint for inference.

Safety defaults: weights load from safetensors only, ``trust_remote_code`` is never set, and a
checkpoint that ships only pickle weights (``pytorch_model.bin``) is rejected unless the caller
opts in. A checkpoint whose classification head would be initialised at random is rejected too,
because its predictions would be noise.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError

from .errors import ModelLoadError, PickleRejectedError
from .messages import text

log = logging.getLogger(__name__)

SAFETENSORS_FILES = ("model.safetensors", "model.safetensors.index.json")
PICKLE_FILES = ("pytorch_model.bin", "pytorch_model.bin.index.json")
# Files that contain a tokenizer's vocabulary. Without one, transformers 5 builds a tokenizer with
# only the special tokens, so every word becomes [UNK] and predictions are silently noise.
TOKENIZER_FILES = (
    "tokenizer.json", "vocab.txt", "vocab.json", "spiece.model", "sentencepiece.bpe.model", "tokenizer.model", "spm.model",
)
DEFAULT_MAX_LENGTH = 512
# Models whose position ids start after the padding index lose two positions (RoBERTa family).
_OFFSET_POSITION_MODELS = {"roberta", "xlm-roberta", "camembert", "longformer", "bart", "mbart"}


@dataclass
class LoadedModel:
    """A classifier ready for inference, with its tokenizer and label names."""

    model: Any
    tokenizer: Any
    device: torch.device
    label_names: list[str]
    max_length: int
    source: str
    input_names: list[str] = field(default_factory=lambda: ["input_ids", "attention_mask"])
    dtype: torch.dtype = torch.float32

    @property
    def num_labels(self) -> int:
        return len(self.label_names)

    @property
    def label2id(self) -> dict[str, int]:
        return {name: index for index, name in enumerate(self.label_names)}


def bundled_model_path() -> Path:
    """Return the folder of the default Korean model shipped in ``resources/``."""
    from importlib import resources

    return Path(str(resources.files("review_labeler.resources").joinpath("default_model")))


def resolve_device(device: str = "auto") -> torch.device:
    """Return the torch device for "auto", "cpu" or "cuda" ("cuda:N" also works)."""
    choice = (device or "auto").lower()
    if choice == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if choice == "cpu":
        return torch.device("cpu")
    if choice.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ModelLoadError(text("model.cuda_unavailable"))
        return torch.device(choice)
    raise ModelLoadError(text("model.bad_device", device=device))


def _is_local_reference(reference: str) -> bool:
    """Return True if ``reference`` names a folder rather than a hub id such as "klue/bert-base"."""
    if Path(reference).expanduser().exists():
        return True
    if reference.startswith((".", "/", "~")) or "\\" in reference or re.match(r"^[A-Za-z]:", reference):
        return True
    return reference.count("/") > 1


def _check_local_folder(folder: Path, reference: str, allow_pickle: bool) -> None:
    if not folder.is_dir():
        raise ModelLoadError(text("model.not_found", model=reference))
    if not (folder / "config.json").is_file():
        raise ModelLoadError(text("model.no_config", model=reference))
    has_safetensors = any((folder / name).is_file() for name in SAFETENSORS_FILES)
    has_pickle = any((folder / name).is_file() for name in PICKLE_FILES)
    if not has_safetensors:
        if has_pickle and not allow_pickle:
            raise PickleRejectedError(text("model.pickle_refused", model=reference))
        if not has_pickle:
            raise ModelLoadError(text("model.no_weights", model=reference))
        log.warning("Loading pickle weights from %s because the caller allowed it", folder)
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise ModelLoadError(text("model.no_tokenizer", model=reference))
    _check_config_labels(folder / "config.json", reference)


def _check_config_labels(config_path: Path, reference: str) -> None:
    """Reject a config whose num_labels and id2label disagree (transformers would silently pick one)."""
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelLoadError(text("model.load_failed", model=reference, detail=f"config.json: {error}")) from error
    id2label = config.get("id2label")
    num_labels = config.get("num_labels")
    if isinstance(id2label, dict) and num_labels is not None and int(num_labels) != len(id2label):
        raise ModelLoadError(
            text("model.label_count", model=reference, num_labels=num_labels, id2label_count=len(id2label))
        )


def _max_length(model_config: Any, tokenizer: Any, requested: int | None) -> int:
    limits = []
    positions = getattr(model_config, "max_position_embeddings", None)
    if positions:
        offset = 2 if getattr(model_config, "model_type", "") in _OFFSET_POSITION_MODELS else 0
        limits.append(int(positions) - offset)
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if tokenizer_limit and tokenizer_limit < 1_000_000:
        limits.append(int(tokenizer_limit))
    limit = min(limits) if limits else DEFAULT_MAX_LENGTH
    if requested:
        limit = min(limit, requested)
    return max(8, limit)


def _label_names(model_config: Any) -> list[str]:
    id2label = getattr(model_config, "id2label", None) or {}
    count = int(getattr(model_config, "num_labels", len(id2label)) or len(id2label))
    return [str(id2label.get(index, id2label.get(str(index), f"LABEL_{index}"))) for index in range(count)]


def load_model(
    reference: str | os.PathLike[str] | None = None,
    *,
    device: str = "auto",
    allow_pickle: bool = False,
    max_length: int | None = None,
    precision: str = "auto",
) -> LoadedModel:
    """Load a sequence-classification checkpoint: a local folder, a hub id, or the bundled model.

    ``precision="auto"`` runs in bfloat16 (or float16) on CUDA and float32 on the CPU;
    ``"fp32"`` forces float32 everywhere.
    """
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    reference = str(reference) if reference is not None else str(bundled_model_path())
    torch_device = resolve_device(device)

    local = _is_local_reference(reference)
    # transformers 5 fetches "hub kernels" (compiled code from the Hugging Face hub) unless told
    # not to; this app runs only the code it ships.
    load_kwargs: dict[str, Any] = {"trust_remote_code": False, "use_kernels": False}
    if local:
        folder = Path(reference).expanduser()
        _check_local_folder(folder, reference, allow_pickle)
        source: str = str(folder)
        load_kwargs["use_safetensors"] = not allow_pickle or any((folder / n).is_file() for n in SAFETENSORS_FILES)
    else:
        source = reference
        load_kwargs["use_safetensors"] = None if allow_pickle else True

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, trust_remote_code=False)
        model, info = AutoModelForSequenceClassification.from_pretrained(source, output_loading_info=True, **load_kwargs)
    except ModelLoadError:
        raise
    except OSError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if local:
            raise ModelLoadError(text("model.load_failed", model=reference, detail=detail)) from error
        if "pytorch_model.bin" in str(error) or "safetensors" in str(error).lower():
            raise PickleRejectedError(text("model.pickle_refused", model=reference)) from error
        raise ModelLoadError(text("model.offline", model=reference, detail=detail)) from error
    except pickle.UnpicklingError as error:
        # transformers loads pickle weights with torch's weights_only unpickler, which refuses
        # anything but tensors and plain containers, so a file carrying code ends here.
        raise ModelLoadError(text("model.pickle_unsafe", model=reference)) from error
    except SafetensorError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelLoadError(text("model.weights_damaged", model=reference, detail=detail)) from error
    except (ValueError, KeyError, RuntimeError, TypeError) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        # With trust_remote_code=False, transformers raises ValueError for a model type that
        # exists only in code shipped with the checkpoint (config.json "auto_map").
        if "custom code" in detail or "trust_remote_code" in detail:
            raise ModelLoadError(text("model.custom_code", model=reference)) from error
        if "ignore_mismatched_sizes" in detail:
            raise ModelLoadError(text("model.head_mismatch", model=reference)) from error
        raise ModelLoadError(text("model.not_classifier", model=reference, detail=detail)) from error

    _check_head_was_loaded(info, reference)
    _check_tokenizer_has_vocabulary(tokenizer, reference)
    _check_tokenizer_fits(tokenizer, model.config, reference)

    dtype = torch.float32
    if torch_device.type == "cuda" and precision == "auto":
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    model.to(device=torch_device, dtype=dtype)
    model.eval()

    input_names = [name for name in getattr(tokenizer, "model_input_names", ["input_ids", "attention_mask"])]
    if "token_type_ids" in input_names and getattr(model.config, "type_vocab_size", 2) < 1:
        input_names.remove("token_type_ids")

    loaded = LoadedModel(
        model=model,
        tokenizer=tokenizer,
        device=torch_device,
        label_names=_label_names(model.config),
        max_length=_max_length(model.config, tokenizer, max_length),
        source=source,
        input_names=input_names,
        dtype=dtype,
    )
    log.info(
        "Loaded %s on %s (%s): labels %s, max_length %d",
        source, torch_device, dtype, loaded.label_names, loaded.max_length,
    )
    return loaded


def _check_head_was_loaded(info: dict[str, Any], reference: str) -> None:
    missing = [key for key in info.get("missing_keys", []) if "classifier" in key or "score" in key or "pre_classifier" in key]
    if missing:
        detail = "the classification head is missing from the weights (" + ", ".join(sorted(missing)[:4]) + ")"
        raise ModelLoadError(text("model.not_classifier", model=reference, detail=detail))


def _check_tokenizer_has_vocabulary(tokenizer: Any, reference: str) -> None:
    """Reject a tokenizer whose vocabulary is only its special tokens (hub ids get no file check)."""
    special = set(getattr(tokenizer, "all_special_tokens", []) or [])
    if len(tokenizer) <= len(special) + 1:
        raise ModelLoadError(text("model.no_tokenizer", model=reference))


def _check_tokenizer_fits(tokenizer: Any, model_config: Any, reference: str) -> None:
    vocab_size = getattr(model_config, "vocab_size", None)
    if not vocab_size:
        return
    max_id = len(tokenizer) - 1
    if max_id >= vocab_size:
        raise ModelLoadError(text("model.tokenizer_mismatch", model=reference, max_id=max_id, vocab_size=vocab_size))
