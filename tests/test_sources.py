"""data/sources.toml: the pages cited as W tags parse, are listed once each, are none of the
research notes' own pages, and every W tag the glossary or the model list cites is one of them,
as every page listed is cited by one of their entries."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE_TAG = re.compile(r"W[1-9]\d*")


def _toml(name: str) -> dict[str, object]:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


PAGES: list[dict[str, str]] = _toml("sources.toml")["page"]  # type: ignore[assignment]


def _cited_page_tags() -> dict[str, set[str]]:
    """The W tags in the `source` fields of the glossary and the model list, by where cited."""
    tables = [("glossary.toml", entry) for entry in _toml("glossary.toml")["entry"]]  # type: ignore[attr-defined]
    models = _toml("models.toml")
    for kind in ("line", "model"):
        tables += [("models.toml", table) for table in models.get(kind, [])]  # type: ignore[attr-defined]
    cited: dict[str, set[str]] = {}
    for file, table in tables:
        for tag in str(table.get("source", "")).split():
            if tag.startswith("W"):
                cited.setdefault(tag, set()).add(
                    f"{file} {table.get('headword') or table.get('code') or table.get('model')}"
                )
    return cited


def test_the_file_parses_with_its_schema() -> None:
    document = _toml("sources.toml")
    assert document["schema_version"] == 1
    assert PAGES
    for page in PAGES:
        assert set(page) == {"tag", "url", "topic"}, page
        assert PAGE_TAG.fullmatch(page["tag"]), page["tag"]
        assert page["url"].startswith(("https://", "http://")), page["url"]
        assert page["topic"].strip(), page["tag"]


def test_tags_and_urls_are_listed_once() -> None:
    for field in ("tag", "url"):
        repeated = [value for value, n in Counter(page[field] for page in PAGES).items() if n > 1]
        assert not repeated, f"{field} listed more than once: {repeated}"


def test_every_cited_page_tag_is_listed() -> None:
    listed = {page["tag"] for page in PAGES}
    unlisted = {tag: where for tag, where in _cited_page_tags().items() if tag not in listed}
    assert not unlisted, f"cited but not in data/sources.toml: {unlisted}"


def test_every_listed_page_is_cited_by_an_entry() -> None:
    # A page nothing cites is a fact the data dropped or never took: a comment in code is no
    # citation members can see.
    cited = _cited_page_tags()
    uncited = [page["tag"] for page in PAGES if page["tag"] not in cited]
    assert not uncited, f"listed in data/sources.toml but cited by no entry: {uncited}"


# Pages the research notes cite under their own S tags, which were once listed here as well and
# so counted twice on the entries that cited both tags.
NOTES_PAGES = {
    "S32": "https://webcartop.jp/2025/01/1530713",
    "S135": "https://keicars-maniac.com/?p=90188",
    "S145": "https://b-cles.jp/car/subaru_sambar_5th.html",
    "S149": "https://keicars-maniac.com/?p=60281",
}


def test_a_page_the_research_notes_cite_keeps_its_s_tag() -> None:
    s_tag_of = {url.rstrip("/"): tag for tag, url in NOTES_PAGES.items()}
    doubled = {
        page["tag"]: s_tag_of[page["url"].rstrip("/")]
        for page in PAGES
        if page["url"].rstrip("/") in s_tag_of
    }
    assert not doubled, f"W tags for pages the notes cite, to be cited by their S tags: {doubled}"
