"""Feed parsing: every fixture feed states its expectation in a sidecar *.expected.json."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import FeedParseError
from pipeline.feeds import canonical_url, html_to_text, parse_feed, split_translated
from tests.conftest import seed_article

FEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "feeds"
CASES = sorted(p for p in FEEDS.iterdir() if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fixture_feed(path: Path) -> None:
    expect = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json").read_text("utf-8"))
    if expect.get("error"):
        with pytest.raises(FeedParseError) as err:
            parse_feed(path.name, path.read_bytes())
        assert path.name in str(err.value)
        return
    parsed = parse_feed(path.name, path.read_bytes())
    if expect.get("bozo") is not None:
        assert parsed.bozo is expect["bozo"], parsed.bozo_message
    if "entries" in expect:
        assert len(parsed.entries) == expect["entries"]
    if "entries_at_least" in expect:
        assert len(parsed.entries) >= expect["entries_at_least"]
    if not parsed.entries:
        return
    first = parsed.entries[0]
    checks = {
        "first_title": lambda v: first.title == v,
        "first_body_has": lambda v: v in first.body,
        "first_body_lacks": lambda v: v not in first.body,
        "first_published": lambda v: first.published is not None and first.published.isoformat() == v,
        "first_key": lambda v: first.key == v,
        "summary_has": lambda v: v in first.summary,
        "author": lambda v: first.author == v,
        "translator": lambda v: first.translator == v,
        "summary_lang": lambda v: first.summary_lang == v,
        "body_lang": lambda v: first.lang == v,
    }
    for key, check in checks.items():
        if key in expect:
            assert check(expect[key]), (key, expect[key], first)


def test_seed_article_parts() -> None:
    parts = split_translated(seed_article())
    assert parts.author == "Ed Zitron"
    assert parts.translator == "TechFlow"
    assert "核心观点" in parts.summary and "1295亿美元" in parts.summary
    assert parts.body.startswith("Introduction: The Bank for International Settlements")
    assert "核心观点" not in parts.body


def test_plain_article_is_all_body() -> None:
    text = "Meta expects capex of $135 billion.\nSecond line."
    assert split_translated(text).body == text


def test_html_to_text_blocks_and_entities() -> None:
    assert html_to_text("<p>a &amp; b</p><p>c<br>d</p><ul><li>x</li></ul>") == "a & b\nc\nd\n\n- x"
    assert html_to_text("<script>evil()</script><p>ok</p>") == "ok"


@pytest.mark.parametrize(("url", "canon"), [
    ("https://News.Example.com:443/a?utm_source=rss&id=3#top", "https://news.example.com/a?id=3"),
    ("http://x.example/p?fbclid=abc", "http://x.example/p"),
    ("https://x.example", "https://x.example/"),
])
def test_canonical_url(url: str, canon: str) -> None:
    assert canonical_url(url) == canon


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=2000),
                 st.lists(st.sampled_from([b"<?xml version='1.0'?>", b"<rss>", b"<channel>", b"<item>",
                                           b"<title>", b"</title>", b"<guid>", b"x", b"\xff\xfe", b"&amp;",
                                           b"</item>", b"<![CDATA[", b"]]>", b"\x00", "亿".encode()]),
                          max_size=60).map(b"".join)))
def test_fuzzed_feed_bytes_never_crash(body: bytes) -> None:
    try:
        parsed = parse_feed("fuzz", body)
    except FeedParseError as exc:
        assert "fuzz" in str(exc)
        return
    for e in parsed.entries:
        assert isinstance(e.body, str) and e.key


def test_translated_parts_with_pipe_markers_and_a_title_line() -> None:
    text = ("摘要：微软资本支出375亿美元。\n原文标题：Microsoft capex jumps\n作者 | Reuters\n编译 | 深潮 TechFlow\n"
            "Microsoft spent $37.5 billion on capital expenditures.")
    parts = split_translated(text)
    assert (parts.summary, parts.author, parts.translator) == ("摘要：微软资本支出375亿美元。", "Reuters", "深潮 TechFlow")
    assert parts.body == "Microsoft spent $37.5 billion on capital expenditures."
