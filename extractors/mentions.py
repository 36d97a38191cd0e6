"""Every mention of a company the text names (pure).

Names are found where the scan looked (sentences with figures and the lines before them)
and NER sees only some sentences, so "Infosys and Wipro Ltd announced..." may hold the
one recognised "Wipro" while "Wipro has shown a net profit of..." holds none. A name that
is a company somewhere in a text is that company at each of its mentions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.lang import en
from extractors.occupied import Occupied
from extractors.spans import Entity

_MIN_LATIN = 2  # "HP", "3M"; one letter is never a name


def _word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _bounded(text: str, a: int, b: int, name: str) -> bool:
    """A Latin name stands as a word ("Meta", not "Metaverse"); a CJK one stands anywhere."""
    if _word_char(name[0]) and a > 0 and (_word_char(text[a - 1]) or text[a - 1] in "-_"):
        return False
    return not (_word_char(name[-1]) and b < len(text) and _word_char(text[b]))


def repeat_mentions(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` plus an entity at every other mention of each company name among them."""
    taken = Occupied((e.start, e.end) for e in entities)
    seen: dict[str, Entity] = {}
    for e in entities:
        if e.label != "ORG" or len(e.text.strip()) < _MIN_LATIN or e.text in seen:
            continue
        if e.text.isascii() and sum(c.isalpha() for c in e.text) < _MIN_LATIN:
            continue
        seen[e.text] = e
    added: list[Entity] = []
    # Longer names first, so that "Samsung Biologics" claims its mention before "Samsung".
    for name in sorted(seen, key=len, reverse=True):
        e = seen[name]
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if _bounded(text, at, end, name) and not taken.overlaps(at, end):
                added.append(replace(e, start=at, end=end))
                taken.add(at, end)
            at = text.find(name, end)
    if not added:
        return entities
    return sorted(entities + added, key=lambda x: x.start)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,8}")
_LIST_SEP = "、及和与與"
_CODE = re.compile(r"\s?[（(]\d{4,6}(?:\.\w+)?[)）]")
_NAME_END = re.compile(r"昨|今|日前|近日|公布|公佈|分别|分別|宣布|宣佈|的|将|將|也|则|則|均|同步|合计|合計")


def listed_names(text: str, entities: list[Entity]) -> list[Entity]:
    """"廣達、緯創、緯穎、英業達昨日公布": a name listed among known companies is one too."""
    known = [e for e in entities if e.label == "ORG" and not e.weak and not e.text.isascii()]
    if len(known) < 2:
        return entities
    taken = Occupied((e.start, e.end) for e in entities)
    added: list[Entity] = []
    for e in known:
        pos = e.end
        m = _CODE.match(text, pos)
        if m:
            pos = m.end()
        if pos >= len(text) or text[pos] not in _LIST_SEP:
            continue
        run = _CJK_RUN.match(text, pos + 1)
        if not run:
            continue
        name = run.group(0)
        cut = _NAME_END.search(name)
        if cut:
            name = name[:cut.start()]
        start, end = run.start(), run.start() + len(name)
        if 2 <= len(name) <= 5 and not taken.overlaps(start, end):
            added.append(Entity(start, end, name, "ORG", name, known=False, weak=True))
            taken.add(start, end)
    return sorted(entities + added, key=lambda x: x.start) if added else entities


_COMMON_NAME = re.compile(rf"(?:,?\s+{en.ORG_LEGAL_SUFFIX})?\s?\((?P<n>[A-Z][a-z][A-Za-z0-9&.\- ]{{1,28}})\)")


# "中国兖州煤业股份有限公司(YZC,简称:兖州煤业)": the short name a text declares for a company
_SHORT_NAME = re.compile(r"(?:\(集团\)|（集团）|\(集團\)|（集團）)?(?:股份有限公司|有限责任公司|有限責任公司|有限公司|公司)?"
                         r"\s?[（(][^()（）]{0,60}?(?:以下)?(?:简称|簡稱)\s?[:：]?\s?[“\"「『]?"
                         r"(?P<n>[\u4e00-\u9fffA-Za-z]{2,12})[”\"」』)）,，、]")


def common_names(text: str, entities: list[Entity]) -> list[Entity]:
    """"FSN E-Commerce Ventures Ltd (Nykaa)": the name in brackets is what the company is called;
    a Chinese full name's declared short name (简称) too, at every mention."""
    renamed: dict[str, str] = {}
    for e in entities:
        if e.label != "ORG" or e.canonical != e.text:
            continue
        m = _COMMON_NAME.match(text, e.end) if e.text.isascii() else _SHORT_NAME.match(text, e.end)
        if m and m.group("n").strip() != e.text:
            renamed[e.text] = m.group("n").strip()
    if not renamed:
        return entities
    return [replace(e, canonical=renamed[e.text]) if e.text in renamed else e for e in entities]


_TICKER = re.compile(rf"^(?:,?\s+{en.ORG_LEGAL_SUFFIX})?\s?[(（]\s?(?:(?:NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|HKEX)\s?:\s?)?"
                     r"[A-Z]{1,5}(?:\.[A-Z]{1,2})?\s?[)）]")


_EXCHANGE = re.compile(en.EXCHANGES)


def same_company(text: str, entities: list[Entity]) -> list[Entity]:
    """A ticker or abbreviation in brackets after a company's name ("Devon Energy (DVN)",
    "Malaysian Resources Corp Bhd (MRCB)") is that company, there and wherever it is used after."""
    orgs = [e for e in entities if e.label == "ORG"]
    renamed: dict[str, tuple[int, str]] = {}
    here: dict[int, str] = {}
    for i, e in enumerate(orgs):
        nxt = orgs[i + 1] if i + 1 < len(orgs) else None
        if nxt is None or not _TICKER.match(text[e.end:nxt.end + 2]) or nxt.start - e.end > 20 \
                or not nxt.text.isupper():
            continue
        if nxt.text in renamed or nxt.canonical != nxt.text or _EXCHANGE.fullmatch(nxt.text):
            here[nxt.start] = e.canonical  # a known ticker, an exchange's initials: that mention only
        else:
            renamed[nxt.text] = (nxt.start, e.canonical)
    if not renamed and not here:
        return entities
    return [replace(e, canonical=here[e.start]) if e.start in here
            else replace(e, canonical=renamed[e.text][1]) if e.label == "ORG" and e.text in renamed
            and e.start >= renamed[e.text][0] else e for e in entities]
