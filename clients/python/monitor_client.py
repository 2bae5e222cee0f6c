"""Monitor client for Python model servers: standard library only, one file.

Copy this file next to your model server (Python 3.8 or later) and send one record per prediction:

    from monitor_client import MonitorClient

    monitor = MonitorClient("http://127.0.0.1:8080")
    monitor.record("fraud", "v1.0", latency_ms=12.5, prediction=0, confidence=0.95,
                   features={"amount": 12.5, "country": "DE"}, id="req-81f2")
    ...
    monitor.label("fraud", "req-81f2", 1)              # ground truth, joined to the prediction by id
    monitor.event("fraud", "chargeback", id="req-81f2", value=120.0)  # a business event
    monitor.close()   # or use it as a context manager; it also closes at interpreter exit

``record()`` never waits on the network: it appends to a bounded in-memory queue (O(1)) and returns.
Labels go to POST /v1/labels and events to POST /v1/events through the same queue.
A background thread sends the queue in batches (one path per batch) (when ``max_batch_size`` records wait, or
``flush_interval`` seconds after the first of them), retries a batch with exponential backoff on 429,
5xx, timeouts and connection failures (honouring ``Retry-After``), and ``close()`` sends what is left
within ``shutdown_timeout`` seconds. When the queue is full the *oldest* record is dropped and counted:
fresh telemetry matters more than old. ``counters()`` says what happened to every record.
"""

import atexit
import datetime
import email.utils
import json
import math
import numbers
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from typing import Any, Callable, Dict, List, NamedTuple, Optional

__all__ = ["MonitorClient", "Counters", "MonitorError"]
__version__ = "1.1.0"

PREDICTIONS, LABELS, EVENTS = "/v1/predictions", "/v1/labels", "/v1/events"


class Counters(NamedTuple):
    """Every record given to the client ends up sent, rejected, failed or dropped, or is still pending.

    enqueued: records given to ``record()``/``enqueue()``.
    sent:     records Monitor accepted.
    rejected: records Monitor refused as invalid (see ``on_rejected``).
    failed:   records given up on: retries exhausted, or an answer retrying cannot fix (a 4xx).
    dropped:  records discarded unsent: the oldest when the queue was full, those offered after
              ``close()``, and those still queued when shutdown timed out.
    """

    enqueued: int
    sent: int
    rejected: int
    failed: int
    dropped: int

    @property
    def pending(self) -> int:
        return self.enqueued - self.sent - self.rejected - self.failed - self.dropped


class MonitorError(Exception):
    """A read that Monitor answered with an error; the message is its problem detail."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _retry_after_seconds(value: Optional[str], now: float) -> Optional[float]:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def _value(v: Any) -> Any:
    """A feature or prediction value as Monitor takes it: finite number, string or null."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        f = float(v)
        return f if math.isfinite(f) else None
    return str(v)


def _with_present(rec: Dict[str, Any], timestamp: Optional[float], **optional: Any) -> Dict[str, Any]:
    """Adds the optional fields that were given (the wire leaves absent ones out) and the timestamp as RFC 3339."""
    rec.update((k, v) for k, v in optional.items() if v is not None)
    if timestamp is not None:
        rec["timestamp"] = _rfc3339(timestamp)
    return rec


