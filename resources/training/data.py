"""Load the sentiment training corpora and split them deterministically.

Two labelled sources are used:

* NSMC movie reviews (``nsmc_reviews.tsv.gz``): ratings 1-4 are negative,
  9-10 positive.
* Cosmetics shop reviews (``cosmetics-mit/*.csv``, MIT licence): 1-2 stars are
  negative, 4-5 stars positive.

Neutral reviews (NSMC 5-8, cosmetics 3 stars) and the unrated cosmetics
workbook are kept as unlabelled text for the tokenizer and for optional
masked-LM pretraining.

Texts are normalised (NFC, whitespace collapsed) and de-duplicated per source.
Each text goes to the test, dev or train part by a hash of its split key, so
the split depends neither on file order nor on the random seed. A text that
appears in a test or dev part of any source is removed from every train part.

Run this file directly to print a summary of the split.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = (REPOSITORY_ROOT / ".." / "shared" / "data" / "train").resolve()

NSMC_FILE = "nsmc_reviews.tsv.gz"
COSMETICS_DIR = "cosmetics-mit"
COSMETICS_UNLABELLED_FILE = "reviews.xlsx"

NEGATIVE = 0
POSITIVE = 1
ID2LABEL = {NEGATIVE: "부정", POSITIVE: "긍정"}
LABEL2ID = {name: label_id for label_id, name in ID2LABEL.items()}

SOURCES = ("nsmc", "cosmetics")
PARTS = ("train", "dev", "test")

# Share of each source's de-duplicated texts that goes to the test and dev
# parts. Cosmetics gets larger shares because it has only about 370 negative
# reviews in total, and a smaller test part would make its F1 too noisy.
TEST_FRACTION = {"nsmc": 0.10, "cosmetics": 0.20}
DEV_FRACTION = {"nsmc": 0.02, "cosmetics": 0.10}

# Changing the salt reshuffles every split, which invalidates all reported figures.
_SPLIT_SALT = b"review-labeler-split-v1"

_WHITESPACE = re.compile(r"\s+")
# A line of the NSMC file that starts a record: numeric review id, movie id and
# rating, then the date and the review text, separated by tabs.
_NSMC_RECORD = re.compile(r"^(\d+)\t(\d+)\t(\d+)\t([^\t]*)\t(.*)$")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with every whitespace run replaced by one space.

    The same normalisation must be applied before tokenising at inference time,
    because the tokenizer itself does not compose decomposed Hangul.
    """
    text = unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", text).strip()


def split_key(text: str) -> str:
    """Return the key that decides de-duplication and the split part of ``text``.

    Case and spaces are ignored, so reviews that differ only in spacing (common
    in Korean) count as the same text.
    """
    return _WHITESPACE.sub("", normalize_text(text)).casefold()


