"""The fetcher: one async httpx client, polite and bounded.

Per-read timeouts and a wall-clock deadline per request, a global and a per-host concurrency limit, retries with backoff on
5xx, 429 (honouring Retry-After) and refused connections, but not on timeouts (a feed that never answers would
hold the run for every retry), a run deadline by which every fetch has ended, redirects followed by hand (to cap them,
catch loops and notice permanent moves), a maximum body size counted after every
Content-Encoding layer, conditional GET. Linked pages go through a LinkGuard.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import random
import stat
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline.bodies import BodyDecoder, BodyError
from pipeline.config import FeedConfig, Settings
from pipeline.links import LinkGuard

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 30.0
RUN_DEADLINE = "run deadline reached"


@dataclass
class FetchResult:
    """What one fetch gave: a body, 'not modified', or an error."""

    feed: str
    status: str  # ok, not_modified, error
    body: bytes = b""
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    final_url: str | None = None
    moved_to: str | None = None  # a permanent redirect's target: the stored URL is updated
    error: str | None = None
    seconds: float = 0.0

    @property
    def charset(self) -> str | None:
        if not self.content_type or "charset=" not in self.content_type.lower():
            return None
        return self.content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


@dataclass(frozen=True)
class Conditional:
    """Validators from the last successful fetch."""

    etag: str | None = None
    last_modified: str | None = None


class _Limits:
    def __init__(self, total: int, per_host: int) -> None:
        self.total = asyncio.Semaphore(max(1, total))
        self.per_host_n = max(1, per_host)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    def host(self, url: str) -> asyncio.Semaphore:
        h = urlsplit(url).netloc.lower()
        if h not in self.hosts:
            self.hosts[h] = asyncio.Semaphore(self.per_host_n)
        return self.hosts[h]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """Fetches feeds concurrently with one client."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None,
                 guards: Mapping[str, LinkGuard] | None = None, run_end: float | None = None) -> None:
        self.s = settings
        self.transport = transport
        self.guards = guards or {}  # by job name: URLs that job may reach
        self.run_end = run_end  # time.monotonic() by which every fetch has ended; None: no run deadline

    def _remaining(self) -> float:
        return float("inf") if self.run_end is None else self.run_end - time.monotonic()

    def _client(self) -> httpx.AsyncClient:
        timeout = httpx.Timeout(self.s.timeout, connect=min(10.0, self.s.timeout))
        limits = httpx.Limits(max_connections=max(1, self.s.concurrency),
                              max_keepalive_connections=max(1, self.s.concurrency))
        return httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False,
                                 headers={"User-Agent": self.s.user_agent,
                                          # Only what bodies.py decodes under the size cap.
                                          "Accept-Encoding": "gzip, deflate",
                                          "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"},
                                 transport=self.transport)

    async def fetch_all(self, feeds: Iterable[tuple[FeedConfig, Conditional, str]],
                        on_done: Callable[[FetchResult], Awaitable[None] | None] | None = None) -> list[FetchResult]:
        """Fetch every (feed, validators, url); `on_done` sees each result as it lands."""
        limits = _Limits(self.s.concurrency, self.s.per_host)
        loop = asyncio.get_running_loop()
        # The loop's clock is time.monotonic(), but say so rather than rely on it.
        end_at = None if self.run_end is None else loop.time() + self._remaining()
        async with self._client() as client:
            async def one(feed: FeedConfig, cond: Conditional, url: str) -> FetchResult:
                started = time.perf_counter()
                try:
                    async with asyncio.timeout_at(end_at):
                        result = await self._one(client, limits, feed, cond, url)
                except TimeoutError:
                    result = FetchResult(feed.name, "error", error=RUN_DEADLINE)
                result.seconds = time.perf_counter() - started
                if on_done:
                    maybe = on_done(result)
                    if asyncio.iscoroutine(maybe):
                        await maybe
                return result

            return list(await asyncio.gather(*(one(f, c, u) for f, c, u in feeds)))

    async def _one(self, client: httpx.AsyncClient, limits: _Limits, feed: FeedConfig, cond: Conditional,
                   url: str) -> FetchResult:
        if feed.name in self.guards and feed.is_local:
            return FetchResult(feed.name, "error", error=f"refused {url}: only http(s) links are fetched")
        if feed.is_local:
            return await asyncio.to_thread(self._read_local, feed, url)
        async with limits.total, limits.host(url):
            return await self._fetch(client, feed, cond, url)

    def _read_local(self, feed: FeedConfig, url: str) -> FetchResult:
        # Non-blocking open and a regular-file check: a FIFO would hang the run, /dev/zero never ends.
        limit = self.s.max_body_bytes
        try:
            fd = os.open(url, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            return FetchResult(feed.name, "error", error=f"cannot read {url}: {exc.strerror or exc}")
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return FetchResult(feed.name, "error", error=f"cannot read {url}: not a regular file")
            if info.st_size > limit:
                return FetchResult(feed.name, "error", error=f"file is {info.st_size} bytes, over the {limit}-byte limit")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                body = fh.read(limit + 1)
            if len(body) > limit:
                return FetchResult(feed.name, "error", error=f"file is over the {limit}-byte limit")
            return FetchResult(feed.name, "ok", body=body, final_url=url)
        except OSError as exc:
            return FetchResult(feed.name, "error", error=f"cannot read {url}: {exc.strerror or exc}")
        finally:
            os.close(fd)

    async def _fetch(self, client: httpx.AsyncClient, feed: FeedConfig, cond: Conditional, url: str) -> FetchResult:
        attempt = 0
        while True:
            try:
                async with asyncio.timeout(self.s.deadline or None):
                    result, retry_in = await self._attempt(client, feed, cond, url)
            except TimeoutError:
                # A server dripping bytes never trips the per-read timeout; retrying would only wait again.
                return FetchResult(feed.name, "error",
                                   error=f"no complete response within the {self.s.deadline:g}s deadline")
            if retry_in is None or attempt >= self.s.retries:
                return result
            attempt += 1
            wait = retry_in if retry_in > 0 else min(8.0, 0.25 * 2 ** attempt) * (0.5 + random.random())
            if wait >= self._remaining():
                return result  # the run deadline comes first: report what the server said
            await asyncio.sleep(wait)

    async def _attempt(self, client: httpx.AsyncClient, feed: FeedConfig, cond: Conditional,
                       url: str) -> tuple[FetchResult, float | None]:
        headers = {}
        if cond.etag:
            headers["If-None-Match"] = cond.etag
        if cond.last_modified:
            headers["If-Modified-Since"] = cond.last_modified
        seen = [url]
        moved_to: str | None = None
        permanent = True
        current = url
        guard = self.guards.get(feed.name)
        try:
            for _ in range(self.s.max_redirects + 1):
                if guard and (why := await guard.refusal(current)):
                    return FetchResult(feed.name, "error", error=f"refused {current}: {why}"), None
                async with client.stream("GET", current, headers=headers) as resp:
                    if guard and (why := guard.peer_refusal(_peer(resp))):
                        return FetchResult(feed.name, "error", error=f"refused {current}: {why}"), None
                    if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                        target = urljoin(current, resp.headers["location"])
                        permanent = permanent and resp.status_code in (301, 308)
                        if target in seen:
                            return FetchResult(feed.name, "error", http_status=resp.status_code,
                                               error=f"redirect loop at {target}"), None
                        seen.append(target)
                        current = target
                        if permanent:
                            moved_to = target
                        continue
                    if resp.status_code == 304:
                        return FetchResult(feed.name, "not_modified", http_status=304, final_url=current,
                                           etag=cond.etag, last_modified=cond.last_modified,
                                           moved_to=moved_to), None
                    if resp.status_code in RETRY_STATUS:
                        wait = _retry_after(resp.headers.get("retry-after"))
                        if wait is not None and wait > MAX_RETRY_AFTER:
                            return FetchResult(feed.name, "error", http_status=resp.status_code,
                                               error=f"HTTP {resp.status_code}, Retry-After {wait:.0f}s is too long"), None
                        return FetchResult(feed.name, "error", http_status=resp.status_code,
                                           error=f"HTTP {resp.status_code}"), (wait if wait is not None else 0.0)
                    if resp.status_code >= 400:
                        return FetchResult(feed.name, "error", http_status=resp.status_code,
                                           error=f"HTTP {resp.status_code}"), None
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.s.max_body_bytes:
                        return FetchResult(feed.name, "error", http_status=resp.status_code,
                                           error=f"body of {declared} bytes is over the {self.s.max_body_bytes}-byte limit"), None
                    try:
                        decoder = BodyDecoder(resp.headers.get("content-encoding"), self.s.max_body_bytes)
                        chunks: list[bytes] = []
                        total = 0
                        async for raw in resp.aiter_raw():
                            chunk = decoder.decode(raw)
                            total += len(chunk)
                            if total > self.s.max_body_bytes:
                                raise BodyError(f"body is over the {self.s.max_body_bytes}-byte limit")
                            chunks.append(chunk)
                        chunks.append(decoder.flush())
                    except BodyError as exc:
                        return FetchResult(feed.name, "error", http_status=resp.status_code, error=str(exc)), None
                    return FetchResult(feed.name, "ok", body=b"".join(chunks), http_status=resp.status_code,
                                       etag=resp.headers.get("etag"),
                                       last_modified=resp.headers.get("last-modified"),
                                       content_type=resp.headers.get("content-type"),
                                       final_url=current, moved_to=moved_to), None
            return FetchResult(feed.name, "error", error=f"more than {self.s.max_redirects} redirects"), None
        except httpx.TimeoutException:
            return FetchResult(feed.name, "error", error=f"timed out after {self.s.timeout:g}s"), None
        except (httpx.TransportError, httpx.DecodingError, OSError) as exc:
            return FetchResult(feed.name, "error", error=f"{type(exc).__name__}: {exc}"), 0.0
        except httpx.InvalidURL as exc:
            return FetchResult(feed.name, "error", error=f"invalid URL: {exc}"), None


def _peer(resp: httpx.Response) -> str | None:
    """The IP address the response came from."""
    stream = resp.extensions.get("network_stream")
    addr = stream.get_extra_info("server_addr") if stream is not None else None
    return str(addr[0]) if addr else None
