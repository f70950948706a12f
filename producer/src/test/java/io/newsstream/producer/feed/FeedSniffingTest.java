package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.producer.feed.SourceItem.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auto} tells feeds from article files by their structure, not by a first {@code <}. */
class FeedSniffingTest {

    private final FeedTypes types = FeedTypes.builtIn();

    private FeedType detected(String text) {
        return types.forDocument(FeedTypes.AUTO, document(text));
    }

    private static FeedDocument document(String text) {
        return new FeedDocument(
                "/tmp/in/item.txt", text.getBytes(StandardCharsets.UTF_8), null, "item.txt");
    }

    @Test
    void anArticleStartingWithACompanyTagIsAnArticleFile() {
        String text =
                "<Acme Corp> sets quarterly dividend\n\n"
                        + "Acme Corp said its board declared a quarterly dividend of ten cents a"
                        + " share, payable next month.\n";

        assertThat(detected(text)).isInstanceOf(ArticleFileFeedType.class);
        List<SourceItem> items = detected(text).read(document(text), FeedContext.NONE);
        assertThat(items).singleElement().isInstanceOf(Parsed.class);
        assertThat(((Parsed) items.get(0)).article().title())
                .isEqualTo("<Acme Corp> sets quarterly dividend");
    }

    @Test
    void aCompanyTagNamedLikeAFeedElementIsNoFeedEither() {
        assertThat(detected("<Feed Mills Inc> raises prices\n\nIt raised them by 3 pct.\n"))
                .isInstanceOf(ArticleFileFeedType.class);
        assertThat(detected("<RSS Holdings> to merge\n\nThe two said they would merge.\n"))
                .isInstanceOf(ArticleFileFeedType.class);
    }

    @Test
    void feedsAreRecognisedByDeclarationOrRootElement() {
        assertThat(detected("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>"))
                .isInstanceOf(RssAtomFeedType.class);
        assertThat(detected("\n  <rss version=\"2.0\"><channel/></rss>"))
                .isInstanceOf(RssAtomFeedType.class);
        assertThat(detected("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>"))
                .isInstanceOf(RssAtomFeedType.class);
        assertThat(
                        detected(
                                "<!-- cached -->\n<rdf:RDF"
                                        + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                                        + "</rdf:RDF>"))
                .isInstanceOf(RssAtomFeedType.class);
    }

    @Test
    void aFeedWhoseDocumentTypeOutrunsTheSniffedHeadIsStillAFeed() {
        // the root element lies past the 4 KiB the sniffer reads: the DOCTYPE names it first
        StringBuilder subset = new StringBuilder("<!DOCTYPE rss [\n");
        for (int i = 0; subset.length() < 6000; i++) {
            subset.append("<!ENTITY e").append(i).append(" \"boom\">\n");
        }
        String feed = subset + "]>\n<rss version=\"2.0\"><channel/></rss>";

        assertThat(detected(feed)).isInstanceOf(RssAtomFeedType.class);
        assertThat(detected("<!DOCTYPE feed>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"))
                .isInstanceOf(RssAtomFeedType.class);
        assertThat(detected("<!DOCTYPE html>\n<html><body>Not a feed</body></html>"))
                .isInstanceOf(ArticleFileFeedType.class);
    }

    @Test
    void textWithAFeedElementFurtherDownIsAnArticleFile() {
        assertThat(detected("Headline here\n\nThe page showed <rss version=\"2.0\"> as text.\n"))
                .isInstanceOf(ArticleFileFeedType.class);
    }
}
