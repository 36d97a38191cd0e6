"""Subjects: which named company a figure belongs to (pure once the parse is given).

The subject is the entity that reports or spends the figure. English sentences use the
dependency parse (subject of the verb that governs the figure, climbing over pronouns);
Chinese sentences, and English ones the parse leaves open, use clause structure: the
nearest eligible entity before the figure in its clause, else the topic of the sentence.
An entity after a preposition (in, to, 向, 在) is an object; one before "said" or ":" is
a source. Neither is a subject. A figure whose sentence names no company takes the
company the paragraph (or its headline) named last, when the sentence points back to it.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.context import LOOKBACK, Doc, sentence_of
from extractors.lang import en, zh
from extractors.metrics import METRIC_NOUN
from extractors.numbers import cjk_share
from extractors.orgs import clause_topic
from extractors.sentences import RESPECTIVE, clause_index, list_runs
from extractors.spans import Entity

_OBJ_EN = re.compile(
    rf"(?i)(?:^|[^A-Za-z])(?:{'|'.join(re.escape(w) for w in en.OBJECT_MARKERS)})\s+"
    r"(?:(?:the|a|an|its|their|his|her|our|both|rival|peer|partner|customer|backer)\s+)*\[*$")

_OBJ_ZH = re.compile(rf"(?:{'|'.join(re.escape(w) for w in zh.OBJECT_MARKERS)})\s*\[*$")

_SRC_AFTER = re.compile(
    rf"(?i)^\]*\s*(?:{'|'.join(re.escape(w) for w in en.SOURCE_MARKERS + zh.SOURCE_MARKERS)})")

# "Source: Bloomberg", "民生证券:": a header; not "Seatrium: The group reported" (a roundup's label)
_HEADER_AFTER = re.compile(r"^\]*\s*[:：](?!\s(?:Th|It))")  # read on four characters: ": Th", ": It"

_FORECAST_AFTER = re.compile(
    rf"(?i)^[\])）]*(?:\s*[(（][^()（）]{{1,12}}[)）])?\s*(?:则|也|亦|还|另)?(?:(?:'s\s+)?(?:analysts?|economists?|strategists?|分析师|经济学家|策略师)\s*)?"
    rf"(?:{en.FORECAST_VERBS}|{zh.FORECAST_VERBS})")

# "Dingdong, backed by SoftBank Vision Fund II": the backer named after the company it backs.
_BACKER_BEFORE = re.compile(en.BACKER_BEFORE, re.I)
_BACKER_AFTER = re.compile(r"^\]*-(?:backed|owned|funded|supported|controlled|led)\b"
                           r"|^\]*\s+(?:co-)?(?:led|leads|leading)\s+(?:a|an|the|its)\b", re.I)
# "Cisco's offer", "Nvidia's revenue": the owner of the metric, even after a preposition.
_OWNER_AFTER = re.compile(r"^\]*['’]s\s+(?:[a-z-]+\s+){0,2}?(?:offer|bid|revenues?|sales|capex|capital|profits?|"
                          r"net|valuation|debt|cash|backlog|market|funding|round|deal|spending|loss|earnings)\b",
                          re.I)
_BUYER_BEFORE = re.compile(r"(?i)\b(?:acquired|bought|purchased|taken over|acquisition)\s+by\s+(?:[\w-]+\s+){0,4}$")
_BYLINE_AFTER = re.compile(r"^\s*[·•|｜/]\s*(?:\d{4}[-/年.]|\d{1,2}月)|^\s*\d{1,2}月\d{1,2}日(?:电|讯|訊|電)")
_BUYS_AFTER = re.compile(
    r"(?i)^\]*(?:\s*\([A-Z.:\s]{2,16}\))?[^;!?]{0,90}?\b(?:agreed to|agrees to|will|plans to|is set to|moved to|"
    r"has struck a deal to|struck a deal to|confirms [\w\s]{0,20}? to|offered to|is|has)?\s*"
    r"(?:buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases|purchasing|take over|"
    r"takes over|taking over|snap up|snaps up)\b[^;!?]{0,120}?\b(?:for|at|in a deal|in an? [\w-]+ deal|"
    r"valu\w+|worth)\b[^;!?]{0,80}$")
_BUYS_REACH = 400  # the longest text _BUYS_AFTER can match; longer gaps are not tried
_OFFER_FROM = re.compile(r"(?i)^\s*(?:[\w-]+,?\s+){0,3}?(?:offer|bid|proposal|approach)\s+(?:from|by)\s+(?:U\.S\.\s+)?"
                         r"(?:(?:[\w-]+\s+){0,5}?(?:firm|fund|group|company|investor|peer|rival|consortium)\s+)?\[*$")
# "the US$50 million raised by Credgenics": the company the figure is passively done by
_DONE_BY = re.compile(r"^\s*(?:raised|secured|generated|earned|posted|reported|spent|invested|paid|offered)\s+by\s+"
                      r"(?:(?:[\w-]+\s+){0,4}?(?:firm|startup|company|group|maker|lender|bank|platform|provider)\s+)?$")
_PERSON_TITLE_AFTER = re.compile(r"(?i)^\]*(?:'s)?\s+(?:[A-Z]{2,4}\s+)?(?:co-?founder|founder|chief|CEO|CFO|CTO|"
                                 r"executive|boss|chairman|chairwoman|president|head|veteran|alum(?:nus)?)\b")
_FORMER_BEFORE = re.compile(r"(?i)\b(?:former|ex-|onetime|one-time)\s*$")
_PERSON_TITLE = re.compile(r"(?i)co-?founder|founder|chief|CEO|CFO|CTO|executive|boss|chairman|chairwoman|"
                           r"president|head|veteran")
_SEGMENT_AFTER = re.compile(r"^\]*\s+(?:segment|division|business unit|unit)\b", re.I)
# "The Apple Inc smartphone rival said": a name inside a definite description of another company.
_THE_BEFORE = re.compile(r"\b[Tt]he\s*\[*$")
_DESCRIBED_AFTER = re.compile(rf"^\]*(?:['’]s)?(?:\s+{en.ORG_LEGAL_SUFFIX})?(?:\s+[a-z][\w-]*){{0,3}}?\s+"
                              rf"(?:rival|competitor|supplier|customer|partner|peer|maker|chipmaker|"
                              rf"carmaker|automaker|manufacturer|producer)\b")
# "以69亿美元收购以色列网络产品供应商迈络思": the company bought, however it is described.
_BOUGHT_BEFORE = re.compile(zh.BOUGHT_BEFORE)
_ROUND_INTO = re.compile(r"(?i)\b(?:round|funding|financing|investment|raise|stake|Series [A-H]|valuation)\s+(?:into|in|for)\s+\[*$"
                         r"|\b(?:offer|bid|proposal|approach)\s+(?:from|by)\s+\[*$")

_METRIC_AT = re.compile(
    r"(?i)\b(?:revenues?|sales|capex|capital (?:expenditures?|spending)|spending|profits?|earnings|"
    r"losses|debt|cash|valuation|free cash flow|backlog|income)\s+(?:at|for)\s+(?:the\s+)?\[*$")

_OUTLETS = set(en.OUTLETS) | set(zh.OUTLETS)
_INVESTOR_SUFFIXES = tuple(en.INVESTOR_SUFFIXES) + tuple(zh.INVESTOR_SUFFIXES)

_JOINED = re.compile(r"^\]*\s*(?:and|&|/|与|和|及|、)\s*\[*$", re.I)

_SRC_BEFORE = re.compile(
    rf"(?i)(?:{'|'.join(re.escape(w) for w in en.SOURCE_BEFORE + zh.SOURCE_BEFORE)})\s*\[*$")

_PRONOUN = re.compile(rf"(?i)\b(?:{'|'.join(en.PRONOUNS)})\b|{'|'.join(zh.PRONOUNS)}")


def eligible(norm: str, a: int, b: int, entity: Entity | None = None) -> bool:
    """An entity can be a subject: not an object after a preposition, not a "Source:" header,
    not a bank or research house forecasting someone else's figure."""
    before = norm[max(0, a - 40):a]
    if entity is not None and is_outlet(entity):
        return False
    if _HEADER_AFTER.match(norm[b:b + 4]) or _SRC_BEFORE.search(before):
        return False
    if entity is not None and entity.canonical in en.ANALYSTS and _FORECAST_AFTER.match(norm[b:b + 16]):
        return False
    if _BACKER_AFTER.match(norm[b:b + 12]) or _BACKER_BEFORE.search(before):
        return False  # "SoftBank-backed startup", "controlled by Blackstone": the backer is not the one reporting
    if _PERSON_TITLE_AFTER.match(norm[b:b + 30]) and _FORMER_BEFORE.search(before):
        return False  # "the former Databricks AI chief": a person, named by the company they led
    if _SEGMENT_AFTER.match(norm[b:b + 16]):
        return False  # "the company's Digital Media segment": a part of the company, not another
    if _modifies(norm, a, b):
        return False  # "The Apple Inc smartphone rival": the rival is meant, named before
    if _BOUGHT_BEFORE.search(before):
        return False
    if _BYLINE_AFTER.match(norm[b:b + 24]):
        return False  # "民生证券· 2025-10-31": the author of the page, not its subject
    if _OWNER_AFTER.match(norm[b:b + 40]):
        return True
    m = _OBJ_EN.search(before)
    if m and (_METRIC_AT.search(before[:m.end()]) or _ROUND_INTO.search(before)):
        return True  # "revenue at Nvidia", "capex for Meta": the company the metric belongs to
    return not (m or _OBJ_ZH.search(before))

