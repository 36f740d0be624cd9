"""The dashboard in a real browser: Debian's Chromium driven by Playwright against the app served by uvicorn.

It checks what only a browser can: that the page draws its charts with the bundled Plotly, redraws them
when the period changes, that a click on a plotted point brings up the sentences behind it, and that the
scenario form answers with sentences or a readable error.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright

from tests.analysis.conftest import fill_store
from tripolar.store import Store
from tripolar.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Quiet, sandbox-free Chromium: CI runs as root in a container, without a GPU or a network to phone home to.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SENTENCE = "Washington and Beijing traded measures"
SERIES_POINTS = "#series-plot .scatterlayer .trace .points path"
WAIT_MS = 15_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium; CI installs it)"),
]


def test_dashboard_plots_clicks_through_to_evidence_and_runs_a_scenario(tmp_path: Path) -> None:
    db_path = tmp_path / "dashboard.duckdb"
    with Store(db_path) as store:
        # Nine years: 36 quarters, enough for the scenario's VAR at the quarterly period.
        fill_store(store, months=108, per_month=4)
    screenshot = tmp_path / "dashboard.png"

    with serving(db_path) as base_url, browser_page() as page:
        script_errors: list[str] = []
        page.on("pageerror", lambda error: script_errors.append(str(error)))
        page.goto(f"{base_url}/")
        expect(page.locator("#series-plot[data-period='month']")).to_be_attached(timeout=WAIT_MS)
        assert page.locator(SERIES_POINTS).count() > 0

        page.select_option("#period", "quarter")
        expect(page.locator("#series-plot[data-period='quarter']")).to_be_attached(timeout=WAIT_MS)
        assert all("-Q" in label for label in plotted_labels(page)), plotted_labels(page)
        expect(page.locator("#triangle-plot[data-period='quarter']")).to_be_attached(timeout=WAIT_MS)
        expect(page.locator("#latest")).to_contain_text("Latest")

        click_a_plotted_point(page)
        expect(page.locator("#evidence")).to_contain_text(SENTENCE, timeout=WAIT_MS)

        run_scenario(page, "USA-RUS:2")
        expect(page.locator("#scenario[data-state='failed'] .error")).to_contain_text("shock", timeout=WAIT_MS)
        expect(page.locator("#status")).to_contain_text("Scenario: shock: ")
        run_scenario(page, "USA->RUS:+2:6")
        answer = page.locator("#scenario[data-state='answered'] li, #scenario[data-state='failed'] .error").first
        expect(answer).to_be_visible(timeout=WAIT_MS)
        assert len(answer.inner_text().strip()) > 20, answer.inner_text()

        page.screenshot(path=str(screenshot), full_page=True)
        assert not script_errors, script_errors

    assert screenshot.stat().st_size > 10_000


def run_scenario(page: Page, shock: str) -> None:
    page.fill("#shock", shock)
    page.click("#run-scenario")


def plotted_labels(page: Page) -> list[str]:
    return page.evaluate("() => document.getElementById('series-plot').data.flatMap((trace) => trace.x)")


def click_a_plotted_point(page: Page) -> None:
    """A real mouse click on a drawn point. Plotly picks the clicked point from its hover state, so the
    pointer rests on the point until the hover label shows."""
    point = page.locator(SERIES_POINTS).nth(2)
    box = point.bounding_box()
    assert box is not None, "the plotted point has no box on the page"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    expect(page.locator("#series-plot .hoverlayer .hovertext").first).to_be_visible(timeout=WAIT_MS)
    page.mouse.click(x, y)


@contextmanager
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            browser.close()


@contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """The app on a free local port, served from a background thread; its base URL."""
    app = create_app(db_path)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="dashboard-server", daemon=True)
    thread.start()
    try:
        wait_until_started(server, thread)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()


def wait_until_started(server: uvicorn.Server, thread: threading.Thread, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server thread ended before the server started")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start within {timeout} s")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
