package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AFP seed: a photo caption as first paragraph, one long body paragraph, no date. */
class AfpSeedTest {

    private static ParsedArticle article;

    @BeforeAll
    static void parse() throws ArticleParseException {
        article = Seeds.parse(Seeds.AFP);
    }

    @Test
    void readsTheHeadlineAndNoSubtitle() {
        assertThat(article.title()).isEqualTo("Pakistan intel chief to discuss drones in US");
        assertThat(article.subtitle()).isNull();
    }

    @Test
    void setsTheFirstParagraphApartAsAPhotoCaption() {
        assertThat(article.captions())
                .containsExactly(
                        "A US Predator drone sets off from its hangar at Bagram air base in"
                                + " Afghanistan. Pakistan's spymaster will next week visit the"
                                + " United States to resume talks on intelligence cooperation and"
                                + " drone strikes, the thorniest aspect of Pakistani-US relations");
        assertThat(article.body()).doesNotContain("Predator");
    }

    @Test
    void keepsTheOneLongBodyParagraphWhole() {
        assertThat(article.paragraphs()).hasSize(1);
        assertThat(article.body())
                .startsWith("Pakistan's spymaster will next week visit the United States")
                .contains("a senior Pakistani security official told AFP.")
                .endsWith("but the resumption of NATO traffic has been thin.");
    }

    @Test
    void isDatedByItsFileNameAndHasNoDatelineAndNoComments() {
        // The text states no date; the file name's year and month date it (first of the month).
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2012-07-01T00:00:00Z"));
        assertThat(article.dateline()).isNull();
        assertThat(article.byline()).isNull();
        assertThat(article.comments()).isEmpty();
    }

    @Test
    void creditsAfpFromTheTextAlone() throws ArticleParseException {
        assertThat(article.outlet()).isEqualTo("AFP");
        ParsedArticle noHints =
                new ArticleFileParser().parse(Seeds.bytes(Seeds.AFP), ArticleHints.NONE);
        assertThat(noHints.outlet()).isEqualTo("AFP");
    }
}
