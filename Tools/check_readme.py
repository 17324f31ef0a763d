#!/usr/bin/env python3
"""The README's examples, run against a real server on the sample catalog.

1. Indexes Corpora/sample/offers.jsonl into a temporary directory and starts `huopan serve` on it
   (a free port on 127.0.0.1, admin, operator and ingest tokens from the environment, the data
   root at the repository as with Tools/run.sh), the way the other Tools/check_*.py do.
2. Every line of a ```sh / ```bash block of README.md that starts with `curl` (backslash
   continuations joined) runs in bash with 127.0.0.1:8080 pointed at that server and
   $HUOPAN_ADMIN_TOKEN, $HUOPAN_OPERATOR_TOKEN and $HUOPAN_INGEST_TOKEN replaced by its tokens.
   It must answer 2xx, with a JSON body where JSON is due (/v1/*, /healthz, /readyz,
   /openapi.json, or a JSON content type). A line ending in `# expect 4xx` (or `# expect 404`)
   must answer that instead, with the JSON error body. The lines run in README order, so an
   upsert is there for the lookup after it.
3. Every `huopan …` line of those blocks that only reads (search, analyze, eval, compare,
   --version, help) runs against the temporary index (`--db DIR` and `--db var/index` point at
   it) and must exit 0, printing JSON where it was asked for with --json. Skipped: other
   subcommands (serve, index, tune, simulate, corpus, shard, bench), templates (`[--json]`,
   `FILE`, `N`, `…`, `a|b`), lines writing files (`--out` …) and lines naming files that do not
   exist.

Prints "README examples: N curl, M CLI, all passed" or the failures (command and response), and
exits 1 on any failure.

Usage: check_readme.py HUOPAN_BINARY [README]
"""
import json, os, re, shlex, shutil, subprocess, sys, tempfile, urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import ADMIN, OPERATOR, ROOT, Server, free_port

HUOPAN = os.path.abspath(sys.argv[1])
README = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(ROOT, "README.md")
INGEST = "check-ingest-token-1"
TOKENS = {"HUOPAN_ADMIN_TOKEN": ADMIN, "HUOPAN_OPERATOR_TOKEN": OPERATOR, "HUOPAN_INGEST_TOKEN": INGEST}
SHELL_LANGS = {"sh", "bash", "shell"}
JSON_PATHS = {"/healthz", "/readyz", "/openapi.json"}

# CLI: subcommands that only read, options whose file must exist, options that write.
READ_SUBCOMMANDS = {"search", "analyze", "eval", "compare", "help"}
INPUT_OPTIONS = {"--queries", "--qrels", "--catalog", "--run", "--run-a", "--run-b", "--draft", "--config", "--truth",
                 "--test-queries", "--test-qrels", "--lexicon-dir", "--synonyms-file", "--profiles", "--state-dir"}
OUTPUT_OPTIONS = {"--out", "--run-out", "--qrels-out", "--output", "--empty-out", "--write-sets", "--derive-general"}
INDEX_WORDS = {"DIR", "var/index"}
PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]*$")

failures = []


def shell_commands(path):
    """(line number, command) of every command in the README's shell blocks, continuations joined."""
    commands, in_block, lang, pending = [], False, "", None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            fence = re.match(r"^\s*```\s*([A-Za-z0-9_+-]*)", line)
            if fence:
                if in_block:
                    if pending:
                        commands.append(tuple(pending))
                    in_block, pending = False, None
                else:
                    in_block, lang = True, fence.group(1).lower()
                continue
            if not in_block or lang not in SHELL_LANGS:
                continue
            if pending is None:
                if not line.strip():
                    continue
                pending = [number, line.strip()]
            else:
                pending[1] = pending[1][:-1].rstrip() + " " + line.strip()
            if not pending[1].endswith("\\"):
                commands.append(tuple(pending))
                pending = None
    return commands


def expected_status(command):
    """The status class or code a `# expect 4xx` / `# expect 404` comment asks for, else None (2xx)."""
    m = re.search(r"#\s*expect\s+([1-5](?:xx|\d\d))\b", command)
    return m.group(1) if m else None


def status_matches(status, expected):
    if expected is None:
        return 200 <= status < 300
    if expected.endswith("xx"):
        return status // 100 == int(expected[0])
    return status == int(expected)


def strip_headers(body):
    """The body of a `curl -i` answer (after any 1xx and the final header block)."""
    while body.startswith(b"HTTP/"):
        end = body.find(b"\r\n\r\n")
        if end < 0:
            return b""
        body = body[end + 4:]
    return body


def for_server(command, port):
    for host in ("http://127.0.0.1:8080", "http://localhost:8080", "127.0.0.1:8080", "localhost:8080"):
        command = command.replace(host, f"{'http://' if host.startswith('http') else ''}127.0.0.1:{port}")
    for name, token in TOKENS.items():
        command = command.replace("${" + name + "}", token).replace("$" + name, token)
    return command