def _modifies(norm: str, a: int, b: int) -> bool:
    """A name that only describes another company: "the Apple supplier", "The Samsung rival"."""
    return bool(_THE_BEFORE.search(norm[max(0, a - 8):a]) and _DESCRIBED_AFTER.match(norm[b:b + 60]))


def _joint(norm: str, a: int, b: int, ents: list[tuple[int, int, Entity]]) -> bool:
    """'OpenAI and Anthropic raised...': a figure of several entities belongs to none."""
    for a2, b2, _ in ents:
        if b2 <= a and _JOINED.match(norm[b2:a]):
            return True
        if a2 >= b and _JOINED.match(norm[b:a2]):
            return True
    return False

def is_outlet(x: Entity) -> bool:
    """A news outlet or data vendor ("(Reuters) -", "expected by analysts tracked by Bloomberg")."""
    return x.canonical in _OUTLETS or x.text in _OUTLETS


def is_investor(x: Entity) -> bool:
    """"Intel Capital", "红杉资本": a backer in a round, not the company that raised it."""
    return x.canonical.endswith(_INVESTOR_SUFFIXES) or x.text.endswith(_INVESTOR_SUFFIXES)


def _is_analyst(x: Entity) -> bool:
    """Banks, brokers and research houses: they forecast other companies' figures."""
    return is_analyst_name(x.canonical, x.text)


