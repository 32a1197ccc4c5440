"""Bad input gets one clear error naming the file and the problem — before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.extract.text.sources import InputError, collect_sources, read_source

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

BAD_FILES = [
    # (name, bytes, message fragment)
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n\t ", "file is empty"),
    ("gbk.txt", "一带一路绿色发展".encode("gb18030"), "not UTF-8"),
    ("nul.txt", b"abc\x00def" * 10, "binary file"),
    ("ctrl.txt", bytes(range(1, 9)) * 20, "binary file"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert name in str(caught.value)


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect_sources([tmp_path / "absent.txt"])


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no"):
        collect_sources([tmp_path])


def test_seed_folder_expands_sorted_and_reads_exactly() -> None:
    files = collect_sources([SEEDS])
    assert [f.name for f in files] == ["000_ebff42e7a4c8d0a7.txt", "001_137bdf9c89c960ef.txt"]
    source = read_source(files[0])
    assert source.key == "000_ebff42e7a4c8d0a7"
    assert source.text == files[0].read_text(encoding="utf-8")
    assert len(source.sha256) == 64


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff联盟动态".encode())
    assert read_source(path).text == "联盟动态"


def test_seeds_are_byte_identical_to_the_shared_originals() -> None:
    shared = SEEDS.parents[1] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in sorted(shared.glob("*.txt")):
        assert (SEEDS / seed.name).read_bytes() == seed.read_bytes(), seed.name
