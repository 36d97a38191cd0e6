"""Extraction speed on the bench corpus as built and with every digit randomised (so no
cache of a sentence or figure seen before can help), one core and two.

    python -m tests.bench.speed [--texts 2000] [--root DIR] [--dump FILE]

`--root` imports `extractors` from another checkout (an older commit, for an old/new
comparison run alternately on the same texts); `--dump` pickles every extraction of the
real-text corpus, the dev set and both bench corpora, to diff two checkouts' output.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_DIGIT = re.compile(r"\d")


def randomised(texts: list[str], seed: int = 7) -> list[str]:
    """The texts with each digit replaced by a random one, per occurrence."""
    rng = random.Random(seed)
    return [_DIGIT.sub(lambda _m: str(rng.randrange(10)), t) for t in texts]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--root", type=Path)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args(argv)
    if args.root:
        sys.path.insert(0, str(args.root))
    from extractors.claims import Extractor
    from tests.bench.corpus import build

    texts = [t for _, t in build(args.texts)]
    corpora = {"build": texts, "randomised": randomised(texts)}
    ex = Extractor()
    ex.warm()
    ex.extract_many([(t, None, None) for t in randomised(texts[:20], seed=99)])
    results: dict[str, Any] = {"extractors": str(sys.modules["extractors"].__path__[0])}
    if args.dump:
        from datetime import date

        from pipeline.evaluate import load

        out: dict[str, Any] = {}
        for name in ("real", "dev.jsonl"):
            recs = load(ROOT / "fixtures" / "extract" / name)
            items = [(r["text"], r["lang"], date.fromisoformat(r["published"]) if r["published"] else None)
                     for r in recs]
            out[name] = ex.extract_many(items)
        for name, ts in corpora.items():
            out[name] = ex.extract_many([(t, None, None) for t in ts[:400]])
        args.dump.write_bytes(pickle.dumps({k: [repr(e) for e in v] for k, v in out.items()}))
    for _ in range(args.rounds):
        for name, ts in corpora.items():
            items = [(t, None, None) for t in ts]
            t0 = time.perf_counter()
            ex.extract_many(items)
            one = time.perf_counter() - t0
            t0 = time.perf_counter()
            ex.extract_parallel(items, processes=2)
            two = time.perf_counter() - t0
            results.setdefault(name, []).append({"one_core": round(len(ts) / one, 1),
                                                 "two_cores": round(len(ts) / two, 1)})
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