def is_analyst_name(canonical: str, text: str = "", by_suffix: bool = True) -> bool:
    """A bank, broker, research house or outlet, by its canonical name or as written (and,
    with `by_suffix`, by a name ending like one: 证券, 研究院)."""
    return (canonical in en.ANALYSTS or text in zh.ANALYST_NAMES or canonical in zh.ANALYST_NAMES
            or by_suffix and bool(text) and text.endswith(zh.ANALYST_SUFFIXES))


def forecasts_after(norm: str, b: int) -> bool:
    """'JPMorgan expects', '大摩則預期': the name just before `b` forecasts."""
    return _FORECAST_AFTER.match(norm[b:b + 24]) is not None


def _is_source(norm: str, b: int) -> bool:
    """'JPMorgan said', '摩根大通预计': the entity speaks; it is the subject only if none else is."""
    return _SRC_AFTER.match(norm[b:b + 16]) is not None

def _parse_subject(sdoc: Any, ms: int, me: int,
                   eligible: list[tuple[int, int, Entity]]) -> tuple[Entity | None, bool]:
    """Subject of the verb governing the figure, via the dependency parse.

    Returns (entity, decided): decided with no entity means the verb has a named subject
    that is not an entity ("tech companies will sell $300 billion"), so nobody else is.
    """
    toks = [t for t in sdoc if t.idx < me and t.idx + len(t.text) > ms]
    if not toks:
        return None, False
    root = next((t for t in toks if not (ms <= t.head.idx < me) or t.head == t), toks[0])
    cur = root
    for _ in range(12):
        # Penn tags, not coarse POS: the attribute ruler that maps them is switched off for speed.
        while not (cur.tag_.startswith("VB") or cur.tag_ == "MD") and cur.dep_ != "ROOT" and cur.head != cur:
            cur = cur.head
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        for subj in subjects:
            # any subject naming a company first: a headline or dateline the parser took for a
            # second subject ("Bharti Airtel Q2 results: Telecom major Bharti Airtel ... reported")
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            inside = [(a, b, x) for a, b, x in eligible if a >= lo and b <= hi]
            if inside:
                # the entity that is the subject's head word, else the first in its phrase
                head = [x for a, b, x in inside if a <= subj.idx < b]
                return (head or [inside[0][2]])[0], True
        for subj in subjects:
            phrase = " ".join(t.text for t in subj.subtree)
            if subj.like_num or any(c.dep_ == "nummod" for c in subj.children):
                continue  # "Rs 27.3 per share ... was": a figure, not who reports it
            if METRIC_NOUN.search(phrase):
                continue  # "capital expenditures would reach $X": the metric, not the spender
            if _PRONOUN.fullmatch(phrase.strip()):
                return None, False  # "the automaker": the company named before
            if _describes_named(subj) or _DESCRIBED_BEFORE.search(sdoc.text[subj.left_edge.idx:cur.idx]):
                return None, False  # "the world's largest automaker": the company named before
            if _PERSON_TITLE.fullmatch(subj.text):
                return None, False  # "the former Google AI chief closed ...": the clause decides
            if subj.tag_.startswith("NN") and subj.lower_ not in en.SUBJECT_STANDINS:
                return None, True
        if cur.dep_ in ("conj", "advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp") and cur.head != cur:
            cur = cur.head
            continue
        break
    return None, False


