"""Checks the tables of the workplace's shared sample page (../shared/samples), which lives
outside the repository and so is checked here rather than by `cargo test`.

Usage: python check_shared_sample.py OUT_DIR   (a `whosaid extract ../shared/samples` output)
The page's metadata is read, its lead is kept once, its menu is dropped, and both quotes
are attributed with role and organization.
"""

import csv
import sys
from pathlib import Path


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(out: Path) -> int:
    articles = rows(out / "articles.csv")
    assert len(articles) == 1, f"{len(articles)} articles"
    a = articles[0]
    assert a["title"].startswith("Protecting public spaces and critical infrastructure"), a["title"]
    assert a["issued_by"] == (
        "OSCE Secretariat; Transnational Threats Department; OSCE Programme Office in Astana"
    ), a["issued_by"]
    assert a["fields_of_work"] == "Countering terrorism", a["fields_of_work"]
    assert a["published"] == "", a["published"]
    assert a["content_type"] == "News Item", a["content_type"]
    lead = "National experts from the Government of Kazakhstan convened"
    assert a["text"].count(lead) == 1, "the lead is not kept exactly once"
    assert "Participating States" not in a["text"] and "- Albania" not in a["text"], "menu kept"
    # Reported statements (kind indirect) are rows of their own; the page's two quotes are
    # checked here.
    quotes = [q for q in rows(out / "quotes.csv") if q["kind"] != "indirect"]
    assert a["n_quotes"] == str(len(quotes)), (a["n_quotes"], len(quotes))
    speakers = [(q["speaker"], q["speaker_role"], q["speaker_org"]) for q in quotes]
    expected = [
        ("Yuri Fenopetov", "Deputy Head", "OSCE Programme Office in Astana"),
        (
            "Maralbek Eshimov",
            "Vice-Rector",
            "Law Enforcement Academy under the Prosecutor General's Office of Kazakhstan",
        ),
    ]
    assert speakers == expected, speakers
    print("shared sample page: metadata, lead once, no menu, 2 quotes attributed")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
