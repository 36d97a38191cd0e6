"""A text of thousands of figures, names or sentences is read in bounded pieces, and the
indexes that replace whole-text passes answer exactly what the passes answered."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.claims import Extractor
from extractors.context import Doc
from extractors.metrics import _TOUCHES, _Figures
from extractors.money import find_money
from extractors.occupied import Occupied
from extractors.sentences import (
    MAX_SENTENCE_CHARS,
    MAX_SENTENCE_FIGURES,
    bound_sentences,
    split_sentences,
)
from extractors.spans import Period

SPANS = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 90)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=30)


@settings(max_examples=300, deadline=None)
@given(SPANS, st.integers(0, 500), st.integers(0, 100))
def test_occupied_answers_as_a_pass_over_all_spans(spans, start, length):
    taken = Occupied(spans)
    end = start + length
    assert taken.overlaps(start, end) == any(a < end and start < b for a, b in spans)


def _disjoint(cuts: list[int]) -> list[tuple[int, int]]:
    points = sorted(set(cuts))
    return [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 300), max_size=24), st.integers(0, 320), st.integers(0, 40),
       st.sampled_from(["", " in ", "的", " of the ", "xxxx"]))
def test_figure_index_answers_as_a_pass_over_all_figures(cuts, a, length, gap):
    spans = _disjoint(cuts)
    figs = _Figures(spans)
    b = a + length
    norm = (gap * 200)[:400]
    assert figs.overlapping(a, b) == any(a < o1 and o0 < b for o0, o1 in spans)
    assert figs.within(a, b) == any(a <= o0 and o1 <= b for o0, o1 in spans)
    want = any(0 <= a - o1 <= 3 or 0 <= o0 - b <= 2 or _TOUCHES.match(norm[o1:a]) for o0, o1 in spans)
    assert figs.touching(norm, a, b) == bool(want)


def test_items_starting_in_a_range_are_found_by_position_in_or_out_of_order():
    rng = random.Random(5)
    periods = sorted((Period(p, p + 4, "x", "2025") for p in rng.sample(range(1000), 60)), key=lambda p: p.start)
    d = Doc("x" * 1100, "en", None, [], periods, [(0, 1100)], [], [], {})
    for s, e in [(0, 0), (0, 1100), (100, 350), (999, 1000), (500, 400)]:
        assert list(d.starting_in(d.periods, s, e)) == [p for p in periods if s <= p.start < e]
    shuffled = periods[:]
    rng.shuffle(shuffled)
    assert list(d.starting_in(shuffled, 100, 350)) == [p for p in shuffled if 100 <= p.start < 350]


def test_a_sentence_of_thousands_of_figures_is_read_in_pieces_never_cut_inside_a_figure():
    text = "Acme reported revenue of " + ", ".join(f"${i} million" for i in range(1, 3000)) + \
        " and $3000 million respectively."
    figures = [(m.start, m.end) for m in find_money(text, "en")]
    pieces = bound_sentences(text, split_sentences(text), figures)
    assert len(pieces) > 3000 // MAX_SENTENCE_FIGURES
    for s, e in pieces:
        assert e - s <= MAX_SENTENCE_CHARS
        assert sum(s <= a < e for a, _ in figures) <= MAX_SENTENCE_FIGURES
        assert all(b <= e or a >= e for a, b in figures)  # no figure runs across a cut
    assert sum(sum(s <= a < e for a, _ in figures) for s, e in pieces) == len(figures)


def test_ordinary_sentences_are_left_whole():
    text = "Acme's revenue rose to $5 billion. It expects $6 billion next year, and $7 billion after."
    sentences = split_sentences(text)
    assert bound_sentences(text, sentences, [(m.start, m.end) for m in find_money(text, "en")]) == sentences


def test_a_text_without_sentence_marks_is_cut_at_a_space():
    text = "word " * 2000 + "Acme spent $5 billion on capex."
    pieces = bound_sentences(text, split_sentences(text), [(m.start, m.end) for m in find_money(text, "en")])
    assert len(pieces) >= len(text) // MAX_SENTENCE_CHARS
    assert all(text[e] == " " for _, e in pieces[:-1])  # cut after a space, never inside a word


def test_a_huge_list_still_gives_every_figure_and_only_finite_values():
    ex = Extractor(use_ner=False)
    text = "腾讯营业收入分别为" + "、".join(f"{i}亿元" for i in range(1, 2001)) + "。"
    out = ex.extract(text)
    assert len(out.money) == 2000
    assert out.money[-1].low == 2000e8
    assert all(c.low == c.low and c.low < float("inf") for c in out.claims)


def test_a_value_too_large_for_a_float_is_no_figure():
    digits = "9" * 320
    assert find_money(f"Meta spent ${digits} billion on capex.", "en") == []
    assert find_money(f"腾讯资本支出{digits}亿元", "zh") == []
    assert [m.low for m in find_money("Meta spent $5 billion on capex.", "en")] == [5e9]
