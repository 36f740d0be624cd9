"""Analysis answers remembered by the web API: the JSON bytes of the last few hundred distinct requests.

A read-only store cannot change while it is served, so the same request always has the same answer.
Requests for the same thing that arrive while it is being computed wait for that one computation
instead of each starting their own (a dashboard's audience asks for the same views at once), and a
remembered answer is sent as the bytes it was encoded to, not encoded again.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class RememberedAnswers:
    """``answer(function, request, store, **options)``: ``function(request, store, **options).to_json()``
    encoded, remembered for the last ``capacity`` distinct calls when ``enabled``."""

    def __init__(self, capacity: int, enabled: bool) -> None:
        self.capacity = capacity
        self.enabled = enabled
        self._answers: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._computing: dict[tuple[Any, ...], threading.Event] = {}
        self._lock = threading.Lock()

    def answer(self, function: Callable[..., Any], request: Any, store: Any, **options: Any) -> bytes:
        if not self.enabled:
            return _encoded(function(request, store, **options))
        key = (function, request, tuple(sorted(options.items())))
        while True:
            with self._lock:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    return self._answers[key]
                underway = self._computing.get(key)
                if underway is None:
                    self._computing[key] = threading.Event()
                    break
            # Someone else is computing it: wait, then read it (or compute it, if theirs failed).
            underway.wait()
        try:
            encoded = _encoded(function(request, store, **options))
            with self._lock:
                self._answers[key] = encoded
                if len(self._answers) > self.capacity:
                    self._answers.popitem(last=False)
            return encoded
        finally:
            with self._lock:
                self._computing.pop(key).set()


def _encoded(result: Any) -> bytes:
    return json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False).encode()
