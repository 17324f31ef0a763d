#!/usr/bin/env python3
"""Checks Huopan's metrics against trec_eval's definitions through pytrec_eval.

For each committed query set it ranks the queries with two profiles, writes the
TREC runs (`huopan eval --run-out`), scores them with pytrec_eval and with
`huopan eval --run ... --json --per-query`, and requires agreement to 1e-4 for
nDCG@10 (linear gain), MAP, MRR, P@10 and recall@100 on every query and on the
means. A hand-made run with tied scores and a query without relevant offers
checks that both read runs the same way. Exits non-zero on any disagreement.

Usage: check_trec_eval.py HUOPAN_BINARY INDEX_DIR
"""
import json, subprocess, sys, tempfile, os
import pytrec_eval

huopan, db = sys.argv[1], sys.argv[2]
MEASURES = {"ndcg@10": "ndcg_cut_10", "map": "map", "mrr": "recip_rank", "p@10": "P_10", "recall@100": "recall_100"}


def read_qrels(path):
    qrels = {}
    for line in open(path, encoding="utf-8"):
        q, _, d, g = line.split()
        qrels.setdefault(q, {})[d] = int(g)
    return qrels


def read_run(path):
    run = {}
    for line in open(path, encoding="utf-8"):
        q, _, d, _, s, _ = line.split()
        run.setdefault(q, {})[d] = float(s)
    return run


def ours(run_path, queries, qrels):
    out = subprocess.run([huopan, "eval", "--queries", queries, "--qrels", qrels, "--run", run_path, "--json", "--per-query",
                          "--metrics", ",".join(MEASURES)], check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    return report["per_query"], report["means"]


def query_ids(path):
    return [line.split("\t")[0] for line in open(path, encoding="utf-8") if line.strip() and not line.startswith("qid\t")]


def compare(label, run_path, queries, qrels_path):
    qrels = read_qrels(qrels_path)
    run = read_run(run_path)
    theirs = pytrec_eval.RelevanceEvaluator(qrels, set(MEASURES.values())).evaluate(run)
    mine, reported = ours(run_path, queries, qrels_path)
    # pytrec_eval leaves out queries the run has no result for; trec_eval -c (and Huopan)
    # count them as 0. Every query of the set is compared, those included.
    every = query_ids(queries)
    empty = [q for q in every if q not in theirs]
    worst, n = 0.0, 0
    for qid in every:
        for ours_name, trec_name in MEASURES.items():
            expected = theirs[qid][trec_name] if qid in theirs else 0.0
            got = mine.get(qid, {}).get(ours_name)
            d = abs(expected - got) if got is not None else float("inf")
            worst = max(worst, d)
            n += 1
            if d > 1e-4:
                print(f"DISAGREE {label} {qid} {ours_name}: huopan {got} trec_eval {expected:.6f}")
    means = []
    for ours_name, trec_name in MEASURES.items():
        t = sum(theirs[q][trec_name] for q in every if q in theirs) / len(every)
        # Huopan's own reported mean, not one recomputed here from its per-query values.
        m = reported[ours_name]
        worst = max(worst, abs(t - m))
        means.append(f"{ours_name} {m:.4f}/{t:.4f}")
    print(f"{label}: {len(every)} queries ({len(empty)} without results), {n} values, max |difference| {worst:.2e}   " + "  ".join(means))
    return worst <= 1e-4


ok = True
with tempfile.TemporaryDirectory() as tmp:
    for split in ("train", "test"):
        queries, qrels = f"Corpora/judgments/{split}.queries.tsv", f"Corpora/judgments/{split}.qrels"
        for profile in ("bm25_only", "default"):
            run_path = os.path.join(tmp, f"{split}-{profile}.run")
            subprocess.run([huopan, "eval", "--db", db, "--queries", queries, "--qrels", qrels, "--profile", profile,
                            "--run-out", run_path, "--json"], check=True, capture_output=True)
            ok &= compare(f"{split}/{profile}", run_path, queries, qrels)
    # Ties (ordered by score, then docid descending, as trec_eval does), a query with no relevant
# offer and a query with no result.
    ties_q = os.path.join(tmp, "ties.queries.tsv")
    ties_j = os.path.join(tmp, "ties.qrels")
    ties_r = os.path.join(tmp, "ties.run")
    # Query c has judgments but no line in the run: it counts as 0 in every mean.
    open(ties_q, "w").write("a\tx\nb\ty\nc\tz\n")
    open(ties_j, "w").write("a 0 d1 3\na 0 d2 1\na 0 d3 0\na 0 d4 2\nb 0 d1 0\nc 0 d9 2\n")
    open(ties_r, "w").write("a Q0 d1 1 1.0 t\na Q0 d2 2 1.0 t\na Q0 d3 3 1.0 t\na Q0 d4 4 0.5 t\nb Q0 d1 1 2.0 t\n")
    ok &= compare("ties", ties_r, ties_q, ties_j)

print("agreement with trec_eval (pytrec_eval): " + ("OK" if ok else "FAILED"))
sys.exit(0 if ok else 1)