def split_position(key: str) -> float:
    """Map ``key`` to a fixed pseudo-random number in [0, 1)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8, key=_SPLIT_SALT).digest()
    return int.from_bytes(digest, "big") / 2**64


def _unquote_tsv_field(field: str) -> str:
    # The NSMC file quotes a review CSV-style when it contains a double quote:
    # the whole field is wrapped in quotes and inner quotes are doubled.
    if len(field) >= 2 and field.startswith('"') and field.endswith('"'):
        return field[1:-1].replace('""', '"')
    return field


def _nsmc_label(rating: int) -> int | None:
    if 1 <= rating <= 4:
        return NEGATIVE
    if 9 <= rating <= 10:
        return POSITIVE
    return None


def read_nsmc(path: Path) -> pd.DataFrame:
    """Read the NSMC file into columns ``text`` and ``rating``, dropping empty reviews.

    Some reviews contain unquoted line breaks, so a line that does not start a
    record is appended to the previous review instead of being parsed as a row.
    """
    reviews: list[str] = []
    ratings: list[int] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        if header != ["review_id", "movie_id", "rating", "date", "review"]:
            raise ValueError(f"{path}: unexpected header {header}; expected review_id, movie_id, rating, date, review")
        for line_number, line in enumerate(handle, start=2):
            line = line.rstrip("\n")
            match = _NSMC_RECORD.match(line)
            if match:
                ratings.append(int(match.group(3)))
                reviews.append(match.group(5))
            elif reviews:
                reviews[-1] += "\n" + line
            elif line:
                raise ValueError(f"{path}:{line_number}: line is neither a record nor a continuation")

    frame = pd.DataFrame({"text": [normalize_text(_unquote_tsv_field(review)) for review in reviews], "rating": ratings})
    logger.info("Read %d NSMC records from %s", len(frame), path)
    return frame[frame["text"] != ""].reset_index(drop=True)


def _cosmetics_label(stars: int) -> int | None:
    if stars in (1, 2):
        return NEGATIVE
    if stars in (4, 5):
        return POSITIVE
    return None


def read_cosmetics(directory: Path) -> pd.DataFrame:
    """Read every cosmetics CSV file into columns ``text`` and ``rating`` (stars), dropping empty reviews."""
    csv_paths = sorted(directory.glob("*.csv"))
    if not csv_paths:
        raise FileNotFoundError(f"No cosmetics CSV files found in {directory}")

    frames = []
    for csv_path in csv_paths:
        frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        missing = {"rating", "review"} - set(frame.columns)
        if missing:
            raise ValueError(f"{csv_path}: missing columns {sorted(missing)}")
        logger.info("Read %d cosmetics records from %s", len(frame), csv_path.name)
        stars = pd.to_numeric(frame["rating"], errors="raise").astype(int)
        frames.append(pd.DataFrame({"text": frame["review"].map(normalize_text), "rating": stars}))

    frame = pd.concat(frames, ignore_index=True)
    return frame[frame["text"] != ""].reset_index(drop=True)


def label_by_rating(frame: pd.DataFrame, source: str) -> tuple[pd.DataFrame, list[str]]:
    """Split rated reviews into labelled rows (``text``, ``label``) and the neutral texts."""
    to_label = _nsmc_label if source == "nsmc" else _cosmetics_label
    labels = frame["rating"].map(to_label)
    labelled = frame.loc[labels.notna(), ["text"]].assign(label=labels[labels.notna()].astype(int))
    return labelled.reset_index(drop=True), frame.loc[labels.isna(), "text"].tolist()


def read_unlabelled_cosmetics(directory: Path) -> list[str]:
    """Return the normalised, non-empty reviews of the unrated cosmetics workbook."""
    path = directory / COSMETICS_UNLABELLED_FILE
    if not path.is_file():
        logger.warning("Unlabelled cosmetics workbook %s not found; continuing without it", path)
        return []
    frame = pd.read_excel(path, engine="calamine", dtype=str)
    if "review" not in frame.columns:
        raise ValueError(f"{path}: missing column 'review'")
    texts = [normalize_text(text) for text in frame["review"].dropna()]
    return [text for text in texts if text]


def deduplicate(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Keep one row per split key, labelled by majority vote over its duplicates.

    Keys whose duplicates are labelled positive and negative equally often are
    dropped, because no label can be trusted for them. The first occurrence
    supplies the text, so the result does not depend on the hash seed.
    """
    frame = frame.assign(key=frame["text"].map(split_key))
    votes = frame.groupby("key", sort=False)["label"].agg(["sum", "count"])
    positive_share = votes["sum"] / votes["count"]
    majority = (positive_share > 0.5).astype(int)
    decided = majority[positive_share != 0.5]

    first = frame.drop_duplicates("key", keep="first").set_index("key")
    result = first.loc[first.index.isin(decided.index), ["text"]]
    result["label"] = decided.loc[result.index]
    result = result.reset_index()

    logger.info(
        "%s: %d rows, %d unique keys, %d tied keys dropped, %d kept",
        source,
        len(frame),
        len(votes),
        len(votes) - len(decided),
        len(result),
    )
    return result


def assign_parts(frame: pd.DataFrame, source: str) -> pd.Series:
    """Return the part ('test', 'dev' or 'train') of each row of ``frame``."""
    position = frame["key"].map(split_position)
    test_end = TEST_FRACTION[source]
    dev_end = test_end + DEV_FRACTION[source]
    part = pd.Series("train", index=frame.index)
    part[position < dev_end] = "dev"
    part[position < test_end] = "test"
    return part


