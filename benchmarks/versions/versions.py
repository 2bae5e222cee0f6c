"""Helpers of benchmarks/versions/run.sh (python3, standard library only).

  versions.py references URL VERSIONS EVERY     PUT a reference on every EVERY-th version (k % EVERY == 0)
  versions.py counts URL                        "acknowledged applied with_records": monitor_ingest_records_accepted_total,
                                                the sum of every version's total_records (GET /v1/models), and
                                                how many versions have records
  versions.py row ROWS NAME VERSIONS BATCH ACK_BEFORE ACK_AFTER GC_JSON LOAD < wrk output
                                                appends one run (JSON line) to ROWS and prints it
  versions.py report ROWS                       the Markdown table and the ratios
"""
import json
import re
import sys
import urllib.request


def key(k):
    return f"m{k % 100}", f"v{k // 100}"


def references(url, versions, every):
    # 1,000 values per feature, spread like the load's values, so drift has something to compare against.
    features = {
        "amount": [10 + (i % 90) + 0.5 for i in range(1000)],
        "age": [20 + (i % 50) for i in range(1000)],
        "tenure": [(i % 12) / 2 for i in range(1000)],
        "score": [(i % 1000) / 1000 for i in range(1000)],
    }
    body = json.dumps({"features": features}).encode()
    done = 0
    for k in range(0, versions, every):
        model, version = key(k)
        request = urllib.request.Request(
            f"{url}/v1/models/{model}/versions/{version}/reference", data=body, method="PUT",
            headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=60).read()
        done += 1
    print(done)


def counts(url):
    metrics = urllib.request.urlopen(url + "/metrics", timeout=60).read().decode()
    m = re.search(r"^monitor_ingest_records_accepted_total (\S+)", metrics, re.M)
    accepted = int(float(m.group(1))) if m else 0
    models = json.load(urllib.request.urlopen(url + "/v1/models", timeout=120))["models"]
    applied = sum(v["total_records"] for m in models for v in m["versions"])
    print(accepted, applied, sum(1 for m in models for v in m["versions"] if v["total_records"] > 0))


def latency_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    v, unit = float(m.group(1)), m.group(2)
    return {"us": v / 1000, "ms": v, "s": v * 1000, "m": v * 60000}[unit]


def row(rows, name, versions, batch, ack_before, ack_after, gc_json, load):
    out = sys.stdin.read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    line = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    r = {
        "name": name, "versions": int(versions), "batch": int(batch), "rps": rps, "records_s": rps * int(batch),
        "p50": latency_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": latency_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "max": latency_ms(line.group(3)),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
        "wrk_acknowledged": (requests - (int(non2xx.group(1)) if non2xx else 0)) * int(batch),
        "load": load,
    }
    if ack_after != "-":
        r["server_acknowledged"] = int(ack_after) - int(ack_before)
    if gc_json and gc_json != "-":
        try:
            r["gc"] = json.loads(gc_json)
        except json.JSONDecodeError:
            pass
    with open(rows, "a") as f:
        f.write(json.dumps(r) + "\n")
    gc = r.get("gc", {})
    print(f"  {name:<28} versions={r['versions']:<5} batch={r['batch']:<4} {rps:>9,.0f} req/s {r['records_s']:>10,.0f} rec/s"
          f"  p50 {r['p50']:.2f} ms  p99 {r['p99']:.2f} ms  max {r['max']:.1f} ms  non-2xx {r['non2xx']}"
          + (f"  GC: {gc['pauses']} pauses, max {gc['pause_max_ms']} ms, {gc['pauses_over_20ms']} over 20 ms" if gc else "")
          + f"  (load {load})", flush=True)


def report(rows):
    runs = [json.loads(line) for line in open(rows) if line.strip()]
    monitor = [r for r in runs if r["name"] == "monitor"]
    bare = {r["batch"]: r for r in runs if r["name"] == "bare"}
    print("| versions | records/request | requests/s | records/s | p50 ms | p99 ms | max ms | GC pauses | max pause ms | pauses > 20 ms | allocated/request | load |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in runs:
        gc = r.get("gc") or {}
        alloc = ""
        if gc.get("allocated_bytes") and r["rps"]:
            alloc = f"{gc['allocated_bytes'] / (r['rps'] * gc['seconds']) / 1024:,.1f} KB"
        label = "bare parse" if r["name"] == "bare" else f"{r['versions']:,}"
        print(f"| {label} | {r['batch']} | {r['rps']:,.0f} | {r['records_s']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['max']:.1f} | "
              f"{gc.get('pauses', '')} | {gc.get('pause_max_ms', '')} | {gc.get('pauses_over_20ms', '')} | {alloc} | {r['load']} |")
    print()
    print("Ratios (mean of the runs of each kind; goals: 1,000/8 >= 0.9; vs bare >= 1.0 for 100 records, >= 0.7 for 1):")
    for batch in sorted({r["batch"] for r in monitor}):
        def mean(n):
            xs = [r["records_s"] for r in monitor if r["batch"] == batch and r["versions"] == n]
            return sum(xs) / len(xs) if xs else None

        def worst(n, field):
            xs = [r[field] for r in monitor if r["batch"] == batch and r["versions"] == n]
            return max(xs) if xs else None

        counts = sorted({r["versions"] for r in monitor if r["batch"] == batch})
        few, many = counts[0], counts[-1]
        text = f"  {batch:>3} records/request: {many:,} versions {mean(many):,.0f} rec/s (p99 {worst(many, 'p99'):.1f} ms)"
        if few != many:
            text += f", {few:,} versions {mean(few):,.0f} rec/s (p99 {worst(few, 'p99'):.1f} ms); {many:,}/{few:,} = {mean(many) / mean(few):.2f}"
        if batch in bare:
            text += f"; vs bare ceiling ({bare[batch]['records_s']:,.0f} rec/s): {few:,} = {mean(few) / bare[batch]['records_s']:.2f}, {many:,} = {mean(many) / bare[batch]['records_s']:.2f}"
        print(text)
    gcs = [r["gc"] for r in monitor if r.get("gc")]
    if gcs:
        worst = max(gcs, key=lambda g: g["pause_max_ms"])
        print(f"  longest stop-the-world pause under load: {worst['pause_max_ms']} ms ({worst['longest_pause_gc']}); "
              f"pauses over 20 ms: {sum(g['pauses_over_20ms'] for g in gcs)} of {sum(g['pauses'] for g in gcs)}")


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "references":
        references(rest[0], int(rest[1]), int(rest[2]))
    elif command == "counts":
        counts(rest[0])
    elif command == "row":
        row(*rest)
    elif command == "report":
        report(rest[0])
    else:
        sys.exit(__doc__)
