"""Shared by the scripted checks (Tools/check_*.py): a real `huopan serve` process on a free
port, HTTP requests against it, and the ok/FAIL report."""
import json, os, signal, socket, subprocess, sys, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIN = "check-admin-token-1"
OPERATOR = "check-operator-token-1"
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def finish(name):
    print(f"{name}: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)))
    sys.exit(1 if failures else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def request(port, method, path, body=None, content_type="application/json", token=None, timeout=10):
    """(status, parsed JSON body) of one request; bodies that are not JSON come back as {"raw": text}."""
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    try:
        return status, json.loads(raw or b"{}")
    except ValueError:
        return status, {"raw": raw.decode(errors="replace")}


class Server:
    """`huopan serve` on the sample catalog (or `db`), with admin and operator tokens."""

    def __init__(self, binary, workdir, port, env=None, db=None, config=None):
        self.port = port
        e = dict(os.environ, HUOPAN_ADMIN_TOKEN=ADMIN, HUOPAN_OPERATOR_TOKEN=OPERATOR,
                 HUOPAN_STATE_DIR=os.path.join(workdir, "state"), HUOPAN_DATA_ROOT=os.path.join(workdir, "data"),
                 HUOPAN_LOG_LEVEL="warning", HUOPAN_BOOTSTRAP_CATALOG=os.path.join(ROOT, "Corpora/sample/offers.jsonl"))
        e.update(env or {})
        os.makedirs(os.path.join(workdir, "data"), exist_ok=True)
        args = [binary, "serve", "--db", db or os.path.join(workdir, "index"), "--port", str(port)]
        if config:
            path = os.path.join(workdir, f"config-{port}.json")
            with open(path, "w") as f:
                json.dump(config, f)
            args += ["--config", path]
        self.log = open(os.path.join(workdir, f"server-{port}.log"), "a")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=e, stdout=self.log, stderr=self.log)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if request(port, "GET", "/readyz", timeout=2)[0] == 200:
                    return
            except Exception:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log.name}")
            time.sleep(0.2)
        raise RuntimeError("server did not become ready")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def kill_tree(proc):
    # xapian-tcpsrv forks a child per connection: kill its whole process group at once,
    # so no connection forked in between survives (it ignores SIGTERM anyway).
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def sample_offer():
    with open(os.path.join(ROOT, "Corpora/sample/offers.jsonl"), encoding="utf-8") as f:
        return json.loads(f.readline())


def offer_line(oid, title):
    o = sample_offer()
    o["id"], o["title"] = oid, title
    return json.dumps(o, ensure_ascii=False)
