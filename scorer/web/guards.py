"""Two small ASGI guards in front of the app: a request-body size limit and a Host check.

The size limit is enforced before the form is parsed: on the declared ``Content-Length`` and
again while the body streams in (chunked uploads declare nothing). The rest of an oversized body
is read and dropped (up to a cap) so that a browser still uploading sees the page, not a reset.

The Host check (used when serving on loopback) refuses requests addressed to any other name, so
a web page elsewhere cannot reach the local app through DNS rebinding.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Page = Callable[[], tuple[bytes, list[tuple[bytes, bytes]]]]  # HTML body and its headers

DRAIN_CAP = 256 * 1024 * 1024
"""Most bytes of an oversized body read and dropped before answering."""


class _TooLarge(Exception):
    pass


async def _send_page(send: Send, status: int, page: Page) -> None:
    body, headers = page()
    await send({"type": "http.response.start", "status": status,
                "headers": [*headers, (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def host_name(header: str) -> str:
    """The host of a Host header, lower-case, without the port (IPv6 keeps its brackets)."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end > 0 else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostGuard:
    """Answer ``page()`` (status 400) unless the Host header names one of ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: list[str], page: Page) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.allowed:
                await _send_page(send, 400, self.page)
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Answer ``page()`` (status 413, HTML) when a request body exceeds ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int, page: Page) -> None:
        self.app = app
        self.limit = limit
        self.page = page

    async def _refuse(self, receive: Receive, send: Send, drain: bool) -> None:
        if drain:
            dropped = 0
            while dropped < DRAIN_CAP:
                msg = await receive()
                if msg["type"] != "http.request":
                    break
                dropped += len(msg.get("body", b""))
                if not msg.get("more_body", False):
                    break
        await _send_page(send, 413, self.page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(receive, send, drain=True)
            return
        seen = 0
        started = False
        body_done = False  # after the last body message, receive() waits for the disconnect

        async def counting_receive() -> Message:
            nonlocal seen, body_done
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                body_done = not msg.get("more_body", False)
                if seen > self.limit:
                    raise _TooLarge
            else:
                body_done = True
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(receive, send, drain=not body_done)
