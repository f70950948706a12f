#!/usr/bin/env python3
"""Read newsstream's enriched articles from Kafka, without the project's Java code.

Each record's value is an EnrichedArticle in Avro with Confluent framing: byte 0 is 0, bytes 1-4
the schema id (big-endian), then Avro binary. The schema comes from the registry by that id. The
processor writes in transactions, so read with isolation.level=read_committed.

Needs confluent-kafka and avro (Debian: apt-get install python3-confluent-kafka python3-avro;
elsewhere: pip install confluent-kafka avro). Prints one JSON line per article:

    ./clients/python/read_enriched.py --topic news.topic.airspace-deal
"""

import argparse
import io
import json
import struct
import sys
import time
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError, KafkaException


class Decoder:
    """Confluent-framed Avro to Python values, each schema fetched once by its id."""

    def __init__(self, registry):
        self.registry = registry.rstrip("/")
        self.readers = {}

    def decode(self, value):
        if len(value) < 5 or value[0] != 0:
            raise ValueError("not Confluent-framed Avro (magic byte %r)" % value[:1])
        schema_id = struct.unpack(">I", value[1:5])[0]
        reader = self.readers.get(schema_id)
        if reader is None:
            url = "%s/schemas/ids/%d" % (self.registry, schema_id)
            with urllib.request.urlopen(url, timeout=10) as response:
                schema = avro.schema.parse(json.load(response)["schema"])
            reader = self.readers[schema_id] = avro.io.DatumReader(schema)
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def summary(key, article):
    """What a reader of the news topic wants first; the whole event is in `article`."""
    return {
        "id": key,
        "title": article["article"]["title"],
        "outlet": article["article"].get("outlet"),
        "primaryNewsTopic": article["primaryNewsTopic"],
        "matchedNewsTopics": article["matchedNewsTopics"],
        "probabilities": {s["newsTopic"]: s.get("probability") for s in article["newsTopics"]},
        "entities": [e["name"] for e in article["entities"]],
    }


def main():
    p = argparse.ArgumentParser(description="Print newsstream's enriched articles as JSON lines.")
    p.add_argument("--bootstrap", default="localhost:9092", help="Kafka (default: %(default)s)")
    p.add_argument(
        "--registry",
        default="http://localhost:8081/apis/ccompat/v7",
        help="the schema registry's Confluent-compatible API (default: %(default)s)",
    )
    p.add_argument(
        "--topic",
        default="news.articles.enriched",
        help="news.articles.enriched, news.topic.<news topic id> or news.topic.unclassified"
        " (default: %(default)s)",
    )
    p.add_argument("--group", default="python-reader", help="consumer group (default: %(default)s)")
    p.add_argument("--full", action="store_true", help="print the whole event, not a summary")
    p.add_argument(
        "--idle-exit",
        type=float,
        default=0,
        metavar="SECONDS",
        help="stop after this long without a record (default: run until Ctrl-C)",
    )
    args = p.parse_args()

    def on_error(error):
        if error.code() == KafkaError._ALL_BROKERS_DOWN:
            print(
                "read_enriched: cannot reach Kafka at %s, retrying (is the stack up? ./newsstream"
                " local or docker compose up)" % args.bootstrap,
                file=sys.stderr,
            )

    consumer = Consumer(
        {
            "bootstrap.servers": args.bootstrap,
            "group.id": args.group,
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",
            "error_cb": on_error,
        }
    )
    decoder = Decoder(args.registry)
    consumer.subscribe([args.topic])
    last = time.monotonic()
    try:
        while not args.idle_exit or time.monotonic() - last < args.idle_exit:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError.UNKNOWN_TOPIC_OR_PART:
                    raise SystemExit(
                        "read_enriched: Kafka topic '%s' does not exist; the enriched ones are"
                        " news.articles.enriched, news.topic.<news topic id> and"
                        " news.topic.unclassified" % args.topic
                    )
                raise KafkaException(msg.error())
            last = time.monotonic()
            key = msg.key().decode("utf-8") if msg.key() is not None else None
            article = decoder.decode(msg.value())
            line = article if args.full else summary(key, article)
            print(json.dumps(line, default=str, ensure_ascii=False), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # piped into head: stop quietly
        sys.stderr.close()
    except Exception as e:  # one line, what to do
        print(
            "read_enriched: %s (is the stack up? ./newsstream local or docker compose up)" % e,
            file=sys.stderr,
        )
        sys.exit(1)
