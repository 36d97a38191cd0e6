"""Organisations the alias table does not know, found by the shape of their names.

English: a capitalised name before a legal suffix ("Acme Corp.") or a ticker in brackets
("Foo Inc. (NASDAQ: FOO)"). Chinese: a name before a stock code ("明阳电气(301291)"), or a
short name ending in an organisation word (集团, 股份, 银行...), cut after the words that
end the text before it; Latin-script names inside Chinese text ("Klarna 以…收购").
"""

from __future__ import annotations

import re

from extractors import numbers
from extractors.entities import NER_STOP, AliasTable
from extractors.lang import en, zh
from extractors.spans import Entity

_CAP = r"[A-Z][A-Za-z0-9&'’.\-]*"
_EN_NAME = re.compile(
    rf"\b({_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,4}}),?\s+{en.ORG_LEGAL_SUFFIX}(?![A-Za-z])"
    rf"|\b({_CAP}(?:\s+{_CAP}){{0,4}})\s*\((?:{en.EXCHANGES})\s*:\s*[A-Z0-9.]+\)")
_CJK = "\u4e00-\u9fff"
_ZH_CODE = re.compile(rf"([{_CJK}A-Za-z]{{2,12}})\s*[（(](?:(?:SH|SZ|HK|BJ|TW)?\s*[:：]?\s*)?\d{{4,6}}"
                      r"(?:\.(?:SH|SZ|HK|BJ|TW|TWO))?[）)]")
_ZH_SUFFIX = re.compile(rf"[{_CJK}]{{2,5}}(?:{'|'.join(sorted(set(zh.ORG_SUFFIXES), key=len, reverse=True))})")
# "罗牛山公告", "億利潔12日晚公告": who announces at the start of a text or sentence
_ANNOUNCER = re.compile(rf"(?:^|[。！？\n]\s*)([{_CJK}]{{2,6}}?)(?:\d{{1,2}}日(?:晚间|晚|早间|盘后)?)?(?:发布)?公告")
_LEAD_STOP = sorted(set(zh.ORG_LEAD_STOP), key=len, reverse=True)
_LATIN = re.compile(r"(?<![A-Za-z0-9$€£.])([A-Z][A-Za-z0-9&.\-]*[a-z0-9][A-Za-z0-9&.\-]*"
                    r"(?:\s[A-Z][A-Za-z0-9&.\-]+)?)(?![A-Za-z0-9$])")
_LATIN_STOP = set(zh.LATIN_NOT_ORG) | NER_STOP
_EN_STOP = {"The", "A", "An", "In", "On", "For", "And", "But", "Its", "This", "That", "As", "At",
            "By", "Of", "To", "With", "From", "First", "Second", "Third", "Fourth", "Fiscal",
            "Quarter", "Year", "Full", "Total", "Net", "Revenue", "Sales"}


def _trim_lead(name: str) -> str:
    """Cut the words that end the text before a Chinese name ("报告期内明阳电气" -> 明阳电气)."""
    changed = True
    while changed and len(name) > 2:
        changed = False
        for w in _LEAD_STOP:
            if name.startswith(w) and len(name) - len(w) >= 2:
                name = name[len(w):]
                changed = True
                break
    # the last stop word inside the name ends the text before it
    for w in _LEAD_STOP:
        i = name.rfind(w)
        if 0 < i and len(name) - i - len(w) >= 2 and len(w) >= 2:
            name = name[i + len(w):]
    cut = max((i for i, c in enumerate(name[:-2]) if c in zh.ORG_CUT_CHARS or c.isdigit()), default=-1)
    return name[cut + 1:]


def _entity(text: str, start: int, name: str, aliases: AliasTable) -> Entity | None:
    name = name.strip(" \u3000")
    if len(name) < 2:
        return None
    pos = text.find(name, start)
    if pos < 0:
        return None
    canonical = aliases.resolve(name) or name
    return Entity(pos, pos + len(name), name, "ORG", canonical, known=False)


def find_orgs(text: str, aliases: AliasTable) -> list[Entity]:
    """Organisation names found by shape, not overlapping one another."""
    out: list[Entity] = []
    for m in _EN_NAME.finditer(text):
        name = m.group(1) or m.group(2)
        words = name.split()
        while words and words[0] in _EN_STOP:
            words = words[1:]
        if words:
            ent = _entity(text, m.start(), " ".join(words), aliases)
            if ent:
                out.append(ent)
    if numbers.cjk_share(text) > 0.05:
        norm = numbers.normalize(text)
        for m in _ZH_CODE.finditer(norm):
            name = _trim_lead(m.group(1))
            ent = _entity(norm, m.start(1), name, aliases)
            if ent:
                out.append(Entity(ent.start, ent.end, text[ent.start:ent.end], "ORG",
                                  aliases.resolve(text[ent.start:ent.end]) or ent.canonical, known=False))
        for m in _ZH_SUFFIX.finditer(norm):
            name = _trim_lead(m.group(0))
            if len(name) <= 2 or any(name.endswith(w) for w in _LEAD_STOP if len(w) >= 2):
                continue
            ent = _entity(norm, m.start(), name, aliases)
            if ent:
                canonical = aliases.resolve(text[ent.start:ent.end])
                out.append(Entity(ent.start, ent.end, text[ent.start:ent.end], "ORG",
                                  canonical or ent.canonical, known=False, weak=canonical is None))
        for m in _ANNOUNCER.finditer(norm):
            name = _trim_lead(m.group(1))
            ent = _entity(norm, m.start(1), name, aliases)
            if ent:
                out.append(Entity(ent.start, ent.end, text[ent.start:ent.end], "ORG",
                                  aliases.resolve(text[ent.start:ent.end]) or ent.canonical, known=False))
        for m in _LATIN.finditer(text):
            name = m.group(1).rstrip(".-")
            if name in _LATIN_STOP or name.split()[0] in _LATIN_STOP or len(name) < 2:
                continue
            around = text[max(0, m.start() - 1):m.end() + 1]
            if numbers.cjk_share(around) == 0 and numbers.cjk_share(text[max(0, m.start() - 20):m.end() + 20]) < 0.3:
                continue  # inside an English passage: NER's business, not this rule's
            ent = _entity(text, m.start(1), name, aliases)
            if ent:
                out.append(ent)
    out.sort(key=lambda e: (e.start, e.weak, -(e.end - e.start)))
    kept: list[Entity] = []
    for e in out:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept
