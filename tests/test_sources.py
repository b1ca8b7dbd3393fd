"""data/sources.toml: the pages cited as W tags parse, are listed once each, and every W tag the
glossary or the model list cites is one of them."""

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
