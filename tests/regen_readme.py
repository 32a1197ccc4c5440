"""Rewrite the README's sample-query output from a fresh build of seeds/ (run by hand, on purpose).

    .venv/bin/python tests/regen_readme.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- sample-output -->\n```text\n)(.*?)(```\n<!-- /sample-output -->)", re.S)
QUERY = re.compile(r"```sparql\n(.*?)```", re.S)


def sample_query(readme: str) -> str:
    return QUERY.findall(readme)[-1]


def sample_output(readme: str) -> str:
    match = BLOCK.search(readme)
    if match is None:
        raise SystemExit("README.md has no <!-- sample-output --> block")
    return match.group(2)


def run_sample(store: Path, readme: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "silkgraph", "query", sample_query(readme), "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return result.stdout


def main() -> None:
    readme = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        subprocess.run(
            [sys.executable, "-m", "silkgraph", "build", "--store", str(store), "--no-progress"],
            cwd=ROOT,
            check=True,
        )
        output = run_sample(store, readme)
    README.write_text(BLOCK.sub(lambda m: m.group(1) + output + m.group(3), readme), "utf-8")
    print(output, end="")


if __name__ == "__main__":
    main()
