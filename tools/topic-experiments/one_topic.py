"""An article given one news topic, or a second only past a margin, from evaluate's decisions.

The scope notes say an article belongs "rarely to two" news topics. This replays the out-of-fold
decisions of `./newsstream topics evaluate --predictions FILE` with that as a rule: of the news
topics an article was matched by, it keeps the one it clears by most (its log-odds past the
threshold) and the others only when they clear theirs by MARGIN or more. No retraining; plain
Python, no scikit-learn.

    python3 tools/topic-experiments/one_topic.py PREDICTIONS.csv [MARGIN ...]
"""

import collections
import csv
import math
import sys

MACRO_TOPICS = ("airspace-deal", "joint-strikes")


def logit(p):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def articles(path):
    """Per (partition, file): its rows for the full article (not the feed-item lead)."""
    by = collections.defaultdict(list)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["form"] == "article":
                by[(r["partition"], r["file"])].append(r)
    return by


def kept(rows, margin):
    margins = [
        (logit(float(r["probability"])) - logit(float(r["threshold"])), r["newsTopic"])
        for r in rows
        if r["decision"] == "matched"
    ]
    if not margins:
        return set()
    best = max(m for m, _ in margins)
    return {t for m, t in margins if m >= best or m >= margin}


def replay(by, margin):
    counts = collections.defaultdict(lambda: [0, 0, 0])  # tp, fp, fn per (partition, topic)
    hard_taken = collections.Counter()
    hard = collections.Counter()
    for (partition, _), rows in by.items():
        topics = kept(rows, margin)
        labels = set(rows[0]["labels"].split())
        if rows[0]["hardNegative"] == "true":
            hard[partition] += 1
            hard_taken[partition] += 1 if topics else 0
        for t in MACRO_TOPICS:
            c = counts[(partition, t)]
            if t in topics:
                c[0 if t in labels else 1] += 1
            elif t in labels:
                c[2] += 1
    partitions = sorted({p for p, _ in by})
    macro = [
        sum(2 * tp / (2 * tp + fp + fn) for tp, fp, fn in (counts[(p, t)] for t in MACRO_TOPICS))
        / len(MACRO_TOPICS)
        for p in partitions
    ]
    n = len(partitions)
    return sum(macro) / n, sum(hard_taken[p] for p in partitions) / n, hard[partitions[0]]


def main():
    by = articles(sys.argv[1])
    margins = [float(m) for m in sys.argv[2:]] or [math.inf, 5, 2, 0]
    for margin in margins:
        macro, taken, hard = replay(by, margin)
        rule = "as evaluated" if margin <= 0 else (
            "one news topic" if math.isinf(margin) else f"a second past {margin:g}")
        print(f"{rule:>22}: macro-F1 {macro:.3f}, hard negatives taken {taken:.1f} of {hard}")


if __name__ == "__main__":
    main()
