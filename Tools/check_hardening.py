#!/usr/bin/env python3
"""Hardening checks against a real `huopan serve` process on the sample catalog.

1. Concurrency: writers (single-offer upserts) and searchers together for a fixed time.
   Every answer must be free of 5xx, and every acknowledged upsert must be found by the
   very next search for it (read-after-ack).
2. Cost: the largest request each endpoint accepts (every list at its cap, the longest
   query, the deepest page, explanations, the largest upsert, a whole judged set) completes
   within its deadline. The times are printed: they are the worst cases a client can ask for.

Usage: check_hardening.py HUOPAN_BINARY [SECONDS]
"""
import json, os, random, shutil, sys, tempfile, threading, time, urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import ADMIN, OPERATOR, ROOT, Server, check, failures, finish, free_port, offer_line, request, sample_offer

HUOPAN = os.path.abspath(sys.argv[1])
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 15
TIMEOUT = 5.0


def concurrency(port):
    print(f"1. 8 writers and 16 searchers for {SECONDS:.0f} s")
    stop = threading.Event()
    lock = threading.Lock()
    tally = {"searches": 0, "upserts": 0, "fivexx": [], "unseen": [], "other": []}
    queries = ["连衣裙", "保温杯", "手机壳", "帆布袋", "数据线", "积木", "四件套", "运动鞋", "杯", "t恤 纯棉"]

    def searcher(n):
        rng = random.Random(n)
        while not stop.is_set():
            q = urllib.parse.quote(rng.choice(queries))
            try:
                status, body = request(port, "GET", f"/v1/search?q={q}&size=20", timeout=30)
            except Exception as e:
                status, body = str(e), {}
            with lock:
                tally["searches"] += 1
                if not isinstance(status, int) or status >= 500:
                    tally["fivexx"].append((status, body))
                elif status != 200:
                    tally["other"].append((status, body))

    def writer(n):
        k = 0
        while not stop.is_set():
            k += 1
            token = f"zqw{n}x{k}"
            oid = f"conc-{n}-{k}"
            status, body = request(port, "PUT", "/v1/offers", offer_line(oid, f"并发测试 {token}"), "application/x-ndjson", ADMIN, timeout=30)
            if status != 200:
                with lock:
                    (tally["fivexx"] if status >= 500 else tally["other"]).append((status, body))
                continue
            # Read-after-ack: the very next search finds the acknowledged offer.
            status, found = request(port, "GET", f"/v1/search?q={token}", timeout=30)
            with lock:
                tally["upserts"] += 1
                if status >= 500:
                    tally["fivexx"].append((status, found))
                if not any(h.get("id") == oid for h in found.get("hits", [])):
                    tally["unseen"].append((oid, status))

    threads = [threading.Thread(target=searcher, args=(n,)) for n in range(16)]
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(SECONDS)
    stop.set()
    for t in threads:
        t.join()
    check(tally["searches"] > 0 and tally["upserts"] > 0,
          f"{tally['searches']} searches and {tally['upserts']} acknowledged upserts")
    check(not tally["fivexx"], f"5xx answers: {len(tally['fivexx'])} {tally['fivexx'][:3]}")
    check(not tally["other"], f"other errors: {len(tally['other'])} {tally['other'][:3]}")
    check(not tally["unseen"], f"acknowledged upserts the next search did not find: {len(tally['unseen'])} {tally['unseen'][:3]}")


def timed(what, deadline, call):
    started = time.time()
    status, body = call()
    took = time.time() - started
    check(status < 500 and took < deadline, f"{what}: {status} in {took:.2f} s (deadline {deadline:.0f} s)")
    if status >= 400:
        print(f"        {json.dumps(body, ensure_ascii=False)[:200]}")
    return status, body


