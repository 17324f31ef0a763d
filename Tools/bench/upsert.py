#!/usr/bin/env python3
"""Upsert throughput over HTTP and the time until an upserted offer is searchable.

Usage: upsert.py URL TOKEN CATALOG [BATCH] [BATCHES]
Sends BATCHES batches of BATCH offers (re-using offers of CATALOG under new ids)
to PUT /v1/offers, then measures, 20 times, how long after the PUT is
acknowledged a new offer is found by /v1/search.
"""
import json, sys, time, urllib.parse, urllib.request

url, token, catalog = sys.argv[1], sys.argv[2], sys.argv[3]
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 500
batches = int(sys.argv[5]) if len(sys.argv) > 5 else 20

def put(lines):
    req = urllib.request.Request(url + "/v1/offers", data="\n".join(lines).encode(), method="PUT",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())

offers = []
with open(catalog, encoding="utf-8") as f:
    for line in f:
        offers.append(json.loads(line))
        if len(offers) >= batch * batches:
            break

sent, start = 0, time.time()
for b in range(batches):
    lines = []
    for k, o in enumerate(offers[b * batch:(b + 1) * batch]):
        o = dict(o)
        o["id"] = "bench-%d-%d" % (b, k)
        lines.append(json.dumps(o, ensure_ascii=False))
    result = put(lines)
    sent += result["upserted"]
elapsed = time.time() - start
print("upserted %d offers in %d batches of %d: %.1f s, %.0f offers/s (each batch acknowledged after commit)" % (sent, batches, batch, elapsed, sent / elapsed))

delays = []
for n in range(20):
    o = dict(offers[n])
    word = "砚台%04d号" % n
    o["id"], o["title"] = "visible-%d" % n, word + " " + o["title"]
    put([json.dumps(o, ensure_ascii=False)])
    acked = time.time()
    while True:
        with urllib.request.urlopen(url + "/v1/search?size=1&q=" + urllib.parse.quote(word)) as r:
            hits = json.loads(r.read())["hits"]
        if hits and hits[0]["id"] == o["id"]:
            delays.append((time.time() - acked) * 1000)
            break
        if time.time() - acked > 5:
            delays.append(float("inf"))
            break
delays.sort()
print("time from acknowledged upsert to searchable: median %.1f ms, max %.1f ms (20 offers)" % (delays[10], delays[-1]))
