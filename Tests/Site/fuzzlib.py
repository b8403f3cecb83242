"""Mutation fuzzing of the content readers: the sample's YAML, CSV and Markdown files, mutated from a fixed
seed, checked by `gazette check --format json` (and sometimes `gazette build`). Used by the bounded test in
CI (Tests/Site/test_fuzz.py) and by the longer run, scripts/fuzz (docs/security.md).

What must hold for every input: the process ends by itself (no hang), with exit status 0 or 1 (no signal,
no trap: a crash is a negative status or 132/134/139), and the JSON report parses, each diagnostic with a
code, a file and a position; the text report has no raw control character.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import tempfile

# Text that has broken or nearly broken a reader: long digit runs, signs, YAML syntax and escapes,
# aliases, CSV quoting, spreadsheet formulas, control characters, CJK and full-width digits.
TOKENS = [
    "9" * 19, "95.10000000000000000001", "1" * 30 + ".5", "-1", "+5", "1e5", "0x10", ".5", "1.", "١٢",
    "１９９９", "百万", "\\e[2K", "\"\\e[2K\\r0 errors\\0\\a\"", "\"\\x85\"", "\"\\u0000\"", "&a ", "*a", "<<: *a",
    "{", "}", "[", "]", "'", "\"", ": ", "- ", "? ", "|\n", ">-\n", "#", "---\n", "...\n", "!!binary ", "!x ",
    "\t", "\r", "\r\n", "\u0085", "\u009b", "\u2028", "\ufeff", ",", "\"\"", "\",\"", "=HYPERLINK(\"http://evil.example\",\"x\")",
    "@SUM(A1)", "<script>alert(1)</script>", "{{title}}", "](javascript:alert(1))", "[x](project:)", "[x](notice:../x)",
    "2017-02-30", "9999-12-31", "0000-01-01", "2017-6-1", "https://x.gov.cn;listen=1/", "http://[::1]:99999/",
    "青海", "\U0001F600", "\u0301", " " * 200, "x" * 5000,
]

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def mutate(text: str, rng: random.Random) -> str:
    """One to three random edits of a text file's lines and characters."""
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        kind = rng.randrange(9)
        if kind == 0 and text:                           # insert a token somewhere
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif kind == 1:                                  # replace a number with a hostile one
            numbers = list(NUMBER.finditer(text))
            if numbers:
                m = rng.choice(numbers)
                text = text[:m.start()] + rng.choice(TOKENS[:12]) + text[m.end():]
        elif kind == 2 and len(lines) > 1:               # repeat a line (a key written twice)
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 3 and len(lines) > 1:               # drop a line
            del lines[rng.randrange(len(lines))]
            text = "\n".join(lines)
        elif kind == 4 and len(lines) > 2:               # swap two lines
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == 5 and text:                         # cut the file short
            text = text[:rng.randrange(len(text))]
        elif kind == 6 and text:                         # re-indent a line
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.choice([1, 3, 8, 200]) + lines[i]
            text = "\n".join(lines)
        elif kind == 7 and text:                         # an anchor on a value, aliases elsewhere
            i = rng.randrange(len(lines))
            if ": " in lines[i]:
                key, value = lines[i].split(": ", 1)
                lines[i] = f"{key}: &a {value}"
                j = rng.randrange(len(lines))
                lines.insert(j, lines[j].split(":")[0] + ": [" + ", ".join(["*a"] * rng.randint(1, 50)) + "]")
            text = "\n".join(lines)
        else:                                            # flip a character
            if text:
                i = rng.randrange(len(text))
                text = text[:i] + chr(rng.choice([0, 7, 9, 27, 0x85, 0x9b, ord(":"), ord("-"), ord("\"")])) + text[i + 1:]
    return text


def mutated_copy(sample: str, dest: str, rng: random.Random, share: float = 1.0) -> int:
    """Copies `sample` to `dest`, mutating each YAML, CSV and Markdown file with probability `share`;
    returns how many files were mutated."""
    shutil.copytree(sample, dest)
    count = 0
    for folder, _, files in os.walk(dest):
        for name in sorted(files):
            if not name.endswith((".yaml", ".csv", ".md")) or rng.random() > share:
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(mutate(text, rng))
            count += 1
    return count


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_one(gazette: str, content: str, templates: str, build: bool, timeout: float = 30) -> list[str]:
    """Runs check (JSON and text) and perhaps build on one content folder; returns what went wrong."""
    problems = []
    try:
        r = subprocess.run([gazette, "check", "--format", "json", "--content", content], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"check --format json did not end within {timeout} s (a hang)"]
    if r.returncode not in (0, 1):
        problems.append(f"check --format json: exit status {r.returncode} (a signal or a trap)\n{r.stderr[-500:]!r}")
    try:
        report = json.loads(r.stdout.decode("utf-8"))
        for d in report["diagnostics"]:
            assert isinstance(d["code"], str) and isinstance(d["file"], str) and isinstance(d["line"], int)
        assert report["errors"] == sum(1 for d in report["diagnostics"] if d["severity"] == "error")
    except Exception as error:  # noqa: BLE001 - any failure to read the report is the finding
        problems.append(f"check --format json: not a valid report ({error}): {r.stdout[:300]!r}")
    try:
        t = subprocess.run([gazette, "check", "--content", content], capture_output=True, timeout=timeout)
        if t.returncode not in (0, 1):
            problems.append(f"check: exit status {t.returncode}")
        shown = t.stderr.decode("utf-8", errors="replace") + t.stdout.decode("utf-8", errors="replace")
        if CONTROL.search(shown):
            problems.append(f"check: a raw control character in the output: {CONTROL.search(shown).group()!r}")
    except subprocess.TimeoutExpired:
        problems.append(f"check did not end within {timeout} s (a hang)")
    if build:
        with tempfile.TemporaryDirectory() as out:
            try:
                b = subprocess.run([gazette, "build", "--content", content, "--templates", templates,
                                    "--output", os.path.join(out, "site")], capture_output=True, timeout=timeout * 4)
                if b.returncode not in (0, 1):
                    problems.append(f"build: exit status {b.returncode}\n{b.stderr[-500:]!r}")
            except subprocess.TimeoutExpired:
                problems.append("build did not end (a hang)")
    return problems


def run(gazette: str, sample: str, templates: str, seed: int, rounds: int, work: str, build_every: int = 25,
        share: float = 1.0, log=None, jobs: int = 4) -> tuple[int, list[str]]:
    """`rounds` mutated copies of the sample; returns the number of files mutated and the failures, each
    with the seed and round that reproduce it (the failing copy is kept in `work`). The copies are made in
    order from the seed (the same inputs every time), then checked `jobs` at a time."""
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(seed)
    inputs = 0
    failures = []
    batch = max(jobs * 4, 1)
    for start in range(0, rounds, batch):
        rounds_here = range(start, min(rounds, start + batch))
        folders = {}
        for round_ in rounds_here:
            folders[round_] = os.path.join(work, f"round-{round_}")
            inputs += mutated_copy(sample, folders[round_], rng, share)

        def one(round_):
            build = build_every > 0 and round_ % build_every == 0
            return round_, check_one(gazette, folders[round_], templates, build=build)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for round_, problems in pool.map(one, rounds_here):
                if problems:
                    failures += [f"seed {seed} round {round_} ({folders[round_]}): {p}" for p in problems]
                else:
                    shutil.rmtree(folders[round_])
        if log:
            log(rounds_here[-1], inputs, len(failures))
    return inputs, failures
