#!/usr/bin/env python3
"""The write half of the soak: while wrk searches, upsert a batch of offers every
second (existing ids with changed stats and prices, as a marketplace's feed does)
and publish a ranking profile every 30 s, alternating two weight sets. Prints one
JSON summary at the end: counts, errors, p50/p99 of each operation.

Usage: soak_writer.py URL TOKEN CATALOG SECONDS [BATCH]
"""
import json, random, sys, time, urllib.error, urllib.request

url, token, catalog, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 50
rng = random.Random(7)

offers = []
with open(catalog, encoding="utf-8") as f:
    for line in f:
        offers.append(json.loads(line))
        if len(offers) >= 20000:
            break


def call(method, path, body, content_type="application/json"):
    req = urllib.request.Request(url + path, data=body, method=method,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
            ok = 200 <= r.status < 300
    except urllib.error.HTTPError as e:
        ok = False
        print(f"{method} {path}: {e.code} {e.read()[:200]!r}", file=sys.stderr)
    except Exception as e:  # connection refused, timeout: an error of the soak
        ok = False
        print(f"{method} {path}: {e}", file=sys.stderr)
    return ok, (time.perf_counter() - start) * 1000


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, int(p * len(s)))], 2)


profile = json.loads(urllib.request.urlopen(url + "/v1/profiles/default").read())["profile"]
weight_sets = [dict(profile["weights"]), {k: round(v * (1.5 if k.startswith("ship") or k.startswith("reply") else 1.0), 4)
                                          for k, v in profile["weights"].items()}]
draft = dict(profile)

stats = {"upsert": [], "publish": []}
errors = {"upsert": 0, "publish": 0}
upserted = 0
deadline = time.time() + seconds
next_publish = time.time() + 30
publishes = 0
while time.time() < deadline:
    tick = time.time()
    lines = []
    for _ in range(batch):
        o = dict(rng.choice(offers))
        st = dict(o.get("stats", {}))
        st["sales_30d"] = rng.randint(0, 5000)
        st["reply_rate"] = round(rng.uniform(0.5, 1.0), 3)
        o["stats"] = st
        lines.append(json.dumps(o, ensure_ascii=False))
    ok, ms = call("PUT", "/v1/offers", "\n".join(lines).encode(), "application/x-ndjson")
    stats["upsert"].append(ms)
    errors["upsert"] += 0 if ok else 1
    upserted += batch if ok else 0
    if time.time() >= next_publish:
        draft["weights"] = weight_sets[publishes % 2]
        ok, ms = call("PUT", "/v1/profiles/default", json.dumps(draft).encode())
        stats["publish"].append(ms)
        errors["publish"] += 0 if ok else 1
        publishes += 1
        next_publish += 30
    time.sleep(max(0.0, 1.0 - (time.time() - tick)))

print(json.dumps({"upsert_batches": len(stats["upsert"]), "offers_upserted": upserted, "upsert_errors": errors["upsert"],
                  "upsert_ms_p50": percentile(stats["upsert"], 0.5), "upsert_ms_p99": percentile(stats["upsert"], 0.99),
                  "publishes": len(stats["publish"]), "publish_errors": errors["publish"],
                  "publish_ms_p50": percentile(stats["publish"], 0.5), "publish_ms_p99": percentile(stats["publish"], 0.99)}))
