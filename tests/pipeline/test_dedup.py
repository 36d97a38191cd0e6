"""The evidence index: fingerprints, the period-less match, near-identical wording."""

from pipeline.dedup import (
    FLAG_SIMILARITY,
    KNOWN_SIMILARITY,
    EvidenceIndex,
    fingerprint,
    loose_fingerprint,
    normalize_text,
    route,
)


def test_fingerprint_ignores_language_and_rounding() -> None:
    a = fingerprint("OpenAI", "revenue", "2025", "USD", 13.04e9, 13.04e9)
    b = fingerprint("openai", "revenue", "2025", "USD", 130.4e8, 130.4e8)
    assert a == b
    assert a != fingerprint("OpenAI", "revenue", "2024", "USD", 13.04e9, 13.04e9)


def test_known_by_fingerprint_or_by_figure_where_a_period_is_missing() -> None:
    idx = EvidenceIndex()
    idx.add_claim(fingerprint("Meta", "capex", None, "USD", 135e9, 135e9),
                  loose_fingerprint("Meta", "capex", "USD", 135e9, 135e9), has_period=False)
    idx.add_claim(fingerprint("Google", "debt", "2025", "USD", 46.5e9, 46.5e9),
                  loose_fingerprint("Google", "debt", "USD", 46.5e9, 46.5e9), has_period=True)
    # the row names no period: any period of the same figure is the same fact
    assert idx.known(fingerprint("Meta", "capex", "2026", "USD", 135e9, 135e9),
                     loose_fingerprint("Meta", "capex", "USD", 135e9, 135e9), True)
    # the new claim names none: the row's period does not make it new
    assert idx.known(fingerprint("Google", "debt", None, "USD", 46.5e9, 46.5e9),
                     loose_fingerprint("Google", "debt", "USD", 46.5e9, 46.5e9), False)
    # both name a period, and they differ: a different fact
    assert not idx.known(fingerprint("Google", "debt", "2024", "USD", 46.5e9, 46.5e9),
                         loose_fingerprint("Google", "debt", "USD", 46.5e9, 46.5e9), True)


def test_near_identical_wording_with_the_same_figure() -> None:
    idx = EvidenceIndex()
    idx.add_text("[[Oracle]] sold **$25B** of debt in single day (Mon Feb 3)", [("USD", 25e9)])
    close = idx.near("Oracle sold $25B of debt in a single day (Mon Feb 3)", "USD", 25e9)
    assert close is not None and close[0] >= KNOWN_SIMILARITY
    assert idx.near("Oracle sold $25B of debt in a single day", "USD", 26e9) is None  # another figure
    loose = idx.near("Oracle raised $25B selling bonds to several large investors", "USD", 25e9)
    assert loose is None or FLAG_SIMILARITY <= loose[0] < KNOWN_SIMILARITY


def test_normalize_and_route() -> None:
    assert normalize_text("**$25B** of [[Oracle]]  debt") == "$25b of oracle debt"
    notes = [("A.md", {"oracle"}, True), ("Reading.md", {"oracle"}, False), ("B.md", {"meta"}, True)]
    assert route("Oracle", notes) == ["A.md"]
    assert route("Meta", notes) == ["B.md"]
    assert route("Tesla", notes) == []