_DESCRIPTOR_NOUN = re.compile(rf"(?i){en.COMPANY_DESCRIPTORS}$")
# The same description however the parser split it ("automaker" taken for a compound).
_DESCRIBED_BEFORE = re.compile(rf"^(?:The|the)\b[^,;]{{0,50}}?\b{en.COMPANY_DESCRIPTORS}\s*$")


def _describes_named(subj: Any) -> bool:
    """"The chipmaker", "the world's largest automaker": a definite description of a company,
    which points back; "a startup" introduces another."""
    if not _DESCRIPTOR_NOUN.match(subj.text):
        return False
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in subj.children)


# A name (its tail and stock code may follow) then 以 and the amount: the one paying it.
_PAYS_WITH = re.compile(r"^[\u4e00-\u9fff]{0,4}\s?(?:[（(][^()（）]{1,12}[)）])?\s?以\s?(?:约|約|总价|總價|合计|合計)?\s?$")


def choose_subject(d: Doc, si: int, norm: str, bounds: list[int], ms: int,
                   me: int) -> tuple[tuple[str, str] | None, str]:
    """(canonical, as written) of the figure's subject and how it was found, or None."""
    s, e = d.sentences[si]
    ents = [(x.start - s, x.end - s, x) for x in d.starting_in(d.entities, s, e) if x.label == "ORG"]
    able = [(a, b, x) for a, b, x in ents if eligible(norm, a, b, x)]
    found, how = _choose(d, si, norm, bounds, ms, me, ents, able)
    if found is None:
        return None, how
    name, text, ent_start = found
    hit = next(((a, b) for a, b, x in ents if a == ent_start), None)
    if hit and _joint(norm, hit[0], hit[1], ents):
        return None, how
    return (name, text), how


