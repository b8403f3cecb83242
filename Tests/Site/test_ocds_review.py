"""The official OCDS Data Review Tool's library (libcoveocds) accepts both OCDS packages with 0 errors.

Run offline: libcoveocds is given a `--standard-zip` made here from the OCDS 1.1.5 schemas and codelists in
<repo root>/../shared/ocds/1.1.5 (set GAZETTE_OCDS_SCHEMAS to use another folder), laid out as the standard's
repository archive (`standard-1__1__5/schema/…`), so it fetches nothing. Without ../shared the test skips.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from test_ocds import SCHEMAS

PACKAGES = ["data/ocds/release-package.json", "data/ocds/record-package.json"]

# libcoveocds reads the standard from --standard-zip, but jsonref still fetches the schemas a `$ref` names by
# URL (the record package's versioned release schema). This runs its command line with those URLs served from
# the same local folder, and any other fetch refused, so the review is offline and reviews what it says.
RUNNER = r"""
import json, os, sys
import requests
BASE = "https://standard.open-contracting.org/schema/1__1__5/"
LOCAL = os.environ["GAZETTE_OCDS_LOCAL"]

class Local:
    status_code = 200
    def __init__(self, path):
        self.path = path
    def raise_for_status(self):
        pass
    def json(self, **kwargs):
        with open(self.path, encoding="utf-8") as f:
            return json.load(f, **kwargs)

def get(url, *args, **kwargs):
    if url.startswith(BASE) and "/" not in url[len(BASE):]:
        return Local(os.path.join(LOCAL, url[len(BASE):]))
    raise requests.ConnectionError(f"offline: the test does not fetch {url}")

requests.get = get
from libcoveocds.__main__ import main
sys.argv = ["libcoveocds"] + sys.argv[1:]
main()
"""


@pytest.fixture(scope="module")
def standard_zip(tmp_path_factory):
    if not os.path.isdir(SCHEMAS):
        pytest.skip(f"the OCDS 1.1.5 schemas are not at {SCHEMAS} (../shared/ocds is absent): "
                    "the Data Review Tool cannot run offline without them")
    path = str(tmp_path_factory.mktemp("ocds") / "standard-1__1__5.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("standard-1__1__5/", "")
        for root, dirs, files in os.walk(SCHEMAS):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                rel = os.path.relpath(full, SCHEMAS).replace(os.sep, "/")
                z.write(full, f"standard-1__1__5/schema/{rel}")
    return path


@pytest.fixture(scope="module")
def libcoveocds():
    from conftest import require_tool
    path = shutil.which("libcoveocds")
    require_tool(path is not None, "libcoveocds (pip package, the OCDS Data Review Tool's library)")
    return path


@pytest.mark.parametrize("package", PACKAGES)
def test_data_review_tool_finds_no_error(site, package, standard_zip, libcoveocds, tmp_path):
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", GAZETTE_OCDS_LOCAL=SCHEMAS)
    r = subprocess.run([sys.executable, "-c", RUNNER, "--standard-zip", standard_zip, "--schema-version", "1.1",
                        os.path.join(site, package)], capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert r.returncode == 0, f"libcoveocds failed:\n{r.stderr[-3000:]}"
    result = json.loads(r.stdout)
    errors = result.get("validation_errors", [])
    described = [f"{e.get('type')}: {e.get('message')} at {[p.get('path') for p in e.get('values', [])][:3]}"
                 for e in errors]
    assert not errors, f"{len(errors)} validation errors:\n" + "\n".join(described[:20])
    for key in ("additional_codelist_values", "additional_closed_codelist_values"):
        closed = {k: v for k, v in (result.get(key) or {}).items() if not v.get("isopen", True)}
        assert not closed, f"{key}: {closed}"
