"""Builders shared by the reliability tests: broken inputs, annotations and leftover-file checks.

Every input is made here from invented reviews; nothing is read from outside the repository.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from review_labeler.core.annotations import Annotations
from review_labeler.core.inference import ClassificationResult, RowStatus
from review_labeler.core.review_table import ReviewTable

LABELS = ["부정", "긍정"]
REVIEWS = ["배송이 빨라서 좋았어요", "한 번 쓰고 고장났어요", "사이즈가 딱 맞아요", "사진과 색상이 달라요"]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def workbook_bytes(rows: list[list]) -> bytes:
    """Return an XLSX workbook with one sheet holding ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def encrypted_workbook_with_msoffcrypto(rows: list[list], password: str = "비밀") -> bytes:
    """Return a password-protected XLSX (an OLE container with an EncryptedPackage stream)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook_bytes(rows))).encrypt(password, encrypted)
    return encrypted.getvalue()


def crafted_encrypted_workbook() -> bytes:
    """Return the first sector of an OLE container whose directory names an EncryptedPackage stream.

    The reader looks only at this part of a password-protected XLSX. The encrypted payload is
    left out, because the file is rejected before any of it would be read.
    """
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    directory = bytearray(512)
    for slot, name in enumerate(["Root Entry", "EncryptionInfo", "EncryptedPackage"]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        offset = slot * 128
        directory[offset : offset + len(encoded)] = encoded
        struct.pack_into("<H", directory, offset + 64, len(encoded))
    return bytes(header) + bytes(directory)


def png_bytes() -> bytes:
    """Return the start of a PNG image, as a screenshot renamed to .csv or .xlsx would begin."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def predicted_annotations(row_count: int) -> Annotations:
    """Annotations with label row % 2 and confidence 0.6 + row / 1000 on every row."""
    result = ClassificationResult.empty(row_count, LABELS)
    rows = np.arange(row_count)
    labels = rows % 2
    confidence = (0.6 + rows / 1000).astype(np.float32)
    result.label_ids[:] = labels
    result.probabilities[rows, labels] = confidence
    result.probabilities[rows, 1 - labels] = 1 - confidence
    result.status[:] = RowStatus.CLASSIFIED
    return Annotations.from_result(result)


def table_from_rows(source: Path, headers: list[str], rows: list[list[str]]) -> ReviewTable:
    frame = pd.DataFrame(rows, columns=headers, dtype=object)
    return ReviewTable(source_path=source, frame=frame, headers=list(headers), file_format="csv")


def review_table(source: Path, count: int) -> ReviewTable:
    """A two-column table (id, review) of ``count`` invented reviews."""
    rows = [[f"{row:05d}", f"{REVIEWS[row % len(REVIEWS)]} {row}"] for row in range(count)]
    return table_from_rows(source, ["id", "review"], rows)


def hidden_files(folder: Path) -> list[str]:
    """Return the names of hidden files in ``folder`` (temporary files of atomic writes start with a dot)."""
    return sorted(name for name in os.listdir(folder) if name.startswith("."))
