"""Review queue web app: Starlette, server-rendered Jinja2 pages, a little JavaScript.

Binds to 127.0.0.1 by default and answers only the Host names it was bound to, so a page
on another origin whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing; every POST
must carry a matching Origin as well. Article text is untrusted: templates autoescape it and the
highlighting escapes before it marks. Every state change is a POST carrying the CSRF
token of this server run. A non-loopback bind needs the token from the config, sent as
?token= once (kept in a cookie).
"""

from __future__ import annotations

import html
import ipaddress
import secrets
import threading
import webbrowser
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import col, select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from extractors.metrics import METRIC_VOCABULARY
from extractors.spans import PERS, QUALIFIERS
from models import Article, ClaimRecord, Database, EvidenceClaim, EvidenceRow, Thesis, database_url
from pipeline import digest
from pipeline.bearing import annotate
from pipeline.config import Settings
from pipeline.errors import ClaimlogError
from pipeline.queue import apply_approved, claim_view, claim_views, decide, edit, list_claims, undo

_env = Environment(loader=PackageLoader("pipeline", "review/templates"),
                   autoescape=select_autoescape(["html"]))


def highlight(sentence: str, marks: list[tuple[str, str]]) -> Markup:
    """Escape the sentence, then wrap each (text, css class) occurrence in <mark>."""
    spans: list[tuple[int, int, str]] = []
    for text, cls in marks:
        if not text:
            continue
        i = sentence.find(text)
        if i >= 0 and not any(i < e and s < i + len(text) for s, e, _ in spans):
            spans.append((i, i + len(text), cls))
    spans.sort()
    out, pos = [], 0
    for s, e, cls in spans:
        out.append(html.escape(sentence[pos:s]))
        out.append(f'<mark class="{cls}">{html.escape(sentence[s:e])}</mark>')
        pos = e
    out.append(html.escape(sentence[pos:]))
    return Markup("".join(out))


def sparkline(points: list[tuple[date, float, str]], width: int = 160, height: int = 40) -> Markup:
    """A small SVG of values over time: evidence rows grey, queued claims blue."""
    pts = sorted(p for p in points if p[0] is not None)
    if len({p[0] for p in pts}) < 2:  # one date is no trend
        return Markup("")
    xs = [p[0].toordinal() for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = min(xs), max(xs) or 1
    y0, y1 = min(ys), max(ys)
    sx = (width - 8) / ((x1 - x0) or 1)
    sy = (height - 8) / ((y1 - y0) or 1)
    coords = [(4 + (x - x0) * sx, height - 4 - (y - y0) * sy) for x, y in zip(xs, ys, strict=True)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="{html.escape(k)}"><title>{d.isoformat()}: {v:,.0f}</title></circle>'
                   for (x, y), (d, v, k) in zip(coords, pts, strict=True))
    return Markup(f'<svg class="spark" width="{width}" height="{height}" role="img" aria-label="values over time">'
                  f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5"/>{dots}</svg>')


def _parse_date(value: str) -> date | None:
    try:
        parts = [int(x) for x in value.split("-")[:3]]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


class ReviewApp:
    """The app and its state: database, settings, CSRF token."""

    def __init__(self, settings: Settings, db: Database | None = None, access_token: str | None = None,
                 host: str = "127.0.0.1") -> None:
        self.settings = settings
        names = {"127.0.0.1", "localhost", "[::1]"}
        for extra in (host, settings.review_host):
            if extra and extra not in ("0.0.0.0", "::"):
                names.add(f"[{extra}]" if ":" in extra else extra.lower())
        self.host_names = frozenset(names)
        self.db = db or Database(database_url(settings.database))
        self.csrf = secrets.token_urlsafe(24)
        self.access_token = access_token
        static = Path(__file__).parent / "static"
        self.app = Starlette(
            routes=[
                Route("/", self.page),
                Route("/claims/{cid:int}/context", self.context),
                Route("/claims/{cid:int}/decide", self.post_decide, methods=["POST"]),
                Route("/claims/{cid:int}/edit", self.post_edit, methods=["POST"]),
                Route("/bulk", self.post_bulk, methods=["POST"]),
                Route("/undo", self.post_undo, methods=["POST"]),
                Route("/apply", self.post_apply, methods=["POST"]),
                Route("/health", lambda r: PlainTextResponse("ok")),
                Mount("/static", StaticFiles(directory=static), name="static"),
            ],
            middleware=[Middleware(_Guard, review=self)],
        )

    # --- pages -------------------------------------------------------------------------

    def render_queue(self, limit: int | None = None) -> str:
        """The queue page's HTML."""
        with self.db.session() as s:
            recs = list_claims(s, "pending", limit)
            views = claim_views(s, recs)
            annotate(s, views, self.settings.vault)
            pairs = {(v["subject"], v["metric"]) for v in views}
            series: dict[tuple[str, str], list[tuple[date, float, str]]] = defaultdict(list)
            if pairs:
                subjects = {p[0] for p in pairs}
                for rec in s.exec(select(ClaimRecord).where(col(ClaimRecord.subject).in_(subjects))).all():
                    if rec.published and rec.status != "rejected":
                        series[(rec.subject, rec.metric)].append((rec.published, rec.low, "claim"))
                for ec, row in s.exec(select(EvidenceClaim, EvidenceRow)
                                      .where(EvidenceClaim.row_id == EvidenceRow.id)
                                      .where(col(EvidenceClaim.subject).in_(subjects))).all():
                    d = _parse_date(row.date)
                    if d:
                        series[(ec.subject, ec.metric)].append((d, ec.low, "evidence"))
            theses = [t.path for t in s.exec(select(Thesis).order_by(col(Thesis.path))).all()]
            counts = {st: len(s.exec(select(ClaimRecord.id).where(ClaimRecord.status == st)).all())
                      for st in ("approved", "applied")}
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in views:
            src = v["sources"][0] if v["sources"] else {}
            v["html_sentence"] = highlight(v["sentence"], [(src.get("figure_text", ""), "fig"),
                                                           (src.get("subject_text", "") or v["subject"], "subj")])
            v["chart"] = sparkline(series.get((v["subject"], v["metric"]), []))
            groups[", ".join(v["theses"]) or "(no matching note)"].append(v)
        return _env.get_template("queue.html").render(
            groups=groups, total=len(views), csrf=self.csrf, theses=theses, counts=counts,
            metrics=METRIC_VOCABULARY, qualifiers=QUALIFIERS, pers=PERS,
            digest=digest.for_page(self.db, self.settings.vault), claim_line=digest.claim_line,
            change_text=digest.change_text)

    async def page(self, request: Request) -> Response:
        return HTMLResponse(self.render_queue())

    async def context(self, request: Request) -> Response:
        cid = request.path_params["cid"]
        with self.db.session() as s:
            rec = s.get(ClaimRecord, cid)
            if rec is None:
                return JSONResponse({"error": f"no claim {cid}"}, status_code=404)
            view = claim_view(s, rec)
            paragraphs = []
            for src in view["sources"]:
                art = s.get(Article, src["article_id"])
                text = art.text if art else ""
                start = text.rfind("\n", 0, src["start"]) + 1
                end = text.find("\n", src["end"])
                paragraphs.append({"title": src["title"], "url": src["url"], "feeds": src["feeds"],
                                   "paragraph": text[start: end if end >= 0 else len(text)][:4000]})
        return HTMLResponse(_env.get_template("context.html").render(paragraphs=paragraphs))

    # --- actions -------------------------------------------------------------------------

    async def post_decide(self, request: Request) -> Response:
        form = await request.form()
        action = str(form.get("action", ""))
        try:
            recs = decide(self.db, [request.path_params["cid"]], action)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"id": recs[0].id, "status": recs[0].status})

    async def post_edit(self, request: Request) -> Response:
        form = await request.form()
        changes = {k: str(v) for k, v in form.items() if k not in ("csrf", "theses")}
        theses = form.getlist("theses")
        if "theses" in form:
            changes["theses"] = [str(t) for t in theses if str(t)]  # type: ignore[assignment]
        try:
            rec = edit(self.db, request.path_params["cid"], changes)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"id": rec.id, "status": rec.status})

    async def post_bulk(self, request: Request) -> Response:
        form = await request.form()
        try:
            ids = [int(str(x)) for x in form.getlist("ids")]
            recs = decide(self.db, ids, str(form.get("action", "")))
        except (ClaimlogError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ids": [r.id for r in recs]})

    async def post_undo(self, request: Request) -> Response:
        try:
            dec = undo(self.db)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"undone": dec.action if dec else None, "id": dec.claim_id if dec else None})

    async def post_apply(self, request: Request) -> Response:
        result = apply_approved(self.db, self.settings.vault)
        return JSONResponse({"applied": result.applied, "diffs": result.diffs,
                             "errors": result.errors, "skipped": result.skipped})


