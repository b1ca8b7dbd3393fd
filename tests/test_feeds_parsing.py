"""Reading feed bytes: DTDs and entities refused before feedparser, items keyed never by date."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.feeds import FeedError, parse_feed
from bot.feeds.parsing import item_key
from tests.feed_server import Item, rss

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kei Imports</title>
<id>urn:kei</id><updated>2026-11-25T12:00:00Z</updated>
<entry><title>1992 Hijet ハイゼット 4WD</title><id>urn:kei:1</id>
<link href="https://kei.example/hijet"/><updated>2026-11-25T12:00:00Z</updated>
<summary type="html">&lt;p&gt;Dump bed, &lt;b&gt;4WD&lt;/b&gt;&lt;/p&gt;</summary></entry>
</feed>""".encode()


def test_an_xml_bomb_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="DTD or entities"):
        parse_feed(BILLION_LAUGHS)
    assert time.monotonic() - started < 1


def test_an_external_entity_is_refused() -> None:
    with pytest.raises(FeedError, match="DTD or entities"):
        parse_feed(EXTERNAL_ENTITY)


def test_a_dtd_in_an_encoding_expat_cannot_read_is_still_refused() -> None:
    body = BILLION_LAUGHS.replace(b'version="1.0"?>', b'version="1.0" encoding="Shift_JIS"?>')
    with pytest.raises(FeedError, match="DTD or entities"):
        parse_feed(body)


def test_malformed_xml_is_refused_with_where() -> None:
    with pytest.raises(FeedError, match=r"not well-formed XML \(line 1"):
        parse_feed(b"<rss version='2.0'><channel><title>Kei</channel></rss>")


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html><html><head><title>Shop</title></head><body></body></html>",
        b"\n  <html lang='en'><body>Shop</body></html>",
        b"\xef\xbb\xbf<!-- cms --><!doctype HTML><html></html>",
    ],
)
def test_a_web_page_is_named_as_one(page: bytes) -> None:
    with pytest.raises(FeedError, match="web page"):
        parse_feed(page)


def test_well_formed_xml_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(FeedError, match="not serve an RSS or Atom feed"):
        parse_feed(b"<?xml version='1.0'?><note><to>you</to></note>")


def test_atom_items_are_read_as_plain_text() -> None:
    feed = parse_feed(ATOM)
    assert feed.title == "Kei Imports"
    (item,) = feed.items
    assert item.title == "1992 Hijet ハイゼット 4WD"
    assert item.link == "https://kei.example/hijet"
    assert item.summary == "Dump bed, 4WD"
    assert item.published == datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert item.key == item_key("urn:kei:1", None, "")


def test_keys_come_from_the_id_then_the_link_then_title_and_link() -> None:
    by_id = parse_feed(rss([Item("A", "https://kei.example/a", guid="g-1")])).items[0]
    by_link = parse_feed(rss([Item("A", "https://kei.example/a")])).items[0]
    by_title = parse_feed(rss([Item("A")])).items[0]
    assert by_id.key == item_key("g-1", "https://kei.example/other", "B")
    assert by_link.key == item_key(None, "https://kei.example/a", "changed title")
    assert by_title.key == item_key(None, None, "A")
    assert len({by_id.key, by_link.key, by_title.key}) == 3


def test_a_re_stamped_date_keeps_the_key() -> None:
    day = datetime(2026, 11, 25, tzinfo=UTC)
    before = parse_feed(rss([Item("A", "https://kei.example/a", published=day)])).items[0]
    after = parse_feed(
        rss([Item("A", "https://kei.example/a", published=day + timedelta(days=3))])
    ).items[0]
    assert before.key == after.key
    assert before.published != after.published


def test_undated_items_are_kept() -> None:
    feed = parse_feed(rss([Item("A", "https://kei.example/a"), Item("B", "https://kei.example/b")]))
    assert [item.title for item in feed.items] == ["A", "B"]
    assert all(item.published is None for item in feed.items)


def test_a_feed_of_5000_items_is_read_whole() -> None:
    body = rss(Item(f"Truck {n}", f"https://kei.example/{n}") for n in range(5000))
    assert len(body) < 2 * 1024 * 1024
    feed = parse_feed(body)
    assert len(feed.items) == 5000
    assert len({item.key for item in feed.items}) == 5000


def test_items_on_one_page_told_apart_by_worded_anchors_keep_their_own_keys() -> None:
    page = "https://dealer.example/stock"
    acty = item_key(f"{page}#honda-acty-red", f"{page}#honda-acty-red", "Honda Acty, red")
    carry = item_key(f"{page}#suzuki-carry-white", f"{page}#suzuki-carry-white", "Suzuki Carry")
    assert acty != carry


@pytest.mark.parametrize("anchor", ["top", "comments", "content", "main", "respond", "Top"])
def test_an_anchor_that_is_a_place_in_any_page_is_no_part_of_the_key(anchor: str) -> None:
    page = "https://dealer.example/stock/7"
    assert item_key(f"{page}#{anchor}", None, "") == item_key(page, None, "")
