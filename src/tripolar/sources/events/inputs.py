"""Files as users download them: globs, plain text, ``.gz`` (DuckDB reads it) and ``.zip`` (unpacked here)."""

from __future__ import annotations

import glob
import gzip
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tripolar.errors import InputError

_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Each path as given, or the sorted files a glob matches (a glob matching nothing stays as is,
    so it is reported as missing rather than silently dropped)."""
    expanded: list[Path] = []
    for raw in paths:
        text = str(raw)
        matches = sorted(glob.glob(text)) if _GLOB_CHARS & set(text) else []
        if matches:
            expanded.extend(Path(match) for match in matches)
        else:
            expanded.append(Path(text))
    return expanded


@contextmanager
def readable_file(path: Path) -> Iterator[Path]:
    """A path DuckDB can read: the file itself, or for a ``.zip`` its one member unpacked to a temp dir."""
    if not path.is_file():
        raise InputError("no such file", path=path, hint="Check the path (globs such as 'data/*.CSV' are expanded)")
    if path.suffix.lower() != ".zip":
        yield path
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise InputError(f"not a readable zip file ({error})", path=path, hint="Download it again") from None
    with archive, tempfile.TemporaryDirectory(prefix="tripolar-import-") as tmp:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) != 1:
            raise InputError(
                f"the zip holds {len(members)} files, not one", path=path,
                hint="Unzip it and import the data files themselves",
            )
        target = Path(tmp) / Path(members[0].filename).name
        # Streamed copy: a GDELT day unpacks to hundreds of MB, which need not pass through memory.
        with archive.open(members[0]) as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, length=1 << 20)
        yield target


def first_line(path: Path) -> str:
    """The file's first line (decompressed if ``.gz``), for format detection."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            return handle.readline(1 << 20).decode("utf-8", errors="replace")
    except (OSError, EOFError) as error:
        raise InputError(f"cannot be read ({error})", path=path) from None


def looks_like_utf8(path: Path, size: int = 1 << 16) -> bool:
    """Whether the file's first bytes decode as UTF-8 (POLECAT files are sometimes Latin-1)."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as handle:
        head = handle.read(size)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is not evidence against UTF-8.
        return error.start >= len(head) - 3
    return True
