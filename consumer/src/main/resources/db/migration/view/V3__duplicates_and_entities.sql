-- Duplicates and entities of the topic-aware view. Plain SQL that runs unchanged on SQLite and
-- PostgreSQL: times are epoch milliseconds (BIGINT, UTC). (V3 leaves V2 free for a parallel branch.)

-- Every other outlet that carried a story: one row per DuplicateLink read from the duplicates
-- Kafka topic, written in the same transaction as the consumer's offset on that topic.
CREATE TABLE duplicates (
    news_topic    VARCHAR(100)  NOT NULL,
    original_id   VARCHAR(512)  NOT NULL,
    duplicate_id  VARCHAR(512)  NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    similarity    DOUBLE PRECISION NOT NULL,
    outlet        TEXT,
    url           TEXT,
    title         TEXT          NOT NULL,
    published_at  BIGINT,
    detected_at   BIGINT        NOT NULL,
    stored_at     BIGINT        NOT NULL,
    CONSTRAINT duplicates_pk PRIMARY KEY (news_topic, original_id, duplicate_id)
);

-- The entities of each article row (from EnrichedArticle.entities), replaced whenever the row is
-- upserted, so that "top entities of a news topic" is a plain GROUP BY on both databases.
CREATE TABLE article_entities (
    news_topic   VARCHAR(100)  NOT NULL,
    article_id   VARCHAR(512)  NOT NULL,
    name         VARCHAR(512)  NOT NULL,
    entity_type  VARCHAR(32)   NOT NULL,
    mentions     INTEGER       NOT NULL,
    CONSTRAINT article_entities_pk PRIMARY KEY (news_topic, article_id, name, entity_type)
);

CREATE INDEX article_entities_by_name ON article_entities (news_topic, name, entity_type);

-- What the portable search scans: title, subtitle and body of each article row, lower-cased by the
-- consumer (so that case-insensitive matching does not depend on the database's LOWER()).
-- Replaced with the row. PostgreSQL may search articles with its own full-text index instead.
CREATE TABLE article_text (
    news_topic  VARCHAR(100)  NOT NULL,
    article_id  VARCHAR(512)  NOT NULL,
    text_lower  TEXT          NOT NULL,
    CONSTRAINT article_text_pk PRIMARY KEY (news_topic, article_id)
);