def _choose(d: Doc, si: int, norm: str, bounds: list[int], ms: int, me: int,
            ents: list[tuple[int, int, Entity]],
            able: list[tuple[int, int, Entity]]) -> tuple[tuple[str, str, int] | None, str]:
    s = d.sentences[si][0]

    def out(x: Entity, how: str) -> tuple[tuple[str, str, int], str]:
        return (x.canonical, x.text, x.start - s), how

    clause = clause_index(bounds, ms)
    tagged = [x for a, b, x in ents if 0 < ms - b <= 2 and norm[b:ms].strip() in ("(", "（") and not is_outlet(x)]
    if tagged:
        return out(tagged[-1], "clause")  # "招商银行(2514.20亿元)": the figure bracketed after a name
    paying = [x for a, b, x in ents if b <= ms and _PAYS_WITH.match(norm[b:ms])]
    if paying:
        return out(paying[-1], "clause")  # "緯穎科技（6669）以2.5億美元增資美國": who puts the money in
    buyers = [x for a, b, x in ents if a < ms and _BUYER_BEFORE.search(norm[max(0, a - 60):a])]
    if buyers:
        return out(buyers[-1], "clause")  # "to be acquired by an entity affiliated with Sycamore Partners"
    # "IBM agreed to buy ... Red Hat for about $33 billion": the buyer, not the company bought
    acquirers = [x for a, b, x in ents if b <= ms and ms - b <= _BUYS_REACH and _BUYS_AFTER.match(norm[b:ms])
                 and not _is_analyst(x)
                 and not _OBJ_EN.search(norm[max(0, a - 40):a])]
    if acquirers:
        return out(acquirers[-1], "clause")
    # "a $2.84 billion offer from Cisco": the bidder named after the offer
    bidders = [x for a, b, x in ents if a >= me and (_OFFER_FROM.match(norm[me:a]) or _DONE_BY.match(norm[me:a]))
               and not _is_analyst(x)]
    if bidders:
        return out(bidders[0], "clause")
    owners = [x for a, b, x in ents if b <= ms and clause_index(bounds, a) == clause
              and _OWNER_AFTER.match(norm[b:b + 40]) and not _is_analyst(x)]
    if owners:
        return out(owners[-1], "clause")  # "agreed to Cisco's offer of $4.5 billion": the offer is Cisco's
    sdoc = d.parses.get(si)
    if sdoc is not None:
        # The syntax may name an entity the preposition rule set aside ("depends on OpenAI
        # honoring its commitment to spend"); headers and quoted analysts stay out.
        named = [t for t in ents if not _HEADER_AFTER.match(norm[t[1]:t[1] + 4]) and not is_outlet(t[2])
                 and not _BACKER_AFTER.match(norm[t[1]:t[1] + 12]) and not _SEGMENT_AFTER.match(norm[t[1]:t[1] + 16])
                 and not _BACKER_BEFORE.search(norm[max(0, t[0] - 40):t[0]])
                 and not _SRC_BEFORE.search(norm[max(0, t[0] - 40):t[0]])
                 and not _modifies(norm, t[0], t[1])
                 and not (_PERSON_TITLE_AFTER.match(norm[t[1]:t[1] + 30])
                          and _FORMER_BEFORE.search(norm[max(0, t[0] - 20):t[0]]))
                 and not (t[2].canonical in en.ANALYSTS and _FORECAST_AFTER.match(norm[t[1]:t[1] + 16]))]
        found, decided = _parse_subject(sdoc, ms, me, named)
        if found:
            return out(found, "parse")
        if decided:
            return None, "parse"
    # "Alphabet预计支出1850亿美元": a company speaking of its own figure in the same clause
    own = [x for a, b, x in able if b <= ms and clause_index(bounds, a) == clause
           and not (_is_source(norm, b) and _is_analyst(x))]
    speakers = [t for t in able if _is_source(norm, t[1])]
    able = [t for t in able if not _is_source(norm, t[1])] or speakers
    before = [x for a, b, x in able if b <= ms and clause_index(bounds, a) == clause] or own
    if before:
        return out(before[-1], "clause")
    earlier = [x for a, b, x in able if b <= ms]
    if earlier:
        return out(earlier[0], "topic")
    after = [x for a, b, x in able if a >= me and clause_index(bounds, a) == clause]
    if after:
        return out(after[0], "clause")
    # "The world's biggest maker of memory chips expected a profit of X, Samsung Electronics said":
    # the company speaking after its own figure, when no other is named
    later = [x for a, b, x in speakers if a >= me and not _is_analyst(x)]
    if later and len({x.canonical for _, _, x in able}) == 1:
        return out(later[0], "clause")
    actors = [t for t in able if not _is_analyst(t[2])]
    pronoun = _PRONOUN.search(norm[:ms])
    if not actors and not pronoun and cjk_share(norm) > 0.2:
        # "新浪前一交易日收盘价为40.19美元": a name the tables do not know opens the clause
        starts = sorted({0, max([b + 1 for b in bounds if b < ms], default=0)})
        for start in starts:
            name = clause_topic(norm[start:ms].lstrip(" -–—•·*"))
            if name:
                return (name, name, -1), "topic"
    if (not actors or pronoun) and not _owner_named(d, si, ms):
        prev = antecedent(d, si)
        if prev:
            return (prev.canonical, "", -1), "previous"
    return None, "clause"


# "the Japanese entertainment and electronics firm", "The Mumbai-headquartered automaker": a
# place inside a description of the company, which points back to it.
_PLACE_IN_DESCRIPTION = re.compile(rf"^(?:-(?:based|headquartered))?(?:\s+(?:and\s+)?[a-z][\w-]*){{0,4}}?"
                                   rf"\s+{en.COMPANY_DESCRIPTORS}s?\b")


