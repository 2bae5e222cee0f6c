"""Turns wrk --latency output (stdin) into one Markdown row: name, records/request, requests/s, records/s, p50, p99."""
import re
import sys

name, batch = sys.argv[1], int(sys.argv[2])
out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def latency_ms(p):
    m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v


non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors:.*", out)
note = (non2xx.group(1) if non2xx else "0") + (" " + errors.group(0) if errors else "")
print(f"| {name} | {batch} | {rps:,.0f} | {rps * batch:,.0f} | {latency_ms(50):.2f} | {latency_ms(99):.2f} | {note} |")
