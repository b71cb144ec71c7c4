#!/usr/bin/env python3
"""Pools candidate records for relevance judgments of the case-description test set.

For each case in Corpus/cases/queries.jsonl, ranks every record in Corpus/evidence with two different
rankers and writes the union of their top-K (default 20) to a TSV for human judging:
  1. TF-IDF cosine (sublinear tf, smooth idf) over title + body;
  2. BM25 (k1 = 1.2, b = 0.75) over the same text, with a light suffix-stripping stemmer.
Records already judged in Corpus/cases/qrels.tsv are left out. Standard library only.

Usage: python3 scripts/judgment_pool.py [--k 20] > pool.tsv
Output columns: case_id, record_id, rankers (which ranker proposed it), title.
"""
import argparse, collections, glob, json, math, os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
STOP = set("""a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only
or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves also""".split())

def tokens(text, stem=False):
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 1]
    if stem:
        words = [re.sub(r"(ings|ing|ed|es|s|ly)$", "", w) if len(w) > 4 else w for w in words]
    return words

def load_records():
    records = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'Corpus/evidence/*.md'))):
        text = open(path, encoding='utf-8').read()
        m = re.match(r'^---\n(.*?)\n---\n(.*)$', text, re.S)
        front, body = m.group(1), m.group(2)
        title = re.search(r'^title:\s*(.*)$', front, re.M).group(1).strip().strip('"')
        records[os.path.basename(path)[:-3]] = (title, title + "\n" + body)
    return records

def tfidf_rank(query, docs):
    df = collections.Counter()
    vecs = {}
    for rid, toks in docs.items():
        df.update(set(toks))
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    def vec(toks):
        tf = collections.Counter(toks)
        v = {t: (1 + math.log(c)) * idf.get(t, 0) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        return {t: x / norm for t, x in v.items()}
    q = vec(query)
    scores = {rid: sum(q.get(t, 0) * w for t, w in vec(toks).items()) for rid, toks in docs.items()}
    return sorted(scores, key=lambda r: (-scores[r], r))

def bm25_rank(query, docs, k1=1.2, b=0.75):
    n = len(docs)
    avg = sum(len(t) for t in docs.values()) / n
    df = collections.Counter()
    for toks in docs.values():
        df.update(set(toks))
    scores = {}
    for rid, toks in docs.items():
        tf = collections.Counter(toks)
        s = 0.0
        for t in set(query):
            if t in tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(toks) / avg))
        scores[rid] = s
    return sorted(scores, key=lambda r: (-scores[r], r))

def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--k', type=int, default=20)
    args = parser.parse_args()
    records = load_records()
    plain = {rid: tokens(text) for rid, (_, text) in records.items()}
    stemmed = {rid: tokens(text, stem=True) for rid, (_, text) in records.items()}
    judged = set()
    qrels = os.path.join(ROOT, 'Corpus/cases/qrels.tsv')
    if os.path.exists(qrels):
        for line in open(qrels):
            parts = line.split()
            if len(parts) >= 3: judged.add((parts[0], parts[1]))
    for line in open(os.path.join(ROOT, 'Corpus/cases/queries.jsonl'), encoding='utf-8'):
        case = json.loads(line)
        pool = collections.defaultdict(list)
        for rid in tfidf_rank(tokens(case['text']), plain)[:args.k]: pool[rid].append('tfidf')
        for rid in bm25_rank(tokens(case['text'], stem=True), stemmed)[:args.k]: pool[rid].append('bm25')
        for rid in sorted(pool):
            if (case['id'], rid) not in judged:
                print(f"{case['id']}\t{rid}\t{'+'.join(pool[rid])}\t{records[rid][0]}")

main()
