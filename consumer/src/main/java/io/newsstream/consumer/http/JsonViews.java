package io.newsstream.consumer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.newsstream.consumer.http.ApiJson.ArticleJson;
import io.newsstream.consumer.http.ApiJson.DuplicateJson;
import io.newsstream.consumer.http.ApiJson.OutletJson;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.DuplicateRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Renders view rows as the {@link ApiJson} shapes; shared by the REST API and the live events. */
final class JsonViews {

    /** The API's JSON mapper: ISO-8601 times, dates as {@code yyyy-MM-dd}. */
    static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonViews() {}

    static ArticleJson article(ArticleRow r, List<DuplicateRow> duplicates) {
        return new ArticleJson(
                r.id(),
                r.title(),
                r.outlet(),
                r.url(),
                r.publishedAt(),
                r.fetchedAt(),
                r.processedAt(),
                r.wordCount(),
                r.primaryNewsTopic(),
                parse(r.scoresJson()),
                duplicates.size(),
                outletCount(r, duplicates));
    }

    /** Distinct outlets among the article and its duplicates; an unnamed outlet counts once. */
    static int outletCount(ArticleRow r, List<DuplicateRow> duplicates) {
        Set<String> outlets = new HashSet<>();
        outlets.add(outletKey(r.outlet(), r.id()));
        for (DuplicateRow d : duplicates) {
            outlets.add(outletKey(d.outlet(), d.duplicateId()));
        }
        return outlets.size();
    }

    private static String outletKey(String outlet, String articleId) {
        // Without a name, different articles may still be different outlets: count them apart.
        return outlet == null || outlet.isBlank()
                ? "\u0000" + articleId
                : outlet.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static DuplicateJson duplicate(DuplicateRow d) {
        return new DuplicateJson(
                d.duplicateId(),
                d.kind(),
                d.similarity(),
                d.outlet(),
                d.url(),
                d.title(),
                d.publishedAt(),
                d.detectedAt());
    }

    static List<OutletJson> outlets(ArticleRow r, List<DuplicateRow> duplicates) {
        List<OutletJson> out = new ArrayList<>();
        out.add(
                new OutletJson(
                        r.outlet(), r.id(), r.url(), r.title(), r.publishedAt(), "ORIGINAL"));
        for (DuplicateRow d : duplicates) {
            out.add(
                    new OutletJson(
                            d.outlet(),
                            d.duplicateId(),
                            d.url(),
                            d.title(),
                            d.publishedAt(),
                            d.kind()));
        }
        return out;
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The view holds invalid JSON: " + text, e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + value + " as JSON", e);
        }
    }
}
