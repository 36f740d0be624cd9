"""Read the TSV tables shipped in ``ontology/data`` and say exactly where a bad row is."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from tripolar.errors import DataError

DATA = resources.files("tripolar.ontology") / "data"


def data_path(name: str) -> Path:
    return Path(str(DATA / name))


def read_table(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for each data row; header and required fields are checked."""
    with path.open(encoding="utf-8") as handle:
        header_line = handle.readline().rstrip("\n")
        header = header_line.split("\t")
        missing = [name for name in required if name not in header]
        if missing:
            raise DataError(f"header lacks column(s) {', '.join(missing)}", path=path, line=1)
        for number, raw in enumerate(handle, start=2):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > len(header):
                raise DataError(
                    f"{len(cells)} cells for {len(header)} columns (a stray tab?)", path=path, line=number
                )
            row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
            for name in header[len(cells):]:
                row[name] = ""
            for name in required:
                if not row[name]:
                    raise DataError("is empty", path=path, line=number, field=name)
            yield number, row


def split_list(cell: str) -> tuple[str, ...]:
    """A ``|``-separated cell as a tuple, blanks dropped."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())
