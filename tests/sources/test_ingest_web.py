"""URLs: a real local HTTP server, the private-address guard, redirects, size caps, --follow."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tripolar.sources.news import ingest
from tripolar.sources.news.web import Fetcher, FetchRefused, check_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"


@pytest.fixture
def server():
    """A local HTTP server; ``server.pages[path] = (status, content type, body)``."""
    pages: dict[str, tuple[int, str, bytes]] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            hits.append(self.path)
            status, kind, body = pages.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.pages, httpd.hits = pages, hits
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_an_article_url_from_a_local_server(store, server):
    server.pages["/world/lavrov-wang"] = (200, "text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes())
    report = ingest(store, [server.base + "/world/lavrov-wang"], allow_private=True)
    assert report.stored == 1
    title, url = store.con.execute("SELECT title, url FROM documents").fetchone()
    assert (title, url) == ("Lavrov and Wang hold talks in Moscow", server.base + "/world/lavrov-wang")


def test_a_private_address_is_refused_without_the_flag(store, server):
    server.pages["/a"] = (200, "text/html", (FIXTURES / "article.html").read_bytes())
    report = ingest(store, [server.base + "/a"])
    assert report.read == 0 and report.rejected == {"private or loopback address": 1}
    assert server.hits == [], "nothing was requested"
    detail = store.con.execute("SELECT detail FROM rejects").fetchone()[0]
    assert "pass --allow-private" in detail


def test_other_schemes_are_refused():
    with pytest.raises(FetchRefused, match="unsupported URL scheme"):
        check_url("file:///etc/passwd", allow_private=True)
    with pytest.raises(FetchRefused, match="unsupported URL scheme"):
        check_url("ftp://example.org/x", allow_private=True)


def test_a_redirect_to_a_private_address_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    fetcher = Fetcher(transport=httpx.MockTransport(handler))
    # The first hop is a public address literal; its redirect points inside.
    with pytest.raises(FetchRefused, match="private or loopback address"):
        fetcher.fetch("http://93.184.216.34/story")


def test_http_errors_and_sizes_become_rejects(store, server):
    server.pages["/big"] = (200, "text/html", b"<html>" + b"x" * 5000 + b"</html>")
    fetcher = Fetcher(allow_private=True, max_bytes=1000, retries=0)
    report = ingest(store, [server.base + "/missing", server.base + "/big"], fetcher=fetcher)
    assert report.rejected == {"HTTP 404": 1, "too large": 1}


def test_transient_errors_are_retried_with_backoff():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        if len(calls) < 3:
            return httpx.Response(503)
        return httpx.Response(200, text="Russia and China held talks on Tuesday in Moscow about energy and trade.")

    fetcher = Fetcher(allow_private=True, transport=httpx.MockTransport(handler), backoff=0.001)
    assert b"Russia and China" in fetcher.fetch("http://news.example/a").content
    assert len(calls) == 3
    assert fetcher.client.headers["User-Agent"].startswith("tripolar/")


def test_follow_fetches_each_entry_article(store, server):
    article = (FIXTURES / "article.html").read_bytes()
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Lavrov meets Wang</title><link>{server.base}/story</link>
        <pubDate>Mon, 18 Sep 2023 15:00:00 GMT</pubDate><description>Teaser only.</description></item>
      <item><title>Gone</title><link>{server.base}/gone</link>
        <description>Japan lodged a protest with China on Wednesday over a survey ship near disputed
        islands.</description>
      </item></channel></rss>""".encode()
    server.pages["/feed"] = (200, "application/rss+xml", feed)
    server.pages["/story"] = (200, "text/html", article)
    fetcher = Fetcher(allow_private=True, retries=0)
    report = ingest(store, [server.base + "/feed"], follow=True, fetcher=fetcher)
    assert report.stored == 2
    assert report.rejected == {"follow: HTTP 404": 1}
    texts = dict(store.con.execute("SELECT title, text FROM documents").fetchall())
    assert "Sergei Lavrov met his Chinese counterpart" in texts["Lavrov and Wang hold talks in Moscow"]
    assert texts["Gone"].startswith("Japan lodged a protest"), "the entry's own text is kept when its link fails"
