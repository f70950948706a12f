package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Express Tribune seed: subtitle twice, dateline, print footer, furniture, ten comments. */
class ExpressTribuneSeedTest {

    private static ParsedArticle article;

    @BeforeAll
    static void parse() throws ArticleParseException {
        article = Seeds.parse(Seeds.EXPRESS_TRIBUNE);
    }

    @Test
    void readsTheHeadlineAndKeepsTheRepeatedSubtitleOnce() {
        assertThat(article.title()).isEqualTo("How Pakistan helps the US drone campaign");
        assertThat(article.subtitle())
                .isEqualTo("Cooperation may be more extensive than previously believed.");
        assertThat(article.body()).doesNotContain("previously believed");
    }

    @Test
    void takesThePublishedLineAsTheDateAndNotThePrintFooter() {
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2012-01-22T00:00:00Z"));
    }

    @Test
    void stripsTheDatelineFromTheStartOfTheBody() {
        assertThat(article.dateline()).isEqualTo("ISLAMABAD");
        assertThat(article.body())
                .startsWith(
                        "The death of a senior al Qaeda leader in a US drone strike in tribal"
                                + " badlands,");
        assertThat(article.body()).doesNotContain("ISLAMABAD");
    }

    @Test
    void namesTheOutletFromThePrintFooterEvenWithoutHints() throws ArticleParseException {
        assertThat(article.outlet()).isEqualTo("The Express Tribune");
        ParsedArticle noHints =
                new ArticleFileParser()
                        .parse(Seeds.bytes(Seeds.EXPRESS_TRIBUNE), ArticleHints.NONE);
        assertThat(noHints.outlet()).isEqualTo("The Express Tribune");
    }

    @Test
    void bodyHasTheTwentyArticleParagraphsAndNothingElse() {
        List<String> paragraphs = article.paragraphs();
        assertThat(paragraphs).hasSize(20);
        assertThat(paragraphs.get(8)).isEqualTo("The ‘real’ partnership");
        assertThat(paragraphs.get(19))
                .isEqualTo(
                        "US officials have complained that when information on drone strikes was"
                                + " shared with the Pakistanis beforehand, the targets were often"
                                + " tipped off, allowing them to escape.");
        assertThat(article.body())
                .doesNotContain(
                        "Published",
                        "Express Tribune",
                        "Facebook Conversations",
                        "Reader Comments",
                        "More in Pakistan",
                        "Recommend",
                        "Pak Army",
                        "Bitter Reality",
                        "\u00A0",
                        "\n\n\n");
        assertThat(article.captions()).isEmpty();
    }

    @Test
    void keepsTheTenReaderCommentsApartWithAuthorTimeAndText() {
        List<ArticleComment> comments = article.comments();
        assertThat(comments).hasSize(10);
        assertThat(comments)
                .extracting(ArticleComment::author)
                .containsExactly(
                        null,
                        "Loyal to Pakistan",
                        "Mario",
                        "Bitter Reality",
                        "Ashraf P",
                        null,
                        "nnk",
                        "hamza khan",
                        "MarkH",
                        "Mirza");
        assertThat(comments)
                .extracting(ArticleComment::postedAt)
                .containsExactly(
                        "Jan 22, 2012 - 3:34PM",
                        "Jan 22, 2012 - 4:10PM",
                        "Jan 22, 2012 - 4:19PM",
                        "Jan 22, 2012 - 5:08PM",
                        "Jan 22, 2012 - 5:30PM",
                        "Jan 22, 2012 - 5:41PM",
                        "Jan 22, 2012 - 7:17PM",
                        "Jan 22, 2012 - 11:22PM",
                        "Jan 23, 2012 - 6:08AM",
                        "Jan 23, 2012 - 9:34AM");
        assertThat(comments).allSatisfy(c -> assertThat(c.text()).doesNotContain("Recommend"));
        assertThat(comments).allSatisfy(c -> assertThat(c.text()).doesNotContain("More in"));
    }

    @Test
    void commentTextKeepsItsParagraphsAndLinesButLosesTheRecommendButton() {
        List<ArticleComment> comments = article.comments();
        assertThat(comments.get(0).text())
                .startsWith("Its a lie against Pak Army.")
                .contains("helps the rebels against it.\n\nBut wait a sec..")
                .endsWith("the only rehnuma of our watan.");
        assertThat(comments.get(3).text().split("\n")).hasSize(4);
        assertThat(comments.get(3).text())
                .endsWith("because of the killing of 471innocent civilians till 2009.");
        assertThat(comments.get(6).text())
                .endsWith("inside our borders by the US without our consent.");
        assertThat(comments.get(8).text()).startsWith("@Bitter Reality:\nIf they gave that figure");
        assertThat(comments.get(9).text())
                .isEqualTo(
                        "Two faced establishment. They have one statement to fool Pakistani people"
                                + " and the actual cooperation with the US for money and arms.");
    }

    @Test
    void hasAContentHashIdThatIsTheSameOnEveryRead() throws ArticleParseException {
        assertThat(article.url()).isNull();
        assertThat(article.id()).matches("sha256:[0-9a-f]{64}");
        assertThat(Seeds.parse(Seeds.EXPRESS_TRIBUNE).id()).isEqualTo(article.id());
    }
}
