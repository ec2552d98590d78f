"""Checks that the common Parquet readers load every table with the values of its CSV twin.

Usage: python check_readers.py OUT_DIR   (a `whosaid extract --format both` output)

Readers (versions pinned in .ci/readers.txt): pandas `read_parquet` with default settings,
pyarrow `read_table(...).to_pandas()`, DuckDB `SELECT *`, and polars `read_parquet`. For
every row table and every coverage table, each reader must give the CSV's columns, its row
count and its values in every column. CSV cells are text, so each value is brought to the
text the CSV writes: lists joined with "; ", dates as YYYY-MM-DD, booleans as true/false,
missing values as empty; floats are compared as numbers.
"""

import datetime
import math
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

ROW_TABLES = ["articles", "sentences", "mentions", "quotes", "warnings"]
COVERAGE_TABLES = ["offices", "office_places", "office_topics", "office_speakers", "office_years"]


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def as_text(value, kind: pa.DataType) -> str:
    """A reader's value as the CSV text of a column of Arrow type `kind`."""
    if is_missing(value):
        return ""
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return "; ".join(str(item) for item in list(value))
    if pa.types.is_date(kind):
        if isinstance(value, (pd.Timestamp, datetime.datetime)):
            value = value.date()
        if isinstance(value, np.datetime64):
            value = pd.Timestamp(value).date()
        assert isinstance(value, datetime.date), f"not a date: {value!r}"
        return value.isoformat()
    if pa.types.is_boolean(kind):
        return "true" if bool(value) else "false"
    if pa.types.is_integer(kind):
        # pandas turns an integer column with missing values into floats.
        assert float(value).is_integer(), f"not an integer: {value!r}"
        return str(int(value))
    if pa.types.is_floating(kind):
        return repr(float(value))
    return str(value)


def csv_text(cell: str, kind: pa.DataType) -> str:
    if cell and pa.types.is_floating(kind):
        return repr(float(cell))
    return cell


def readers(path: Path):
    yield "pandas", lambda: pd.read_parquet(path)
    yield "pyarrow", lambda: pq.read_table(path).to_pandas()
    yield "duckdb", lambda: duckdb.sql(f"SELECT * FROM '{path}'").df()
    yield "polars", lambda: pl.read_parquet(path)


def rows_of(loaded) -> tuple[list[str], list[list]]:
    if isinstance(loaded, pl.DataFrame):
        return loaded.columns, [list(r) for r in loaded.iter_rows()]
    columns = [str(c) for c in loaded.columns]
    return columns, [list(r) for r in loaded.itertuples(index=False, name=None)]


def check_table(path: Path, csv_path: Path) -> list[str]:
    schema = pq.read_schema(path)
    kinds = [field.type for field in schema]
    plain = all(
        not (pa.types.is_string_view(k) or pa.types.is_binary_view(k))
        and not (
            (pa.types.is_list(k) or pa.types.is_large_list(k))
            and pa.types.is_string_view(k.value_type)
        )
        for k in kinds
    )
    problems = [] if plain else [f"{path.name}: view types in the Arrow schema: {schema}"]
    csv = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    want = [[csv_text(c, k) for c, k in zip(row, kinds)] for row in csv.itertuples(index=False)]
    for name, read in readers(path):
        try:
            columns, rows = rows_of(read())
        except Exception as err:  # noqa: BLE001 - any failure to load is the finding
            problems.append(f"{path.name}: {name} cannot read it: {type(err).__name__}: {err}")
            continue
        if columns != list(csv.columns):
            problems.append(f"{path.name}: {name} columns {columns} != CSV {list(csv.columns)}")
            continue
        if len(rows) != len(want):
            problems.append(f"{path.name}: {name} has {len(rows)} rows, CSV {len(want)}")
            continue
        got = [[as_text(v, k) for v, k in zip(row, kinds)] for row in rows]
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                diff = [(c, a, b) for c, a, b in zip(columns, g, w) if a != b]
                problems.append(f"{path.name}: {name} row {i} differs (column, got, CSV): {diff[:3]}")
                break
    return problems


def main(out: Path) -> int:
    problems = []
    tables = [out / t for t in ROW_TABLES] + [out / "coverage" / t for t in COVERAGE_TABLES]
    for table in tables:
        parquet, csv = table.with_suffix(".parquet"), table.with_suffix(".csv")
        found = check_table(parquet, csv)
        problems += found
        rows = pq.read_metadata(parquet).num_rows
        status = "FAILED" if found else "same values in pandas, pyarrow, duckdb, polars and CSV"
        print(f"{table.relative_to(out)}: {rows} rows, {status}")
    for problem in problems:
        print(problem)
    published = pq.read_schema(out / "articles.parquet").field("published").type
    if published != pa.date32():
        problems.append(f"articles.published is {published}, not date32")
        print(problems[-1])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
