"""Remembered answers: one computation for requests that arrive together, and a bounded memory."""

import json
import threading
import time
from dataclasses import dataclass

import pytest

from tripolar.web.memory import RememberedAnswers


@dataclass
class Answer:
    value: int

    def to_json(self):
        return {"value": self.value}


class SlowAnalysis:
    def __init__(self, fail_first: bool = False):
        self.calls = 0
        self.fail_first = fail_first
        self.lock = threading.Lock()

    def __call__(self, request, store, **options):
        with self.lock:
            self.calls += 1
            failing = self.fail_first and self.calls == 1
        time.sleep(0.05)
        if failing:
            raise RuntimeError("the first computation failed")
        return Answer(request)


def ask_together(answers, analysis, request, count=8):
    found, errors = [], []

    def ask():
        try:
            found.append(json.loads(answers.answer(analysis, request, None)))
        except RuntimeError as error:
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found, errors


def test_requests_that_arrive_together_share_one_computation():
    analysis = SlowAnalysis()
    found, errors = ask_together(RememberedAnswers(4, enabled=True), analysis, 7)
    assert analysis.calls == 1 and not errors and found == [{"value": 7}] * 8


def test_when_the_computation_fails_a_waiting_request_computes_it_again():
    analysis = SlowAnalysis(fail_first=True)
    found, errors = ask_together(RememberedAnswers(4, enabled=True), analysis, 3)
    assert len(errors) == 1 and found == [{"value": 3}] * 7 and analysis.calls == 2


def test_memory_is_bounded_and_off_for_a_writable_store():
    analysis = SlowAnalysis()
    answers = RememberedAnswers(2, enabled=True)
    for request in (1, 2, 3, 1):
        answers.answer(analysis, request, None)
    assert analysis.calls == 4  # 1 was forgotten when 3 came
    writable = RememberedAnswers(2, enabled=False)
    writable.answer(analysis, 5, None)
    writable.answer(analysis, 5, None)
    assert analysis.calls == 6


@pytest.mark.parametrize("capacity", [1, 3])
def test_an_answer_is_the_encoded_json(capacity):
    assert json.loads(RememberedAnswers(capacity, True).answer(lambda request, store: Answer(1), 0, None)) == {
        "value": 1}
