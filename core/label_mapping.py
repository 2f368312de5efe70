"""Map the values of a known-label column onto the model's label ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def direct_label_mapping(values: Sequence[str], label_names: Sequence[str]) -> dict[str, int]:
    """Return a mapping for values that already are label names or label ids.

    "긍정" maps to the id of label 긍정; "1" maps to id 1 when the model has a label 1. Values
    that are neither stay unmapped.
    """
    names = {name.strip(): index for index, name in enumerate(label_names)}
    folded = {name.strip().casefold(): index for index, name in enumerate(label_names)}
    mapping: dict[str, int] = {}
    for value in set(values):
        key = value.strip()
        if not key:
            continue
        if key in names:
            mapping[value] = names[key]
        elif key.casefold() in folded:
            mapping[value] = folded[key.casefold()]
        elif key.lstrip("-").isdigit() and 0 <= int(key) < len(label_names):
            mapping[value] = int(key)
        else:
            as_float = _as_integer_float(key)
            if as_float is not None and 0 <= as_float < len(label_names):
                mapping[value] = as_float
    return mapping


def _as_integer_float(value: str) -> int | None:
    """Return 1 for "1.0"; None for anything that is not a whole number."""
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def map_known_labels(values: Sequence[str], mapping: Mapping[str, int]) -> np.ndarray:
    """Return the label id of every value under ``mapping``, -1 where a value is unmapped."""
    return np.fromiter((mapping.get(value, -1) for value in values), dtype=np.int64, count=len(values))