def cost(port):
    print("2. the largest accepted request of each endpoint, within its deadline")
    offers = [json.loads(line) for line in open(os.path.join(ROOT, "Corpora/sample/offers.jsonl"), encoding="utf-8")]

    def values(key, n=100):
        seen = []
        for o in offers:
            v = key(o)
            if v and v not in seen:
                seen.append(v)
        return (seen + [f"none-{i}" for i in range(n)])[:n]

    filters = {
        "category": values(lambda o: ">".join(o["category"])),
        "region": values(lambda o: o["supplier"].get("region")),
        "province": values(lambda o: o["supplier"].get("province")),
        "belt": values(lambda o: o["supplier"].get("belt")),
        "place": values(lambda o: o["supplier"].get("region")),
        "supplier": values(lambda o: o["supplier"]["id"]),
        "supplier_kind": ["factory", "trading_company", "market_stall"],
        "customization": ["logo"],
        "price_min": 0, "price_max": 1000, "max_moq": 100000, "min_ship_72h": 0, "min_capacity": 0,
    }
    # The longest query: 32 distinct words (the cap), each a product word of the catalog,
    # so relaxation has to try every level.
    words = []
    for o in offers:
        for w in o["title"].split():
            if 2 <= len(w) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in w) and w not in words:
                words.append(w)
    q = " ".join(words[:32])[:200]
    biggest = {"q": q, "filters": filters, "facets": ["category", "region", "province", "belt", "supplier_kind"],
               "size": 100, "explain": True, "qty": 1000, "intent": "bulk_wholesale"}
    timed("POST /v1/search, every list at its cap, 32 words, 100 hits explained", TIMEOUT,
          lambda: request(port, "POST", "/v1/search", json.dumps(biggest, ensure_ascii=False), timeout=60))
    timed("POST /v1/search, the same at page 100", TIMEOUT,
          lambda: request(port, "POST", "/v1/search", json.dumps(dict(biggest, page=100), ensure_ascii=False), timeout=60))
    head = {"q": "杯", "facets": ["category", "region", "province", "belt", "supplier_kind"], "size": 100, "explain": True}
    timed("POST /v1/search, a one-character head query, all facets, 100 hits explained", TIMEOUT,
          lambda: request(port, "POST", "/v1/search", json.dumps(head, ensure_ascii=False), timeout=60))
    qs = urllib.parse.urlencode({"q": q, "facets": "belt,supplier_kind,region,province", "size": 100, "explain": "true"})
    timed("GET /v1/suppliers/search, 32 words, facets, 100 suppliers explained", TIMEOUT,
          lambda: request(port, "GET", f"/v1/suppliers/search?{qs}", timeout=60))
    timed("GET /v1/suggest, 50 characters, 50 suggestions", TIMEOUT,
          lambda: request(port, "GET", "/v1/suggest?" + urllib.parse.urlencode({"q": "连" * 50, "limit": 50}), timeout=60))
    preview = {"request": biggest, "draft": {"name": "draft", "weights": {"text_bm25": 1, "sales": 2}}}
    timed("POST /v1/profiles/default/preview of the largest search", TIMEOUT,
          lambda: request(port, "POST", "/v1/profiles/default/preview", json.dumps(preview, ensure_ascii=False),
                          token=OPERATOR, timeout=60))
    timed("POST /v1/eval, the whole test set, published and draft", 60,
          lambda: request(port, "POST", "/v1/eval", json.dumps({"set": "test", "draft": preview["draft"]}), token=OPERATOR, timeout=120))
    base = sample_offer()
    lines = []
    for i in range(10_000):
        base["id"], base["title"] = f"cost-{i}", f"压力测试 保温杯 {i}"
        lines.append(json.dumps(base, ensure_ascii=False))
    timed("PUT /v1/offers with 10,000 offers (max_upsert_offers)", 30,
          lambda: request(port, "PUT", "/v1/offers", "\n".join(lines), "application/x-ndjson", ADMIN, timeout=120))


work = tempfile.mkdtemp(prefix="huopan-hardening-")
try:
    port = free_port()
    server = Server(HUOPAN, work, port, env={"HUOPAN_REQUEST_TIMEOUT": str(TIMEOUT),
                                             "HUOPAN_JUDGMENTS_DIR": os.path.join(ROOT, "Corpora/judgments")})
    concurrency(port)
    cost(port)
    server.stop()
    if failures:
        # The server's own account of its failures (they carry the request ids above).
        for line in open(server.log.name, encoding="utf-8", errors="replace"):
            if "error" in line:
                print("        log: " + line.rstrip()[:400])
finally:
    shutil.rmtree(work, ignore_errors=True)

finish("hardening checks")
