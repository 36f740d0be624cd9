"""Fetch what users point at over http(s), politely and safely.

Refuses other schemes, and private, loopback and link-local addresses (every redirect is checked
too) unless the user allows them; caps the size; retries with back-off on transient failures.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tripolar import __version__

USER_AGENT = f"tripolar/{__version__} (news ingester for research on great-power relations)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchRefused(Exception):
    """A URL tripolar will not fetch, with the reason for the rejects table."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


def check_url(url: str, allow_private: bool) -> None:
    """Raise FetchRefused for a scheme other than http(s), or a private address unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("unsupported URL scheme", f"'{parts.scheme}:' — only http and https are fetched")
    if not parts.hostname:
        raise FetchRefused("bad URL", "no host name")
    if allow_private:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 80)}
    except socket.gaierror as error:
        raise FetchRefused("host not found", str(error)) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise FetchRefused(
                "private or loopback address",
                f"{parts.hostname} is {ip}; pass --allow-private to fetch from your own network",
            )


class Fetcher:
    """An httpx client with the checks above; ``transport`` lets tests stay off the network."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 20.0, max_bytes: int = 10_000_000,
                 retries: int = 3, backoff: float = 0.5, transport: httpx.BaseTransport | None = None) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, transport=transport, headers={"User-Agent": USER_AGENT},
            event_hooks={"request": [self._check_request]},
        )

    def _check_request(self, request: httpx.Request) -> None:
        check_url(str(request.url), self.allow_private)

    def fetch(self, url: str) -> Fetched:
        check_url(url, self.allow_private)
        for attempt in range(self.retries + 1):
            try:
                return self._fetch_once(url)
            except FetchRefused as refused:
                transient = refused.reason.startswith("HTTP ") and int(refused.reason[5:8]) in RETRY_STATUS
                if not transient or attempt == self.retries:
                    raise
            except httpx.TransportError as error:
                if attempt == self.retries:
                    raise FetchRefused("fetch failed", f"{type(error).__name__}: {error}") from None
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _fetch_once(self, url: str) -> Fetched:
        with self.client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchRefused(f"HTTP {response.status_code}", f"{url} answered {response.reason_phrase}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchRefused("too large", f"over {self.max_bytes:,} bytes")
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))

    def close(self) -> None:
        self.client.close()
