"""Who said what, on Spark: a JSON Lines corpus piped through `whosaid stream`.

    spark-submit examples/spark/whosaid_spark.py corpus.jsonl out/ --whosaid /path/to/whosaid
    python examples/spark/whosaid_spark.py corpus.jsonl out/ --master 'local[2]' \
        --check-against extract-out/

Every partition of the input is piped through one `whosaid stream` process (RDD.pipe),
which loads the gazetteers once and answers each article with one JSON line. The quotes
(reported statements among them, as rows of kind `indirect`), the mentions and the counts
of each article are written as Parquet under OUT/quotes, OUT/mentions and OUT/articles, and
lines that were not articles under OUT/errors. With --check-against DIR, the rows are
compared with the quotes.csv, mentions.csv and articles.csv of a `whosaid extract` run on
the same file, and the script exits with 1 if they differ.
"""

import argparse
import csv
import json
import shlex
import sys
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

STR, INT, FLOAT, BOOL, LIST = StringType(), LongType(), DoubleType(), BooleanType(), ArrayType(StringType())

# The columns of the tables (README, "Output tables").
QUOTES = [
    ("article_id", STR), ("quote_id", INT), ("kind", STR), ("text", STR), ("start", INT), ("end", INT),
    ("speaker", STR), ("speaker_type", STR), ("speaker_id", STR), ("speaker_role", STR), ("speaker_org", STR),
    ("speaker_org_id", STR), ("verb", STR), ("cue", STR), ("confidence", FLOAT), ("speaker_gender", STR),
    ("sentence_id", INT),
]
# The article's counts; its text and source (which names the stream's input line) are left out.
ARTICLES = [
    ("article_id", STR), ("n_sentences", INT), ("n_mentions", INT), ("n_quotes", INT), ("n_reported", INT),
]
MENTIONS = [
    ("article_id", STR), ("sentence_id", INT), ("entity_id", STR), ("entity_type", STR), ("name", STR),
    ("surface", STR), ("start", INT), ("end", INT), ("form", STR), ("alternatives", LIST),
    ("resolved_by", STR), ("out_of_period", BOOL),
]


def schema(columns):
    return StructType([StructField(name, kind, True) for name, kind in columns])


def as_tuple(row, columns):
    return tuple(row.get(name) for name, _ in columns)


def normal(value, kind):
    """A cell from CSV or from Spark, in one comparable form."""
    if value in (None, ""):
        return None if kind != LIST else ()
    if kind == INT:
        return int(value)
    if kind == FLOAT:
        return round(float(value), 4)
    if kind == BOOL:
        return value if isinstance(value, bool) else value == "true"
    if kind == LIST:
        return tuple(value) if isinstance(value, (list, tuple)) else tuple(value.split("; "))
    return value


def rows_of(records, columns):
    return sorted(tuple(normal(v, k) for v, (_, k) in zip(r, columns)) for r in records)


def check(spark_rows, directory, table, columns):
    with open(Path(directory) / f"{table}.csv", newline="", encoding="utf-8") as f:
        expected = rows_of(([r[name] for name, _ in columns] for r in csv.DictReader(f)), columns)
    got = rows_of(spark_rows, columns)
    if got != expected:
        missing = [r for r in expected if r not in set(got)][:3]
        extra = [r for r in got if r not in set(expected)][:3]
        print(f"{table}: {len(got)} rows from Spark, {len(expected)} from extract", file=sys.stderr)
        print(f"  only in extract: {missing}\n  only in Spark: {extra}", file=sys.stderr)
        return False
    print(f"{table}: {len(got)} rows, the same as extract")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="JSON Lines articles (any path Spark can read)")
    parser.add_argument("out", help="output directory for the Parquet tables")
    parser.add_argument("--whosaid", default="whosaid", help="the whosaid binary on every worker")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: from spark-submit)")
    parser.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    parser.add_argument("--check-against", metavar="DIR", help="an extract output to compare with")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("whosaid")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")

    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    command = f"{shlex.quote(args.whosaid)} stream --jobs 1"
    records = lines.pipe(command).map(json.loads).cache()
    articles = records.filter(lambda r: "error" not in r)
    quotes = articles.flatMap(lambda r: [as_tuple(q, QUOTES) for q in r["quotes"]])
    mentions = articles.flatMap(lambda r: [as_tuple(m, MENTIONS) for m in r["mentions"]])
    counts = articles.map(lambda r: as_tuple(r["article"], ARTICLES))
    errors = records.filter(lambda r: "error" in r).map(lambda r: (r.get("article_id"), r["error"]))

    out = Path(args.out)
    spark.createDataFrame(quotes, schema(QUOTES)).write.mode("overwrite").parquet(str(out / "quotes"))
    spark.createDataFrame(mentions, schema(MENTIONS)).write.mode("overwrite").parquet(str(out / "mentions"))
    spark.createDataFrame(counts, schema(ARTICLES)).write.mode("overwrite").parquet(str(out / "articles"))
    spark.createDataFrame(errors, schema([("article_id", STR), ("error", STR)])).write.mode("overwrite").parquet(
        str(out / "errors")
    )
    print(f"{records.count()} lines, {articles.count()} articles -> {out}")

    ok = True
    if args.check_against:
        for table, columns in [("quotes", QUOTES), ("mentions", MENTIONS), ("articles", ARTICLES)]:
            written = spark.read.parquet(str(out / table)).collect()
            ok &= check([tuple(r) for r in written], args.check_against, table, columns)
    spark.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
