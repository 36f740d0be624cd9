"""``tripolar code --input IN.jsonl --output OUT.jsonl``: the coder's contract with outside tools.

IN: one object a line with ``id``, ``text`` and optionally ``published`` (YYYY, YYYY-MM or
YYYY-MM-DD), ``title`` and ``doc``; other fields are ignored. Consecutive lines with the same ``doc``
and ``published`` are sentences of one document and are read together, in order, so that what one
names ("Xi and Putin met") resolves what the next points back to ("the two leaders"); each event still
belongs to the line it was read in, with its evidence span in that line's text. OUT: one object a line
per coded event (see DESIGN.md, "Contracts"). A line that cannot be read is reported with its number
and reason, and the run goes on.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tripolar.coding.sentences import clean_text
from tripolar.errors import InputError
from tripolar.model import Document, Event, Reject, format_partial_date, parse_partial_date


@dataclass(slots=True)
class CodeFileReport:
    lines: int = 0
    coded: int = 0
    events: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # lines skipped, and why
    warnings: list[tuple[int, str]] = field(default_factory=list)  # lines coded in part or repaired, and how


def event_record(input_id: str, event: Event) -> dict[str, object]:
    """The OUT line for one event."""
    return {
        "id": input_id, "source": event.source.code, "source_role": event.source.role,
        "target": event.target.code, "target_role": event.target.role, "cameo": event.cameo,
        "plover": event.plover, "quad": event.quad, "goldstein": event.goldstein, "modality": event.modality,
        "date": format_partial_date(event.date, event.date_precision), "date_precision": event.date_precision,
        "issue": list(event.issues),
        "evidence": {"start": event.evidence.start, "end": event.evidence.end, "text": event.evidence.text},
        "confidence": event.confidence,
    }


@dataclass(frozen=True, slots=True)
class Line:
    """One readable IN line: its id, its text as a document, and the document it belongs to."""

    input_id: str
    document: Document
    doc: str | None
    number: int = 0


# Lines of one document are joined with a paragraph break, which no sentence crosses.
JOINER = "\n\n"


def _read(path: Path, report: CodeFileReport) -> list[Line]:
    documents = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = _decode(raw, number, report)
            if not line.strip():
                continue
            report.lines += 1
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                text, input_id = record.get("text"), record.get("id")
                if not isinstance(text, str) or input_id is None:
                    raise ValueError("needs an 'id' and a 'text'")
                published, precision = (parse_partial_date(str(record["published"]))
                                        if record.get("published") else (None, None))
            except (json.JSONDecodeError, ValueError) as error:
                report.problems.append((number, str(error)))
                continue
            doc = record.get("doc")
            text, replaced = clean_text(text)
            if replaced:
                report.warnings.append((number, f"{replaced:,} control characters in 'text' replaced with spaces "
                                                "(unpaired surrogates with U+FFFD)"))
            documents.append(Line(str(input_id), Document(text=text, title=str(record.get("title") or ""),
                                                          published=published, published_precision=precision),
                                  str(doc) if doc is not None else None, number))
    return documents


def _decode(raw: bytes, number: int, report: CodeFileReport) -> str:
    """A line as UTF-8; bytes that are not become U+FFFD, with a warning naming the first."""
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        report.warnings.append((number, f"not UTF-8 (byte {error.start + 1} of the line is 0x{raw[error.start]:02x}): "
                                        "bytes that are not UTF-8 replaced with U+FFFD. Save the file as UTF-8"))
        return raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")


def _documents(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive lines of one document (a line without ``doc`` is a document of its own)."""
    runs: list[list[Line]] = []
    for line in lines:
        previous = runs[-1][-1] if runs else None
        if previous is not None and line.doc is not None and line.doc == previous.doc \
                and line.document.published == previous.document.published \
                and line.document.published_precision == previous.document.published_precision:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _joined(run: list[Line]) -> tuple[Document, list[int]]:
    """One document of a run's texts, and where each line starts in it."""
    starts, position = [], 0
    for line in run:
        starts.append(position)
        position += len(line.document.text) + len(JOINER)
    first = run[0].document
    text = JOINER.join(line.document.text for line in run)
    return Document(text=text, title=first.title, published=first.published,
                    published_precision=first.published_precision), starts


def _split(run: list[Line], starts: list[int], events: list[Event]) -> Iterator[tuple[str, Event]]:
    """Each event of a joined run with the id of its line, its evidence moved into that line's text."""
    for event in events:
        start = event.evidence.start or 0
        number = bisect_right(starts, start) - 1
        line, offset = run[number], starts[number]
        end = min((event.evidence.end or start) - offset, len(line.document.text))
        evidence = replace(event.evidence, document_id=line.document.id, start=start - offset, end=end,
                           text=line.document.text[start - offset:end])
        yield line.input_id, replace(event, evidence=evidence)


def code_file(input_path: str | Path, output_path: str | Path,
              progress: Callable[[int, int], None] | None = None) -> CodeFileReport:
    """Code every line of ``input_path`` into ``output_path``; return counts and the unreadable lines."""
    from tripolar.coding.coder import default_coder

    source = Path(input_path)
    if not source.exists():
        raise InputError("no such file", path=source, hint="Give --input a JSONL file of {id, text, published}")
    report = CodeFileReport()
    runs = [(run, *_joined(run)) for run in _documents(_read(source, report))]
    coder = default_coder()
    total = sum(len(run) for run, _, _ in runs)
    rejects: list[Reject] = []
    with Path(output_path).open("w", encoding="utf-8") as out:
        coded = coder.code([document for _, document, _ in runs], rejects=rejects)
        for (run, _, starts), (_, _, events) in zip(runs, coded, strict=True):
            report.warnings.extend((run[0].number, f"{reject.reason}: {reject.detail}") for reject in rejects)
            rejects.clear()
            report.coded += len(run)
            for input_id, event in _split(run, starts, events):
                out.write(json.dumps(event_record(input_id, event), ensure_ascii=False) + "\n")
                report.events += 1
            if progress is not None:
                progress(report.coded, total)
    report.warnings.sort()
    return report
