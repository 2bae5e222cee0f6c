"""Alertmanager's webhook receiver in the docker-compose deployment: prints each notification as one
JSON line on stdout (`docker compose logs -f alert-log`) and answers 200, so the stack shows where its
alerts go without an outside service. Standard library only.

    python3 alert_log.py --listen 0.0.0.0:9095

The path a notification arrives on (e.g. /critical) is the route it took in alertmanager.yml.
"""

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 4 * 1024 * 1024


def summarize(path, payload):
    """The line printed for one notification: who it is for and what each alert says."""
    alerts = payload.get("alerts") if isinstance(payload, dict) else None
    if not isinstance(alerts, list):
        raise ValueError("the body is not an Alertmanager webhook notification (no 'alerts' list)")
    return {
        "route": path,
        "receiver": payload.get("receiver"),
        "status": payload.get("status"),
        "group_labels": payload.get("groupLabels") or {},
        "alerts": [
            {
                "status": alert.get("status"),
                "labels": alert.get("labels") or {},
                "summary": (alert.get("annotations") or {}).get("summary"),
                "starts_at": alert.get("startsAt"),
                "ends_at": alert.get("endsAt"),
            }
            for alert in alerts
            if isinstance(alert, dict)
        ],
    }


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._answer(400, "expected a JSON body of at most 4 MiB")
            return
        try:
            line = summarize(self.path, json.loads(self.rfile.read(length)))
        except ValueError as error:
            self._answer(400, str(error))
            return
        print(json.dumps(line, sort_keys=True), flush=True)
        self._answer(200, "")

    def do_GET(self):
        # Health check: the receiver is up.
        self._answer(200, "ok")

    def _answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        # Requests are not logged: the notification lines are the output.
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="0.0.0.0:9095", help="host:port to listen on")
    args = parser.parse_args()
    host, _, port = args.listen.rpartition(":")
    server = ThreadingHTTPServer((host, int(port)), Handler)
    print(json.dumps({"listening": args.listen}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
