"""`make eval`'s dedup section: feed items written against the demo vault, through the real
scan, extraction and queue, scored against `expected.json`.

Each expected fact names its items, its subject and value, and what should become of it:
`known` (dropped: the notes hold it), `queued` (a near miss: another value or period),
`conflict` (queued and marked), `merged` (one queue item whose sources are all its items,
each article one source). Items in `no_claim` must queue nothing.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from extractors.claims import Extractor
from extractors.numbers import round_sig
from extractors.spans import Claim
from models import Article, Database, database_url
from pipeline.queue import QueueStats, claim_views, list_claims, queue_claims
from pipeline.vault import alias_table, evidence_index, read_vault, routing_table, scan

TARGETS = {"restated_dropped": 0.95, "near_misses_queued": 1.0, "both_languages_merged": 1.0,
           "conflicts_marked": 1.0, "no_claim_clean": 1.0}


def queue_items(folder: Path, vault: Path) -> tuple[list[dict[str, Any]], dict[int, str], dict[str, list[Claim]]]:
    """Queue the dev set's items against the vault in a fresh database: the claim views,
    article id -> item id, and each item's extracted claims."""
    items = [json.loads(line) for line in (folder / "items.jsonl").read_text("utf-8").splitlines() if line.strip()]
    notes, _ = read_vault(vault)
    aliases = alias_table(notes)
    extractor = Extractor(aliases)
    stats = QueueStats()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(database_url(Path(tmp) / "dedup.db"))
        try:
            scan(db, vault, extractor, notes)
            index, routes = evidence_index(db), routing_table(notes, aliases)
            texts = [("\n".join(p for p in (it.get("summary", ""), it["body"]) if p), None,
                      date.fromisoformat(it["published"])) for it in items]
            extractions = extractor.extract_many(texts)
            names: dict[int, str] = {}
            found = {it["id"]: list(ex.claims) for it, ex in zip(items, extractions, strict=True)}
            for it, ex in zip(items, extractions, strict=True):
                with db.session() as s:
                    art = Article(key=f"dedup|{it['id']}", content_hash=it["id"], title=it["title"],
                                  published=date.fromisoformat(it["published"]), summary=it.get("summary", ""),
                                  body=it["body"], extracted=True)
                    s.add(art)
                    s.flush()
                    names[art.id or 0] = it["id"]
                    queue_claims(s, art, list(ex.claims), index, routes, stats)
            with db.session() as s:
                views = claim_views(s, list_claims(s, None))
        finally:
            db.close()
    return views, names, found


def _matches(view: dict[str, Any], fact: dict[str, Any]) -> bool:
    return (view["subject"].casefold() == fact["subject"].casefold()
            and round_sig(view["low"]) == round_sig(float(fact["value"])))


def score(folder: Path, vault: Path) -> tuple[dict[str, float], list[str]]:
    """Rates per kind of fact, and one line per miss."""
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    views, names, extracted = queue_items(folder, vault)
    by_item: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in views:
        for src in v["sources"]:
            by_item[names.get(src["article_id"], "?")].append(v)
    hits: dict[str, list[bool]] = defaultdict(list)
    errors: list[str] = []
    for fact in expected["facts"]:
        kind, ids = fact["expect"], fact["items"]
        found = [v for i in ids for v in by_item.get(i, []) if _matches(v, fact)]
        label = f"{'+'.join(ids)} {fact['subject']} {fact['value']:g}"
        if kind == "known":  # extracted, then dropped: a fact the extractor missed proves nothing
            seen = [c for i in ids for c in extracted[i] if _matches(c.to_json() | {"low": c.low}, fact)]
            ok = bool(seen) and not found
            hits["restated_dropped"].append(ok)
            if not seen:
                errors.append(f"{label}: not extracted, so not measured as dropped")
            elif found:
                errors.append(f"{label}: queued as {found[0]['metric']} {found[0]['period']}, the notes hold it")
        elif kind in ("queued", "conflict"):
            ok = bool(found)
            if kind == "conflict":
                ok = ok and any(f["kind"] == "conflict" for f in found[0]["flags"])
                hits["conflicts_marked"].append(ok)
            else:
                hits["near_misses_queued"].append(ok)
            if not ok:
                errors.append(f"{label}: expected {kind}, got {'no item' if not found else 'no conflict flag'}")
        elif kind == "merged":
            distinct = {v["id"] for v in found}
            item = found[0] if len(distinct) == 1 else None
            sources = {names.get(s["article_id"]) for s in item["sources"]} if item else set()
            ok = item is not None and set(ids) <= sources and len(item["sources"]) == len(ids)
            if ok and item and fact.get("langs"):  # a translated article: one source, two languages
                ok = all(len(s["langs"]) == fact["langs"] for s in item["sources"])
            hits["both_languages_merged"].append(ok)
            if not ok:
                errors.append(f"{label}: expected one item with {len(ids)} sources, got {len(distinct)} items"
                              + (f", {len(item['sources'])} sources" if item else ""))
        if fact.get("change"):
            change = found[0].get("change") if found else None
            ok = change is not None and fact["change"] in change["text"]
            hits["changes_shown"].append(ok)
            if not ok:
                errors.append(f"{label}: expected change {fact['change']!r}, got {change and change['text']!r}")
    for item in expected["no_claim"]:
        ok = not by_item.get(item)
        hits["no_claim_clean"].append(ok)
        if not ok:
            errors.append(f"{item}: expected no claim, queued {by_item[item][0]['subject']} {by_item[item][0]['value']}")
    scores = {k: sum(v) / len(v) for k, v in sorted(hits.items())}
    scores |= {f"{k}_n": float(len(v)) for k, v in sorted(hits.items())}
    return scores, errors


def report(folder: Path, vault: Path, verbose: bool) -> dict[str, float]:
    """Print the dedup table and return its scores."""
    scores, errors = score(folder, vault)
    print(f"== {folder} (dedup, against {vault})")
    for k, v in scores.items():
        if not k.endswith("_n"):
            print(f"{k:24}{v:>8.3f}  ({int(scores[k + '_n'])} facts)")
    if verbose:
        for e in errors:
            print(f"[dedup] {e}")
    failed = [f"{k} {scores[k]:.3f} < {t}" for k, t in TARGETS.items() if scores.get(k, 1.0) < t]
    print("targets met" if not failed else "below target: " + "; ".join(failed))
    return scores