def _rfc3339(t: float) -> str:
    stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class MonitorClient:
    """Batches prediction telemetry to Monitor in a background thread. Thread-safe; share one per process."""

    def __init__(
        self,
        url: str,
        *,
        max_queue_size: int = 10_000,
        max_batch_size: int = 500,
        flush_interval: float = 1.0,
        max_retries: int = 5,
        initial_backoff: float = 0.2,
        max_backoff: float = 30.0,
        request_timeout: float = 10.0,
        shutdown_timeout: float = 10.0,
        on_rejected: Optional[Callable[[Dict[str, Any], str], None]] = None,
        close_at_exit: bool = True,
    ):
        if max_queue_size < 1 or max_batch_size < 1 or max_retries < 0:
            raise ValueError("max_queue_size and max_batch_size must be at least 1, max_retries at least 0")
        if flush_interval <= 0 or initial_backoff < 0 or max_backoff < initial_backoff or request_timeout <= 0:
            raise ValueError("intervals must be positive and max_backoff at least initial_backoff")
        self.url = url.rstrip("/")
        self.max_queue_size = max_queue_size
        self.max_batch_size = max_batch_size
        self.flush_interval = flush_interval
        self.max_retries = max_retries
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.request_timeout = request_timeout
        self.shutdown_timeout = shutdown_timeout
        self.on_rejected = on_rejected

        self._queue: deque = deque()
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)  # the sender waits here for records or a flush
        self._settled = threading.Condition(self._lock)  # flush() waits here for records to be resolved
        self._stop = threading.Event()  # shutdown ran out of time: abandon retries
        self._closing = False
        self._flush_now = False
        self._enqueued = self._sent = self._rejected = self._failed = self._dropped = 0
        self._random = random.Random()
        self._thread = threading.Thread(target=self._run, name="monitor-client", daemon=True)
        self._thread.start()
        self._atexit = close_at_exit
        if close_at_exit:
            atexit.register(self.close)

    # ---- the request path: O(1), never waits on the network ----

    def record(
        self,
        model: str,
        version: str,
        latency_ms: float,
        *,
        prediction: Any = None,
        confidence: Optional[float] = None,
        features: Optional[Dict[str, Any]] = None,
        status: str = "success",
        error: Optional[str] = None,
        id: Optional[str] = None,  # noqa: A002 - the wire name
        timestamp: Optional[float] = None,
    ) -> bool:
        """Queues one prediction; ``status="error"`` with ``error="Timeout"`` (a short type) for a failure."""
        # Written out rather than through _with_present: this is the model server's request path.
        rec: Dict[str, Any] = {"model": model, "version": version, "latency_ms": latency_ms, "status": status}
        if prediction is not None:
            rec["prediction"] = prediction
        if confidence is not None:
            rec["confidence"] = confidence
        if features is not None:
            rec["features"] = features
        if error is not None:
            rec["error"] = error
        if id is not None:
            rec["id"] = id
        if timestamp is not None:
            rec["timestamp"] = _rfc3339(timestamp)
        return self.enqueue(rec)

    def label(
        self,
        model: str,
        id: str,  # noqa: A002 - the wire name
        label: Any = None,
        *,
        value: Optional[float] = None,
        version: Optional[str] = None,
        timestamp: Optional[float] = None,
    ) -> bool:
        """Queues the ground truth of prediction ``id``: a class ``label``, or the true ``value`` of a regression."""
        if (label is None) == (value is None):
            raise ValueError("give either label (a class) or value (a regression target)")
        rec = _with_present({"model": model, "id": id}, timestamp, label=label, value=value, version=version)
        return self.enqueue(rec, LABELS)

    def event(
        self,
        model: str,
        type: str,  # noqa: A002 - the wire name
        *,
        id: Optional[str] = None,  # noqa: A002 - the wire name
        version: Optional[str] = None,
        value: Optional[float] = None,
        timestamp: Optional[float] = None,
    ) -> bool:
        """Queues a business event (click, conversion, revenue or your own type), tied to prediction ``id`` when given."""
        rec = _with_present({"model": model, "type": type}, timestamp, id=id, version=version, value=value)
        return self.enqueue(rec, EVENTS)

    def enqueue(self, record: Dict[str, Any], path: str = PREDICTIONS) -> bool:
        """Queues a record dict in the wire format for ``path``. False (and counted as dropped) after ``close()``."""
        if path not in (PREDICTIONS, LABELS, EVENTS):
            raise ValueError(f"path must be {PREDICTIONS}, {LABELS} or {EVENTS}")
        now = time.time()
        with self._lock:
            self._enqueued += 1
            if self._closing:
                self._dropped += 1
                return False
            if len(self._queue) >= self.max_queue_size:
                self._queue.popleft()
                self._dropped += 1
            self._queue.append((record, now, path))
            if len(self._queue) >= self.max_batch_size or len(self._queue) == 1:
                self._work.notify()
        return True

    # ---- control ----

    def counters(self) -> Counters:
        with self._lock:
            return Counters(self._enqueued, self._sent, self._rejected, self._failed, self._dropped)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is queued now; True once every record enqueued before the call is resolved."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            target = self._enqueued
            self._flush_now = True
            self._work.notify()
            while self._resolved() < target:
                if not self._thread.is_alive():
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._settled.wait(remaining if remaining is not None else 0.5)
            return True

    def close(self, timeout: Optional[float] = None) -> None:
        """Stops taking records and sends what is queued, waiting at most ``timeout`` (default ``shutdown_timeout``)."""
        timeout = self.shutdown_timeout if timeout is None else timeout
        with self._lock:
            already = self._closing
            self._closing = True
            self._work.notify()
        if self._atexit and not already:
            atexit.unregister(self.close)
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._stop.set()
            # An in-flight request cannot be interrupted; it ends within request_timeout.
            self._thread.join(self.request_timeout + 1)
        with self._lock:
            self._dropped += len(self._queue)
            self._queue.clear()
            self._settled.notify_all()

    def __enter__(self) -> "MonitorClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---- reads ----

    def models(self) -> Dict[str, Any]:
        """GET /v1/models."""
        return self._get("/v1/models")

    def summary(self, model: str, version: str, minutes: int = 60) -> Dict[str, Any]:
        """GET /v1/models/{model}/versions/{version}/summary?minutes=."""
        q = urllib.parse.quote
        return self._get(f"/v1/models/{q(model, safe='')}/versions/{q(version, safe='')}/summary?minutes={int(minutes)}")

    def _get(self, path: str) -> Dict[str, Any]:
        request = urllib.request.Request(self.url + path, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.request_timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            detail = None
            try:
                detail = json.loads(e.read()).get("detail")
            except (ValueError, AttributeError):
                pass
            raise MonitorError(e.code, detail or f"Monitor answered {e.code} to GET {path}") from None

    # ---- the sender thread ----

    def _resolved(self) -> int:
        return self._sent + self._rejected + self._failed + self._dropped

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closing:
                    self._flush_now = False
                    self._settled.notify_all()
                    self._work.wait()
                if not self._queue:
                    self._settled.notify_all()
                    return
                if self._stop.is_set():
                    return
                deadline = time.monotonic() + self.flush_interval
                while len(self._queue) < self.max_batch_size and not self._closing and not self._flush_now:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._work.wait(remaining)
                # A batch goes to one path: it ends where the queue switches between records, labels and events.
                path = self._queue[0][2]
                batch = []
                while self._queue and len(batch) < self.max_batch_size and self._queue[0][2] == path:
                    batch.append(self._queue.popleft())
            try:
                self._send(batch)
            except Exception:  # noqa: BLE001 - one unsendable batch must not stop the sender
                self._count("_failed", len(batch))
            with self._lock:
                self._settled.notify_all()

    def _send(self, batch: List[tuple]) -> None:
        path = batch[0][2]
        body = json.dumps([self._wire(rec, t) for rec, t, _ in batch], separators=(",", ":"), allow_nan=False).encode("utf-8")
        attempt = 0
        while True:
            status, retry_after, answer = self._post(body, path)
            if status is not None and 200 <= status < 300:
                self._settle(batch, answer)
                return
            if status == 413 and len(batch) > 1:
                half = len(batch) // 2
                self._send(batch[:half])
                self._send(batch[half:])
                return
            if (status is not None and not _retryable(status)) or attempt >= self.max_retries:
                self._count("_failed", len(batch))
                return
            attempt += 1
            delay = self._backoff(attempt, retry_after)
            if self._wait(delay):
                self._count("_dropped", len(batch))
                return

    def _post(self, body: bytes, path: str = PREDICTIONS):
        """(status or None for a network failure, Retry-After header, parsed answer)."""
        request = urllib.request.Request(
            self.url + path, data=body, method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.request_timeout) as response:
                raw = response.read()
                try:
                    answer = json.loads(raw) if raw else None
                except ValueError:
                    answer = None
                return response.status, None, answer
        except urllib.error.HTTPError as e:
            retry_after = e.headers.get("Retry-After") if e.headers else None
            e.close()
            return e.code, retry_after, None
        except (urllib.error.URLError, OSError, ValueError):
            return None, None, None

    def _backoff(self, attempt: int, retry_after: Optional[str]) -> float:
        server = _retry_after_seconds(retry_after, time.time())
        if server is not None:
            return min(server, self.max_backoff)
        full = min(self.initial_backoff * (2 ** (attempt - 1)), self.max_backoff)
        return full / 2 + self._random.random() * full / 2

    def _wait(self, seconds: float) -> bool:
        """Waits before a retry; True when shutdown ran out of time meanwhile."""
        return self._stop.wait(seconds)

    def _settle(self, batch: List[tuple], answer: Optional[Dict[str, Any]]) -> None:
        rejected = 0
        errors: List[Dict[str, Any]] = []
        if isinstance(answer, dict):
            rejected = max(0, min(len(batch), int(answer.get("rejected", 0))))
            errors = answer.get("errors") or []
        with self._lock:
            self._rejected += rejected
            self._sent += len(batch) - rejected
        if self.on_rejected is not None:
            for error in errors:
                index = error.get("index")
                if isinstance(index, int) and 0 <= index < len(batch):
                    try:
                        self.on_rejected(batch[index][0], error.get("error", ""))
                    except Exception:  # noqa: BLE001 - a faulty callback must not stop the sender
                        pass

    def _count(self, name: str, n: int) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + n)

    @staticmethod
    def _wire(record: Dict[str, Any], enqueued_at: float) -> Dict[str, Any]:
        out = dict(record)
        out.setdefault("timestamp", _rfc3339(enqueued_at))
        for key in ("label", "value"):
            if key in out:
                out[key] = _value(out[key])
        if "features" in out and out["features"] is not None:
            out["features"] = {str(k): _value(v) for k, v in out["features"].items()}
        if "prediction" in out:
            out["prediction"] = _value(out["prediction"])
        for key in ("confidence", "latency_ms"):
            v = out.get(key)
            if isinstance(v, numbers.Real) and not isinstance(v, bool):
                f = float(v)
                out[key] = f if math.isfinite(f) else None
        return out
