"""9. `gazette serve` in headless Chromium: live reload and the error overlay.

A copy of content/ is served with `gazette serve --port 0`; a project page is opened in the SYSTEM chromium
(Playwright, no browser download). Then, on disk:
  - the project's title changes  -> the page reloads by itself (within 5 s) and its <h1> shows the new title;
  - its YAML breaks (`amount: 1e5`) -> the overlay #gazette-errors appears, naming the file and the line;
  - the YAML is fixed again      -> the overlay goes away.
No console error, uncaught exception or failed request (apart from the event stream a reload aborts) is
allowed on the served page at any point. The server always gets SIGINT (then SIGKILL) at teardown.
"""
from __future__ import annotations

import os
import re
import shutil
import time

import pytest

import sitelib
from servelib import STARTUP_TIMEOUT_S, ServeProcess
from conftest import require_tool

PROJECT = "qh2017-xn-001"
PAGE = f"projects/{PROJECT}/"
RELOAD_TIMEOUT_MS = 5000
@pytest.fixture()
def served(gazette, tmp_path):
    content = str(tmp_path / "content")
    shutil.copytree(sitelib.CONTENT, content)
    server = ServeProcess(gazette, content, cwd=str(tmp_path))
    try:
        server.wait_ready(STARTUP_TIMEOUT_S)
        yield server, content
    finally:
        server.stop()



def write_atomically(path, text, scratch):
    """Writes a whole new file and renames it into place, so the watcher never sees a half-written file."""
    tmp = os.path.join(scratch, ".next-" + os.path.basename(path))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def replace_line(text, key, value):
    new, count = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1)
    assert count == 1, f"no top-level `{key}:` line in the project's YAML"
    return new


def line_number(text, key):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(key + ":"):
            return number
    raise AssertionError(f"no `{key}:` line")


def test_live_reload_and_error_overlay(browser, served):
    server, content = served
    yaml_path = os.path.join(content, "projects", f"{PROJECT}.yaml")
    scratch = os.path.dirname(content)   # same file system, outside the watched folders
    with open(yaml_path, encoding="utf-8") as f:
        original = f.read()
    url = server.url + PAGE

    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    # Counts the `hello` events the page's live-reload connection receives: the server sends one once it has
    # registered the listener, so a change made after it is seen by the page.
    ctx.add_init_script("""(() => {
        const Native = window.EventSource;
        window.__gazetteHellos = 0;
        window.EventSource = function (url, options) {
            const source = new Native(url, options);
            source.addEventListener("hello", () => { window.__gazetteHellos += 1; });
            return source;
        };
        window.EventSource.prototype = Native.prototype;
    })();""")
    page = ctx.new_page()
    problems, event_streams = [], []

    def on_console(m):
        if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"console.error: {m.text} ({m.location.get('url', '')})")

    def on_request_failed(r):
        # A reload closes the page's event stream: that abort is expected, nothing else is.
        if not ("/__gazette/events" in r.url and "ERR_ABORTED" in (r.failure or "")):
            problems.append(f"request failed: {r.url} ({r.failure})")

    def on_response(r):
        if "/__gazette/events" in r.url:
            event_streams.append(r.status)
        if r.status >= 400 and not r.url.endswith("/favicon.ico"):
            problems.append(f"HTTP {r.status}: {r.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)

    def connected_after(count):
        """Waits until the page has opened one more event stream than `count` (its live-reload connection)."""
        deadline = time.monotonic() + 10
        while len(event_streams) <= count and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        assert len(event_streams) > count, f"the page never opened its event stream\n{server.describe()}"
        assert event_streams[-1] == 200, f"the event stream answered HTTP {event_streams[-1]}"
        try:
            page.wait_for_function("window.__gazetteHellos > 0", timeout=10_000)
        except Exception:
            fail("the server never greeted the page's event stream (hello)")

    def fail(what):
        pytest.fail(f"{what}\n{server.describe()}", pytrace=False)

    try:
        resp = page.goto(url, wait_until="load")
        assert resp is not None and resp.status == 200, f"{url}: HTTP {resp.status if resp else None}"
        assert page.locator('script[src$="__gazette/live.js"]').count() == 1, "no live-reload script injected"
        first_title = page.locator("h1").first.inner_text().strip()
        assert first_title, "the project page has an empty <h1>"
        connected_after(0)

        # 1. A new title: the page reloads by itself (a marker set on the old document is gone) and shows it.
        new_title = f"实时预览测试 Live reload check {os.getpid()}"
        assert new_title != first_title
        streams = len(event_streams)
        page.evaluate("window.__gazetteTestMarker = 1")
        edited = replace_line(original, "title", f'"{new_title}"')
        write_atomically(yaml_path, edited, scratch)
        try:
            page.wait_for_function(
                "t => !window.__gazetteTestMarker && document.querySelector('h1') && "
                "document.querySelector('h1').textContent.trim() === t",
                arg=new_title, timeout=RELOAD_TIMEOUT_MS)
        except Exception:
            fail(f"within {RELOAD_TIMEOUT_MS} ms of the title change the page did not reload with the new <h1> "
                 f"(it shows {page.locator('h1').first.inner_text().strip()!r})")
        assert page.locator("#gazette-errors").count() == 0, "an error overlay after a good change"
        connected_after(streams)

        # 2. A broken amount: the overlay appears, naming the file and the line.
        streams = len(event_streams)
        broken = replace_line(edited, "amount", "1e5")
        bad_line = line_number(broken, "amount")
        write_atomically(yaml_path, broken, scratch)
        overlay = page.locator("#gazette-errors")
        try:
            overlay.wait_for(state="visible", timeout=RELOAD_TIMEOUT_MS)
        except Exception:
            fail(f"no visible #gazette-errors within {RELOAD_TIMEOUT_MS} ms of breaking the YAML")
        text = overlay.inner_text()
        where = f"projects/{PROJECT}.yaml:{bad_line}"
        assert where in text, f"the overlay does not name {where}:\n{text}"
        assert "1e5" in text, f"the overlay does not quote the offending line:\n{text}"
        assert page.locator("h1").first.inner_text().strip() == new_title, \
            "under the overlay the page is not the last good build"
        connected_after(streams)

        # 3. Fixed again: the overlay goes away.
        streams = len(event_streams)
        write_atomically(yaml_path, edited, scratch)
        try:
            page.locator("#gazette-errors").wait_for(state="detached", timeout=RELOAD_TIMEOUT_MS)
        except Exception:
            fail(f"#gazette-errors still shown {RELOAD_TIMEOUT_MS} ms after the YAML was fixed")
        page.wait_for_load_state("load")
        assert page.locator("h1").first.inner_text().strip() == new_title
        # The page (reloaded or not) is connected to the server (any late error has surfaced by then).
        try:
            page.wait_for_function("window.__gazetteHellos > 0", timeout=10_000)
        except Exception:
            fail("after the fix the page is not connected to the server")

        if problems:
            pytest.fail(f"{url}:\n  " + "\n  ".join(problems), pytrace=False)
        assert server.proc.poll() is None, f"gazette serve exited during the test\n{server.describe()}"
    finally:
        ctx.close()
