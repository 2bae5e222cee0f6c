#!/usr/bin/env python3
"""Replays the model-server payloads of tests/Monitor.Gateway.FunctionalTests/TestData/ModelServers to a running Monitor node.

    python3 scripts/replay_model_servers.py --url http://127.0.0.1:8080

KServe and Seldon events are posted as their loggers post them: CloudEvents in binary mode (ce-* headers,
the payload as the body), their times moved to now with their gaps kept; then the Open Inference Protocol
pairs (NDJSON) and the BentoML monitor lines. Each model gets a unique suffix (--tag) so runs do not mix.
It then reads the summaries back and checks the joined records, latencies, versions and labels.
Exits 1 when anything is not as expected. Standard library only.
"""
import argparse, datetime, json, os, sys, time, urllib.error, urllib.parse, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "Monitor.Gateway.FunctionalTests", "TestData", "ModelServers")


def parse_time(text):
    # Seven fractional digits at most: the events' nanoseconds are cut to what datetime holds.
    head, _, frac = text.rstrip("Z").partition(".")
    t = datetime.datetime.strptime(head, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return t + datetime.timedelta(microseconds=int((frac + "000000")[:6]) if frac else 0)


def format_time(t):
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def request(url, method="GET", body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode("utf-8", "replace")


class Replay:
    def __init__(self, url, tag):
        self.url = url.rstrip("/")
        self.tag = tag
        self.failed = 0

    def check(self, ok, what):
        self.failed += not ok
        print(("ok    " if ok else "FAIL  ") + what)

    def model(self, name):
        return f"{name}-{self.tag}"

    def send_events(self, name, start):
        spec = json.load(open(os.path.join(DATA, name)))
        events = spec["events"]
        first = parse_time(events[0]["attributes"]["time"])
        answers = []
        for event in events:
            headers = {"Content-Type": event["content_type"]}
            for key, value in event["attributes"].items():
                if key in ("time", "recordedtime"):
                    value = format_time(start + (parse_time(value) - first))
                elif key == "inferenceservicename":
                    value = self.model(value)
                headers["ce-" + key] = urllib.parse.quote(value, safe=" !#$&'()*+,/:;=?@[]^_`{|}~\"")
            status, answer = request(self.url + spec["endpoint"], "POST", event["body"].encode("utf-8"), headers)
            answers.append((status, answer))
        return answers

    def summary(self, model, version, until=None):
        deadline = time.time() + 20
        while True:
            status, body = request(f"{self.url}/v1/models/{urllib.parse.quote(model)}/versions/{urllib.parse.quote(version)}/summary?minutes=60")
            if status == 200 and (until is None or until(body)) or time.time() > deadline:
                return status, body
            time.sleep(0.2)

    def run(self):
        now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)

        answers = self.send_events("kserve-v1-sklearn-iris.json", now)
        self.check([a[0] for a in answers] == [200, 200] and answers[1][1].get("status") == "joined",
                   f"KServe V1 request and response joined: {answers}")
        status, s = self.summary(self.model("sklearn-iris"), "default")
        self.check(status == 200 and s.get("total_requests") == 2 and abs(s.get("p50_latency_ms", 0) - 1.7832) < 0.01,
                   f"sklearn-iris/default: 2 records, latency 1.78 ms from the ce-times (got {status} {str(s)[:120]})")

        answers = self.send_events("kserve-v2-sklearn-iris.json", now)
        self.check([a[0] for a in answers] == [200, 200] and answers[1][1].get("version") == "v1.0.0",
                   f"KServe V2 joined under model_version v1.0.0: {answers[1]}")
        status, s = self.summary(self.model("sklearn-irisv2"), "v1.0.0")
        self.check(status == 200 and s.get("total_requests") == 2 and abs(s.get("p50_latency_ms", 0) - 12.5) < 0.01,
                   f"sklearn-irisv2/v1.0.0: 2 records, latency 12.5 ms")

        answers = self.send_events("seldon-model-logs.json", now - datetime.timedelta(minutes=1))
        self.check([a[0] for a in answers] == [200, 200, 200] and answers[2][1].get("status") == "labels",
                   f"Seldon request, response and feedback: {[(a[0], (a[1] or {}).get('status')) for a in answers]}")
        status, s = self.summary(self.model("model-logs"), "logging",
                                 until=lambda b: ((b.get("outcomes") or {}).get("labels") or {}).get("joined") == 1)
        self.check(status == 200 and s.get("total_requests") == 1 and s["outcomes"]["labels"]["joined"] == 1,
                   "model-logs/logging: 1 record and its feedback truth joined as a label")

        lines = [json.loads(line) for line in open(os.path.join(DATA, "oip-pairs.ndjson"))]
        for pair in lines:
            pair["response"]["model_name"] = self.model(pair["response"]["model_name"])
        body = "\n".join(json.dumps(p) for p in lines).encode("utf-8")
        status, answer = request(self.url + "/v1/ingest/oip", "POST", body, {"Content-Type": "application/x-ndjson"})
        self.check(status == 202 and answer.get("accepted") == 2 and answer.get("records") == 3, f"OIP pairs: {answer}")

        bento = [json.loads(line) for line in open(os.path.join(DATA, "bentoml-iris.jsonl"))]
        for line in bento:
            if "timestamp" in line:
                line["timestamp"] = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat()
        body = "\n".join(json.dumps(line) for line in bento).encode("utf-8")
        status, answer = request(f"{self.url}/v1/ingest/bentoml?model={self.model('iris_classifier')}", "POST", body,
                                 {"Content-Type": "application/x-ndjson"})
        self.check(status == 202 and answer.get("records") == 3 and answer.get("labels") == 3, f"BentoML lines: {answer}")
        status, s = self.summary(self.model("iris_classifier"), "qojf5xauugwqtgxi",
                                 until=lambda b: ((b.get("outcomes") or {}).get("labels") or {}).get("joined") == 3)
        accuracy = ((s.get("outcomes") or {}).get("classification") or {}).get("accuracy") if status == 200 else None
        self.check(accuracy is not None and abs(accuracy - 2 / 3) < 1e-9, f"BentoML targets joined: accuracy {accuracy}")
        return self.failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("MONITOR_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--tag", default=f"replay{int(time.time())}")
    args = parser.parse_args()
    failed = Replay(args.url, args.tag).run()
    print(f"{failed} failed" if failed else "all replayed payloads checked")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
