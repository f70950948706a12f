package io.newsstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawArticlesTest {

    private static final String ET =
            "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt";

    @Test
    void mapsEveryPartOfTheParsedArticle() throws Exception {
        Path seed = SharedData.seeds().resolve(ET);
        ParsedArticle a =
                new ArticleFileParser()
                        .parse(Files.readAllBytes(seed), ArticleHints.fromSource(ET));
        Instant fetched = Instant.parse("2026-11-21T12:00:00.123456Z");

        RawArticle r = RawArticles.from(a, "seeds", "article-file", fetched);

        assertThat(r.getId()).isEqualTo(a.id()).startsWith("sha256:");
        assertThat(r.getFeedId()).isEqualTo("seeds");
        assertThat(r.getSourceType()).isEqualTo("article-file");
        assertThat(r.getOutlet()).isEqualTo("The Express Tribune");
        assertThat(r.getUrl()).isNull();
        assertThat(r.getTitle()).isEqualTo("How Pakistan helps the US drone campaign");
        assertThat(r.getSubtitle()).isEqualTo(a.subtitle());
        assertThat(r.getDateline()).isEqualTo("ISLAMABAD");
        assertThat(r.getPublishedAt()).isEqualTo(Instant.parse("2012-01-22T00:00:00Z"));
        assertThat(r.getFetchedAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00.123Z"));
        assertThat(r.getBody()).isEqualTo(a.body());
        assertThat(r.getCaptions()).isEmpty();
        assertThat(r.getComments()).hasSize(10);
        assertThat(r.getComments().get(1).getAuthor()).isEqualTo("Loyal to Pakistan");
        assertThat(r.getComments().get(1).getPostedAt()).isEqualTo("Jan 22, 2012 - 4:10PM");
        assertThat(r.getComments().get(0).getAuthor()).isNull();
        assertThat(r.getLanguage()).isNull();
    }

    @Test
    void publicationTimesFarInThePastOrFutureAreDroppedAndTheArticleKept() {
        Instant fetched = Instant.parse("2026-11-21T12:00:00Z");

        assertThat(RawArticles.plausiblePublishedAt(Instant.parse("1800-01-01T00:00:00Z"), fetched))
                .isNull();
        assertThat(RawArticles.plausiblePublishedAt(Instant.EPOCH, fetched)).isNull();
        assertThat(RawArticles.plausiblePublishedAt(Instant.parse("2999-01-01T00:00:00Z"), fetched))
                .isNull();
        assertThat(RawArticles.plausiblePublishedAt(Instant.parse("2026-11-22T12:00:01Z"), fetched))
                .isNull();
        assertThat(RawArticles.plausiblePublishedAt(Instant.parse("2026-11-22T11:00:00Z"), fetched))
                .isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(RawArticles.plausiblePublishedAt(Instant.parse("1987-02-26T15:01:01Z"), fetched))
                .isEqualTo(Instant.parse("1987-02-26T15:01:01Z"));
        assertThat(RawArticles.plausiblePublishedAt(null, fetched)).isNull();
    }
}
