"""Tests of monitor_client.py: against a real Monitor gateway (MONITOR_URL) and a scripted local server.

    MONITOR_URL=http://127.0.0.1:8080 python3 -m unittest -v test_monitor_client

Retry waits are recorded instead of slept (the client's ``_wait`` is replaced), so the suite is fast.
"""

import http.server
import json
import os
import threading
import time
import unittest
import uuid

from monitor_client import Counters, MonitorClient, MonitorError, _retry_after_seconds


class RecordingClient(MonitorClient):
    """Records each backoff instead of sleeping it."""

    def __init__(self, *args, **kwargs):
        self.waits = []
        super().__init__(*args, close_at_exit=False, **kwargs)

    def _wait(self, seconds):
        self.waits.append(seconds)
        return self._stop.is_set()


class ScriptedMonitor:
    """A local HTTP server that answers POST /v1/predictions from a script, then 202 for everything."""

    def __init__(self):
        self.script = []  # (status, headers) answered in order
        self.batches = []
        self.paths = []
        self.gate = threading.Event()
        self.gate.set()
        self.received = threading.Condition()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with owner.received:
                    owner.batches.append(body)
                    owner.paths.append(self.path)
                    owner.received.notify_all()
                owner.gate.wait(10)
                status, headers = owner.script.pop(0) if owner.script else (202, {})
                if status == 202:
                    payload = json.dumps({"accepted": len(body), "rejected": 0, "errors": []}).encode()
                    content_type = "application/json"
                else:
                    payload = json.dumps({"title": "scripted", "status": status}).encode()
                    content_type = "application/problem+json"
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on this request (the shutdown-timeout test)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def wait_for(self, n, timeout=10):
        with self.received:
            return self.received.wait_for(lambda: len(self.batches) >= n, timeout)

    def close(self):
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()


def rec(i, model="scripted", version="v1"):
    return {"model": model, "version": version, "latency_ms": 10 + i % 7, "status": "success", "prediction": i % 2, "id": f"r{i}"}


class ScriptedServerTests(unittest.TestCase):
    def setUp(self):
        self.server = ScriptedMonitor()
        self.addCleanup(self.server.close)

    def test_full_batches_go_at_once_and_close_sends_the_rest(self):
        client = RecordingClient(self.server.url, max_batch_size=100, flush_interval=3600)
        for i in range(250):
            client.enqueue(rec(i))
        self.assertTrue(self.server.wait_for(2))
        client.close()
        self.assertEqual([len(b) for b in self.server.batches], [100, 100, 50])
        self.assertEqual(client.counters(), Counters(250, 250, 0, 0, 0))

    def test_retries_honour_retry_after_then_back_off_exponentially(self):
        self.server.script = [(503, {"Retry-After": "7"}), (429, {}), (502, {})]
        client = RecordingClient(self.server.url, initial_backoff=0.1)
        for i in range(10):
            client.enqueue(rec(i))
        self.assertTrue(client.flush(10))
        client.close()
        self.assertEqual(len(self.server.batches), 4)
        self.assertEqual(client.waits[0], 7.0)
        self.assertTrue(0.1 <= client.waits[1] <= 0.2, client.waits)  # second retry: 2 x 0.1 s with equal jitter
        self.assertTrue(0.2 <= client.waits[2] <= 0.4, client.waits)
        self.assertEqual(client.counters(), Counters(10, 10, 0, 0, 0))

    def test_a_4xx_fails_at_once_and_5xx_fails_after_max_retries(self):
        self.server.script = [(400, {}), (500, {}), (500, {}), (500, {})]
        client = RecordingClient(self.server.url, max_retries=2)
        client.enqueue(rec(1))
        self.assertTrue(client.flush(10))
        self.assertEqual(client.counters().failed, 1)
        client.enqueue(rec(2))
        self.assertTrue(client.flush(10))
        client.close()
        self.assertEqual(len(self.server.batches), 4)
        self.assertEqual(client.counters(), Counters(2, 0, 0, 2, 0))

    def test_a_full_queue_drops_the_oldest_and_record_never_waits(self):
        self.server.gate.clear()  # the server holds every request
        client = RecordingClient(self.server.url, max_queue_size=50, max_batch_size=10)
        client.enqueue(rec(0))
        client.flush(timeout=0)
        self.assertTrue(self.server.wait_for(1))
        started = time.perf_counter()
        for i in range(1, 10_001):
            self.assertTrue(client.enqueue(rec(i)))
        self.assertLess(time.perf_counter() - started, 5.0)
        self.assertEqual(client.counters().dropped, 10_000 - 50)
        self.server.gate.set()
        client.close()
        c = client.counters()
        self.assertEqual((c.enqueued, c.sent, c.pending), (10_001, 51, 0))
        sent_ids = [r["id"] for b in self.server.batches for r in b]
        self.assertEqual(sent_ids[1:], [f"r{i}" for i in range(9951, 10_001)])  # the newest 50 survived
        self.assertFalse(client.enqueue(rec(-1)))

    def test_close_gives_up_after_the_shutdown_timeout(self):
        self.server.gate.clear()
        client = RecordingClient(self.server.url, request_timeout=1.0)
        for i in range(5):
            client.enqueue(rec(i))
        client.flush(timeout=0)
        self.assertTrue(self.server.wait_for(1))
        client.close(timeout=0.2)  # the held request times out after 1 s; nothing is retried after that
        c = client.counters()
        self.assertEqual(c.sent, 0)
        self.assertEqual(c.pending, 0)
        self.assertEqual(c.dropped + c.failed, 5)

    def test_values_are_sent_as_monitor_takes_them(self):
        client = RecordingClient(self.server.url)
        client.record("m", "v", 12.5, prediction=True, confidence=float("nan"),
                      features={"flag": False, "x": float("inf"), "n": 3, "s": "DE", "none": None}, timestamp=0.0)
        client.close()
        sent = self.server.batches[0][0]
        self.assertEqual(sent["features"], {"flag": 0, "x": None, "n": 3, "s": "DE", "none": None})
        self.assertEqual(sent["prediction"], 1)
        self.assertIsNone(sent["confidence"])
        self.assertEqual(sent["timestamp"], "1970-01-01T00:00:00.000Z")

    def test_labels_and_events_go_to_their_own_paths_in_their_own_batches(self):
        client = RecordingClient(self.server.url, flush_interval=3600)
        client.enqueue(rec(1))
        client.label("m", "r1", "fraud")
        client.label("m", "r2", value=12.5, version="v1", timestamp=0.0)
        client.event("m", "click", id="r1")
        client.event("m", "revenue", version="v1", value=9.5)
        client.enqueue(rec(2))
        client.close()
        self.assertEqual(self.server.paths, ["/v1/predictions", "/v1/labels", "/v1/events", "/v1/predictions"])
        self.assertEqual([len(b) for b in self.server.batches], [1, 2, 2, 1])
        labels, events = self.server.batches[1], self.server.batches[2]
        self.assertEqual((labels[0]["id"], labels[0]["label"]), ("r1", "fraud"))
        self.assertEqual((labels[1]["value"], labels[1]["version"], labels[1]["timestamp"]), (12.5, "v1", "1970-01-01T00:00:00.000Z"))
        self.assertNotIn("value", labels[0])
        self.assertEqual((events[0]["type"], events[0]["id"]), ("click", "r1"))
        self.assertEqual((events[1]["type"], events[1]["value"]), ("revenue", 9.5))
        self.assertEqual(client.counters(), Counters(6, 6, 0, 0, 0))
        with self.assertRaises(ValueError):
            client.label("m", "r3")
        with self.assertRaises(ValueError):
            client.enqueue(rec(3), "/v1/elsewhere")

    def test_retry_after_as_an_http_date(self):
        now = 1_800_000_000.0
        self.assertEqual(_retry_after_seconds("120", now), 120.0)
        date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 30))
        self.assertAlmostEqual(_retry_after_seconds(date, now), 30.0, delta=1.0)
        self.assertIsNone(_retry_after_seconds("soon", now))


