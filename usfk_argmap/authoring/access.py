"""Who may ask the preview server (``serve``): the checks on each request's ``Host``, ``Origin`` and token.

A web page in the user's browser can send requests to 127.0.0.1, and a page
whose own name is re-pointed there (DNS rebinding) can read the answers. So a
request is answered only when its ``Host`` names this server, its ``Origin``
(when sent) is this server's own, and it carries the run's secret token.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

#: The only address the preview listens on.
HOST = "127.0.0.1"
#: The names a request may give this host by (with the port).
HOST_NAMES = (HOST, "localhost", "[::1]")


@dataclass(frozen=True)
class Refusal:
    """Why a request is not answered: its status and a one-line reason (which shows nothing of the map)."""

    status: HTTPStatus
    reason: str


@dataclass(frozen=True)
class Gate:
    """Who may ask a preview on ``port``: a request naming this server, from its own page, with the run's token.

    The token is a secret in the URL the command prints; a page on another
    site knows neither it nor, since the browser keeps cookies per host, the
    cookie that carries it after the first visit.
    """

    port: int
    token: str

    @property
    def cookie_name(self) -> str:
        # Browsers share cookies between the ports of one host: one name per port.
        return f"usfk-argmap-preview-{self.port}"

    def hosts(self) -> set[str]:
        """The ``Host`` values that name this server (the port is left out by browsers when it is 80)."""
        names = {f"{name}:{self.port}" for name in HOST_NAMES}
        return names | (set(HOST_NAMES) if self.port == 80 else set())

    def refusal(self, host: str | None, origin: str | None, query: str, cookie: str | None) -> Refusal | None:
        """Why a request with these headers is refused, or None when it may be answered."""
        if host is None or host.strip().lower() not in self.hosts():
            return Refusal(
                HTTPStatus.MISDIRECTED_REQUEST,
                "this preview answers only requests to 127.0.0.1, localhost or [::1] with its port",
            )
        if origin is not None and not self.own_origin(origin):
            return Refusal(HTTPStatus.FORBIDDEN, "requests from another site are refused")
        if not self.admits(query, cookie):
            return Refusal(HTTPStatus.FORBIDDEN, "open the URL that `usfk-argmap serve` printed: it carries the token")
        return None

    def own_origin(self, origin: str) -> bool:
        """Whether an ``Origin`` header names this server (a page served by it); ``null`` does not."""
        try:
            parts = urlsplit(origin.strip().lower())
        except ValueError:  # an unclosed "[" and the like: no origin of ours
            return False
        return parts.scheme == "http" and parts.netloc in self.hosts() and parts.path in ("", "/")

    def admits(self, query: str, cookie: str | None) -> bool:
        """Whether the query's ``token`` or the cookie holds this run's token."""
        offered = parse_qs(query).get("token", []) + [value for name, value in _cookies(cookie) if name == self.cookie_name]
        return any(hmac.compare_digest(value.encode("utf-8"), self.token.encode("utf-8")) for value in offered)


def _cookies(header: str | None) -> list[tuple[str, str]]:
    pairs = [part.strip().partition("=") for part in (header or "").split(";")]
    return [(name, value) for name, _, value in pairs if name]
