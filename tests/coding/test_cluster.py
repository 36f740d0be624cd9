"""`tripolar run --cluster`: the same events as the single-process run, from a Dask cluster."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED
from tripolar.cli import app
from tripolar.coding.cluster import code_store_on_cluster
from tripolar.coding.runner import RunReport, code_store
from tripolar.errors import ClusterError
from tripolar.model import Document, parse_partial_date
from tripolar.sample import load_sample
from tripolar.store import Store
from tripolar.store.exports import import_parquet

runner = CliRunner()

# Every column of what coding writes; codings without coded_at, the time it was written.
TABLES = {
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_reports": "SELECT * FROM event_reports ORDER BY report_id",
    "sentences": "SELECT * FROM sentences ORDER BY document_id, sentence_index",
    "codings": "SELECT document_id, coder, events FROM codings ORDER BY document_id",
}


def documents() -> list[Document]:
    """The bundled sample's 157 short reports, and the five seed articles when ../shared is there."""
    found = [entry.document for entry in load_sample()]
    index = SHARED / "seeds" / "index.jsonl"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            seed = json.loads(line)
            published, precision = parse_partial_date(seed["published"])
            found.append(Document(text=(index.parent / seed["file"]).read_text(encoding="utf-8"),
                                  source=seed["file"], title=seed["title"], published=published,
                                  published_precision=precision))
    return found


def rows(store: Store) -> dict[str, list[tuple]]:
    return {name: store.con.execute(query).fetchall() for name, query in TABLES.items()}


@pytest.fixture
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


@pytest.mark.slow
def test_cluster_run_codes_exactly_what_the_single_process_run_codes(tmp_path: Path, cluster) -> None:
    corpus = documents()
    with Store(tmp_path / "single.duckdb") as single, Store(tmp_path / "cluster.duckdb") as distributed:
        single.write(documents=corpus)
        distributed.write(documents=corpus)
        expected = code_store(single)
        seen: list[tuple[int, int]] = []
        shards = tmp_path / "shards"

        report = code_store_on_cluster(distributed, cluster.scheduler_address, partition_size=20,
                                       shard_dir=shards, progress=lambda done, total: seen.append((done, total)))

        assert report == expected
        assert report.documents == len(corpus) and report.events_added > 100
        assert rows(distributed) == rows(single)
        assert seen[-1] == (len(corpus), len(corpus)) and len(seen) == -(-len(corpus) // 20)
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)

        # A shard imported twice adds nothing.
        written = sorted(shards.iterdir())
        assert len(written) == len(seen)
        assert sum(import_parquet(distributed, shard).total for shard in written) == 0

        # An interrupted run (shards coded but never imported) is coded again on resume, adding only
        # the coding marks; a run with nothing left to code adds nothing.
        dropped = distributed.con.execute(
            "DELETE FROM codings WHERE document_id IN (SELECT document_id FROM codings ORDER BY document_id "
            "LIMIT 30) RETURNING document_id").fetchall()
        assert len(dropped) == 30
        resumed = code_store_on_cluster(distributed, cluster.scheduler_address, partition_size=20)
        assert resumed == RunReport(documents=30, already_coded=len(corpus) - 30)
        again = code_store_on_cluster(distributed, cluster.scheduler_address)
        assert again == RunReport(already_coded=len(corpus))
        assert rows(distributed) == rows(single)


@pytest.mark.slow
def test_local_cluster_codes_the_store_and_removes_its_shards(tmp_path: Path, monkeypatch) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    corpus = [entry.document for entry in load_sample()[:12]]
    with Store(tmp_path / "local.duckdb") as store:
        store.write(documents=corpus)
        report = code_store_on_cluster(store, "local", workers=2, partition_size=5)
        assert (report.documents, report.already_coded) == (12, 0)
        assert store.count("codings") == 12 and store.count("events") == report.events_added > 0
    assert not list(temporary.glob("tripolar-shards-*"))


def test_an_unreachable_scheduler_is_named_with_what_to_do(store: Store) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(ClusterError) as raised:
        code_store_on_cluster(store, "tcp://127.0.0.1:1", connect_timeout=0.5)
    message = str(raised.value)
    assert message.startswith("cannot reach a Dask scheduler at tcp://127.0.0.1:1 (")
    assert message.endswith("Start one there (`dask scheduler`, then `dask worker tcp://127.0.0.1:1` on each "
                            "machine), check the address and port, or use --cluster local")


def test_the_command_says_what_is_wrong_with_the_cluster_options(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    bad_address = runner.invoke(app, ["run", "--db", db, "--cluster", "scheduler"])
    assert bad_address.exit_code == 1
    assert "cannot reach a Dask scheduler at scheduler (ValueError: missing port number" in bad_address.stderr
    no_cluster = runner.invoke(app, ["run", "--db", db, "--shard-dir", str(tmp_path / "shards")])
    assert no_cluster.exit_code == 2
    assert "--shard-dir is only used with --cluster: add --cluster local or --cluster" in no_cluster.stderr
