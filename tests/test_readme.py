"""The README is tested: its set-up commands, CLI examples and sample output must stay true."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def regen_module() -> ModuleType:
    """The regeneration script, loaded as a module so the test and the script share one reader."""
    spec = importlib.util.spec_from_file_location("regen_readme", ROOT / "tests/regen_readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_block_after(heading: str) -> list[str]:
    section = README.split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, f"no sh block under {heading}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_exactly_two_set_up_commands_and_ci_runs_the_test_one() -> None:
    commands = [line.split("#")[0].strip() for line in code_block_after("## Set up")]
    assert commands == ["make serve", "make test"]
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^serve:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_every_cli_example_names_a_real_command() -> None:
    commands = {
        line.split()[1]
        for line in code_block_after("## Command line")
        if line.startswith(".venv/bin/silkgraph")
    }
    assert commands == {"build", "query", "export", "serve", "eval"}
    for command in sorted(commands):
        result = subprocess.run(
            [sys.executable, "-m", "silkgraph", command, "--help"], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_every_canned_query_is_documented() -> None:
    from silkgraph.queries.catalog import load_catalog

    for name in load_catalog():
        assert f"| `{name}` |" in README, f"README's canned-query table lacks {name}"


@pytest.mark.slow
def test_sample_output_is_what_the_seeds_give(seed_store: Path) -> None:
    regen = regen_module()
    actual = regen.run_sample(seed_store, README)
    assert actual == regen.sample_output(README), (
        "README's sample output is stale: run `.venv/bin/python tests/regen_readme.py` "
        "and review the diff"
    )


@pytest.mark.slow
def test_the_analysts_example_runs(seed_store: Path) -> None:
    """The "For analysts" block, run as written, on the seed store instead of the server."""
    section = README.split("## For analysts", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    code = block.group(1)
    assert len(code.strip().splitlines()) == 5
    namespace: dict[str, object] = {}
    exec(code.replace('"http://127.0.0.1:8000"', repr(str(seed_store))), namespace)
    events = namespace["events"]
    assert len(events) == events["event"].nunique() > 0  # type: ignore[attr-defined]
    assert {"start", "start_precision", "kind"} <= set(events.columns)  # type: ignore[attr-defined]
    for name in re.findall(r"\(queries/notebooks/([a-z-]+)\.ipynb\)", section):
        assert (ROOT / "queries" / "notebooks" / f"{name}.ipynb").is_file()
