"""``tripolar run --cluster``: the same coding step as :func:`~tripolar.coding.runner.code_store`, mapped
over a Dask distributed cluster.

The driver (the only process that opens the DuckDB file) splits the uncoded documents into partitions
and submits one task per partition. A worker codes its partition with the coder it loaded once, writes
the sentences, events and coding marks as a Parquet shard (the layout of ``tripolar export --format
parquet``, written from a scratch in-memory store) and returns the shard's path. As tasks finish, the
driver imports each shard in one transaction with :func:`~tripolar.store.exports.import_parquet`, whose
inserts skip rows already present, so a shard imported twice adds nothing. The codings table stays the
truth: a shard that was written but not imported before an interruption is simply coded again on
resume.

With a remote scheduler the shard directory must be on a filesystem the workers and the driver share,
and tripolar (the same version) must be installed on the workers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tripolar.coding.coder import default_coder
from tripolar.coding.runner import RunReport, code_documents, uncoded_documents
from tripolar.errors import ClusterError
from tripolar.model import Document, content_id
from tripolar.store import Store, WriteResult
from tripolar.store.exports import MANIFEST, export_parquet, import_parquet

if TYPE_CHECKING:
    from distributed import Client

LOCAL = "local"
DEFAULT_PARTITION_SIZE = 200
# Partitions queued per worker thread: enough to keep every worker busy while the driver imports,
# few enough that the driver never holds more than a handful of partitions' texts at once.
QUEUED_PER_THREAD = 2


def code_store_on_cluster(
    store: Store,
    address: str,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    shard_dir: str | Path | None = None,
    workers: int | None = None,
    connect_timeout: float = 10.0,
    progress: Callable[[int, int], None] | None = None,
) -> RunReport:
    """Code the store's uncoded documents on a Dask cluster; return what was added.

    ``address`` is ``"local"`` (a :class:`~distributed.LocalCluster` of ``workers`` processes, one
    thread each; default: one per core) or a scheduler address such as ``tcp://host:8786``.
    ``shard_dir`` holds the Parquet shards; by default a temporary directory removed at the end, and
    a directory given is kept (one ``shard-<hash>`` subdirectory per partition).
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    pending = uncoded_documents(store)
    report = RunReport(already_coded=store.count("documents") - len(pending))
    if not pending and address == LOCAL:
        return report  # a remote scheduler is still checked, so a wrong address never passes silently
    partitions = [pending[first:first + partition_size] for first in range(0, len(pending), partition_size)]
    # The client closes (cancelling what is left) before the shard directory goes.
    with _shards(shard_dir) as folder, _client(address, workers=workers, timeout=connect_timeout) as client:
        from distributed import as_completed

        queue_length = max(2, QUEUED_PER_THREAD * sum(client.nthreads().values()))
        waiting = iter(partitions)
        sizes: dict[str, int] = {}
        running = as_completed()

        def submit_next() -> None:
            ids = next(waiting, None)
            if ids is None:
                return
            documents = list(store.documents(ids))
            shard = folder / f"shard-{content_id('shard', *ids)}"
            future = client.submit(code_partition, documents, str(shard), pure=False)
            sizes[future.key] = len(documents)
            running.add(future)

        for _ in range(queue_length):
            submit_next()
        for future in running:
            shard = Path(future.result())
            added = _import_shard(store, shard, address)
            if shard_dir is None:
                shutil.rmtree(shard, ignore_errors=True)
            report.documents += sizes.pop(future.key)
            report.sentences += added["sentences"]
            report.events_added += added["events"]
            report.reports_added += added["event_reports"]
            if progress is not None:
                progress(report.documents, len(pending))
            submit_next()
    return report


def code_partition(documents: Sequence[Document], shard: str) -> str:
    """The task each worker runs: code ``documents`` with this process's coder (loaded on the first
    task, then reused) and write them to ``shard`` as a Parquet export; return ``shard``."""
    with Store(":memory:") as scratch:
        scratch.con.execute("SET threads = 1")
        scratch.write(**code_documents(default_coder(), documents))
        export_parquet(scratch, shard)
    return shard


def _import_shard(store: Store, shard: Path, address: str) -> WriteResult:
    if not (shard / MANIFEST).exists():
        raise ClusterError(
            f"{shard}: a worker of {address} wrote this shard, but it is not visible here. With a remote "
            "scheduler, pass --shard-dir a directory on a filesystem the workers and this machine share"
        )
    return import_parquet(store, shard)


@contextmanager
def _client(address: str, *, workers: int | None, timeout: float) -> Iterator[Client]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - a dependency, only absent in a broken install
        raise ClusterError(f"--cluster needs dask.distributed ({error}). Install it: pip install 'dask[distributed]'"
                           ) from error
    if address == LOCAL:
        # Any free port for the scheduler's HTTP server: two local runs must not fight over 8787.
        with LocalCluster(n_workers=workers or _cores(), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=timeout)
    except Exception as error:  # refused, timed out, a malformed address, or something that is not Dask
        raise ClusterError(
            f"cannot reach a Dask scheduler at {address} ({type(error).__name__}: {error}). Start one there "
            "(`dask scheduler`, then "
            f"`dask worker {address}` on each machine), check the address and port, or use --cluster local"
        ) from error
    with client:
        yield client


@contextmanager
def _shards(shard_dir: str | Path | None) -> Iterator[Path]:
    if shard_dir is not None:
        folder = Path(shard_dir)
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="tripolar-shards-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
