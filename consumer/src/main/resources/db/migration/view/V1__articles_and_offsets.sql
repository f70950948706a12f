-- The topic-aware view. Plain SQL that runs unchanged on SQLite and PostgreSQL:
-- times are epoch milliseconds (BIGINT, UTC), JSON is TEXT (PostgreSQL may switch to jsonb later).

-- One row per (news topic, article): an article matched by two news topics appears under both.
CREATE TABLE articles (
    news_topic          VARCHAR(100)  NOT NULL,
    id                  VARCHAR(512)  NOT NULL,
    title               TEXT          NOT NULL,
    outlet              TEXT,
    url                 TEXT,
    published_at        BIGINT,
    fetched_at          BIGINT        NOT NULL,
    processed_at        BIGINT        NOT NULL,
    -- published_at when known, else fetched_at: what "newest first" sorts by.
    sort_at             BIGINT        NOT NULL,
    word_count          INTEGER       NOT NULL,
    primary_news_topic  VARCHAR(100),
    -- {"<news topic id>": {"score": 7.5, "matched": true, "evidence": [...]}, ...}
    scores_json         TEXT          NOT NULL,
    -- The whole EnrichedArticle as plain JSON (entities, attributions, body, ...).
    enrichment_json     TEXT          NOT NULL,
    -- Where the current version of the row was read from (diagnosis only).
    source_kafka_topic  VARCHAR(249)  NOT NULL,
    source_partition    INTEGER       NOT NULL,
    source_offset       BIGINT        NOT NULL,
    stored_at           BIGINT        NOT NULL,
    CONSTRAINT articles_pk PRIMARY KEY (news_topic, id)
);

CREATE INDEX articles_newest_first ON articles (news_topic, sort_at DESC, id);

-- The consumer's position, written in the same transaction as the rows it covers: the source of
-- truth for where to resume (Kafka's committed offsets are only for lag monitoring).
CREATE TABLE consumer_offsets (
    kafka_topic      VARCHAR(249)  NOT NULL,
    kafka_partition  INTEGER       NOT NULL,
    next_offset      BIGINT        NOT NULL,
    CONSTRAINT consumer_offsets_pk PRIMARY KEY (kafka_topic, kafka_partition)
);
