"""Parsing in several processes: only for batches big enough, never from a worker, and to the same events."""

import threading

import pytest

from tripolar.coding import frontend
from tripolar.coding.coder import Coder
from tripolar.coding.frontend import MIN_CHARS_PER_PROCESS, process_count
from tripolar.model import Document
from tripolar.sample import load_sample


def documents(chars: int) -> list[Document]:
    return [Document(text="x" * chars)]


def test_processes_only_for_batches_with_text_enough():
    assert process_count(2, documents(2 * MIN_CHARS_PER_PROCESS)) == 2
    assert process_count(4, documents(2 * MIN_CHARS_PER_PROCESS)) == 2
    assert process_count(2, documents(MIN_CHARS_PER_PROCESS)) == 1
    assert process_count(1, documents(10 * MIN_CHARS_PER_PROCESS)) == 1
    assert process_count(2, iter(documents(10 * MIN_CHARS_PER_PROCESS))) == 1  # unknown size


def test_no_processes_from_a_thread():
    found = []
    thread = threading.Thread(target=lambda: found.append(process_count(2, documents(10 * MIN_CHARS_PER_PROCESS))))
    thread.start()
    thread.join()
    assert found == [1]


@pytest.mark.slow
def test_two_processes_code_what_one_codes(monkeypatch):
    monkeypatch.setattr(frontend, "MIN_CHARS_PER_PROCESS", 1_000)
    batch = [entry.document for entry in load_sample()]
    one, two = Coder(processes=1), Coder(processes=2)
    events = [[event.id for _, _, events in coder.code(batch) for event in events] for coder in (one, two)]
    assert (one.counts["parallel_calls"], two.counts["parallel_calls"]) == (0, 1)
    assert len(events[0]) > 100 and events[0] == events[1]
    # The workers' counts come back to the coder that forked them.
    assert {key: one.counts[key] for key in ("documents", "sentences", "parsed")} == {
        key: two.counts[key] for key in ("documents", "sentences", "parsed")} and one.counts["parsed"] > 100



@pytest.mark.slow
def test_workers_stay_up_between_batches_until_closed(monkeypatch):
    monkeypatch.setattr(frontend, "MIN_CHARS_PER_PROCESS", 1_000)
    batch = [entry.document for entry in load_sample()][:40]
    with Coder(processes=2) as coder:
        first = [event.id for _, _, events in coder.code(batch) for event in events]
        workers = coder.workers.processes()
        second = [event.id for _, _, events in coder.code(batch) for event in events]
        assert len(workers) == 2 and coder.workers.processes() == workers
        assert first == second and len(first) > 20
        # A batch left half-read stops the workers rather than leave them busy with chunks nobody reads.
        half_read = coder.code(batch)
        next(half_read)
        half_read.close()
        assert not any(process.is_alive() for process in workers)
        coder.code(batch).close()  # never started: nothing to stop
        third = [event.id for _, _, events in coder.code(batch) for event in events]
        restarted = coder.workers.processes()
        assert third == first and len(restarted) == 2
    assert not any(process.is_alive() for process in restarted)