@unittest.skipUnless(os.environ.get("MONITOR_URL"), "set MONITOR_URL to a running Monitor gateway")
class GatewayTests(unittest.TestCase):
    def test_records_reach_monitor_and_refused_ones_are_reported(self):
        model = f"client-python-{uuid.uuid4().hex[:8]}"
        refused = []
        with MonitorClient(os.environ["MONITOR_URL"], max_batch_size=128, close_at_exit=False,
                           on_rejected=lambda r, e: refused.append((r, e))) as client:
            for i in range(600):
                version = "v2" if i % 3 == 0 else "v1"
                features = {"amount": i * 0.25, "country": "DE" if i % 2 else "FR", "vip": i % 5 == 0, "age": None}
                if i % 40 == 3:
                    client.record(model, version, 25.0, status="error", error="Timeout", features=features, id=f"p{i}")
                else:
                    client.record(model, version, 5 + i % 17, prediction="approve" if i % 2 else "deny",
                                  confidence=0.55 + (i % 9) / 20, features=features, id=f"p{i}")
            client.record(model, "v1", -1, prediction=1, id="bad-latency")
            self.assertTrue(client.flush(30))
            self.assertEqual(client.counters(), Counters(601, 600, 1, 0, 0))
        self.assertEqual(len(refused), 1)
        self.assertEqual(refused[0][0]["id"], "bad-latency")
        self.assertIn("latency_ms", refused[0][1])

        v1 = client.summary(model, "v1")
        v2 = client.summary(model, "v2")
        self.assertEqual(v1["total_requests"] + v2["total_requests"], 600)
        self.assertEqual(v2["total_requests"], 200)
        self.assertEqual(v1["errors_by_type"].get("Timeout", 0) + v2["errors_by_type"].get("Timeout", 0), 15)
        listing = [m for m in client.models()["models"] if m["model"] == model]
        self.assertEqual(sorted(v["version"] for v in listing[0]["versions"]), ["v1", "v2"])
        with self.assertRaises(MonitorError) as missing:
            client.summary(model, "v9")
        self.assertEqual(missing.exception.status, 404)

    def test_labels_and_events_join_their_predictions(self):
        model = f"client-python-outcomes-{uuid.uuid4().hex[:8]}"
        with MonitorClient(os.environ["MONITOR_URL"], close_at_exit=False) as client:
            for i in range(20):
                client.record(model, "v1", 5.0, prediction=i % 2, confidence=0.8, id=f"o{i}")
            self.assertTrue(client.flush(30))
            for i in range(20):
                client.label(model, f"o{i}", 1 if i < 15 else 0, version="v1")
            client.event(model, "click", id="o1", version="v1")
            client.event(model, "unrelated", version="v1", value=2.0)
            client.label(model, "o0", "bad", version="nope")  # refused: no such version
            self.assertTrue(client.flush(30))
            self.assertEqual(client.counters(), Counters(43, 42, 1, 0, 0))
        deadline = time.time() + 20
        while True:
            outcomes = client.summary(model, "v1").get("outcomes") or {}
            if outcomes.get("labels", {}).get("joined") == 20 or time.time() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(outcomes["labels"]["joined"], 20)
        self.assertIn("click", [t["type"] for t in outcomes["business"]["types"]])


if __name__ == "__main__":
    unittest.main()
