package io.newsstream.processor.enrich;

import io.newsstream.schemas.event.RawArticle;
import java.time.Instant;

/** Raw article fixtures for tests. */
public final class RawArticles {

    public static final Instant FETCHED_AT = Instant.parse("2026-01-10T08:00:00Z");

    private RawArticles() {}

    /** A raw article built from a seed with the simple {@link SeedArticles} parser. */
    public static RawArticle fromSeed(String seedFile) {
        ArticleText text = SeedArticles.read(seedFile);
        return of("seed-" + seedFile.replace(".txt", ""), text.title(), text.body());
    }

    public static RawArticle of(String id, String title, String body) {
        return RawArticle.newBuilder()
                .setId(id)
                .setFeedId("file")
                .setSourceType("article-file")
                .setTitle(title)
                .setBody(body)
                .setFetchedAt(FETCHED_AT)
                .build();
    }
}
