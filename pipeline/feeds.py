"""Feed bytes -> articles: decoding, feedparser, HTML to text, translated-article parts."""

from __future__ import annotations

import calendar
import hashlib
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from extractors.langid import detect_language
from extractors.numbers import cjk_share
from pipeline.errors import FeedParseError

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_XML_DECL_TEXT = re.compile(r"^(\s*<\?xml[^>]*?encoding=[\"'])([A-Za-z0-9._-]+)([\"'])", re.I)
# Characters XML 1.0 forbids; publishers leave them in titles and bodies.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLOCK = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/h[1-6]|/li|/tr|/blockquote|/section|/article|/ul|/ol|/table)\s*>")
_LI = re.compile(r"(?i)<\s*li(\s[^>]*)?>")
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|spm|cmpid|ocid|sr_share|from|share|igshid)$", re.I)

SUMMARY_MARKERS = ("核心观点", "关键要素", "摘要", "要点", "导读", "内容提要")
# "原文作者：X", "作者 | X", "Original Author: X"; "原文标题" lines sit among them.
AUTHOR_LINE = re.compile(r"^\s*(?:Original\s+Author|Author|原文作者|作者)\s*[:：|｜]\s*(?P<v>.+)$", re.I)
TRANSLATOR_LINE = re.compile(r"^\s*(?:Original\s+Translation|Translat(?:ion|ed\s+by|or)|原文编译|编译|翻译|译者)"
                             r"\s*[:：|｜]\s*(?P<v>.+)$", re.I)
TITLE_LINE = re.compile(r"^\s*(?:Original\s+Title|原文标题|原标题)\s*[:：|｜]\s*(?P<v>.+)$", re.I)


@dataclass(frozen=True)
class Parts:
    """A text split into a translated article's parts; plain articles have a body only."""

    summary: str = ""
    body: str = ""
    author: str | None = None
    translator: str | None = None


@dataclass
class Entry:
    """One feed item, ready to store."""

    guid: str | None
    url: str | None
    title: str
    published: date | None
    summary: str
    body: str
    lang: str | None
    summary_lang: str | None
    author: str | None
    translator: str | None
    content_hash: str
    key: str = ""


@dataclass
class ParsedFeed:
    """A parsed feed: its entries, and whether feedparser found it malformed."""

    entries: list[Entry] = field(default_factory=list)
    bozo: bool = False
    bozo_message: str | None = None
    title: str | None = None


# Byte order marks, longest first (a UTF-32-LE mark begins like a UTF-16-LE one).
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
# How "<?" starts without a mark (XML 1.0, appendix F): the width and byte order of the text.
_WIDE_STARTS = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"))


def _sniff_wide(body: bytes) -> str | None:
    """UTF-16/32 (or UTF-8) from a byte order mark or the shape of an XML declaration."""
    for mark, enc in _BOMS:
        if body.startswith(mark):
            return enc
    for start, enc in _WIDE_STARTS:
        if body.startswith(start):
            return enc
    return None


def _wide_order(body: bytes, width: int) -> str | None:
    """utf-16/32 with the byte order the first ASCII character shows, or None for narrow bytes."""
    head = body[:width]
    if len(head) < width or head.count(0) != width - 1:
        return None
    return f"utf-{8 * width}-{'le' if head[0] else 'be'}"


def decode_feed(body: bytes, declared: str | None = None, override: str | None = None) -> str:
    """Feed bytes -> text: byte order mark, override, XML declaration, HTTP charset, UTF-8, then GB18030.

    Chinese feeds often send GBK without declaring it, or declare an encoding they do not use.
    UTF-16/32 are known by their mark or by how the declaration's first bytes look; their
    declaration is read once the text is decoded.
    """
    tries: list[str] = []
    wide = _sniff_wide(body)
    if wide:
        tries.append(wide)
    if override:
        tries.append(override)
    m = _XML_DECL.match(body[:200])
    if m:
        tries.append(m.group(1).decode("ascii"))
    if declared:
        tries.append(declared)
    tries += ["utf-8", "gb18030"]
    for enc in tries:
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc.lower(), enc)
        if not wide and enc.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
            # Declared wide, on bytes without a mark: the NULs of ASCII markup show the byte
            # order, and their absence that the declaration is wrong (a UTF-8 copy of it).
            found = _wide_order(body, 4 if "32" in enc else 2)
            if found is None:
                continue
            enc = found
        try:
            return body.decode(enc).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


