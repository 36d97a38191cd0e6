"""Where the English statistical pipeline runs, and the subjects that follow from it."""

from datetime import date

import pytest

from extractors.claims import Extractor
from extractors.model_gate import needs_model, needs_ner

# (text, whether its last sentence goes to the statistical pipeline)
GATE = [
    # one known company that can be the subject: the clause rules name it
    ("Meta reported revenue of $40 billion.", False),
    # several known companies: the syntax decides who pays
    ("Google pays Apple roughly $20 billion a year to be the default search engine.", True),
    ("Oracle's existence depends on OpenAI honoring its commitment to spend $300 billion.", True),
    # the one known company is a backer, not the subject: NER may find the startup
    ("SoftBank-backed Ampere raised $1 billion.", True),
    # no known company, but a name may be there before the figure
    ("Initech's revenue was $9.65 billion in 2025.", True),
    ("xMoney raised $21.5 million in a seed round.", True),
    # no known company and no name before the last figure: the paragraph's company, not NER's
    ("Net profit was 1.3 trillion yen (US$12.3 billion) in the April to June quarter after the group "
     "booked a gain following the merger of US wireless carrier Sprint with T-Mobile US.", False),
    ("But the new outlook is still dimmer than the ¥468.2 billion profit for the year that ended in March.", False),
    ("The operating profit was lower than the market consensus of 3.11 trillion won, as compiled by "
     "market tracker FnGuide.", False),
    # no metric word: no claim can come of it
    ("Initech moved its head office to Austin, a $12 taxi ride away.", False),
]


@pytest.mark.parametrize(("text", "expected"), GATE, ids=[g[0][:40] for g in GATE])
def test_gate(extractor: Extractor, text: str, expected: bool) -> None:
    d = extractor._scan(text, "en", None)
    s, e = d.sentences[-1]
    assert needs_model(d, s, e) is expected


# Texts from the real-text corpus whose subjects changed when NER stopped reading sentences
# that name nobody: each claim is the annotated one.
ROWS = [
    ("TOKYO: SoftBank Group on Tuesday (Aug 11) reported a 12 per cent rise in net income.\n\n"
     "Net profit was 1.3 trillion yen (US$12.3 billion) in the April to June quarter after the group booked a "
     "gain following the merger of US wireless carrier Sprint with T-Mobile US. The result compared with "
     "1.2 trillion yen in the same period a year earlier.",
     [("SoftBank", "profit", 1.3e12, "JPY"), ("SoftBank", "profit", 1.2e12, "JPY")]),
    ("Toyota Motor cut its full-year forecast.\n\nBut the new outlook is still dimmer than the ¥468.2 billion "
     "profit for the year that ended in March.",
     [("Toyota Motor", "profit", 468.2e9, "JPY")]),
    ("Kia reported a record-high operating profit on Friday.\n\nThe automaker registered revenue of 26.5 "
     "trillion won for the July-September period, 3.8 percent higher on year, said market tracker FnGuide.",
     [("Kia", "revenue", 26.5e12, "KRW")]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:30] for r in ROWS])
def test_paragraph_company_not_ner_fragment(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    got = extractor.extract(text, None, date(2025, 11, 1)).claims
    assert [(c.subject, c.metric, c.low, c.currency) for c in got] == [
        (s, m, pytest.approx(v), cur) for s, m, v, cur in expected]


# (text, whether NER reads its last sentence as well as the parser)
NER = [
    # several known companies: the parse decides between them, NER's names are not needed
    ("Google pays Apple roughly $20 billion a year to be the default search engine.", False),
    # one known company, a backer: the startup is NER's to find
    ("SoftBank-backed Ampere raised $1 billion.", True),
    ("Initech's revenue was $9.65 billion in 2025.", True),
]


@pytest.mark.parametrize(("text", "expected"), NER, ids=[g[0][:40] for g in NER])
def test_ner_only_where_names_are_wanted(extractor: Extractor, text: str, expected: bool) -> None:
    d = extractor._scan(text, "en", None)
    s, e = d.sentences[-1]
    assert needs_ner(d, s, e) is expected


def test_parse_without_ner_still_decides_the_payer(extractor: Extractor) -> None:
    claims = extractor.extract("Google pays Apple roughly $20 billion a year to be the default search engine.").claims
    assert [(c.subject, c.metric) for c in claims] == [("Google", "spending")]
