"""The in-memory review table: every cell of one sheet as text, plus how it was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass
class ReviewTable:
    """One sheet of a review file, every cell kept as the text written in the file.

    Rows are identified by their position (0-based ``row`` here, shown 1-based to users). The
    DataFrame index is always a fresh RangeIndex, so positional and label-based access agree.
    """

    source_path: Path
    frame: pd.DataFrame
    headers: list[str]
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    header_row: int = 0
    warnings: list[str] = field(default_factory=list)
    lossy_rows: list[int] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Unique display names of the columns, in file order."""
        return [str(name) for name in self.frame.columns]

    @property
    def row_count(self) -> int:
        return len(self.frame)

    def column_values(self, column: str) -> list[str]:
        """Return the cells of ``column`` as a list of strings, in row order."""
        return self.frame[column].tolist()
