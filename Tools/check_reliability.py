#!/usr/bin/env python3
"""Scripted reliability checks against real `huopan serve` processes.

1. kill -9 right after an upsert is acknowledged: after restart the offer is there.
2. kill -9 in the middle of a reindex: after restart the previous index serves, intact,
   and the half-built generation is gone.
3. A shard server killed under load (remote shards, on_shard_loss=partial): no request
   hangs past its deadline, answers are partial while it is down, full again after it returns.
4. A body over the limit is refused before it is read (huge Content-Length, no body).

Usage: check_reliability.py HUOPAN_BINARY
"""
import json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.parse
import socket

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import ADMIN as TOKEN, OPERATOR, ROOT, Server as _Server, check, finish, free_port, kill_tree, offer_line, request

HUOPAN = os.path.abspath(sys.argv[1])


def Server(workdir, port, env=None, db=None):
    return _Server(HUOPAN, workdir, port, env=env, db=db)


work = tempfile.mkdtemp(prefix="huopan-reliability-")
try:
    os.makedirs(os.path.join(work, "data"))
    print("1. kill -9 right after an acknowledged upsert")
    port = free_port()
    server = Server(work, port)
    status, body = request(port, "PUT", "/v1/offers", offer_line("durable-1", "紫砂壶 持久化测试"), "application/x-ndjson", TOKEN)
    check(status == 200 and body.get("upserted") == 1, f"upsert acknowledged ({status})")
    server.kill9()
    server = Server(work, port)
    status, body = request(port, "GET", "/v1/offers/durable-1")
    check(status == 200 and body.get("title") == "紫砂壶 持久化测试", "the acknowledged offer is there after kill -9 and restart")
    documents = request(port, "GET", "/readyz")[1]["documents"]
    generation = request(port, "GET", "/readyz")[1]["generation"]

    print("2. kill -9 in the middle of a reindex")
    big = os.path.join(work, "data", "big.jsonl")
    subprocess.run([HUOPAN, "corpus", "generate", "--offers", "80000", "--seed", "5", "--output", big], check=True, cwd=ROOT,
                   stderr=subprocess.DEVNULL)
    status, job = request(port, "POST", "/v1/reindex", json.dumps({"path": "big.jsonl"}), token=TOKEN)
    check(status == 202, f"reindex started ({status})")
    running = False
    for _ in range(200):
        state = request(port, "GET", f"/v1/reindex/{job['id']}", token=OPERATOR)[1]
        if state.get("state") == "running" and state.get("processed_lines", 0) > 0:
            running = True
            break
        time.sleep(0.05)
    check(running, "reindex caught while running")
    server.kill9()
    # The generation being built: the newest one, with no manifest yet.
    index_dir = os.path.join(work, "index")
    half_built = max(d for d in os.listdir(index_dir) if d.startswith("gen-"))
    check(not os.path.exists(os.path.join(index_dir, half_built, "manifest.json")), f"{half_built} was half-built when killed")
    server = Server(work, port)
    ready = request(port, "GET", "/readyz")[1]
    check(ready["documents"] == documents and ready["generation"] == generation,
          f"previous index serves after restart ({ready['documents']} documents, generation {ready['generation']})")
    status, body = request(port, "GET", "/v1/search?q=" + urllib.parse.quote("连衣裙"))
    check(status == 200 and body["total"] > 0, "searches answer from it")
    check(request(port, "GET", "/v1/offers/durable-1")[0] == 200, "the upserted offer is still there")
    check(not os.path.exists(os.path.join(index_dir, half_built)), f"the half-built generation {half_built} was removed")

    print("4. a body over the limit is refused before it is read")
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(("PUT /v1/offers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/x-ndjson\r\n"
               "Content-Length: 1000000000\r\n\r\n" % TOKEN).encode())
    # No body is ever sent: an answer at all shows the server did not wait for one.
    reply = s.recv(4096).decode(errors="replace")
    s.close()
    check(reply.startswith("HTTP/1.1 413"), "413 without waiting for the body")
    server.stop()

    print("3. a shard server killed under load")
    shards = os.path.join(work, "shards")
    subprocess.run([HUOPAN, "index", "--catalog", os.path.join(ROOT, "Corpora/sample/offers.jsonl"), "--db", shards, "--shards", "2"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ports = [free_port(), free_port()]

    def tcpsrv(i):
        return subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(ports[i]), "--quiet",
                                 os.path.join(shards, "current", "shard-%03d" % i)], start_new_session=True)

    servers = [tcpsrv(0), tcpsrv(1)]
    time.sleep(0.5)
    port = free_port()
    server = Server(work, port, env={"HUOPAN_SHARDS": f"127.0.0.1:{ports[0]};127.0.0.1:{ports[1]}",
                                     "HUOPAN_ON_SHARD_LOSS": "partial", "HUOPAN_REQUEST_TIMEOUT": "3"},
                    db=os.path.join(work, "unused-index"))
    results = []
    lock = threading.Lock()
    stop = threading.Event()
    queries = ["连衣裙", "保温杯", "手机壳", "帆布袋", "数据线", "积木", "四件套", "运动鞋"]

    def load(n):
        i = n
        while not stop.is_set():
            q = urllib.parse.quote(queries[i % len(queries)])
            i += 1
            t0 = time.time()
            try:
                status, body = request(port, "GET", f"/v1/search?q={q}&size=10", timeout=10)
                partial = body.get("partial")
            except Exception as e:
                status, partial = str(e), None
            with lock:
                results.append((t0, time.time() - t0, status, partial))

    threads = [threading.Thread(target=load, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(3)
    killed_at = time.time()
    kill_tree(servers[1])
    time.sleep(4)
    back_at = time.time()
    servers[1] = tcpsrv(1)
    time.sleep(5)
    stop.set()
    for t in threads:
        t.join()
    slowest = max(r[1] for r in results)
    # Behaviour, not speed: nothing hangs for long past its deadline (generous bound).
    check(slowest < 6, f"{len(results)} requests, the slowest took {slowest:.2f} s (deadline 3 s)")
    check(all(r[2] == 200 for r in results), "every answer was 200 (partial answers as configured)")
    during = [r for r in results if killed_at + 0.5 < r[0] < back_at - 0.3]
    complete = [round(r[0] - killed_at, 2) for r in during if not r[3]]
    check(during and not complete, f"answers while the shard was down were partial ({len(during)}; complete at {complete[:10]})")
    after = [r for r in results if r[0] > back_at + 3]
    check(after and not any(r[3] for r in after), f"answers after it returned were complete again ({len(after)})")
    server.stop()
    for s in servers:
        kill_tree(s)
finally:
    shutil.rmtree(work, ignore_errors=True)

finish("reliability checks")
