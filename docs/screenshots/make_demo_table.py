"""Build the demo review table that the guide's screenshots show.

The table mixes cosmetics reviews (MIT licence, with their 1–5 star ratings as the known-label
column) and movie reviews of the NSMC corpus (CC0, no rating column here), both from the
training data of the bundled model. Those licences allow the screenshots to be published. The
output belongs outside the repository (for example under /tmp), so it is never committed.

    python docs/screenshots/make_demo_table.py --train-data DIR --output /tmp/demo/reviews.csv

``DIR`` contains ``nsmc_reviews.tsv.gz`` and ``cosmetics-mit/``. The file is written in CP949, the
encoding of many Korean spreadsheets exported from Excel, so that the window shows its encoding
detection. Reviews that CP949 cannot encode are left out.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import logging
import random
from pathlib import Path

log = logging.getLogger(__name__)

COSMETICS_FILES = ("Aritaum_뽀오얀 미소 발효 립 & 아이 리무버.csv", "GlowPick_뽀오얀 미소 발효 립&아이 리무버.csv")
HEADER = ("리뷰번호", "상품평", "출처", "별점")
SOURCE_COSMETICS = "화장품"
SOURCE_MOVIES = "영화(NSMC)"
# Reviews longer than this are skipped so that the table in the screenshots stays readable.
MAX_REVIEW_CHARS = 160


def encodable(text: str) -> bool:
    try:
        text.encode("cp949")
    except UnicodeEncodeError:
        return False
    return True


def one_line(text: str) -> str:
    """Join the lines of ``text`` and decode the HTML entities that the crawl left (some twice, "&amp;#43;")."""
    return " ".join(html.unescape(html.unescape(text)).split())


def read_cosmetics(folder: Path) -> list[tuple[str, str]]:
    """Return (review, rating) pairs of both cosmetics files."""
    rows = []
    for name in COSMETICS_FILES:
        with open(folder / name, encoding="utf-8-sig", newline="") as stream:
            for record in csv.DictReader(stream):
                review = one_line(record.get("review") or "")
                rating = (record.get("rating") or "").strip()
                if review and rating and len(review) <= MAX_REVIEW_CHARS and encodable(review):
                    rows.append((review, rating))
    return rows


def read_movies(path: Path, count: int, rng: random.Random) -> list[str]:
    """Return ``count`` movie reviews, drawn evenly from the whole corpus."""
    reviews = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
        for record in csv.DictReader(stream, delimiter="\t"):
            review = one_line(record.get("review") or "")
            if 10 <= len(review) <= MAX_REVIEW_CHARS and encodable(review):
                reviews.append(review)
    return rng.sample(reviews, count)


def build_rows(train_data: Path, cosmetics_count: int, movie_count: int, seed: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    cosmetics = read_cosmetics(train_data / "cosmetics-mit")
    # Every low rating is kept, because shops have few of them and the summary needs both labels.
    low = [row for row in cosmetics if row[1] in {"1", "2"}]
    rest = [row for row in cosmetics if row[1] not in {"1", "2"}]
    chosen = low + rng.sample(rest, max(0, cosmetics_count - len(low)))
    movies = read_movies(train_data / "nsmc_reviews.tsv.gz", movie_count, rng)

    mixed = [(review, SOURCE_COSMETICS, rating) for review, rating in chosen]
    mixed += [(review, SOURCE_MOVIES, "") for review in movies]
    rng.shuffle(mixed)
    return [(f"{number:05d}", review, source, rating) for number, (review, source, rating) in enumerate(mixed, start=1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-data", type=Path, required=True, help="folder with nsmc_reviews.tsv.gz and cosmetics-mit/")
    parser.add_argument("--output", type=Path, required=True, help="CSV file to write (CP949)")
    parser.add_argument("--cosmetics", type=int, default=1500, help="number of cosmetics reviews")
    parser.add_argument("--movies", type=int, default=300, help="number of NSMC movie reviews")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    rows = build_rows(arguments.train_data, arguments.cosmetics, arguments.movies, arguments.seed)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    with open(arguments.output, "w", encoding="cp949", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)
    log.info("Wrote %d rows to %s", len(rows), arguments.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
