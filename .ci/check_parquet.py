"""Checks that Python polars reads every Parquet table with the same rows as its CSV twin.

Usage: python check_parquet.py OUT_DIR   (a `whosaid extract --format both` output)
CSV cells are strings; Parquet keeps types (dates, integers, lists), so each Parquet
column is turned back into the CSV form before comparing: lists joined with "; ", dates
as YYYY-MM-DD, missing values as empty strings.
"""

import sys
from pathlib import Path

import polars as pl

TABLES = ["articles", "sentences", "mentions", "quotes", "warnings"]


def as_csv_text(frame: pl.DataFrame) -> pl.DataFrame:
    columns = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List):
            col = col.list.join("; ")
        elif dtype == pl.Date:
            col = col.dt.strftime("%Y-%m-%d")
        columns.append(col.cast(pl.String).fill_null("").alias(name))
    return frame.select(columns)


def main(out: Path) -> int:
    failures = 0
    for table in TABLES:
        parquet = pl.read_parquet(out / f"{table}.parquet")
        csv = pl.read_csv(out / f"{table}.csv", infer_schema=False).fill_null("")
        got = as_csv_text(parquet)
        if got.columns != csv.columns or not got.equals(csv):
            failures += 1
            print(f"{table}: Parquet and CSV differ ({got.shape} vs {csv.shape})")
        else:
            print(f"{table}: {parquet.height} rows, same in Parquet and CSV")
    assert pl.read_parquet(out / "articles.parquet").schema["published"] == pl.Date
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
