package io.newsstream.consumer.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Evidence;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Maps an {@link EnrichedArticle} read from Kafka to the {@link ArticleRow} the view stores. Pure:
 * no I/O. Rejects what the view cannot show with {@link InvalidArticleException}.
 */
public final class ArticleRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArticleRows() {}

    /**
     * @param newsTopic the news topic the article is filed under (from its Kafka topic)
     * @param article the event, or null for a tombstone
     */
    public static ArticleRow from(
            String newsTopic,
            EnrichedArticle article,
            String kafkaTopic,
            int partition,
            long offset) {
        if (article == null) {
            throw new InvalidArticleException(
                    "null value (tombstone): the view never deletes articles, so enriched topics"
                            + " must not carry tombstones");
        }
        RawArticle raw = article.getArticle();
        if (raw == null) {
            throw new InvalidArticleException("enriched article without its raw article");
        }
        String id = article.getId();
        if (id == null || id.isBlank()) {
            throw new InvalidArticleException("enriched article without an id");
        }
        if (raw.getTitle() == null || raw.getFetchedAt() == null) {
            throw new InvalidArticleException("article " + id + " has no title or no fetch time");
        }
        if (article.getProcessedAt() == null) {
            throw new InvalidArticleException("article " + id + " has no processing time");
        }
        return new ArticleRow(
                newsTopic,
                id,
                raw.getTitle(),
                raw.getOutlet(),
                raw.getUrl(),
                raw.getPublishedAt(),
                raw.getFetchedAt(),
                article.getProcessedAt(),
                article.getWordCount(),
                article.getPrimaryNewsTopic(),
                scoresJson(article),
                write(AvroJson.toJson(article)),
                kafkaTopic,
                partition,
                offset,
                memberOf(article));
    }

    /**
     * The news topics (view ids) an enriched article belongs to: every matched one, or {@code
     * unclassified}. Records written before {@code matchedNewsTopics} existed carry an empty list:
     * their primary news topic was their only one.
     */
    static Set<String> memberOf(EnrichedArticle article) {
        Set<String> out = new LinkedHashSet<>();
        if (article.getPrimaryNewsTopic() != null) {
            out.add(article.getPrimaryNewsTopic());
        }
        if (article.getMatchedNewsTopics() != null) {
            out.addAll(article.getMatchedNewsTopics());
        }
        if (out.isEmpty()) {
            out.add(NewsTopicCatalog.UNCLASSIFIED);
        }
        return out;
    }

    /** {@code {"<news topic>": {"score": .., "matched": .., "evidence": [..]}}}, in event order. */
    static String scoresJson(EnrichedArticle article) {
        ObjectNode scores = JSON.createObjectNode();
        if (article.getNewsTopics() != null) {
            for (NewsTopicScore s : article.getNewsTopics()) {
                ObjectNode score = scores.putObject(s.getNewsTopic());
                score.put("score", s.getScore());
                score.put("matched", s.getMatched());
                // null: rules only (no trained model), or a record older than the field
                score.put("probability", s.getProbability());
                score.put("threshold", s.getThreshold());
                ArrayNode evidence = score.putArray("evidence");
                if (s.getEvidence() != null) {
                    for (Evidence e : s.getEvidence()) {
                        evidence.addObject()
                                .put("phrase", e.getPhrase())
                                .put("field", e.getField())
                                .put("position", e.getPosition())
                                .put("count", e.getCount())
                                .put("weight", e.getWeight());
                    }
                }
            }
        }
        return write(scores);
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new InvalidArticleException("cannot render the article as JSON: " + e, e);
        }
    }

    /** The event cannot be shown by the view; the message says why. */
    public static final class InvalidArticleException extends RuntimeException {
        public InvalidArticleException(String message) {
            super(message);
        }

        public InvalidArticleException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
