"""Read a response body within a byte cap that holds after decompression too.

httpx's own decoders inflate each network chunk whole, so a few kilobytes of gzip can become
hundreds of megabytes in one call. Here the raw bytes are inflated in bounded steps
(``max_length``) and the *decompressed* total is counted, so a gzip bomb stops at the cap
with memory bounded by the cap, whatever the compression ratio.
"""

from __future__ import annotations

import zlib

import httpx

from claimdesk.ingest.http_errors import FetchError

# What the client advertises; anything else a server sends is refused rather than stored raw.
ACCEPT_ENCODING = "gzip, deflate"
_STEP = 64 * 1024
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def _decoder(url: str, header: str) -> zlib._Decompress | None:
    """A decompressor for the response's Content-Encoding (None for identity)."""
    codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in _WBITS:
        raise FetchError(url, f"refused: unsupported content encoding {header!r}")
    return zlib.decompressobj(_WBITS[codings[0]])


def _too_large(url: str, cap: int) -> FetchError:
    return FetchError(url, f"refused: body larger than {cap:,} bytes")


async def read_capped(url: str, response: httpx.Response, cap: int) -> bytes:
    """The decoded body of a streamed ``response``; :class:`FetchError` (about ``url``) once it exceeds ``cap``."""
    declared = response.headers.get("content-length", "")  # compressed size: a lower bound of the decoded one
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(url, cap)
    decoder = _decoder(url, response.headers.get("content-encoding", ""))
    body = bytearray()
    async for raw in response.aiter_raw():
        if decoder is None:
            body += raw
        else:
            _inflate(url, decoder, raw, body, cap)
        if len(body) > cap:
            raise _too_large(url, cap)
    if decoder is not None:
        _inflate(url, decoder, b"", body, cap, final=True)
    return bytes(body)


def _inflate(
    url: str, decoder: zlib._Decompress, data: bytes, body: bytearray, cap: int, *, final: bool = False
) -> None:
    """Append the inflation of ``data`` to ``body`` in steps of at most 64 KiB, stopping past ``cap``."""
    try:
        while data and not decoder.eof:
            body += decoder.decompress(data, _STEP)
            if len(body) > cap:
                raise _too_large(url, cap)
            data = decoder.unconsumed_tail
        if final and not decoder.eof:
            body += decoder.flush(_STEP)
    except zlib.error as exc:
        raise FetchError(url, f"corrupt compressed body ({exc})") from exc
    if len(body) > cap:
        raise _too_large(url, cap)
