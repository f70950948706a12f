#!/bin/bash
# A user's rare news topic, simulated on the dev set: one news topic (joint-strikes unless named)
# keeps only N of its labelled positives (drawn at random, seeded), the others are left out (not
# made negatives), and it is cross-validated without the probes, as a new news topic would be
# (docs/news-topics.md, "Rare news topics, simulated"). Needs ../shared beside the checkout.
#   tools/topic-experiments/rare-topic.sh 8 5                 (N positives, seed)
#   tools/topic-experiments/rare-topic.sh 5 1 airspace-deal
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
shared="${NEWSSTREAM_SHARED_DIR:-$PWD/../shared}"
dev="$shared/eval/topics-dev"
n="${1:?how many positives to keep}"
seed="${2:-1}"
topic="${3:-joint-strikes}"
labels="target/topic-experiments/$topic-$n-$seed.csv"
mkdir -p "$(dirname "$labels")"
/usr/bin/python3 - "$dev" "$n" "$seed" "$labels" "$topic" <<'PY'
import csv, random, sys
dev, n, seed, out, topic = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rows = list(csv.DictReader(open(f"{dev}/labels.csv")))
positives = [r for r in rows if r["topic"] == topic]
random.seed(seed)
kept = random.sample(positives, n) + [r for r in rows if r["topic"] != topic]
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys())
    w.writeheader()
    for r in kept:
        w.writerow(dict(r, file=f"{dev}/{r['file']}"))
PY
./newsstream topics evaluate --no-defaults --labels "$labels" \
    --background "$shared/eval/reuters21578" --partitions 5
