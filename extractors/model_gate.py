"""Which sentences the English statistical pipeline (tagger, parser, NER) is run on.

It is the costliest step of extraction, and on the real-text corpus it changed subjects for
the worse as often as for the better (fixtures/extract/PASSES.md), so it runs only where
it can decide something the rules cannot.
"""

from __future__ import annotations

import re

from extractors.context import Doc
from extractors.entities import NER_STOP
from extractors.lang import en
from extractors.metrics import metric_candidates
from extractors.subjects import eligible

# A word that may start a name: capitalised, or camel-cased ("xMoney", "iShares").
_NAME_LIKE = re.compile(r"(?<![\w'’])(?:[A-Z]|[a-z]+[A-Z])[A-Za-z0-9&.\-]*")
_NOT_NAMES = en.NOT_A_NAME_CAPITALISED | set(en.ACTOR_STOP) | NER_STOP


def needs_model(d: Doc, s: int, e: int) -> bool:
    """Whether the statistical pipeline has anything to decide in the sentence [s, e).

    Not when no metric word is there (no claim can come of it), nor when the sentence names
    exactly one known company and it can be the subject: the clause rules name it. It is
    needed where several known companies are named ("depends on OpenAI honoring its
    commitment to spend": the syntax decides) or the one named cannot be the subject. Where
    no known company is named, only if a word before the last figure may be an unknown name
    ("Initech's revenue was..."): otherwise NER finds fragments ("Sprint" after the figure,
    "Chinese yuan") while the paragraph's company is the right subject.
    """
    norm = d.norm[s:e]
    if not metric_candidates(norm):
        return False
    known = [x for x in d.starting_in(d.entities, s, e) if x.label == "ORG" and x.known]
    names = {x.canonical for x in known}
    if not names:
        last = max((m.start - s for m in d.starting_in(d.money, s, e)), default=len(norm))
        return any(w.group(0).rstrip(".-") not in _NOT_NAMES for w in _NAME_LIKE.finditer(norm, 0, last))
    can_report = {x.canonical for x in known if eligible(norm, x.start - s, x.end - s, x)}
    return len(names) != 1 or len(can_report) != 1


def needs_ner(d: Doc, s: int, e: int) -> bool:
    """Whether a sentence the pipeline reads needs NER's names as well as the parse: not
    where several known companies are named and the syntax only decides between them (on
    the real-text corpus and the dev set NER changed no claim there, PASSES.md)."""
    return len({x.canonical for x in d.starting_in(d.entities, s, e) if x.label == "ORG" and x.known}) < 2
