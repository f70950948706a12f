package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ParsedArticle;
import io.newsstream.producer.feed.SourceItem.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTML page's own metadata names its outlet and language, not credits in its text. */
class HtmlPageMetadataTest {

    private static final String BODY =
            "<article><h1>Budget passes after a long night</h1>"
                    + "<p>The council passed the budget at dawn after a debate of eleven hours, a"
                    + " spokesman told Reuters, and the mayor signed it before noon.</p>"
                    + "<p>Opponents said they would bring the matter to court, and one of them told"
                    + " Reuters the vote had been rushed through without a proper reading.</p>"
                    + "<p>The budget raises spending on roads and schools by a tenth and cuts the"
                    + " money set aside for new offices, the finance office said.</p></article>";

    private static ParsedArticle read(String head, String htmlAttributes, String footer) {
        String html =
                "<!DOCTYPE html><html"
                        + htmlAttributes
                        + "><head><meta charset=\"utf-8\">"
                        + head
                        + "</head><body>"
                        + BODY
                        + footer
                        + "</body></html>";
        FeedDocument document =
                new FeedDocument(
                        "/in/budget.html",
                        html.getBytes(StandardCharsets.UTF_8),
                        null,
                        "budget.html");
        List<SourceItem> items = new ArticleFileFeedType().read(document, FeedContext.NONE);
        assertThat(items).singleElement().isInstanceOf(Parsed.class);
        return ((Parsed) items.get(0)).article();
    }

    @Test
    void theTitleSuffixNamesTheOutletNotTheCreditsInTheText() {
        ParsedArticle a =
                read("<title>Budget passes after a long night | Test Daily</title>", "", "");
        assertThat(a.outlet()).isEqualTo("Test Daily");
        assertThat(a.title()).isEqualTo("Budget passes after a long night");
    }

    @Test
    void ogSiteNameWinsAndTheCopyrightLineIsTheLastResort() {
        assertThat(
                        read(
                                        "<title>Budget passes</title><meta property=\"og:site_name\""
                                                + " content=\"The Test Gazette\">",
                                        "",
                                        "")
                                .outlet())
                .isEqualTo("The Test Gazette");
        assertThat(
                        read(
                                        "<title>Budget passes</title>",
                                        "",
                                        "<footer><p>Copyright 2025 Test Daily. All rights"
                                                + " reserved.</p></footer>")
                                .outlet())
                .isEqualTo("Test Daily");
    }

    @Test
    void htmlLangGivesTheLanguage() {
        assertThat(read("<title>Budget passes</title>", " lang=\"en-GB\"", "").language())
                .isEqualTo("en");
        assertThat(read("<title>Budget passes</title>", "", "").language()).isNull();
    }
}
