"""Builders of small self-made review files and stub models for the GUI tests."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import torch

from review_labeler.core.model_loading import LoadedModel, load_model

POSITIVE = ["배송이 빨라서 좋았어요", "가격 대비 품질이 훌륭합니다", "사이즈가 딱 맞아요", "향이 은은하고 좋네요", "재구매 의사 있습니다"]
NEGATIVE = ["배송이 너무 늦었어요", "한 번 쓰고 고장났어요", "사진과 색상이 달라요", "배터리가 금방 닳아요", "두 번 다시 안 삽니다"]


def invented_reviews(count: int) -> list[tuple[str, str]]:
    """Return ``count`` (review, label) pairs of invented reviews with varied lengths."""
    rows = []
    for number in range(count):
        pool, label = (POSITIVE, "긍정") if number % 3 else (NEGATIVE, "부정")
        text = pool[number % len(pool)]
        # Repeat some texts so batches hold rows of different lengths.
        rows.append((" ".join([text] * (1 + number % 4)), label))
    return rows


def write_csv(path: Path, rows: list[tuple[str, str]], encoding: str = "utf-8",
              header: tuple[str, str] = ("리뷰", "라벨")) -> Path:
    lines = [",".join(header)] + [f"\"{text}\",{label}" for text, label in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_two_sheet_xlsx(path: Path) -> Path:
    """Write a workbook whose sheets differ in rows and columns."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    first.title = "1월"
    first.append(["번호", "후기 내용", "평점"])
    for number, (text, _label) in enumerate(invented_reviews(6), start=1):
        first.append([number, text, 5 if number % 2 else 1])
    second = workbook.create_sheet("2월")
    second.append(["작성일", "review", "sentiment"])
    for number, (text, label) in enumerate(invented_reviews(9), start=1):
        second.append([f"2024-02-{number:02d}", text, label])
    workbook.save(path)
    return path


class SlowModel(torch.nn.Module):
    """Wraps a classifier and sleeps before each forward pass, like a big model on a slow CPU."""

    def __init__(self, inner: torch.nn.Module, seconds: float) -> None:
        super().__init__()
        self.inner = inner
        self.seconds = seconds
        self.config = inner.config

    def forward(self, **inputs):
        time.sleep(self.seconds)
        return self.inner(**inputs)


def slow_loader(model_dir: Path, seconds: float = 0.05):
    """Return a model loader that ignores the chosen reference and returns a slowed tiny model."""
    calls: list[tuple[str, str]] = []

    def load(reference: str, device: str = "auto") -> LoadedModel:
        calls.append((reference, device))
        loaded = load_model(model_dir, device="cpu")
        return dataclasses.replace(loaded, model=SlowModel(loaded.model, seconds))

    load.calls = calls
    return load


def korean_app_environment(home: Path) -> dict[str, str]:
    """Return the environment of an app subprocess on a Korean system, with its own home folders."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        LANG="ko_KR.UTF-8",
        LC_ALL="",
        LANGUAGE="",
    )
