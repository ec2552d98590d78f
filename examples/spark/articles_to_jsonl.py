"""Turns the articles table of a `whosaid extract` run into JSON Lines articles.

    python examples/spark/articles_to_jsonl.py out/articles.csv corpus.jsonl

Used by CI to give Spark the bundled corpus in the stream's input schema.
"""

import csv
import json
import sys


def main(source, target):
    with open(source, newline="", encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            record = {
                "id": row["article_id"],
                "text": row["text"],
                "title": row["title"] or None,
                "url": row["url"] or None,
                "date": row["published"] or None,
                "issued_by": [x for x in row["issued_by"].split("; ") if x],
                "fields_of_work": [x for x in row["fields_of_work"].split("; ") if x],
                "content_type": row["content_type"] or None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
