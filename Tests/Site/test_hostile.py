"""3. Hostile strings in the records come out as text: no script, no event handler, no javascript: URL,
and Mustache tags in the data are never rendered."""
from __future__ import annotations

import os
import re

import pytest
import yaml

import sitelib
from sitelib import soup
from test_structure import fail_if

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MUSTACHE = "{{title}}"
TRIPLE = "{{{x}}}"
HOSTILE = f"{SCRIPT} {IMG} {MUSTACHE} {TRIPLE}"

PROJECT = "qh2017-xn-001"
ORG = "xinyuan-social-work"
NOTICE = "2017-06-review-publicity"
PAGE = "about"


def _q(s: str) -> str:
    """A YAML-safe double-quoted scalar."""
    return yaml.safe_dump(s, default_style='"', allow_unicode=True, width=10_000).strip().removesuffix("...").strip()


def _set_top_level(path, key, value):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new, n = re.subn(rf"(?m)^{re.escape(key)}:.*$", lambda m: f"{key}: {_q(value)}", text, count=1)
    assert n == 1, f"{path}: no top-level {key}:"
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def _edit_front_matter_and_body(path, title_suffix, body_extra):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert m, path
    fm, body = m.group(1), m.group(2)
    fm = re.sub(r"(?m)^title:\s*(.*)$", lambda t: "title: " + _q(str(yaml.safe_load(t.group(1))) + title_suffix), fm,
                count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"---\n{fm}\n---\n{body}\n\n{body_extra}\n")