def html_to_text(html: str) -> str:
    """Readable text from an HTML fragment: blocks become lines, list items bullets."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    marked = _LI.sub("\n- ", _BLOCK.sub("\n", html))
    tree = HTMLParser(marked)
    for node in tree.css("script, style, noscript, iframe"):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(deep=True, separator="") if root is not None else ""
    return _tidy(text)


def page_text(html: str) -> str:
    """The article text of a web page: its paragraphs, without navigation and boilerplate."""
    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, iframe, nav, header, footer, aside, form"):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first("[role=main]") or tree.body
    if root is None:
        return ""
    paragraphs = [p.text(deep=True, separator="").strip() for p in root.css("p, li, h2, h3")]
    paragraphs = [p for p in paragraphs if p]
    if sum(len(p) for p in paragraphs) >= 40:
        return _tidy("\n".join(paragraphs))
    return _tidy(root.text(deep=True, separator="\n"))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def split_translated(text: str) -> Parts:
    """Chinese summary on top, Original Author / Translation lines, then the body.

    Returns the whole text as the body when the structure is not there.
    """
    lines = text.split("\n")
    author = translator = None
    marker_end = -1
    for i, line in enumerate(lines[:80]):
        a = AUTHOR_LINE.match(line)
        t = TRANSLATOR_LINE.match(line)
        if a:
            author, marker_end = a.group("v").strip(), i
        elif t:
            translator, marker_end = t.group("v").strip(), i
        elif TITLE_LINE.match(line) and (marker_end >= 0 or any(m in "\n".join(lines[:i]) for m in SUMMARY_MARKERS)):
            marker_end = i
        elif marker_end >= 0:
            break
    if marker_end < 0:
        return Parts(body=text)
    head = [ln for ln in lines[:marker_end + 1]
            if not (AUTHOR_LINE.match(ln) or TRANSLATOR_LINE.match(ln) or TITLE_LINE.match(ln))]
    head_text = "\n".join(head).strip()
    has_summary = any(m in head_text for m in SUMMARY_MARKERS) or cjk_share(head_text) > 0.3
    body = "\n".join(lines[marker_end + 1:]).strip()
    if not has_summary:
        return Parts(body="\n".join([head_text, body]).strip(), author=author, translator=translator)
    return Parts(summary=head_text, body=body, author=author, translator=translator)


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters, fragment, default port or case in the host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    host = (parts.hostname or "").lower()
    if parts.port and not ((parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def text_hash(title: str, text: str) -> str:
    """Hash of an item's content, blind to spacing and markup differences."""
    norm = re.sub(r"\s+", " ", f"{title}\n{text}").strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def identity_key(entry: Entry, mode: str) -> str:
    """The article key under a feed's identity setting."""
    if mode == "guid" and entry.guid:
        return f"guid:{entry.guid}"
    if mode == "link" and entry.url:
        return f"url:{canonical_url(entry.url)}"
    if mode == "title_date":
        return f"td:{entry.title.strip().casefold()}|{entry.published or ''}"
    if mode == "content":
        return f"hash:{entry.content_hash}"
    if entry.guid:
        return f"guid:{entry.guid}"
    if entry.url:
        return f"url:{canonical_url(entry.url)}"
    return f"hash:{entry.content_hash}"


def _entry_date(e: dict) -> date | None:
    for key in ("published_parsed", "created_parsed"):
        value = e.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (OverflowError, ValueError, TypeError):
                continue
    # Atom entries carry only <updated>; RSS reading of it warns, so ask for it by its Atom key.
    if "updated" in e and not e.get("published"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            value = e.get("updated_parsed")
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (OverflowError, ValueError, TypeError):
                return None
    return None


def parse_feed(feed_name: str, body: bytes, declared_encoding: str | None = None,
               encoding_override: str | None = None, lang_hint: str | None = None,
               identity: str = "auto") -> ParsedFeed:
    """Parse RSS/Atom bytes into entries. Malformed but readable feeds are kept (bozo)."""
    text = decode_feed(body, declared_encoding, encoding_override)
    text = _XML_ILLEGAL.sub("", text)
    text = _XML_DECL_TEXT.sub(r"\g<1>utf-8\g<3>", text, count=1)
    try:
        parsed = feedparser.parse(text.encode("utf-8"), sanitize_html=False,
                                  resolve_relative_uris=False)
    except Exception as exc:  # feedparser can raise on pathological input
        raise FeedParseError(feed_name, f"cannot parse: {exc}") from exc
    bozo = bool(parsed.get("bozo"))
    message = str(parsed.get("bozo_exception")) if bozo else None
    if not parsed.entries and not parsed.get("version"):
        # Neither RSS nor Atom: an HTML error page, a login wall, or garbage.
        raise FeedParseError(feed_name, f"not a feed: {message or 'no RSS or Atom root element'}")
    out = ParsedFeed(bozo=bozo, bozo_message=message, title=parsed.get("feed", {}).get("title"))
    for e in parsed.entries:
        title = html_to_text(e.get("title", "") or "")
        html = ""
        if e.get("content"):
            html = max((c.get("value", "") for c in e["content"]), key=len)
        summary_html = e.get("summary", "") or ""
        if len(summary_html) > len(html):
            html = summary_html
        text = html_to_text(html)
        parts = split_translated(text)
        summary_lang = "zh" if parts.summary and cjk_share(parts.summary) > 0.2 else (
            detect_language(parts.summary) if parts.summary else None)
        body_lang = lang_hint if (lang_hint and not parts.summary) else (
            detect_language(parts.body) if parts.body else lang_hint)
        guid = (e.get("id") or e.get("guid") or "").strip() or None
        link = (e.get("link") or "").strip() or None
        entry = Entry(guid, link, title, _entry_date(e), parts.summary, parts.body, body_lang,
                      summary_lang, parts.author, parts.translator,
                      text_hash(title, text))
        entry.key = identity_key(entry, identity)
        out.entries.append(entry)
    return out
