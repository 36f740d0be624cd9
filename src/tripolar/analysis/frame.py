"""Directed dyad series on one period grid: the shape every analysis takes.

A series set comes from the store (:func:`tripolar.analysis.series.dyad_series`) or from a user's CSV
file of pre-aggregated series (WEIS, COPDAB, KEDS): a period column, then one column per directed dyad
named ``A->B``. Either way the analyses see the same thing: a table whose rows are periods in time
order and whose columns are directed dyads, holding one number per cell (the *measure*: mean Goldstein
per event by default, or a sum, or whatever the file holds).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tripolar.errors import InputError

ARROW = "->"


def parse_dyad(name: str) -> tuple[str, str]:
    """``"USA->CHN"`` → ``("USA", "CHN")``; a clear error for anything else."""
    source, arrow, target = name.partition(ARROW)
    if not arrow or not source.strip() or not target.strip() or ARROW in target:
        raise InputError(f"'{name}' is not a directed dyad: write it SOURCE->TARGET, e.g. USA->CHN")
    return source.strip(), target.strip()


def dyad_name(source: str, target: str) -> str:
    return f"{source}{ARROW}{target}"


@dataclass(frozen=True)
class DyadSeries:
    """Directed dyad series: ``values`` has one row per period (index: period labels, in time order)
    and one column per directed dyad (``"A->B"``).

    ``counts`` holds the events behind each value (same shape) when the series come from events; a
    user's file has none. ``period`` is day, week, month or quarter for series built here, None for a
    file's own periods. ``measure`` says what a value is.
    """

    values: pd.DataFrame
    measure: str
    period: str | None = None
    counts: pd.DataFrame | None = None
    origin: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def dyads(self) -> list[str]:
        return [str(column) for column in self.values.columns]

    @property
    def periods(self) -> list[str]:
        return [str(label) for label in self.values.index]

    @property
    def actors(self) -> list[str]:
        """The actors of the dyads, in order of first appearance."""
        seen: dict[str, None] = {}
        for dyad in self.dyads:
            for actor in parse_dyad(dyad):
                seen.setdefault(actor, None)
        return list(seen)

    def select(self, dyads: Sequence[str]) -> DyadSeries:
        """Only ``dyads``, in that order; names the missing ones and those there are."""
        missing = [dyad for dyad in dyads if dyad not in self.values.columns]
        if missing:
            raise InputError(f"no series for {', '.join(missing)}; there are: {', '.join(self.dyads)}")
        counts = self.counts[list(dyads)] if self.counts is not None else None
        return DyadSeries(self.values[list(dyads)], self.measure, self.period, counts, self.origin, self.notes)

    def between(self, start: str | None = None, end: str | None = None) -> DyadSeries:
        """The periods from ``start`` to ``end`` (labels, both included)."""
        keep = [(start is None or label >= start) and (end is None or label <= end) for label in self.periods]
        counts = self.counts[keep] if self.counts is not None else None
        return DyadSeries(self.values[keep], self.measure, self.period, counts, self.origin, self.notes)


def triangle_dyads(actors: Sequence[str]) -> list[str]:
    """The six directed dyads of three actors A, B, C: A->B, B->A, A->C, C->A, B->C, C->B."""
    if len(actors) != 3 or len(set(actors)) != 3:
        raise InputError(f"a triangle needs three different actors, got {', '.join(actors) or 'none'}")
    first, second, third = actors
    pairs = ((first, second), (first, third), (second, third))
    return [name for a, b in pairs for name in (dyad_name(a, b), dyad_name(b, a))]


def read_series_csv(path: Path | str, columns: Sequence[str] | None = None) -> DyadSeries:
    """A user's file of pre-aggregated series: the first column is the period, every column named
    ``A->B`` is a directed dyad (others, such as a year or week number, are left out unless
    ``columns`` names them). Rows are taken in the file's order, which must be time order.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except OSError as error:
        raise InputError(f"cannot read the series file ({error.strerror or error})", path=path) from None
    if not rows or len(rows[0]) < 2:
        raise InputError("expected a header with a period column and at least one A->B column", path=path, line=1)
    header = [name.strip() for name in rows[0]]
    wanted = list(columns) if columns else [name for name in header[1:] if ARROW in name]
    if not wanted:
        raise InputError(f"no column named like SOURCE->TARGET (header: {', '.join(header)})", path=path, line=1,
                         hint="Name the dyad columns A->B, or pick columns with --columns")
    positions = []
    for name in wanted:
        if name not in header[1:]:
            raise InputError(f"no column '{name}'; the columns are {', '.join(header[1:])}", path=path, line=1)
        positions.append(header.index(name))
    labels: list[str] = []
    data: list[list[float]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} fields, the header has {len(header)}", path=path, line=line)
        values = []
        for position in positions:
            cell = row[position].strip()
            try:
                value = float(cell)
            except ValueError:
                raise InputError(f"'{cell}' is not a number", path=path, line=line, field=header[position],
                                 hint="Write 0 for a period without events") from None
            if not math.isfinite(value):
                raise InputError(f"'{cell}' is not finite", path=path, line=line, field=header[position])
            values.append(value)
        labels.append(row[0].strip())
        data.append(values)
    if len(set(labels)) != len(labels):
        duplicate = next(label for label in labels if labels.count(label) > 1)
        raise InputError(f"period '{duplicate}' appears more than once", path=path, field=header[0])
    frame = pd.DataFrame(data, index=pd.Index(labels, name=header[0]), columns=wanted, dtype=float)
    return DyadSeries(frame, measure=path.stem, origin=f"file:{path}")
