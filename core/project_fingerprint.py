"""Fingerprints that tell whether a project still fits its source file, model and rows.

* A source file is identified by its size and the SHA-256 of its bytes, read in 1 MiB blocks so
  that large files never sit in memory twice.
* A row is identified by an 8-byte BLAKE2b hash of its review text (UTF-8). When the source
  file changed, comparing these per-row hashes by position counts the rows whose text is still
  the one they had when the project was made.
* A local model folder is identified by the SHA-256 over its config, tokenizer and weight files,
  so a fine-tuned checkpoint saved under the same folder name gets a different id.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

READ_BLOCK_BYTES = 1024 * 1024
ROW_HASH_BYTES = 8
# Files that decide what a checkpoint predicts; other files (README, training logs) are ignored.
_MODEL_FILES = (
    "config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
    "vocab.json",
    "merges.txt",
    "sentencepiece.bpe.model",
    "spm.model",
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
)


@dataclass(frozen=True)
class SourceFingerprint:
    """Size in bytes and SHA-256 (hex) of a source file's contents."""

    size: int
    sha256: str


def is_regular_file(path: Path) -> bool:
    """Return True if ``path`` exists and is a regular file (not a folder, FIFO or device).

    Hashing a FIFO or a device such as /dev/zero would block or never end, so callers check this
    before reading a path that came from a project file.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def fingerprint_file(path: str | os.PathLike[str]) -> SourceFingerprint:
    """Compute the size and SHA-256 of the file at ``path``, reading it in blocks.

    Raises OSError when the file cannot be read.
    """
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while block := stream.read(READ_BLOCK_BYTES):
            digest.update(block)
            size += len(block)
    return SourceFingerprint(size=size, sha256=digest.hexdigest())


def row_text_hashes(texts: Sequence[str]) -> np.ndarray:
    """Return one 8-byte BLAKE2b hash per text, as a (rows, 8) uint8 array in row order."""
    joined = b"".join(
        hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=ROW_HASH_BYTES).digest() for value in texts
    )
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(texts), ROW_HASH_BYTES)


def model_version_id(reference: str | os.PathLike[str]) -> str | None:
    """Return a content hash of a local checkpoint folder, or None for a hub id or a missing folder.

    The hash covers the files that decide the predictions (see ``_MODEL_FILES``) with their names,
    so renaming a folder keeps the id and retraining changes it. Reading a multi-GB checkpoint
    takes a few seconds, so the GUI should call this off the main thread.
    """
    folder = Path(reference).expanduser()
    if not folder.is_dir():
        return None

    digest = hashlib.sha256()
    found = False
    for name in _MODEL_FILES:
        candidate = folder / name
        if not is_regular_file(candidate):
            continue
        found = True
        _hash_named_file(digest, candidate)
    # Sharded weights list their shards in the index file; hash the shards too.
    for shard in sorted(folder.glob("model-*-of-*.safetensors")):
        found = True
        _hash_named_file(digest, shard)
    return f"sha256:{digest.hexdigest()}" if found else None


def _hash_named_file(digest, path: Path) -> None:
    digest.update(path.name.encode("utf-8") + b"\0")
    with open(path, "rb") as stream:
        while block := stream.read(READ_BLOCK_BYTES):
            digest.update(block)
