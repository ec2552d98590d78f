"""Times whosaid beside pySBD, flashtext and spaCy on the same text, one process each.

    python3 bench/peers.py                 # creates bench/.venv with the peers, 5 MB of text
    python3 bench/peers.py --mb 20 --whosaid target/release/whosaid

The text is the bundled corpus's article text (from `whosaid extract`), repeated to --mb.
Segmentation: pySBD, spaCy's blank English pipeline with the sentencizer, and `whosaid
segment`. Name matching over the bundled gazetteers (names, aliases and demonyms):
flashtext, spaCy's PhraseMatcher on lower-cased tokens, and `whosaid stream`, which also
segments and attributes quotes, so it does more than the peers; it runs on one thread, as
the peers do. Times include reading the
text but not loading Python libraries or building the matchers. Each tool runs --repeat
times (default 3) and its best time is kept. Prints MB/s and whosaid's ratio to each peer.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ["pysbd==0.3.4", "flashtext==2.7", "spacy==3.8.18"]


def ensure_venv():
    """Re-runs this script inside bench/.venv, creating it with the peers if needed."""
    venv = ROOT / "bench" / ".venv"
    python = venv / "bin" / "python"
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEERS], check=True)
    os.execv(str(python), [str(python), *sys.argv])


def corpus_text(whosaid, megabytes):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([whosaid, "extract", "-q", "--no-coverage", "--force", "--out", out], check=True)
        with open(Path(out) / "articles.csv", newline="", encoding="utf-8") as f:
            articles = [row["text"] for row in csv.DictReader(f)]
    texts, size = [], 0
    while size < megabytes * 1_000_000:
        for text in articles:
            texts.append(text)
            size += len(text.encode())
    return texts, size


def gazetteer_names():
    names = set()
    for path in (ROOT / "gazetteers").glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column in ("name", "aliases", "demonyms"):
                    names.update(n for n in (row.get(column) or "").split("|") if n)
    return sorted(names)


def timed(label, size, work, results, repeat):
    """Runs `work` `repeat` times and keeps the best (least disturbed) time; every tool,
    ours and the peers, is timed the same way."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    seconds = min(times)
    results[label] = size / 1e6 / seconds
    print(f"{label:<44} {results[label]:>9.2f} MB/s  ({seconds:.2f} s)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="MB of text (default 5)")
    parser.add_argument("--whosaid", default=str(ROOT / "target" / "release" / "whosaid"))
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool, best kept (default 3)")
    args = parser.parse_args()
    ensure_venv()

    import pysbd
    import spacy
    from flashtext import KeywordProcessor
    from spacy.matcher import PhraseMatcher

    texts, size = corpus_text(args.whosaid, args.mb)
    names = gazetteer_names()
    print(f"{size / 1e6:.1f} MB of article text in {len(texts)} articles; {len(names)} gazetteer names")
    results = {}

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "text.txt"
        plain.write_text("\n\n".join(texts), encoding="utf-8")
        lines = Path(tmp) / "articles.jsonl"
        with open(lines, "w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")

        print("-- sentences")
        timed("whosaid segment", size, lambda: subprocess.run(
            [args.whosaid, "segment", "--paragraphs", "blank-lines", str(plain)],
            stdout=subprocess.DEVNULL, check=True), results, args.repeat)
        seg = pysbd.Segmenter(language="en", clean=False)
        timed("pySBD", size, lambda: [seg.segment(t) for t in texts], results, args.repeat)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = 10**9
        timed("spaCy blank en + sentencizer", size, lambda: [list(d.sents) for d in nlp.pipe(texts)], results, args.repeat)

        print("-- gazetteer names")
        timed("whosaid stream (names, sentences and quotes)", size, lambda: subprocess.run(
            [args.whosaid, "stream", "--jobs", "1"], stdin=open(lines, "rb"), stdout=subprocess.DEVNULL, check=True), results, args.repeat)
        keywords = KeywordProcessor(case_sensitive=False)
        for name in names:
            keywords.add_keyword(name)
        timed("flashtext", size, lambda: [keywords.extract_keywords(t) for t in texts], results, args.repeat)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("NAME", list(nlp.tokenizer.pipe(names)))
        timed("spaCy PhraseMatcher", size, lambda: [matcher(d) for d in nlp.tokenizer.pipe(texts)], results, args.repeat)

    print("-- ratios")
    for ours, peers in [
        ("whosaid segment", ["pySBD", "spaCy blank en + sentencizer"]),
        ("whosaid stream (names, sentences and quotes)", ["flashtext", "spaCy PhraseMatcher"]),
    ]:
        for peer in peers:
            print(f"{ours} / {peer}: {results[ours] / results[peer]:.0f}×")


if __name__ == "__main__":
    main()
