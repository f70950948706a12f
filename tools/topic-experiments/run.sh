#!/bin/bash
# Re-runs an experiment of the news-topic docs (docs/news-topics*.md) outside the project: dumps
# the news-topic features of the dev set (the processor's own TopicFeatures, folds grouped by
# event as evaluate makes them), then runs one scikit-learn script on them. Needs ../shared beside
# the checkout and Debian's python3-sklearn (apt-get install python3-sklearn).
#   tools/topic-experiments/run.sh models.py lr|rf|gbm
#   tools/topic-experiments/run.sh text.py 0.5 10        (weight of the features' model, C of the words' model)
#   HARD_COST=2 tools/topic-experiments/run.sh text.py 0.5 10   (a hard negative above the cut costs two, as in the project)
#   HARD_COST=2 GLOBAL_IDF=1 tools/topic-experiments/run.sh text_veto.py 1 10   (the words only lowering)
#   tools/topic-experiments/run.sh two_stage.py rf|cand
#   tools/topic-experiments/run.sh labelling.py 0.25 30  (share of events labelled at start, articles added)
#   HARD_COST=2 tools/topic-experiments/run.sh rare_transfer.py joint-strikes airspace-deal  (rare, donor)
#   HARD_COST=2 tools/topic-experiments/run.sh knn.py 0.7 5     (weight of the features, neighbours voting)
#   HARD_COST=3 tools/topic-experiments/run.sh mil.py 0.8 3     (a paragraph on the topic above 0.8; C of the paragraph model; MIL=off: without)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
out="${FEATURES:-/tmp/topic-features}"
work=target/topic-experiments
mkdir -p "$work/classes"
./mvnw -B -q compile dependency:build-classpath -pl streams-processor -am \
    -Dspotless.check.skip=true -Dmdep.outputFile="$PWD/$work/classpath" >/dev/null
cp="streams-processor/target/classes:$(cat "$work/classpath")"
javac -d "$work/classes" -cp "$cp" "$here/DumpFeatures.java"
java -Dnewsstream.home="$PWD" -cp "$work/classes:$cp" \
    io.newsstream.processor.training.DumpFeatures "$out"
FEATURES="$out/" /usr/bin/python3 "$here/$1" "${@:2}"
