# Does the pipeline decide as the trained model does? Compares the news topics of the enriched
# events with `topics explain` on the same article files, matched by headline.
#   ./newsstream local ../shared/eval/topics-dev/cnn ../shared/eval/topics-dev/dawn
#   ./newsstream tail news.articles.enriched --from-beginning --idle-exit 8 > enriched.jsonl
#   ./newsstream topics explain ../shared/eval/topics-dev/cnn ../shared/eval/topics-dev/dawn > explain.txt
#   python3 tools/topic-experiments/pipeline_agreement.py enriched.jsonl explain.txt
import json, re, sys


def key(title):
    return re.sub(r'\W+', ' ', title.replace('\u00ad', '').lower()).strip()


pipeline = {}
for line in open(sys.argv[1], encoding='utf-8'):
    v = json.loads(line)['value']
    pipeline[key(v['article']['title'])] = set(v.get('matchedNewsTopics') or [])

files, current = {}, None
for line in open(sys.argv[2], encoding='utf-8'):
    if line.startswith('/') or not line.startswith(' '):
        current = line.split()[0]
        files[current] = set()
    elif line.startswith('  matched'):
        files[current].add(line.split()[1])

same = differ = unmatched = 0
for f, matched in files.items():
    k = key(open(f, encoding='utf-8', errors='replace').readline().strip())
    if k not in pipeline:
        unmatched += 1
    elif pipeline[k] == matched:
        same += 1
    else:
        differ += 1
        print('differs', f, 'files:', sorted(matched), 'pipeline:', sorted(pipeline[k]))
print(f'agree {same}, differ {differ}, not matched by headline {unmatched}')
