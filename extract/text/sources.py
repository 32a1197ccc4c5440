"""Reading input files: the only place where bytes become text.

Bad input must fail loudly *before* anything is written, so every check a build relies on lives
here: the path exists, the file is not empty, not binary and decodes as UTF-8.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from silkgraph.extract.records import SourceDocument

#: The file types a build reads from a folder; single files are read whatever their suffix.
SOURCE_SUFFIXES = (".txt",)

# C0 control characters other than tab/newline/carriage return/form feed are never in extracted
# newsletter text; more than a handful means the file is not text at all.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}
_MAX_CONTROL_RATIO = 0.001


class InputError(ValueError):
    """An input file cannot be read as a newsletter; the message says which file and why."""


def collect_sources(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their ``*.txt`` files; sorted so builds are deterministic.

    >>> collect_sources([Path("seeds")])  # doctest: +SKIP
    [PosixPath('seeds/000_ebff42e7a4c8d0a7.txt'), PosixPath('seeds/001_137bdf9c89c960ef.txt')]
    """
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
            if not found:
                raise InputError(f"{path}: folder holds no {'/'.join(SOURCE_SUFFIXES)} files")
            files.extend(found)
        else:
            files.append(path)
    keys = [f.stem for f in files]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise InputError(f"two inputs share the name {duplicates[0]!r}; file stems must be unique")
    return sorted(files, key=lambda f: f.stem)


def read_source(path: Path) -> SourceDocument:
    """Read one newsletter file, refusing anything that is not non-empty UTF-8 text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a text file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 (invalid byte at offset {error.start}); convert it with "
            f"`iconv -f GB18030 -t UTF-8` or similar"
        ) from None
    text = text.removeprefix("\ufeff")
    control = sum(1 for ch in text if ch in _CONTROL)
    if control > max(3, len(text) * _MAX_CONTROL_RATIO):
        raise InputError(f"{path}: binary file ({control} control characters), expected text")
    return SourceDocument(
        key=path.stem,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )
