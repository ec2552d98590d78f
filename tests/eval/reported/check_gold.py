#!/usr/bin/env python3
"""Self-check for the reported-speech gold file.

Verifies that every excerpt occurs exactly once (case-sensitive) in its
article's text, that every field has an allowed value, and prints counts.
Exit status 1 if any check fails.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = {
    "quotes": os.path.join(HERE, "..", "quotes", "articles"),
    "published": os.path.join(HERE, "..", "quotes", "published", "articles"),
    # articles written for this gold set by its annotator (see README.md)
    "new": os.path.join(HERE, "articles"),
}
FIELDS = ["set", "article_id", "excerpt", "speaker", "speaker_type", "verb", "contains_quote"]
TYPES = {"person", "organization", "unnamed"}


def article_texts():
    """Map (set, article_id) -> text for .txt, .html and .jsonl files."""
    texts = {}
    for name, root in SETS.items():
        for dirpath, _, files in os.walk(root):
            for fn in files:
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                stem, ext = os.path.splitext(rel)
                with open(path, encoding="utf-8") as fh:
                    raw = fh.read()
                if ext == ".jsonl":
                    for line in raw.splitlines():
                        if line.strip():
                            obj = json.loads(line)
                            texts[(name, obj["id"])] = obj["text"]
                else:
                    texts[(name, stem)] = raw
    return texts


def body(text):
    """Text after the '- Fields of work:' block (the line after it), if any."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == "- Fields of work:":
            return "\n".join(lines[i + 2:])
    return text


def main():
    texts = article_texts()
    errors = 0
    rows = []
    with open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            row = json.loads(line)
            rows.append(row)
            if list(row) != FIELDS:
                print(f"line {n}: fields {list(row)}")
                errors += 1
            key = (row["set"], row["article_id"])
            if key not in texts:
                print(f"line {n}: unknown article {key}")
                errors += 1
                continue
            count = texts[key].count(row["excerpt"])
            if count != 1:
                # osce.org pages repeat the lead paragraph above the
                # "- Issued on:" block; then the excerpt must be unique in
                # the body that follows the block.
                body_count = body(texts[key]).count(row["excerpt"])
                if body_count == 1 and count == 2:
                    print(f"line {n}: note: excerpt also in the repeated lead: {row['excerpt']!r}")
                else:
                    print(f"line {n}: excerpt found {count} times: {row['excerpt']!r}")
                    errors += 1
            words = len(row["excerpt"].split())
            if not 2 <= words <= 10:
                print(f"line {n}: excerpt has {words} words")
                errors += 1
            elif words < 4:
                print(f"line {n}: note: short excerpt ({words} words): {row['excerpt']!r}")
            if row["speaker_type"] not in TYPES:
                print(f"line {n}: bad speaker_type {row['speaker_type']!r}")
                errors += 1
            if not isinstance(row["contains_quote"], bool):
                print(f"line {n}: contains_quote is not a boolean")
                errors += 1
            if not row["speaker"] or not row["verb"]:
                print(f"line {n}: empty speaker or verb")
                errors += 1

    # article order: rows of one article must be contiguous
    seen, last = set(), None
    for row in rows:
        key = (row["set"], row["article_id"])
        if key != last and key in seen:
            print(f"article {key} is not contiguous")
            errors += 1
        seen.add(key)
        last = key

    per_set = collections.Counter(r["set"] for r in rows)
    arts = collections.Counter(r["set"] for r in {(r["set"], r["article_id"]): r for r in rows}.values())
    total_arts = collections.Counter(s for s, _ in texts)
    print(f"statements: {len(rows)}")
    for s in SETS:
        print(f"  {s}: {per_set[s]} statements in {arts[s]} of {total_arts[s]} articles")
    print("speaker_type:", dict(collections.Counter(r["speaker_type"] for r in rows).most_common()))
    for s in SETS:
        sub = [r for r in rows if r["set"] == s]
        print(f"  {s}:", dict(collections.Counter(r["speaker_type"] for r in sub).most_common()),
              "contains_quote:", sum(r["contains_quote"] for r in sub))
    print("contains_quote:", sum(r["contains_quote"] for r in rows))
    print("verbs (top 15):")
    for verb, c in collections.Counter(r["verb"] for r in rows).most_common(15):
        print(f"  {c:3d}  {verb}")
    new_rows = [r for r in rows if r["set"] == "new"]
    if new_rows:
        print("verbs in set new:")
        for verb, c in collections.Counter(r["verb"] for r in new_rows).most_common():
            print(f"  {c:3d}  {verb}")
    print("errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
