"""A bounded fuzz of the readers in CI (issue 11): a fixed seed, 50 mutated copies of the sample (every
YAML, CSV and Markdown file mutated: about 3,500 inputs), each checked with `gazette check --format json`
and as text, and every tenth built. No signal, no hang, exit status 0 or 1, a valid JSON report, no raw
control character. Seconds, not minutes; `scripts/fuzz` runs the same for as long as one wants."""
from __future__ import annotations

import fuzzlib
import sitelib

SEED = 20171201
ROUNDS = 50


def test_mutated_content_never_crashes_or_hangs(gazette, tmp_path):
    inputs, failures = fuzzlib.run(gazette, sitelib.CONTENT, sitelib.TEMPLATES, SEED, ROUNDS, str(tmp_path))
    assert inputs >= 3000
    assert not failures, f"{len(failures)} failures; the first:\n" + "\n".join(failures[:5])
