package io.newsstream.producer.feed;

import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.producer.parse.FeedParser;
import io.newsstream.producer.parse.FeedParser.FeedEntry;
import io.newsstream.producer.parse.FeedParser.ParsedFeed;
import io.newsstream.producer.parse.FeedXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RSS (0.9x, 1.0, 2.0) and Atom feeds as a feed type named {@value #NAME}, read by {@link
 * FeedParser} (Rome). Articles carry the source type {@code rss} or {@code atom}, whichever the
 * document is.
 *
 * <p>Each entry's origin is the document's origin plus {@code #} and the entry's key (guid, id or
 * link). A document that cannot be read as a feed is one rejection holding its bytes; an entry with
 * neither title nor link is a rejection holding the entry's XML. When the context has a page
 * fetcher, an entry that carries only a summary gets the main text of its linked page as its body
 * (the summary stays when the page cannot be fetched or says less).
 */
public final class RssAtomFeedType implements FeedType {

    /** The type's name. */
    public static final String NAME = "rss";

    private static final Logger log = LoggerFactory.getLogger(RssAtomFeedType.class);

    private final FeedParser parser = new FeedParser();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * By structure, not by a first {@code <}: the document (after a byte-order mark and white
     * space) opens with an XML declaration, or its first element, after comments and a doctype, is
     * {@code rss}, {@code feed} (any prefix) or {@code rdf:RDF}. An article text that starts with a
     * Reuters company tag ({@code <Acme Corp> said ...}) is none of these and stays an article
     * file.
     */
    @Override
    public boolean recognises(FeedDocument document) {
        byte[] b = document.bytes();
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3);
        }
        head = head.stripLeading();
        if (head.startsWith("<?xml")) {
            return true;
        }
        if (!head.startsWith("<")) {
            return false;
        }
        String root = FeedXml.rootName(head);
        if (root == null) {
            root = FeedXml.doctypeName(head);
        }
        if (root == null) {
            return false;
        }
        String local = root.substring(root.indexOf(':') + 1);
        return root.equals("rss") || local.equals("feed") || root.equals("rdf:RDF");
    }

    @Override
    public List<SourceItem> read(FeedDocument document, FeedContext context) {
        ParsedFeed feed;
        try {
            feed = parser.parse(document.bytes(), document.charset(), context.outlet());
        } catch (ArticleParseException e) {
            return List.of(
                    new SourceItem.Rejected(
                            document.origin(),
                            e.reason() + ": " + e.getMessage(),
                            e.getCause() != null
                                    ? e.getCause().getClass().getName()
                                    : e.getClass().getName(),
                            document.bytes()));
        }
        List<SourceItem> items = new ArrayList<>(feed.entries().size());
        for (FeedEntry entry : feed.entries()) {
            String origin = document.origin() + "#" + entry.key();
            if (entry.article() == null) {
                items.add(
                        new SourceItem.Rejected(
                                origin,
                                "NO_TITLE: " + entry.rejection(),
                                null,
                                entry.xml() == null
                                        ? null
                                        : entry.xml().getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            ParsedArticle article = entry.article();
            if (entry.summaryOnly() && article.url() != null && context.pages() != null) {
                article = withPageText(article, context.pages());
            }
            items.add(new SourceItem.Parsed(origin, article, feed.format()));
        }
        return items;
    }

    /** Pages repeat the headline above the text: the body does not. */
    static String withoutHeadline(String text, String title) {
        String[] parts = text.split("\n\n", 2);
        if (parts.length == 2 && parts[0].strip().equalsIgnoreCase(title.strip())) {
            return parts[1];
        }
        return text;
    }

    private static ParsedArticle withPageText(ParsedArticle article, LinkedPages pages) {
        Optional<String> text =
                pages.mainText(article.url()).map(t -> withoutHeadline(t, article.title()));
        if (text.isPresent() && text.get().length() > article.body().length()) {
            return article.withBody(text.get());
        }
        if (text.isEmpty()) {
            log.debug("Keeping the summary of {}: its page gave no text", article.url());
        }
        return article;
    }
}
