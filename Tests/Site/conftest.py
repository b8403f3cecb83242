"""Fixtures for the end-to-end tests of the site that `gazette build` writes.

The binary is $GAZETTE_BIN, else <repo>/.build/debug/gazette. Builds run with cwd = the repo root and
`--templates <repo>/templates`. Tools these tests need are installed by scripts/install-test-tools; a test
whose tool is missing fails (set GAZETTE_SITE_SKIP_MISSING_TOOLS=1 to skip such tests instead).
"""
from __future__ import annotations

import os
import shutil

import pytest

import model
import sitelib


def require_tool(ok: bool, what: str):
    if ok:
        return
    msg = f"{what} is missing: run scripts/install-test-tools"
    if os.environ.get("GAZETTE_SITE_SKIP_MISSING_TOOLS") == "1":
        pytest.skip(msg)
    pytest.fail(msg, pytrace=False)


@pytest.fixture(scope="session")
def gazette():
    path = sitelib.gazette_bin()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"gazette binary not found at {path} (build it, or set GAZETTE_BIN)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def expected():
    return model.Expected(sitelib.CONTENT)


@pytest.fixture(scope="session")
def site(gazette, tmp_path_factory):
    """The sample content built once, at the root, into a temporary folder. Returns the output folder."""
    out = str(tmp_path_factory.mktemp("site") / "out")
    r = sitelib.run_build(out)
    if r.returncode != 0:
        pytest.fail("building the sample failed\n" + r.describe(), pytrace=False)
    if not os.path.isfile(os.path.join(out, "index.html")):
        pytest.fail(f"the build exited 0 but wrote no index.html into {out}\n" + r.describe(), pytrace=False)
    return out


@pytest.fixture(scope="session")
def site_drafts(gazette, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("site-drafts") / "out")
    r = sitelib.run_build(out, drafts=True)
    if r.returncode != 0:
        pytest.fail("building the sample with --drafts failed\n" + r.describe(), pytrace=False)
    return out


@pytest.fixture(scope="session")
def html_pages(site):
    return sitelib.html_files(site)


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require_tool(path is not None, "chromium (Debian package `chromium`)")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    """Headless Chromium (the system's, through Playwright: no browser can be downloaded here)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "playwright (pip package)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True,
                               args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
    except Exception:
        pw.stop()
        raise
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def server(site):
    """The built sample, served over HTTP on 127.0.0.1."""
    with sitelib.StaticServer(site) as srv:
        yield srv
