"""A real HTTP server on 127.0.0.1 that serves fixture feeds, good and broken."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def rss(items: list[tuple[str, str, str]], title: str = "Test feed", encoding: str | None = "UTF-8") -> str:
    """An RSS 2.0 document from (guid, title, description) items."""
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding else '<?xml version="1.0"?>\n'
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink=\"false\">{g}</guid>"
        f"<link>https://news.example.com/{g}</link><pubDate>Tue, 10 Feb 2026 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[{d}]]></description></item>\n" for g, t, d in items)
    return f"{decl}<rss version=\"2.0\"><channel><title>{title}</title>\n{body}</channel></rss>\n"


class FeedServer:
    """Routes are set per test: path -> callable(handler) or static (status, headers, body)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Any] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.latency = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server.hits[path] += 1
                server.requests.append((path, dict(self.headers.items())))
                if server.latency:
                    time.sleep(server.latency)
                route = server.routes.get(path)
                if route is None:
                    self._send(404, {}, b"not found")
                    return
                if callable(route):
                    route(self, server.hits[path])
                    return
                status, headers, body = route
                self._send(status, headers, body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.handler = Handler
        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- route helpers ------------------------------------------------------------------

    def feed(self, path: str, body: bytes, content_type: str = "application/rss+xml; charset=utf-8",
             conditional: bool = True, gzipped: bool = False) -> None:
        """A feed that honours If-None-Match / If-Modified-Since when `conditional`."""
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = "Tue, 10 Feb 2026 10:00:00 GMT"

        def handle(h: BaseHTTPRequestHandler, n: int) -> None:
            if conditional and (h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == modified):
                h._send(304, {"ETag": etag}, b"")  # type: ignore[attr-defined]
                return
            headers = {"Content-Type": content_type}
            data = body
            if conditional:
                headers.update({"ETag": etag, "Last-Modified": modified})
            if gzipped:
                data = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            h._send(200, headers, data)  # type: ignore[attr-defined]

        self.routes[path] = handle


def serve_bench(feeds: int, hosts: int, latency: float, items: int = 3, figures: bool = False) -> None:
    """Serve `feeds` small feeds over `hosts` loopback addresses; print their URLs, then wait.

    `figures`: each item is a short article of the bench corpus, with money figures in it."""
    import html
    import json
    import sys

    texts = []
    if figures:
        from tests.bench.corpus import build

        texts = [html.escape(t) for _, t in build(feeds * items, seed=feeds, words=120)]
    servers = [FeedServer(f"127.0.0.{i + 1}").start() for i in range(hosts)]
    urls = []
    for i in range(feeds):
        srv = servers[i % hosts]
        srv.latency = latency
        entries = [(f"b{i}-{k}", f"Item {i}.{k}",
                    f"<p>{texts[i * items + k]}</p>" if figures else f"<p>Filler without figures, item {i}.{k}.</p>")
                   for k in range(items)]
        srv.feed(f"/f{i}.xml", rss(entries).encode())
        urls.append(srv.url(f"/f{i}.xml"))
    sys.stdout.write(json.dumps(urls) + "\n")
    sys.stdout.flush()
    sys.stdin.read()  # until the bench closes our stdin
    for srv in servers:
        srv.stop()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Serve bench feeds on loopback addresses.")
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--latency", type=float, default=0.02)
    ap.add_argument("--figures", action="store_true", help="items are bench-corpus articles with money figures")
    args = ap.parse_args()
    serve_bench(args.feeds, args.hosts, args.latency, figures=args.figures)
