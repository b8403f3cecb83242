"""12. `gazette serve` speaks the site's language, and shows what a change will publish.

A copy of content/ (a zh-CN site) is served; a project page is opened in headless Chromium. Then, on disk:
  - the amount gets a zero too many (150000 -> 1500000), crossing the programme's cap: the page shows a
    Chinese panel "这次修改新增1个发现的问题" with the finding marked 新 (it will be published), and the
    terminal prints that finding in full, once; Escape closes the panel (keyboard), and it stays closed;
  - the amount is broken (`1e5`): the overlay shows the Chinese error, its file and line, and the terminal
    prints the error in full, once.
With GAZETTE_SCREENSHOTS=DIR, the two overlays are saved there as PNG (docs/images/ holds the ones the
editor's guide shows).
"""
from __future__ import annotations

import os
import shutil

import pytest

import sitelib
from servelib import STARTUP_TIMEOUT_S, ServeProcess
from test_serve_browser import replace_line, write_atomically

PROJECT = "qh2017-xn-022"
TIMEOUT_MS = 8000


@pytest.fixture()
def served_zh(gazette, tmp_path):
    content = str(tmp_path / "content")
    shutil.copytree(sitelib.CONTENT, content)
    # Named as an editor would (`--content content`, from the site's folder): the panel shows content/….
    server = ServeProcess(gazette, "content", cwd=str(tmp_path))
    try:
        server.wait_ready(STARTUP_TIMEOUT_S)
        yield server, content
    finally:
        server.stop()


def wait_for_line(server, page, needle, after):
    """Waits (on the page's clock) until the server printed a line containing `needle` after line `after`."""
    for _ in range(TIMEOUT_MS // 50):
        if any(needle in line for line in server.lines[after:]):
            return
        page.wait_for_timeout(50)
    pytest.fail(f"the terminal never printed {needle!r}\n{server.describe()}", pytrace=False)


def screenshot(page, name):
    folder = os.environ.get("GAZETTE_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, name))


def test_overlay_in_chinese_with_new_findings(browser, served_zh):
    server, content = served_zh
    yaml_path = os.path.join(content, "projects", f"{PROJECT}.yaml")
    scratch = os.path.dirname(content)
    with open(yaml_path, encoding="utf-8") as f:
        original = f.read()
    assert any("预览地址" in line for line in server.lines), "the terminal is not in the site's language"

    ctx = browser.new_context(viewport={"width": 1100, "height": 800}, locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto(server.url + f"projects/{PROJECT}/", wait_until="load")
        assert page.locator("#gazette-errors").count() == 0

        # 1. A zero too many crosses the cap: not an error, but a finding that would be published.
        before = len(server.lines)
        write_atomically(yaml_path, replace_line(original, "amount", "1500000"), scratch)
        overlay = page.locator("#gazette-errors")
        try:
            overlay.wait_for(state="visible", timeout=TIMEOUT_MS)
        except Exception:
            pytest.fail(f"no panel for the new finding\n{server.describe()}", pytrace=False)
        text = overlay.inner_text()
        assert "这次修改新增1个发现的问题" in text, text
        assert page.locator("#gazette-errors .gazette-new .gazette-new-badge").inner_text().strip() == "新"
        assert "合同金额150万元超过了每个项目20万元的上限。" in text, text
        assert f"projects/{PROJECT}.yaml:8" in text, text
        assert "发布后会显示在公开的「发现的问题」页面上" in text
        assert page.locator("h1").first.inner_text().strip() == "湟中县低保老人生活照料与生活救助项目"
        wait_for_line(server, page, "[F101] 合同金额150万元", before)
        printed = [line for line in server.lines[before:] if "[F101]" in line]
        assert len(printed) == 1, printed
        assert printed[0].startswith(f"{os.path.basename(content)}/projects/{PROJECT}.yaml:8:9: 发现的问题: [F101]") \
            or f"projects/{PROJECT}.yaml:8:9: 发现的问题: [F101]" in printed[0], printed[0]
        # Keyboard: the close button has focus; Escape closes the panel.
        assert page.evaluate("document.activeElement && document.activeElement.id") == "gazette-errors-close"
        screenshot(page, "serve-new-finding.zh-CN.png")
        page.keyboard.press("Escape")
        overlay.wait_for(state="detached", timeout=TIMEOUT_MS)

        # 2. A broken amount: the error in Chinese, where it is, and once in the terminal.
        before = len(server.lines)
        write_atomically(yaml_path, replace_line(original, "amount", "1e5"), scratch)
        overlay = page.locator("#gazette-errors")
        overlay.wait_for(state="visible", timeout=TIMEOUT_MS)
        text = overlay.inner_text()
        assert "最近的修改有1个错误" in text, text
        assert "「1e5」不是以元为单位的金额" in text, text
        assert f"projects/{PROJECT}.yaml:8:9: 错误 [E105]" in text, text
        assert "把金额完整写出，不用科学计数法。" in text, text
        screenshot(page, "serve-error.zh-CN.png")
        wait_for_line(server, page, "[E105]", before)
        assert sum("[E105]" in line for line in server.lines[before:]) == 1

        # 3. Back as it was: no overlay; the finding is gone again, so nothing new to show.
        write_atomically(yaml_path, original, scratch)
        page.locator("#gazette-errors").wait_for(state="detached", timeout=TIMEOUT_MS)
    finally:
        ctx.close()