def make_hostile_content(dest, with_javascript_link=False):
    c = sitelib.copy_content(dest)
    _set_top_level(os.path.join(c, "projects", f"{PROJECT}.yaml"), "title", "城东区项目 " + HOSTILE)
    _set_top_level(os.path.join(c, "organizations", f"{ORG}.yaml"), "name", "心缘社工 " + HOSTILE)
    body = (f"正文 {SCRIPT} 与 {IMG}\n\n文字 {MUSTACHE} 和 {TRIPLE}\n\n"
            f"<img src=x onerror=alert(1)>\n")
    if with_javascript_link:
        body += ("\n[点我](javascript:alert(1)) [再点](JaVaScRiPt:alert(1)) <javascript:alert(1)>\n"
                 "[引用][js]\n\n[js]: javascript:alert(1)\n")
    _edit_front_matter_and_body(os.path.join(c, "notices", f"{NOTICE}.md"), " " + HOSTILE, body)
    _edit_front_matter_and_body(os.path.join(c, "pages", f"{PAGE}.md"), "",
                                f"页面 {SCRIPT} {MUSTACHE} {TRIPLE} {IMG}\n")
    # A ledger note (CSV-quoted: it holds a comma-free but quote-bearing string).
    ledger = os.path.join(c, "ledger", "2017.csv")
    with open(ledger, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if f",{PROJECT},advance," in line:
            note = "先期预付 " + HOSTILE
            lines[i] = line.rsplit(",", 1)[0] + ',"' + note.replace('"', '""') + '"'
            break
    else:
        raise AssertionError("no advance row for " + PROJECT)
    with open(ledger, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return c


def _dangerous(root):
    problems = []
    for rel in sitelib.html_files(root):
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            raw = f.read()
        if re.search(r"<script>\s*alert", raw, re.I):
            problems.append(f"{rel}: raw <script>alert in the HTML")
        if re.search(r"""href\s*=\s*["']?\s*javascript:""", raw, re.I):
            problems.append(f"{rel}: href=\"javascript:...\" in the HTML")
        s = soup(root, rel)
        for el in s.find_all(True):
            for attr, val in el.attrs.items():
                v = " ".join(val) if isinstance(val, list) else str(val)
                if attr.lower() == "onerror" or (attr.lower().startswith("on") and "alert" in v):
                    problems.append(f"{rel}: <{el.name} {attr}={v!r}> event-handler attribute")
                if attr in ("href", "src", "action", "formaction", "xlink:href") and \
                        re.sub(r"[\s\x00-\x1f]", "", v).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"{rel}: <{el.name} {attr}={v!r}>")
            if el.name == "img" and el.get("src") == "x":
                problems.append(f"{rel}: an injected <img src=x> element")
        for sc in s.find_all("script"):
            if "alert(1)" in sc.get_text():
                problems.append(f"{rel}: a <script> whose text holds alert(1)")
    return problems


@pytest.fixture(scope="module")
def hostile_site(gazette, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = make_hostile_content(str(root / "content"))
    out = str(root / "out")
    r = sitelib.run_build(out, content=content)
    if r.returncode != 0:
        pytest.fail("the hostile content (valid records with hostile text) did not build\n" + r.describe(),
                    pytrace=False)
    return out


def test_no_script_no_handler_no_javascript_url(hostile_site):
    fail_if(_dangerous(hostile_site), "hostile text turned into markup")


@pytest.mark.parametrize("rel,what", [
    (f"projects/{PROJECT}/index.html", "project title"),
    (f"organizations/{ORG}/index.html", "organization name"),
    (f"notices/{NOTICE}/index.html", "notice title"),
])
def test_hostile_text_is_shown_escaped(hostile_site, rel, what):
    path = os.path.join(hostile_site, rel)
    assert os.path.isfile(path), f"{rel} missing"
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    problems = []
    if "&lt;script&gt;alert(1)&lt;/script&gt;" not in raw:
        problems.append(f"the {what}'s <script>alert(1)</script> does not appear escaped as &lt;script&gt;")
    text = soup(hostile_site, rel).get_text()
    for lit in (SCRIPT, IMG, MUSTACHE, TRIPLE):
        if lit not in text:
            problems.append(f"the {what}'s literal text {lit!r} is not shown as text")
    fail_if(problems, f"{rel}")


def test_mustache_tags_in_bodies_are_literal(hostile_site):
    problems = []
    for rel, what in ((f"notices/{NOTICE}/index.html", "notice body"), (f"pages/{PAGE}/index.html", "page body")):
        text = soup(hostile_site, rel).get_text()
        for lit in (MUSTACHE, TRIPLE):
            if lit not in text:
                problems.append(f"{rel}: the {what}'s {lit!r} is not shown literally")
    # The project title must not have been substituted into the project page via {{title}}.
    fail_if(problems, "Mustache tags in Markdown bodies")


def test_ledger_note_escaped_where_shown(hostile_site):
    rel = f"projects/{PROJECT}/index.html"
    with open(os.path.join(hostile_site, rel), encoding="utf-8") as f:
        raw = f.read()
    if "先期预付 " not in soup(hostile_site, rel).get_text():
        pytest.skip("the project page does not show ledger notes")
    assert raw.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2, \
        "the ledger note's <script> is not shown escaped on the project page"


def test_javascript_link_in_markdown(gazette, tmp_path):
    """A javascript: link target in a notice body: either the build refuses it (exit 1, naming the notice),
    or it builds and no javascript: URL reaches the HTML."""
    content = make_hostile_content(str(tmp_path / "content"), with_javascript_link=True)
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    if r.returncode == 1:
        assert NOTICE in r.stderr + r.stdout, "exit 1 without naming the offending notice\n" + r.describe()
        assert not os.path.exists(out), "a refused build wrote output"
        return
    assert r.returncode == 0, r.describe()
    fail_if(_dangerous(out), "javascript: links from Markdown")


def test_website_must_be_http(gazette, tmp_path):
    """An organization website of javascript:alert(1) is refused (exit 1) or never becomes a link."""
    c = sitelib.copy_content(str(tmp_path / "content"))
    _set_top_level(os.path.join(c, "organizations", f"{ORG}.yaml"), "website", "javascript:alert(1)")
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=c)
    if r.returncode == 0:
        fail_if(_dangerous(out), "javascript: website became a link")
    else:
        assert r.returncode == 1, r.describe()
        assert not os.path.exists(out)