class _Guard(BaseHTTPMiddleware):
    """CSRF on every POST; the access token where the bind is not loopback."""

    def __init__(self, app: Any, review: ReviewApp) -> None:
        super().__init__(app)
        self.review = review

    def allowed_host(self, request: Request) -> str | None:
        """The Host header when it names this server (a bound name and the bound port)."""
        given = request.headers.get("host", "").strip().lower()
        server = request.scope.get("server")
        port = server[1] if server else None
        if given.startswith("["):  # [::1]:8765
            name, _, rest = given.partition("]")
            name, given_port = name + "]", rest.removeprefix(":")
        else:
            name, _, given_port = given.partition(":")
        if name not in self.review.host_names:
            return None
        if given_port != (str(port) if port is not None else "") and not (given_port == "" and port == 80):
            return None
        return given

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        host = self.allowed_host(request)
        if host is None:
            return PlainTextResponse("unknown Host", status_code=421)
        if request.method not in ("GET", "HEAD") and request.headers.get("origin") != f"{request.url.scheme}://{host}":
            return PlainTextResponse("cross-origin request refused", status_code=403)
        token = self.review.access_token
        set_cookie = False
        if token:
            given = request.query_params.get("token") or request.cookies.get("claimlog_token")
            if not given or not secrets.compare_digest(given, token):
                return PlainTextResponse("token required", status_code=401)
            set_cookie = request.query_params.get("token") is not None
        if request.method == "POST":
            sent = request.headers.get("x-csrf-token")
            if sent is None:
                form = await request.form()
                sent = str(form.get("csrf", ""))
            if not secrets.compare_digest(sent or "", self.review.csrf):
                return PlainTextResponse("bad or missing CSRF token", status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
        response.headers["X-Content-Type-Options"] = "nosniff"
        if set_cookie and token:
            response.set_cookie("claimlog_token", token, httponly=True, samesite="strict")
        return response


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True) -> None:
    """Run the review app until interrupted."""
    import uvicorn

    token = None
    if not is_loopback(host):
        if not settings.review_token:
            raise ClaimlogError(f"binding to {host} exposes the queue beyond this machine; "
                                "set [review] token in the config first")
        token = settings.review_token
    review = ReviewApp(settings, access_token=token, host=host)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if token:
        url += f"?token={token}"
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    print(f"claimlog review on {url}  (Ctrl+C to stop)")
    uvicorn.run(review.app, host=host, port=port, log_level="warning")
