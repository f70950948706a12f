package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VOA seed: furniture at the top, a "FILE - " caption, a cited (not publishing) CNN. */
class VoaSeedTest {

    private static ParsedArticle article;

    @BeforeAll
    static void parse() throws ArticleParseException {
        article = Seeds.parse(Seeds.VOA);
    }

    @Test
    void skipsTheFurnitureAboveTheHeadline() {
        assertThat(article.title())
                .isEqualTo("Pakistan, US Discussing Counterterror Use of Airspace");
        assertThat(article.body()).doesNotContain("Accessibility links", "Breaking News");
    }

    @Test
    void setsTheFileCaptionApart() {
        assertThat(article.captions()).hasSize(1);
        assertThat(article.captions().get(0))
                .startsWith("FILE - A Pakistani F-16 fighter jet flies past")
                .endsWith("counterterror strikes against targets in Afghanistan.");
        assertThat(article.body()).doesNotContain("FILE -", "F-16");
        assertThat(article.subtitle()).isNull();
    }

    @Test
    void keepsTheTwelveBodyParagraphsWithTheOriginalTypos() {
        assertThat(article.paragraphs()).hasSize(12);
        assertThat(article.paragraphs().get(0))
                .startsWith("Pakistan stopped short Saturday of refuting media claims");
        assertThat(article.body())
                .contains("Pakistan’s archival India", "claimed responsibly")
                .endsWith("mostly members of the Afghan minority Shiite community.");
    }

    @Test
    void takesVoaFromTheFileNameAndNeverTheCitedCnn() throws ArticleParseException {
        assertThat(article.outlet()).isEqualTo("VOA");
        ParsedArticle noHints =
                new ArticleFileParser().parse(Seeds.bytes(Seeds.VOA), ArticleHints.NONE);
        assertThat(noHints.outlet()).isNull();
    }

    @Test
    void theCallersOutletWins() throws ArticleParseException {
        ParsedArticle given =
                new ArticleFileParser()
                        .parse(
                                Seeds.bytes(Seeds.VOA),
                                ArticleHints.fromSource(Seeds.VOA).withOutlet("Voice of America"));
        assertThat(given.outlet()).isEqualTo("Voice of America");
        assertThat(given.id()).isNotEqualTo(article.id());
    }

    @Test
    void isDatedByItsFileNameAndHasNoDatelineAndNoComments() {
        // The text states no date; the file name's year and month date it (first of the month).
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2021-10-01T00:00:00Z"));
        assertThat(article.dateline()).isNull();
        assertThat(article.comments()).isEmpty();
    }
}
