"""Thesis checkpoints: a note's "What validates / invalidates the thesis" checklists.

Each checklist item becomes a checkpoint; the shipped rules (extractors/data/checkpoints.toml)
say which claims bear on it: a metric, and a direction against the last known value. A note
adds its own in frontmatter; an entry there takes the place of the shipped rules for its item:

    checkpoints:
      "Capex guidance increases continue": capex up
      "Power/DC constraints persist": {metric: [capex, spending], direction: up, words: [power, grid]}
      "China cuts chip imports": {metric: spending, direction: down, side: invalidates}
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from extractors.vocabulary import METRIC_VOCABULARY

SIDES = ("validates", "invalidates")
DIRECTIONS = ("up", "down", "any")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_INVALID = re.compile(r"invalidat|\brefut|\bfalsif|\bdisprov|证伪|推翻|否定|反驳", re.I)
_VALID = re.compile(r"\bvalidat|\bconfirm|\bsupport|验证|证实|支持|印证", re.I)
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s*)?(?P<text>\S.*?)\s*$")
_MARKUP = re.compile(r"\*\*|__|\[\[|\]\]|`")


@lru_cache(maxsize=4096)
def _word(pattern: str) -> re.Pattern[str]:
    """A rule's word, compiled once: a listing tries each on tens of thousands of sentences."""
    return re.compile(pattern, re.I)


@dataclass(frozen=True)
class Rule:
    """Claims of these metrics, moving this way, whose sentence says one of `words` (if any)."""

    metrics: tuple[str, ...]
    direction: str  # up, down, any
    words: tuple[str, ...] = ()

    def fits(self, metric: str, sentence: str, change: str | None) -> bool:
        """Whether a claim with this metric, sentence and change (up, down or None) bears on it."""
        if metric not in self.metrics:
            return False
        if self.direction != "any" and change != self.direction:
            return False
        return not self.words or any(_word(w).search(sentence) for w in self.words)


@dataclass(frozen=True)
class Checkpoint:
    """A checklist item of a note, which side of the thesis it stands on, and its rules."""

    text: str
    side: str  # validates, invalidates
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class _Shipped:
    rules: tuple[tuple[tuple[str, ...], Rule], ...]  # item patterns -> rule
    up: re.Pattern[str]  # what a sentence says when its figure went up
    down: re.Pattern[str]


@cache
def _shipped() -> _Shipped:
    raw = resources.files("extractors").joinpath("data/checkpoints.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    rules = tuple((tuple(r["items"]), Rule(tuple(r["metrics"]), r["direction"], tuple(r.get("words", ()))))
                  for r in data.get("rule", []))
    change = data.get("change", {})
    def one(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.I)

    return _Shipped(rules, one(change.get("up", [])), one(change.get("down", [])))


def shipped_rules(item: str) -> tuple[Rule, ...]:
    """The shipped rules whose item patterns match a checklist item's text."""
    return tuple(rule for patterns, rule in _shipped().rules if any(re.search(p, item, re.I) for p in patterns))


def stated_change(sentence: str) -> str | None:
    """'up' or 'down' when the sentence says so ("up 66% from a year earlier", 同比下降), else None."""
    shipped = _shipped()
    up = shipped.up.search(sentence) is not None
    down = shipped.down.search(sentence) is not None
    if up == down:
        return None
    return "up" if up else "down"


def _clean(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


def parse_checkpoints(lines: list[str], prose: list[bool], frontmatter: dict[str, Any],
                      rel: str = "") -> tuple[tuple[Checkpoint, ...], tuple[str, ...]]:
    """Checkpoints of a note, and a message for each frontmatter entry that could not be read.

    `lines` are the note's lines, `prose` says which count (not frontmatter, not fenced code).
    """
    items: list[tuple[str, str]] = []  # (text, side)
    side: str | None = None
    for line, is_prose in zip(lines, prose, strict=True):
        if not is_prose:
            continue
        text = line.rstrip("\r\n")
        heading = _HEADING.match(text)
        if heading:
            title = heading.group("title")
            side = "invalidates" if _INVALID.search(title) else "validates" if _VALID.search(title) else None
            continue
        item = _ITEM.match(text)
        if side and item:
            cleaned = _clean(item.group("text"))
            if cleaned and (cleaned, side) not in items:
                items.append((cleaned, side))
    own, problems = _own_rules(frontmatter.get("checkpoints"), rel)
    out = []
    for text, item_side in items:
        entry = own.pop(text.casefold(), None)
        out.append(Checkpoint(text, item_side, entry[2] if entry else shipped_rules(text)))
    # Entries for items the checklists do not hold are checkpoints of their own.
    out.extend(Checkpoint(text, own_side, rules) for text, own_side, rules in own.values())
    return tuple(out), tuple(problems)


def _own_rules(value: object, rel: str) -> tuple[dict[str, tuple[str, str, tuple[Rule, ...]]], list[str]]:
    """A note's `checkpoints:` mapping: folded item text -> (text, side, rules); and problems."""
    out: dict[str, tuple[str, str, tuple[Rule, ...]]] = {}
    problems: list[str] = []
    if value is None:
        return out, problems
    where = f"{rel}: frontmatter checkpoints" if rel else "frontmatter checkpoints"
    if not isinstance(value, dict):
        return out, [f"{where}: expected a mapping of checklist item to metric and direction"]
    for key, spec in value.items():
        text = _clean(str(key))
        try:
            side, rules = _read_spec(spec)
        except ValueError as exc:
            problems.append(f"{where}: {text!r}: {exc}; entry ignored")
            continue
        if text:
            out[text.casefold()] = (text, side, rules)
    return out, problems


def _read_spec(spec: object) -> tuple[str, tuple[Rule, ...]]:
    """'capex up', {metric: capex, direction: up, side: invalidates, words: [...]}, or a list of them."""
    specs = spec if isinstance(spec, list) else [spec]
    side = "validates"
    rules = []
    for one in specs:
        if isinstance(one, str):
            words = one.replace(",", " ").split()
            one = {"metric": [w for w in words if w not in DIRECTIONS and w not in SIDES],
                   "direction": next((w for w in words if w in DIRECTIONS), "any"),
                   "side": next((w for w in words if w in SIDES), None)}
        if not isinstance(one, dict):
            raise ValueError("expected 'metric direction' or a mapping with metric and direction")
        metrics = _listed(one.get("metric", one.get("metrics")))
        bad = [str(m) for m in metrics if m not in METRIC_VOCABULARY]
        if not metrics or bad:
            raise ValueError(f"unknown metric {', '.join(bad) or '(none)'}; use one of {', '.join(METRIC_VOCABULARY)}")
        direction = str(one.get("direction") or "any")
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
        if one.get("side") is not None:
            side = str(one["side"])
            if side not in SIDES:
                raise ValueError(f"side must be validates or invalidates, not {side!r}")
        words = [str(w) for w in _listed(one.get("words"))]
        rules.append(Rule(tuple(str(m) for m in metrics), direction, tuple(re.escape(w) for w in words)))
    return side, tuple(rules)


def _listed(value: object) -> list[object]:
    """A YAML value as a list: one item, a list, or nothing."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def bears_on(metric: str, sentence: str, change: str | None, theses: list[str],
             by_note: dict[str, tuple[Checkpoint, ...]]) -> list[dict[str, str]]:
    """`{checkpoint, note, direction}` for each checkpoint of the claim's notes it bears on."""
    out = []
    for note in theses:
        for cp in by_note.get(note, ()):
            if any(rule.fits(metric, sentence, change) for rule in cp.rules):
                out.append({"checkpoint": cp.text, "note": note, "direction": cp.side})
    return out
