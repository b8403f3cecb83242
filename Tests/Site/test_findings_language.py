"""12. Findings on the public site are plain sentences in the site's language.

The sample (a zh-CN site) is built: on findings/ every finding's sentence is Chinese, with no English
sentence in it; the code stays as a small reference, and the response recorded on qh2017-xn-013
(`responses:`) is shown beside its finding. The same content with `language: en` is built: every sentence is
English, with no Chinese sentence in it.
"""
from __future__ import annotations

import os
import re
import shutil

from html.parser import HTMLParser

import pytest

import sitelib


class FindingText(HTMLParser):
    """The text of each `.finding-message`, `.finding-response` and `small.code` on a page."""

    def __init__(self):
        super().__init__()
        self.items: dict[str, list[str]] = {"finding-message": [], "finding-response": [], "code": []}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        found = next((c for c in self.items if c in classes and (c != "code" or tag == "small")), None)
        if tag in ("br", "img", "meta", "link", "input"):
            return
        self._open.append(found)
        if found:
            self.items[found].append("")

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for name in reversed(self._open):
            if name:
                self.items[name][-1] += data
                return


def findings_of(site):
    parser = FindingText()
    with open(os.path.join(site, "findings", "index.html"), encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.items


ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")
CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff]{2,}")


def test_zh_cn_findings_are_chinese_sentences(site):
    items = findings_of(site)
    messages = [m.strip() for m in items["finding-message"]]
    assert len(messages) == 2, messages
    assert "整改期限2018年3月15日已过，截至2018年3月31日尚无复核结果。" in messages
    assert "海西蒙古族藏族自治州对5个项目的中期评估抽查了1个（20.0%），低于规定的30%。" in messages
    for message in messages:
        assert not ENGLISH_SENTENCE.search(message), f"an English sentence on the zh-CN findings page: {message!r}"
    assert sorted(c.strip() for c in items["code"]) == ["F104", "F108"]
    responses = [r.strip() for r in items["finding-response"]]
    assert responses == ["处理情况：西宁市城西区民政局于2018年3月20日决定：约谈承接机构负责人,督促补齐服务记录,完成整改后申请复核（期限：2018年4月20日）"], responses


def test_en_findings_are_english_sentences(gazette, tmp_path):
    content = str(tmp_path / "content")
    shutil.copytree(sitelib.CONTENT, content)
    path = os.path.join(content, "site.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^language: .*$", "language: en", text))
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    items = findings_of(out)
    messages = [m.strip() for m in items["finding-message"]]
    assert "The rectification deadline, 15 March 2018, has passed, and as of 31 March 2018 there is no review result." in messages
    assert any(m.startswith("Haixi Mongol and Tibetan Autonomous Prefecture spot-checked 1 of 5") for m in messages), messages
    for message in messages:
        assert not CHINESE_SENTENCE.search(message), f"a Chinese sentence on the en findings page: {message!r}"
