-- Multi-label membership: when a newer version of an article arrives (re-processing after the news
-- topics changed), the consumer looks up and deletes the article's rows and duplicate links in the
-- news topics it no longer belongs to, by article id alone: these indexes keep that a point look-up.
CREATE INDEX articles_by_id ON articles (id);
CREATE INDEX article_entities_by_article ON article_entities (article_id);
CREATE INDEX duplicates_by_original ON duplicates (original_id);
CREATE INDEX duplicates_by_duplicate ON duplicates (duplicate_id);
