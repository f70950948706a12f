package io.newsstream.consumer.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code entities} of an {@link ArticleRow}'s enrichment JSON: what the store indexes for
 * "entities of a news topic". Missing or empty entities (a processor that does not extract them
 * yet) give an empty list.
 */
final class ArticleEntities {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The column's width; longer names (never seen in practice) are cut. */
    private static final int MAX_NAME = 512;

    private ArticleEntities() {}

    /**
     * @param name canonical name
     * @param type entity type
     * @param mentions mentions in the article
     */
    record Mention(String name, String type, int mentions) {}

    /** The entities of {@code row}, one per (name, type); repeated ones are summed. */
    static List<Mention> of(ArticleRow row) {
        JsonNode entities;
        try {
            entities = JSON.readTree(row.enrichmentJson()).path("entities");
        } catch (JsonProcessingException e) {
            throw new ArticleRows.InvalidArticleException(
                    "article " + row.id() + " has invalid enrichment JSON: " + e.getMessage(), e);
        }
        if (!entities.isArray()) {
            return List.of();
        }
        Map<List<String>, Integer> merged = new LinkedHashMap<>();
        for (JsonNode e : entities) {
            String name = e.path("name").asText("").strip();
            String type = e.path("type").asText("").strip();
            if (name.isEmpty() || type.isEmpty()) {
                continue;
            }
            if (name.length() > MAX_NAME) {
                name = name.substring(0, MAX_NAME);
            }
            merged.merge(List.of(name, type), Math.max(1, e.path("count").asInt(1)), Integer::sum);
        }
        List<Mention> out = new ArrayList<>();
        merged.forEach((k, n) -> out.add(new Mention(k.get(0), k.get(1), n)));
        return out;
    }
}