@dataclass
class Corpus:
    """The split labelled data and the unlabelled texts of both sources."""

    # Maps (source, part) to a frame with columns key, text, label.
    parts: dict[tuple[str, str], pd.DataFrame]
    # Neutral NSMC and cosmetics reviews plus the unrated cosmetics workbook,
    # de-duplicated, with every dev and test text removed.
    unlabelled_texts: list[str]

    def get(self, source: str, part: str) -> pd.DataFrame:
        return self.parts[(source, part)]

    def held_out_keys(self) -> set[str]:
        """Return the split keys of every dev and test row of every source."""
        return {key for (_, part), frame in self.parts.items() if part != "train" for key in frame["key"]}

    def unsupervised_texts(self) -> list[str]:
        """Return every text that the tokenizer and masked-LM pretraining may learn from.

        These are the train parts of both sources followed by the unlabelled texts.
        """
        texts: list[str] = []
        for source in SOURCES:
            texts.extend(self.get(source, "train")["text"])
        texts.extend(self.unlabelled_texts)
        return texts


def _unique_unlabelled(texts: list[str], excluded_keys: set[str]) -> list[str]:
    seen = set(excluded_keys)
    unique = []
    for text in texts:
        key = split_key(text)
        if key not in seen:
            seen.add(key)
            unique.append(text)
    return unique


def load_corpus(data_dir: Path = DEFAULT_DATA_DIR) -> Corpus:
    """Read both sources from ``data_dir``, de-duplicate them and split them."""
    data_dir = Path(data_dir)
    nsmc_path = data_dir / NSMC_FILE
    cosmetics_dir = data_dir / COSMETICS_DIR
    if not nsmc_path.is_file():
        raise FileNotFoundError(f"NSMC file not found: {nsmc_path}; pass --data-dir with the folder that contains {NSMC_FILE}")
    if not cosmetics_dir.is_dir():
        raise FileNotFoundError(f"Cosmetics folder not found: {cosmetics_dir}")

    rated = {"nsmc": read_nsmc(nsmc_path), "cosmetics": read_cosmetics(cosmetics_dir)}
    parts: dict[tuple[str, str], pd.DataFrame] = {}
    unlabelled: list[str] = []
    for source, frame in rated.items():
        labelled, neutral = label_by_rating(frame, source)
        unlabelled.extend(neutral)
        labelled = deduplicate(labelled, source)
        part = assign_parts(labelled, source)
        for part_name in PARTS:
            parts[(source, part_name)] = labelled[part == part_name].reset_index(drop=True)
    unlabelled.extend(read_unlabelled_cosmetics(cosmetics_dir))

    # A text can occur in both sources. Its hash position is the same in both,
    # but the part boundaries differ per source, so it could otherwise be held
    # out in one source and trained on in the other.
    held_out = {key for (_, part), frame in parts.items() if part != "train" for key in frame["key"]}
    for source in SOURCES:
        train = parts[(source, "train")]
        leaked = train["key"].isin(held_out)
        if leaked.any():
            logger.info("%s: removed %d train texts that are held out in another source", source, int(leaked.sum()))
            parts[(source, "train")] = train[~leaked].reset_index(drop=True)

    # Unlabelled texts that equal a labelled one add nothing, and those that
    # equal a held-out one would leak evaluation text into pretraining.
    labelled_keys = {key for frame in parts.values() for key in frame["key"]}
    unlabelled = _unique_unlabelled(unlabelled, labelled_keys)
    logger.info("%d unique unlabelled texts", len(unlabelled))
    return Corpus(parts=parts, unlabelled_texts=unlabelled)


def summarize(corpus: Corpus) -> pd.DataFrame:
    """Return the number of texts and the negative share of every part."""
    rows = []
    for (source, part), frame in corpus.parts.items():
        rows.append(
            {
                "source": source,
                "part": part,
                "texts": len(frame),
                "negative": int((frame["label"] == NEGATIVE).sum()),
                "negative_share": round(float((frame["label"] == NEGATIVE).mean()), 4),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the train/dev/test split of the sentiment corpora.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help=f"folder with {NSMC_FILE} and {COSMETICS_DIR}/ (default: %(default)s)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    corpus = load_corpus(args.data_dir)
    print(summarize(corpus).to_string(index=False))
    print(f"unlabelled texts: {len(corpus.unlabelled_texts)}, texts for tokenizer and pretraining: {len(corpus.unsupervised_texts())}")


if __name__ == "__main__":
    main()
