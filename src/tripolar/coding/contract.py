"""``tripolar code --input IN.jsonl --output OUT.jsonl``: the coder's contract with outside tools.

IN: one object a line with ``id``, ``text`` and optionally ``published`` (YYYY, YYYY-MM or
YYYY-MM-DD) and ``title``; other fields are ignored. OUT: one object a line per coded event (see
DESIGN.md, "Contracts"). A line that cannot be read is reported with its number and reason, and the
run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tripolar.errors import InputError
from tripolar.model import Document, Event, format_partial_date, parse_partial_date


@dataclass(slots=True)
class CodeFileReport:
    lines: int = 0
    coded: int = 0
    events: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


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


def _read(path: Path, report: CodeFileReport) -> list[tuple[str, Document]]:
    documents = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
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
            documents.append((str(input_id), Document(text=text, title=str(record.get("title") or ""),
                                                       published=published, published_precision=precision)))
    return documents


def code_file(input_path: str | Path, output_path: str | Path,
              progress: Callable[[int, int], None] | None = None) -> CodeFileReport:
    """Code every line of ``input_path`` into ``output_path``; return counts and the unreadable lines."""
    from tripolar.coding.coder import default_coder

    source = Path(input_path)
    if not source.exists():
        raise InputError("no such file", path=source, hint="Give --input a JSONL file of {id, text, published}")
    report = CodeFileReport()
    documents = _read(source, report)
    coder = default_coder()
    with Path(output_path).open("w", encoding="utf-8") as out:
        for done, ((input_id, _), (_, _, events)) in enumerate(
                zip(documents, coder.code([document for _, document in documents]), strict=True), start=1):
            report.coded += 1
            for event in events:
                out.write(json.dumps(event_record(input_id, event), ensure_ascii=False) + "\n")
                report.events += 1
            if progress is not None:
                progress(done, len(documents))
    return report