def _owner_named(d: Doc, si: int, ms: int) -> bool:
    """A country, person or product named before the figure owns it ("China's AI spending")."""
    s = d.sentences[si][0]
    return any(x.label in ("GPE", "NORP", "PRODUCT")
               and not (x.label != "PRODUCT" and _THE_BEFORE.search(d.norm[max(s, x.start - 6):x.start])
                        and _PLACE_IN_DESCRIPTION.match(d.norm[x.end:s + ms]))
               for x in d.starting_in(d.entities, s, s + ms))


def antecedent(d: Doc, si: int) -> Entity | None:
    """The company the paragraph (or the headline) named last before sentence `si`; else
    the one company the whole text names."""
    # Banks and brokers name other companies' figures: the company before them first.
    found = _named_before(d, si, actors=True) or _named_before(d, si)
    if found:
        return found
    entities, topic = d.memo(("topic", id(d.entities)), lambda: (d.entities, _topic(d)))
    return topic if entities is d.entities else _topic(d)


_TICKER_AFTER = re.compile(r"\s?\((?:[A-Z]+:\s?)?[A-Z]{1,5}(?:[.-][A-Z]{1,2})?\)")


def _topic(d: Doc) -> Entity | None:
    """The company the text is about: the first it names that can act; failing that, the one
    company it names only by shape ("Hyundai said"), if it names no other. Read once per text."""
    weak: list[Entity] = []
    for x in d.entities:
        if x.label == "ORG" and not _is_analyst(x) and not is_investor(x):
            s, e = d.sentences[sentence_of(d.sentences, x.start)]
            if eligible(d.norm[s:e], x.start - s, x.end - s, x):
                if not x.weak:
                    return x
                weak.append(x)
    if weak and len({x.canonical for x in weak}) == 1:
        return weak[0]
    # "Curious about Cleveland-Cliffs (CLF) Q4 Performance?": a headline is about the one
    # company it names with its ticker, whatever word stands before it
    head = d.headline()
    named = {x.canonical: x for x in d.starting_in(d.entities, *head) if x.label == "ORG"
             and _TICKER_AFTER.match(d.text, x.end) and not _is_analyst(x) and not is_outlet(x)} if head else {}
    return next(iter(named.values())) if len(named) == 1 else None


def _named_before(d: Doc, si: int, actors: bool = False) -> Entity | None:
    """The company of the nearest earlier sentence that names one (a known name before one
    found by shape in that sentence)."""
    for j in d.earlier_sentences(si, LOOKBACK):
        s, e = d.sentences[j]
        norm = d.norm[s:e]
        here = d.starting_in(d.entities, s, e)
        found = [x for x in here
                 if x.label == "ORG" and not is_investor(x)
                 and not (actors and _is_analyst(x)) and eligible(norm, x.start - s, x.end - s, x)
                 and not _joint(norm, x.start - s, x.end - s,
                                [(y.start - s, y.end - s, y) for y in here if y.label == "ORG"])]
        strong = [x for x in found if not x.weak]
        if strong or found:
            return (strong or found)[0]
    return None


_LIST_GAP = re.compile(r"^\s*(?:[（(]\d{4,6}(?:\.\w+)?[)）])?\s*(?:[、,，/]|and|及|和|与|以及|&)\s*$", re.I)


def listed(d: Doc, si: int, items: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of items (offsets in the text) joined as a list: "A、B和C", "A, B and C"."""
    return list_runs(d.norm, items, lambda gap: bool(_LIST_GAP.match(gap.replace(", and", "and"))))


def respective(d: Doc, si: int, money: list[tuple[int, int]]) -> dict[int, Entity]:
    """'亚马逊、谷歌和微软的资本开支分别为A、B和C', 'X and Y reported $A and $B respectively':
    each figure of a list belongs to the company in the same place of a list of companies."""
    s, e = d.sentences[si]
    if not RESPECTIVE.search(d.norm[s:e]):
        return {}
    ents = [x for x in d.starting_in(d.entities, s, e) if x.label == "ORG"]
    ent_runs = [r for r in listed(d, si, [(x.start, x.end) for x in ents]) if len(r) >= 2]
    out: dict[int, Entity] = {}
    for run in listed(d, si, money):
        if len(run) < 2:
            continue
        match = [r for r in ent_runs if len(r) == len(run) and ents[r[-1]].end <= money[run[0]][0]]
        if match:
            for k, i in enumerate(run):
                out[money[i][0]] = ents[match[-1][k]]
    return out