def run_curl(number, command, port, work):
    expected = expected_status(command)
    url = re.search(r"https?://[^\s'\"]+", command)
    path = urllib.parse.urlsplit(url.group(0)).path if url else ""
    body_file = os.path.join(work, "body")
    if os.path.exists(body_file):
        os.remove(body_file)
    # A function named curl wraps every curl of the line: the body goes to a file, the status
    # and content type to standard output. The README's own options (-i, -X, -H, -d) stay.
    script = ('curl() { command curl -sS -o "$HUOPAN_CHECK_BODY" -w "%{http_code} %{content_type}" "$@"; }\n'
              + for_server(command, port) + "\n")
    env = dict(os.environ, HUOPAN_CHECK_BODY=body_file, **TOKENS)
    try:
        done = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=180)
    except subprocess.TimeoutExpired:
        return report(False, number, command, "no answer within 180 s")
    out = done.stdout.decode(errors="replace").strip().split(None, 1)
    status = int(out[0]) if out and out[0].isdigit() else 0
    content_type = out[1].lower() if len(out) > 1 else ""
    body = b""
    if os.path.exists(body_file):
        with open(body_file, "rb") as f:
            body = strip_headers(f.read())
    text = body.decode(errors="replace")
    what = f"{status} {content_type}\n{text[:1500]}" + (f"\n(curl: {done.stderr.decode(errors='replace').strip()})" if done.stderr else "")
    if done.returncode != 0 or status == 0:
        return report(False, number, command, f"curl exited with {done.returncode}\n{what}")
    if not status_matches(status, expected):
        return report(False, number, command, f"expected {expected or '2xx'}, got {what}")
    # API paths answer JSON unless they say otherwise (qrels and query sets are text).
    wants_json = "json" in content_type or ((path.startswith("/v1/") or path in JSON_PATHS) and not content_type.startswith("text/"))
    if wants_json:
        try:
            parsed = json.loads(body)
        except ValueError:
            return report(False, number, command, f"expected a JSON body, got {what}")
        if expected and not (isinstance(parsed, dict) and isinstance(parsed.get("error"), dict)
                             and {"code", "message", "request_id"} <= set(parsed["error"])):
            return report(False, number, command, f"expected the error object {{\"error\": {{code, message, request_id}}}}, got {what}")
    return report(True, number, command, f"{status}")


def cli_plan(command, index):
    """(argument list, None) for a CLI line to run, or (None, reason to skip it)."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError as e:
        return None, f"unparsable: {e}"
    if not words or os.path.basename(words[0]) != "huopan":
        return None, "not a huopan line"
    args = words[1:]
    if any(ch in command for ch in ("[", "…", "...")) or any("|" in a for a in args):
        return None, "template"
    if any(PLACEHOLDER.match(a) and a not in INDEX_WORDS for a in args):
        return None, "template"
    sub = next((a for a in args if not a.startswith("-")), None)
    if not (args == ["--version"] or sub in READ_SUBCOMMANDS):
        return None, f"`{sub or args[0]}` is not a read-only command"
    plan = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in OUTPUT_OPTIONS or a.split("=", 1)[0] in OUTPUT_OPTIONS:
            return None, f"writes a file ({a})"
        if a in INPUT_OPTIONS and i + 1 < len(args) and args[i + 1] not in INDEX_WORDS:
            if not os.path.exists(os.path.join(ROOT, args[i + 1])):
                return None, f"needs {args[i + 1]}, which is not present"
        plan.append(index if a in INDEX_WORDS else a)
        i += 1
    return plan, None


def run_cli(number, command, plan):
    try:
        done = subprocess.run([HUOPAN] + plan, cwd=ROOT, capture_output=True, timeout=600)
    except subprocess.TimeoutExpired:
        return report(False, number, command, "did not finish within 600 s")
    out, err = done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
    if done.returncode != 0:
        return report(False, number, command, f"exit {done.returncode}\n{err.strip()[:1500]}\n{out[:1500]}")
    if "--json" in plan:
        try:
            json.loads(out)
        except ValueError:
            try:  # one object per line (analyze --json with several queries)
                for line in out.splitlines():
                    if line.strip():
                        json.loads(line)
            except ValueError:
                return report(False, number, command, f"--json printed no JSON:\n{out[:1500]}")
    return report(True, number, command, "exit 0")


def report(ok, number, command, detail):
    short = command if len(command) <= 150 else command[:147] + "..."
    if ok:
        print(f"  ok    README.md:{number}: {short}  ({detail})", flush=True)
    else:
        print(f"  FAIL  README.md:{number}: {command}\n        " + detail.replace("\n", "\n        "), flush=True)
        failures.append(f"README.md:{number}")
    return ok


def main():
    commands = shell_commands(README)
    curls = [(n, c) for n, c in commands if c.startswith("curl ")]
    work = tempfile.mkdtemp(prefix="huopan-readme-")
    server = None
    cli_count = 0
    try:
        index = os.path.join(work, "index")
        subprocess.run([HUOPAN, "index", "--catalog", os.path.join(ROOT, "Corpora/sample/offers.jsonl"), "--db", index],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = Server(HUOPAN, work, port, db=index,
                        env={"HUOPAN_INGEST_TOKEN": INGEST, "HUOPAN_DATA_ROOT": ROOT,
                             "HUOPAN_JUDGMENTS_DIR": os.path.join(ROOT, "Corpora/judgments")})
        print(f"curl examples against http://127.0.0.1:{port} (sample catalog)")
        for number, command in curls:
            run_curl(number, command, port, work)
        print("CLI examples that only read, against the same index")
        skipped = []
        for number, command in commands:
            plan, reason = cli_plan(command, index)
            if plan is None:
                if reason != "not a huopan line":
                    skipped.append((number, command, reason))
                continue
            cli_count += 1
            run_cli(number, command, plan)
        for number, command, reason in skipped:
            short = command if len(command) <= 110 else command[:107] + "..."
            print(f"  skip  README.md:{number}: {short}  ({reason})")
        server.stop()
        server = None
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"README examples: {len(curls)} curl, {cli_count} CLI, {len(failures)} failed: " + ", ".join(failures))
        sys.exit(1)
    print(f"README examples: {len(curls)} curl, {cli_count} CLI, all passed")


main()
