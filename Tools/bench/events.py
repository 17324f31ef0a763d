#!/usr/bin/env python3
"""Behaviour event ingestion over HTTP: events/s through POST /v1/events in NDJSON batches.

Usage: events.py URL INGEST_TOKEN [BATCH] [BATCHES]
Runs 200 searches to collect real query ids and hits, then sends BATCHES batches of BATCH
events (impressions, clicks, inquiries, add-to-carts and orders on those hits) and prints the
rate, with every batch checked to be accepted whole.
"""
import json, random, sys, time, urllib.parse, urllib.request

url, token = sys.argv[1], sys.argv[2]
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
batches = int(sys.argv[4]) if len(sys.argv) > 4 else 100
rng = random.Random(7)

searches = []
for q in ["连衣裙", "保温杯", "手机壳", "帆布袋", "数据线", "积木", "四件套", "运动鞋", "拖鞋", "毛巾"] * 20:
    with urllib.request.urlopen(url + "/v1/search?size=20&client_id=bench&q=" + urllib.parse.quote(q)) as r:
        body = json.loads(r.read())
    if body["hits"]:
        searches.append((body["query_id"], [h["id"] for h in body["hits"]]))

def event(query_id, hits):
    k = rng.randrange(len(hits))
    action = rng.choices(["impression", "click", "inquiry", "add_to_cart", "order"], [60, 25, 6, 5, 4])[0]
    attributes = {"object": {"object_id": hits[k]}, "position": {"ordinal": k + 1}}
    if action == "order":
        attributes["quantity"] = rng.randrange(1, 500)
        attributes["amount"] = round(rng.uniform(10, 5000), 2)
    return json.dumps({"action_name": action, "query_id": query_id, "client_id": "bench", "session_id": "s1",
                       "timestamp": "2026-12-01T10:00:00Z", "event_attributes": attributes}, ensure_ascii=False)

bodies = []
for _ in range(batches):
    bodies.append("\n".join(event(*rng.choice(searches)) for _ in range(batch)).encode())
start = time.time()
for data in bodies:
    req = urllib.request.Request(url + "/v1/events", data=data, method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(req) as r:
        answer = json.loads(r.read())
    assert answer["accepted"] == batch and not answer["rejected"], answer
elapsed = time.time() - start
print(f"ingested {batch * batches} events in {batches} batches of {batch}: {elapsed:.1f} s, "
      f"{batch * batches / elapsed:,.0f} events/s (each batch answered once queued for the log)")
