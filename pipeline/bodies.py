"""Response bodies decoded while they stream, every Content-Encoding layer under the size cap.

httpx decodes a chunk in one go, however far it inflates: 6.7 KB of `gzip, gzip` became
gigabytes before any cap could look at it. Here each layer inflates at most what is left
of the cap, so memory stays bounded by the cap whatever the server sends.
"""

from __future__ import annotations

import zlib


class BodyError(Exception):
    """The body cannot be accepted: too large once decoded, or not decodable."""


class _Inflate:
    """One gzip or deflate layer that never outputs more than its budget."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.produced = 0
        # deflate is meant to be zlib-wrapped; some servers send it raw.
        self.obj = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self.raw_fallback = encoding == "deflate"

    def decode(self, data: bytes) -> bytes:
        if not data:
            return b""
        left = self.limit - self.produced
        try:
            out = self.obj.decompress(data, left + 1)
        except zlib.error as exc:
            if not (self.raw_fallback and self.produced == 0):
                raise BodyError(f"cannot decode {self.encoding} content: {exc}") from exc
            self.raw_fallback = False
            self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data)
        self.raw_fallback = False
        return self._count(out)

    def flush(self) -> bytes:
        try:
            return self._count(self.obj.flush())
        except zlib.error as exc:
            raise BodyError(f"cannot decode {self.encoding} content: {exc}") from exc

    def _count(self, out: bytes) -> bytes:
        self.produced += len(out)
        if self.produced > self.limit:
            raise BodyError(f"body is over the {self.limit}-byte limit once decoded ({self.encoding})")
        return out


class BodyDecoder:
    """Raw bytes in, decoded bytes out; raises BodyError past `limit` bytes at any layer."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        names = [e.strip().lower() for e in (content_encoding or "").split(",")]
        names = [e for e in names if e and e != "identity"]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise BodyError(f"unsupported Content-Encoding {name!r}")
        self.limit = limit
        self.raw = 0
        # The last encoding named was applied last, so it comes off first.
        self.layers = [_Inflate(name, limit) for name in reversed(names)]

    def decode(self, chunk: bytes) -> bytes:
        self.raw += len(chunk)
        if self.raw > self.limit:
            raise BodyError(f"body is over the {self.limit}-byte limit")
        data = chunk
        for layer in self.layers:
            data = layer.decode(data)
        return data

    def flush(self) -> bytes:
        data = b""
        for layer in self.layers:
            data = layer.decode(data) + layer.flush()
        return data
