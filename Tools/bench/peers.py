#!/usr/bin/env python3
"""tantivy beside Huopan on the same catalog, the same analyzed tokens and the same matching
workload. Reads what `huopan bench peers --out DIR` wrote (docs.tsv: id<TAB>tokens,
queries.tsv: qid<TAB>tokens, huopan.json: Huopan's figures from the same run), indexes the
tokens with tantivy's whitespace tokenizer and plain BM25, times OR top-10, OR top-1000 and
AND top-10 for every query, and prints every system's p50/p99 with the ratios to Huopan.

    python3 Tools/bench/peers.py DIR
tantivy (PyPI `tantivy`) is a benchmark-only dependency, installed here when missing.
"""
import json
import os
import shutil
import subprocess
import sys
import time


def ensure_tantivy():
    try:
        import tantivy  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "tantivy"], check=True)


def percentile(samples, p):
    s = sorted(samples)
    if not s:
        return 0.0
    k = max(0, min(len(s) - 1, int(-(-p / 100 * len(s) // 1)) - 1))
    return s[k]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: peers.py DIR (written by huopan bench peers --out DIR)")
    directory = sys.argv[1]
    for name in ("docs.tsv", "queries.tsv", "huopan.json"):
        if not os.path.exists(os.path.join(directory, name)):
            sys.exit(f"{directory}/{name} is missing: run huopan bench peers --out {directory} first")
    ensure_tantivy()
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace")
    schema = builder.build()
    path = os.path.join(directory, "tantivy-index")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    index = tantivy.Index(schema, path=path)
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    started = time.perf_counter()
    documents = 0
    with open(os.path.join(directory, "docs.tsv"), encoding="utf-8") as f:
        for line in f:
            doc_id, _, tokens = line.rstrip("\n").partition("\t")
            writer.add_document(tantivy.Document(id=doc_id, body=tokens))
            documents += 1
    writer.commit()
    writer.wait_merging_threads()
    build_seconds = time.perf_counter() - started
    index.reload()
    searcher = index.searcher()

    queries = []
    with open(os.path.join(directory, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            _, _, tokens = line.rstrip("\n").partition("\t")
            terms = [t for t in tokens.split(" ") if t]
            if terms:
                queries.append(terms)

    def term_query(t):
        return tantivy.Query.term_query(schema, "body", t)

    def disjunction(terms):
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, term_query(t)) for t in terms])

    def conjunction(terms):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, term_query(t)) for t in terms])

    def run(make, limit):
        for terms in queries[:200]:
            searcher.search(make(terms), limit)
        samples, matched = [], 0
        for terms in queries:
            q = make(terms)
            t = time.perf_counter()
            result = searcher.search(q, limit)
            samples.append((time.perf_counter() - t) * 1000)
            matched += 1 if result.hits else 0
        return samples, matched

    huopan = json.load(open(os.path.join(directory, "huopan.json")))
    rows = [
        ("Huopan full ranking (window 1000, page 20)", huopan["huopan_full"]["p50"], huopan["huopan_full"]["p99"], ""),
        ("Huopan BM25-only retrieval (AND + relaxation, top 20)", huopan["huopan_bm25"]["p50"], huopan["huopan_bm25"]["p99"], ""),
    ]
    for label, make, limit in [
        ("tantivy BM25 OR, top 10", disjunction, 10),
        ("tantivy BM25 OR, top 1000", disjunction, 1000),
        ("tantivy BM25 AND, top 10", conjunction, 10),
    ]:
        samples, matched = run(make, limit)
        rows.append((label, percentile(samples, 50), percentile(samples, 99), f"{matched} of {len(queries)} match"))

    full50, full99 = rows[0][1], rows[0][2]
    print(f"{huopan['documents']} offers (tantivy indexed {documents} in {build_seconds:.1f} s); "
          f"{len(queries)} matching Taobao queries, same analyzed tokens")
    print(f"{'system':55} {'p50 ms':>8} {'p99 ms':>8} {'Huopan full / it':>17}")
    for label, p50, p99, note in rows:
        ratio = f"{full50 / p50:6.1f}× {full99 / p99:6.1f}×" if p50 > 0 and p99 > 0 else ""
        print(f"{label:55} {p50:8.3f} {p99:8.3f} {ratio:>17}  {note}")
    print("Huopan full ranking, mean ms per phase: " + ", ".join(
        f"{k} {v:.3f}" for k, v in sorted(huopan["phases_mean_ms"].items(), key=lambda kv: -kv[1])))
    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
