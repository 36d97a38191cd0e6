"""The chart of one subject and metric: values by period, one series per modality and period length.

Drawn server-side as SVG. Every label comes from stored text, so everything is escaped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape

from markupsafe import Markup
from sqlmodel import Session, select

from models import ClaimRecord, EvidenceClaim
from pipeline.units import short_amount

_PERIOD = re.compile(r"^(?:(?P<kind>Q[1-4]|H[12]|9M)\s+)?(?:FY|CY)?(?P<year>\d{4})$")
_KIND_LEN = {"Q": "quarter", "H": "half", "9": "nine months", "": "year"}
COLORS = ["#3b6fd8", "#c2410c", "#15803d", "#7e22ce", "#0e7490", "#a16207"]
W, H, L, R, T, B = 640, 260, 70, 150, 16, 46


def period_position(period: str | None) -> tuple[float, str] | None:
    """Where a period ends on a time axis (years) and its length; None when not a period."""
    m = _PERIOD.match((period or "").strip())
    if not m:
        return None
    year, kind = int(m.group("year")), m.group("kind") or ""
    if kind.startswith("Q"):
        return year - 1 + int(kind[1]) / 4, "quarter"
    if kind.startswith("H"):
        return year - 1 + int(kind[1]) / 2, "half"
    if kind == "9M":
        return year - 0.25, "nine months"
    return float(year), "year"


def _points(s: Session, rec: ClaimRecord) -> dict[tuple[str, str], list[tuple[float, float, str, str]]]:
    """Series key (modality, period length) -> (x, value, period, origin) points."""
    series: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    seen: set[tuple[str, str, float]] = set()
    for ec in s.exec(select(EvidenceClaim).where(EvidenceClaim.subject == rec.subject)
                     .where(EvidenceClaim.metric == rec.metric)).all():
        pos = period_position(ec.period)
        if pos and ec.currency == rec.currency and (ec.period or "", "reported", ec.low) not in seen:
            seen.add((ec.period or "", "reported", ec.low))
            series[("reported", pos[1])].append((pos[0], ec.low, ec.period or "", "evidence"))
    for c in s.exec(select(ClaimRecord).where(ClaimRecord.subject == rec.subject)
                    .where(ClaimRecord.metric == rec.metric).where(ClaimRecord.status != "rejected")).all():
        pos = period_position(c.period)
        if pos and c.currency == rec.currency and (c.period or "", c.modality, c.low) not in seen:
            seen.add((c.period or "", c.modality, c.low))
            series[(c.modality, pos[1])].append((pos[0], c.low, c.period or "", "claim" if c.id != rec.id else "this"))
    return series


def subject_chart(s: Session, rec: ClaimRecord) -> Markup | None:
    """An SVG chart with labelled axes, or None when fewer than two points have a period."""
    series = _points(s, rec)
    pts = [p for ps in series.values() for p in ps]
    if len(pts) < 2:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1 = min(xs) - 0.25, max(xs) + 0.25
    y0, y1 = min(0.0, min(ys)), max(0.0, max(ys))
    y1 = y1 if y1 > y0 else y0 + 1
    pw, ph = W - L - R, H - T - B

    def px(x: float) -> float:
        return L + (x - x0) / (x1 - x0) * pw

    def py(y: float) -> float:
        return T + ph - (y - y0) / (y1 - y0) * ph

    out = [f'<svg class="chart" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="{escape(rec.subject)} {escape(rec.metric)} by period">']
    for i in range(5):  # value grid and labels
        v = y0 + (y1 - y0) * i / 4
        out.append(f'<line class="grid" x1="{L}" x2="{L + pw}" y1="{py(v):.1f}" y2="{py(v):.1f}"/>'
                   f'<text class="tick" x="{L - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{escape(short_amount(v))}</text>')
    for year in range(int(x0), int(x1) + 1):  # one tick per year end
        if x0 <= year <= x1:
            out.append(f'<line class="grid" x1="{px(year):.1f}" x2="{px(year):.1f}" y1="{T}" y2="{T + ph}"/>'
                       f'<text class="tick" x="{px(year):.1f}" y="{T + ph + 16}" text-anchor="middle">end {year}</text>')
    out.append(f'<text class="axis" x="{L + pw / 2:.0f}" y="{H - 6}" text-anchor="middle">period (fiscal or calendar, by its end)</text>'
               f'<text class="axis" x="14" y="{T + ph / 2:.0f}" transform="rotate(-90 14 {T + ph / 2:.0f})" '
               f'text-anchor="middle">{escape(rec.metric)}, {escape(rec.currency)}</text>')
    labelled: list[tuple[float, float]] = []  # value labels drawn so far: no two on top of each other
    for n, (key, ps) in enumerate(sorted(series.items(), key=lambda kv: (kv[0][0] != "reported", kv[0]))):
        color = COLORS[n % len(COLORS)]
        ps.sort()
        if len(ps) > 1:
            line = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _, _ in ps)
            dash = "" if key[0] == "reported" else ' stroke-dasharray="5 3"'
            out.append(f'<polyline class="series" points="{line}" fill="none" stroke="{color}"{dash}/>')
        for x, y, period, origin in ps:
            shape = (f'<rect x="{px(x) - 4:.1f}" y="{py(y) - 4:.1f}" width="8" height="8"' if origin == "evidence"
                     else f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{6 if origin == "this" else 4}"')
            out.append(f'{shape} class="pt {origin}" fill="{color}"><title>{escape(period)}: '
                       f'{escape(short_amount(y))} ({origin})</title></{"rect" if origin == "evidence" else "circle"}>')
            if all(abs(px(x) - lx) > 40 or abs(py(y) - ly) > 14 for lx, ly in labelled):
                labelled.append((px(x), py(y)))
                out.append(f'<text class="val" x="{px(x):.1f}" y="{py(y) - 9:.1f}" text-anchor="middle">'
                           f'{escape(period)}: {escape(short_amount(y))}</text>')
        out.append(f'<text class="legend" x="{L + pw + 12}" y="{T + 14 + n * 18}" fill="{color}">'
                   f'{escape(key[0])}, per {escape(key[1])}</text>')
    ly = T + 14 + len(series) * 18 + 8
    out.append(f'<rect x="{L + pw + 12}" y="{ly - 8}" width="8" height="8" class="legend-key"/>'
               f'<text class="legend" x="{L + pw + 26}" y="{ly}">evidence row</text>'
               f'<circle cx="{L + pw + 16}" cy="{ly + 14}" r="4" class="legend-key"/>'
               f'<text class="legend" x="{L + pw + 26}" y="{ly + 18}">queued claim</text></svg>')
    return Markup("".join(out))
