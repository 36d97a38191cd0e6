"""Every mention of a company the text names (pure).

Names are found where the scan looked (sentences with figures and the lines before them)
and NER sees only some sentences, so "Infosys and Wipro Ltd announced..." may hold the
one recognised "Wipro" while "Wipro has shown a net profit of..." holds none. A name that
is a company somewhere in a text is that company at each of its mentions.
"""

from __future__ import annotations

from dataclasses import replace

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
    taken = sorted((e.start, e.end) for e in entities)
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
            if _bounded(text, at, end, name) and not any(a < end and at < b for a, b in taken):
                added.append(replace(e, start=at, end=end))
                taken.append((at, end))
            at = text.find(name, end)
    if not added:
        return entities
    return sorted(entities + added, key=lambda x: x.start)
