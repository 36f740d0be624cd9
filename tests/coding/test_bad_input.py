"""Bad input never stops a batch: it becomes a reject (or a warning) with the reason, and the rest is coded."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tripolar.cli import app
from tripolar.coding.coder import Coder, default_coder
from tripolar.coding.runner import code_store
from tripolar.coding.sentences import MAX_PIECE_CHARS, clean_text, pieces
from tripolar.model import Document
from tripolar.store import Store

EVENT = "Russia expelled two British diplomats on Monday."
EVENT_SPAN = "Russia expelled two British diplomats"


def coded(*texts: str) -> tuple[list[tuple[Document, list, list]], list]:
    rejects: list = []
    return list(default_coder().code([Document(text=text) for text in texts], rejects=rejects)), rejects


def reasons(rejects: list) -> dict[str, int]:
    return {reject.reason: reject.count for reject in rejects}


def test_empty_texts_are_rejected_and_the_batch_goes_on():
    results, rejects = coded("", " \n\t ", EVENT)
    assert [len(events) for _, _, events in results] == [0, 0, 1]
    assert [len(sentences) for _, sentences, _ in results] == [0, 0, 1]
    assert [(reject.source, reject.reason, reject.detail) for reject in rejects] == [
        (results[0][0].id, "empty text", "no text to code"),
        (results[1][0].id, "empty text", "only whitespace and control characters"),
    ]
    assert all(reject.stage == "code" and reject.field == "text" for reject in rejects)


def test_control_characters_become_spaces_in_place():
    text = "\x00Officials met.\x1b " + EVENT.replace("two", "two\x07") + "\r\nChina\x08 protested."
    ((_, sentences, events),), rejects = coded(text)
    (event,) = events
    start, end = event.evidence.start, event.evidence.end
    assert event.evidence.text == "Russia expelled two  British diplomats"  # the bell is a space, not gone
    assert len(event.evidence.text) == end - start and text[start:end].replace("\x07", " ") == event.evidence.text
    assert [sentence.text for sentence in sentences] == [
        "Officials met.", "Russia expelled two  British diplomats on Monday.", "China  protested."]
    for sentence in sentences:
        assert clean_text(text)[0][sentence.start:sentence.end] == sentence.text
    assert reasons(rejects) == {"control characters replaced": 4}


def test_clean_text_keeps_every_offset():
    text = "a\x00b\r\nc\rd\ud800e\u2028f\ufeff\tg\n"
    cleaned, replaced = clean_text(text)
    assert cleaned == "a b \nc\nd\ufffde\nf \tg\n"
    assert len(cleaned) == len(text) and replaced == 3
    assert clean_text("plain\ttext\n") == ("plain\ttext\n", 0)


def test_a_sentence_of_5000_tokens_is_kept_but_not_parsed():
    long_sentence = "Russia and China " + " ".join(["talked"] * 5000) + "."
    results, rejects = coded(f"{EVENT} {long_sentence} China and Russia signed a pact.")
    (_, sentences, events), = results
    assert [sentence.index for sentence in sentences] == list(range(len(sentences)))
    assert len(sentences) >= 3 and sum(len(sentence.text) for sentence in sentences) > 30_000
    assert {(event.cameo, event.evidence.sentence_index) for event in events} == {
        ("161", 0), ("057", len(sentences) - 1)}
    (too_long,) = [reject for reject in rejects if reject.reason.startswith("sentence over 300 tokens")]
    assert too_long.reason == "sentence over 300 tokens or 2,000 characters, not parsed"
    assert too_long.detail == f"sentence 1: 5,004 tokens, {len(long_sentence):,} characters"
    assert too_long.examples[0].startswith("Russia and China talked talked")


def test_no_piece_handed_to_spacy_is_longer_than_the_limit():
    text = "word " * 2_000_000 + "\n\nRussia expelled two British diplomats.\nshort"
    found = list(pieces(text))
    assert all(piece.end - piece.start <= MAX_PIECE_CHARS for piece in found)
    assert found[0].start == 0 and all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert text[found[-1].start:found[-1].end] == "Russia expelled two British diplomats.\nshort"  # wrapped line


def test_a_sentence_that_fails_to_code_is_a_reject(monkeypatch):
    coder = Coder()
    original = coder.code_sentence

    def code_sentence(document, index, sentence, **options):
        if "Beijing" in sentence.text:
            raise RuntimeError("boom")
        return original(document, index, sentence, **options)

    monkeypatch.setattr(coder, "code_sentence", code_sentence)
    rejects: list = []
    text = "Beijing protested to Washington over the visit. " + EVENT
    ((_, sentences, events),) = coder.code([Document(text=text)], rejects=rejects)
    assert [event.evidence.sentence_index for event in events] == [1] and len(sentences) == 2
    assert [(reject.reason, reject.detail) for reject in rejects] == [
        ("coding failed", "sentence 0: RuntimeError: boom")]


@pytest.mark.slow
def test_a_10_mb_document_is_coded_in_pieces_with_bounded_memory(tmp_path):
    script = tmp_path / "big.py"
    script.write_text(
        "import json, resource, time\n"
        "from tripolar.coding.coder import Coder\n"
        "from tripolar.model import Document\n"
        "coder = Coder()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "filler = 'The markets were calm and the weather was mild across the region on that day. ' * 5\n"
        f"event = {EVENT!r} + ' China and Russia signed a pact.'\n"
        "paragraphs = [event if n % 500 == 0 else filler for n in range(26_000)]\n"
        "text = '\\n\\n'.join(paragraphs)\n"
        "started = time.perf_counter()\n"
        "rejects = []\n"
        "((document, sentences, events),) = coder.code([Document(text=text)], rejects=rejects)\n"
        "elapsed = time.perf_counter() - started\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "spans = all(document.text[e.evidence.start:e.evidence.end] == e.evidence.text for e in events)\n"
        "print(json.dumps({'chars': len(text), 'sentences': len(sentences), 'events': len(events), 'spans': spans,\n"
        "                  'rejects': [r.reason for r in rejects], 'seconds': elapsed, 'growth_mb': peak - before}))\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["chars"] > 10_000_000
    assert report["sentences"] == 52 * 2 + 25_948 * 5
    assert report["events"] == 52 * 3 and report["spans"]
    assert report["rejects"] == []
    assert report["seconds"] < 120
    assert report["growth_mb"] < 500, report  # a whole-document parse would take several GB


def test_code_contract_warns_about_bytes_that_are_not_utf8(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        json.dumps({"id": "a", "text": EVENT + " \u00e9t\u00e9", "published": "2021-05-05"}).encode("utf-8")
        .replace(b"\\u00e9t\\u00e9", b"\xe9t\xe9") + b"\n"
        + json.dumps({"id": "b", "text": ""}).encode() + b"\n"
        + json.dumps({"id": "c", "text": "China\u0000 and \ud800 Russia signed a pact."}).encode() + b"\n"
    )
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", "--input", str(source), "--output", str(output)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(record["id"], record["cameo"]) for record in records] == [("a", "161"), ("c", "057"), ("c", "057")]
    assert records[0]["evidence"]["text"] == EVENT_SPAN
    assert records[1]["evidence"]["text"] == "China  and \ufffd Russia signed"
    errors = " ".join(result.stderr.split())  # as Rich wrapped it
    assert "line 1: not UTF-8 (byte 71 of the line is 0xe9)" in errors
    assert "line 2: empty text: no text to code" in errors
    assert "line 3: 2 control characters in 'text' replaced" in errors
    assert "Coded 3 of 3 lines: 3 events" in result.stdout


def test_ingest_then_run_with_bad_bytes_and_escapes(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(
        b"Russia expelled two British diplomats on Monday, the ministry said in a statement \xe9t\xe9.\n")
    (folder / "escapes.jsonl").write_text(json.dumps(
        {"text": "China\u0000 and Russia signed an energy pact \ud800 in Moscow on Tuesday, officials said.",
         "published": "2021-05-05"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "news.duckdb")
    ingested = CliRunner().invoke(app, ["ingest", str(folder), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "Stored 2 new documents" in ingested.stdout
    run = CliRunner().invoke(app, ["run", "--db", db])
    assert run.exit_code == 0, run.output
    assert "Coded 2 documents" in run.stdout
    assert "1 new rejects" in run.stderr
    with Store(db, read_only=True) as store:
        cameos = {row[0] for row in store.con.execute("SELECT cameo FROM events").fetchall()}
        rejects = store.con.execute("SELECT stage, reason, count FROM rejects WHERE stage = 'code'").fetchall()
    assert cameos == {"161", "057"}
    assert rejects == [("code", "control characters replaced", 1)]


def test_the_run_stores_the_coder_rejects(store):
    store.write(documents=[Document(text="\x00\x01"), Document(text=EVENT)])
    report = code_store(store)
    assert (report.documents, report.rejects_added) == (2, 2)
    rows = store.con.execute("SELECT reason, count FROM rejects WHERE stage = 'code' ORDER BY reason").fetchall()
    assert rows == [("control characters replaced", 2), ("empty text", 1)]
    assert code_store(store).rejects_added == 0
