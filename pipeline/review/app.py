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
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import Session, col, select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from extractors.metrics import METRIC_VOCABULARY
from extractors.spans import PERS, QUALIFIERS
from models import Article, ClaimRecord, Database, Thesis, database_url
from pipeline import digest
from pipeline.bearing import annotate
from pipeline.config import Settings
from pipeline.errors import ClaimlogError
from pipeline.queue import apply_approved, claim_view, claim_views, decide, edit, undo
from pipeline.review.chart import subject_chart
from pipeline.review.listing import PAGE, VIEWS, Filters, counts, page_of
from pipeline.rows import row_previews
from pipeline.units import parse_amount, short_amount

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
                Route("/cards", self.more_cards),
                Route("/claims/{cid:int}/card", self.one_card),
                Route("/claims/{cid:int}/form", self.edit_form),
                Route("/claims/{cid:int}/chart", self.chart),
                Route("/claims/{cid:int}/context", self.context),
                Route("/claims/{cid:int}/decide", self.post_decide, methods=["POST"]),
                Route("/claims/{cid:int}/edit", self.post_edit, methods=["POST"]),
                Route("/bulk", self.post_bulk, methods=["POST"]),
                Route("/undo", self.post_undo, methods=["POST"]),
                Route("/apply/preview", self.apply_preview),
                Route("/apply", self.post_apply, methods=["POST"]),
                Route("/health", lambda r: PlainTextResponse("ok")),
                Mount("/static", StaticFiles(directory=static), name="static"),
            ],
            middleware=[Middleware(_Guard, review=self)],
        )

    # --- pages -------------------------------------------------------------------------

    def _cards(self, s: Session, recs: list[ClaimRecord]) -> list[dict[str, Any]]:
        views = claim_views(s, recs)
        annotate(s, views, self.settings.vault)
        rows = row_previews(s, recs)
        for v, rec in zip(views, recs, strict=True):
            src = v["sources"][0] if v["sources"] else {}
            v["html_sentence"] = highlight(v["sentence"], [(src.get("figure_text", ""), "fig"),
                                                           (src.get("subject_text", "") or v["subject"], "subj")])
            # one source is one article: a translated article states the fact in both languages
            mentions = [m for o in v["sources"] for m in o.get("mentions") or [o]]
            v["others"] = [(o, highlight(o["sentence"], [(o.get("figure_text", ""), "fig"),
                                                         (o.get("subject_text", "") or v["subject"], "subj")]))
                           for o in mentions if o["lang"] != src.get("lang") and o["sentence"]][:1]
            v["row"] = rows.get(rec.id or 0, "")
        return views

    def render_cards(self, f: Filters, offset: int = 0) -> tuple[str, bool]:
        """One page of cards (HTML) and whether more follow."""
        with self.db.session() as s:
            recs, more = page_of(s, f, offset)
            cards = self._cards(s, recs)
        return _env.get_template("cards.html").render(cards=cards), more

    def render_queue(self, f: Filters | None = None) -> str:
        """The queue page's HTML: the header, the filters and the first page of cards."""
        f = f or Filters()
        with self.db.session() as s:
            recs, more = page_of(s, f, 0)
            cards = self._cards(s, recs)
            theses = [t.path for t in s.exec(select(Thesis).order_by(col(Thesis.path))).all()]
            count = counts(s)
        return _env.get_template("queue.html").render(
            cards=cards, more=more, next_query=urlencode(f.query() | {"offset": PAGE}), f=f, views=VIEWS,
            csrf=self.csrf, theses=theses, counts=count, metrics=METRIC_VOCABULARY,
            digest=digest.for_page(self.db, self.settings.vault), claim_line=digest.claim_line,
            change_text=digest.change_text)

    async def page(self, request: Request) -> Response:
        return HTMLResponse(self.render_queue(Filters.from_query(request.query_params)))

    async def more_cards(self, request: Request) -> Response:
        try:
            offset = int(request.query_params.get("offset", "0"))
        except ValueError:
            return JSONResponse({"error": "offset must be a number"}, status_code=400)
        f = Filters.from_query(request.query_params)
        body, more = self.render_cards(f, offset)
        headers = {"X-Next": urlencode(f.query() | {"offset": offset + PAGE}) if more else ""}
        return HTMLResponse(body, headers=headers)

    async def one_card(self, request: Request) -> Response:
        with self.db.session() as s:
            rec = s.get(ClaimRecord, request.path_params["cid"])
            if rec is None:
                return JSONResponse({"error": f"no claim {request.path_params['cid']}"}, status_code=404)
            cards = self._cards(s, [rec])
        return HTMLResponse(_env.get_template("cards.html").render(cards=cards))

    async def edit_form(self, request: Request) -> Response:
        """The edit form, built only when opened: its option lists are most of a card's weight."""
        with self.db.session() as s:
            rec = s.get(ClaimRecord, request.path_params["cid"])
            if rec is None:
                return JSONResponse({"error": f"no claim {request.path_params['cid']}"}, status_code=404)
            theses = [t.path for t in s.exec(select(Thesis).order_by(col(Thesis.path))).all()]
            c = claim_view(s, rec)
        c["low_text"], c["high_text"] = short_amount(rec.low), short_amount(rec.high)
        theses = sorted(set(theses) | set(c["theses"]))  # a target no longer in the vault stays chosen, not dropped
        return HTMLResponse(_env.get_template("edit.html").render(
            c=c, theses=theses, metrics=METRIC_VOCABULARY, qualifiers=QUALIFIERS, pers=PERS))

    async def chart(self, request: Request) -> Response:
        with self.db.session() as s:
            rec = s.get(ClaimRecord, request.path_params["cid"])
            if rec is None:
                return JSONResponse({"error": f"no claim {request.path_params['cid']}"}, status_code=404)
            svg = subject_chart(s, rec)
        return HTMLResponse(svg or Markup('<p class="muted">No other values with a period for this subject and metric.</p>'))

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
                para = text[start: end if end >= 0 else len(text)][:4000]
                marks = [(src["figure_text"], "fig"), (src["subject_text"] or view["subject"], "subj")]
                paragraphs.append({"title": src["title"], "url": src["url"], "feeds": src["feeds"],
                                   "lang": src["lang"], "paragraph": highlight(para, marks)})
        return HTMLResponse(_env.get_template("context.html").render(paragraphs=paragraphs))

    # --- actions -------------------------------------------------------------------------

    def _counts(self) -> dict[str, int]:
        with self.db.session() as s:
            return counts(s)

    async def post_decide(self, request: Request) -> Response:
        form = await request.form()
        action = str(form.get("action", ""))
        cid = request.path_params["cid"]
        try:
            if "implication" in form:  # typed on the card: saved with the decision
                with self.db.session() as s:
                    rec = s.get(ClaimRecord, cid)
                    typed = str(form.get("implication", ""))
                    changed = rec is not None and rec.implication != typed
                if changed:
                    edit(self.db, cid, {"implication": typed})
            recs = decide(self.db, [cid], action)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"id": recs[0].id, "status": recs[0].status, "counts": self._counts()})

    async def post_edit(self, request: Request) -> Response:
        form = await request.form()
        changes: dict[str, Any] = {k: str(v) for k, v in form.items() if k not in ("csrf", "theses")}
        if "theses" in form:
            changes["theses"] = [str(t) for t in form.getlist("theses") if str(t)]
        with self.db.session() as s:
            rec = s.get(ClaimRecord, request.path_params["cid"])
            shown = {"low": short_amount(rec.low), "high": short_amount(rec.high)} if rec else {}
        for key in ("low", "high"):  # left as shown: unchanged, not rounded to what the form shows
            if key in changes and changes[key].strip() == shown.get(key):
                del changes[key]
        try:
            for key in ("low", "high"):
                if key in changes:
                    value, currency = parse_amount(changes[key])
                    changes[key] = value
                    if currency and not form.get("currency"):
                        changes["currency"] = currency
            rec = edit(self.db, request.path_params["cid"], changes)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"id": rec.id, "status": rec.status, "counts": self._counts()})

    async def post_bulk(self, request: Request) -> Response:
        form = await request.form()
        try:
            ids = [int(str(x)) for x in form.getlist("ids")]
            recs = decide(self.db, ids, str(form.get("action", "")))
        except (ClaimlogError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ids": [r.id for r in recs], "status": recs[0].status if recs else "",
                             "counts": self._counts()})

    async def post_undo(self, request: Request) -> Response:
        try:
            dec = undo(self.db)
        except ClaimlogError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        status = None
        if dec:
            with self.db.session() as s:
                rec = s.get(ClaimRecord, dec.claim_id)
                status = rec.status if rec else None
        return JSONResponse({"undone": dec.action if dec else None, "id": dec.claim_id if dec else None,
                             "status": status, "counts": self._counts()})

    async def apply_preview(self, request: Request) -> Response:
        result = apply_approved(self.db, self.settings.vault, dry_run=True)
        return JSONResponse({"diffs": result.diffs, "errors": result.errors, "skipped": result.skipped})

    async def post_apply(self, request: Request) -> Response:
        result = apply_approved(self.db, self.settings.vault)
        return JSONResponse({"applied": result.applied, "diffs": result.diffs,
                             "errors": result.errors, "skipped": result.skipped, "counts": self._counts()})


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
