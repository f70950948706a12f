package io.newsstream.producer.parse;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleIds;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ArticleParseException.Reason;
import io.newsstream.common.article.Datelines;
import io.newsstream.common.article.ParsedArticle;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jdom2.output.XMLOutputter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an RSS (0.9x, 1.0, 2.0) or Atom feed document into articles, with Rome. Pure: no I/O.
 *
 * <p>Every entry with a title or a link becomes an article; an entry with neither is reported as
 * rejected, never dropped. Per entry:
 *
 * <ul>
 *   <li>title: HTML stripped ({@link HtmlText#line}); an entry with only a link is titled by the
 *       first sentence of its text ({@link ArticleFileParser#headlineFrom}), else by the link
 *   <li>url and id: the entry link (a permalink guid when there is no link; Google redirect links
 *       unwrapped), resolved against the feed's link and canonicalised ({@link ArticleIds}); a
 *       comment anchor ({@code #comment-11128}) is kept, so each item of a comments feed is an
 *       article of its own. Two entries of one feed that still share an id are logged as a warning
 *       (the later is published as an edit of the earlier).
 *   <li>dateline: "ISLAMABAD:" opening the text is the dateline and leaves the body, as in article
 *       files
 *   <li>body: the longer of the full content and the summary, HTML turned into paragraphs, without
 *       what the page adds ({@link ArticleFileParser#withoutPageFurniture}); {@link
 *       FeedEntry#summaryOnly()} tells whether it is only a summary (so the page may be fetched)
 *   <li>published: the published date, else the updated date; dates Rome cannot read (other
 *       languages, stray spaces) are read by {@link FeedDates}
 *   <li>outlet: the caller's outlet, else the feed's title (its publisher part: "US news | The
 *       Guardian" gives "The Guardian")
 *   <li>language: the feed's {@code <language>} or {@code xml:lang}, as ISO 639-1
 * </ul>
 *
 * <p>Encodings and clean-up before parsing: {@link FeedXml}. Documents that are not well-formed, or
 * not feeds, fail with {@link Reason#MALFORMED}. DOCTYPEs and external entities are not loaded.
 */
public final class FeedParser {

    private static final Logger log = LoggerFactory.getLogger(FeedParser.class);

    /** Bodies shorter than this, with no full content in the feed, count as summaries. */
    public static final int SUMMARY_CHARS = 1000;

    private static final Set<String> DATE_ELEMENTS =
            Set.of("pubDate", "date", "published", "issued", "created", "updated", "modified");

    /**
     * A parsed feed.
     *
     * @param format {@code rss} or {@code atom}
     * @param title the feed's title, or {@code null}
     * @param link the feed's (site) link, or {@code null}
     * @param language ISO 639-1 language of the feed, or {@code null}
     * @param charset the encoding the document was decoded with
     * @param entries the entries, in document order
     */
    public record ParsedFeed(
            String format,
            String title,
            String link,
            String language,
            String charset,
            List<FeedEntry> entries) {
        public ParsedFeed {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One feed entry: an article, or the reason it is not one.
     *
     * @param key what identifies the entry within the feed (guid or id, else link, else its
     *     position "#n")
     * @param article the article, or {@code null} when rejected
     * @param rejection why it is not an article, or {@code null}
     * @param summaryOnly whether the body is only a summary (no full content in the feed)
     * @param xml the entry's XML as read (for dead letters), or {@code null}
     */
    public record FeedEntry(
            String key, ParsedArticle article, String rejection, boolean summaryOnly, String xml) {}

    /**
     * Parses a feed document.
     *
     * @param bytes the document as fetched or read
     * @param httpCharset the HTTP response's charset, or {@code null}
     * @param outlet the outlet of every entry when the caller knows it, or {@code null}
     * @throws ArticleParseException when the document is empty, in an unsupported encoding, not
     *     well-formed XML or not a feed
     */
    public ParsedFeed parse(byte[] bytes, String httpCharset, String outlet)
            throws ArticleParseException {
        FeedXml.Decoded decoded = FeedXml.decode(bytes, httpCharset);
        Document document = document(decoded.xml());
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.US);
            input.setAllowDoctypes(false);
            feed = input.build(document.clone());
        } catch (FeedException | IllegalArgumentException e) {
            throw new ArticleParseException(
                    Reason.MALFORMED,
                    "The document is XML but not an RSS or Atom feed (root element <"
                            + document.getRootElement().getName()
                            + ">): "
                            + e.getMessage()
                            + ". Check the URL points at the feed, not at a web page.",
                    e);
        }
        String format =
                feed.getFeedType() != null && feed.getFeedType().startsWith("atom")
                        ? "atom"
                        : "rss";
        String feedLink = absolute(feed.getLink(), null);
        String language = language(feed.getLanguage(), document.getRootElement());
        String feedOutlet = outlet != null ? outlet : outletOf(feed.getTitle());
        List<Element> itemElements = itemElements(document.getRootElement());
        List<FeedEntry> entries = new ArrayList<>();
        List<SyndEntry> syndEntries = feed.getEntries();
        Map<String, String> keyById = new HashMap<>();
        for (int i = 0; i < syndEntries.size(); i++) {
            Element raw = i < itemElements.size() ? itemElements.get(i) : null;
            FeedEntry entry =
                    entry(
                            syndEntries.get(i),
                            raw,
                            i,
                            feedLink,
                            feedOutlet,
                            language,
                            decoded.charset());
            if (entry.article() != null) {
                String earlier = keyById.putIfAbsent(entry.article().id(), entry.key());
                if (earlier != null && !earlier.equals(entry.key())) {
                    log.warn(
                            "Feed entries '{}' and '{}' have the same article id {}: the later"
                                    + " is published as an edit of the earlier",
                            earlier,
                            entry.key(),
                            entry.article().id());
                }
            }
            entries.add(entry);
        }
        return new ParsedFeed(
                format,
                HtmlText.line(feed.getTitle()),
                feedLink,
                language,
                decoded.charset(),
                entries);
    }

    private static Document document(String xml) throws ArticleParseException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setExpandEntities(false);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try {
            // The fixer turns HTML entities (&nbsp;, &eacute;) and bare '&' into valid XML.
            Reader reader =
                    FeedXml.needsEntityFixing(xml)
                            ? new XmlFixerReader(new StringReader(xml))
                            : new StringReader(xml);
            return builder.build(reader);
        } catch (JDOMException | IOException | IllegalArgumentException e) {
            // JDOM refuses what the XML parser passed (a namespace URI starting with a digit) with
            // an IllegalArgumentException of its own (IllegalNameException, IllegalDataException)
            throw new ArticleParseException(
                    Reason.MALFORMED,
                    "The feed is not well-formed XML: "
                            + e.getMessage()
                            + ". Ask the publisher to fix the feed, or check it is not an HTML"
                            + " error page.",
                    e);
        }
    }

    private static FeedEntry entry(
            SyndEntry e,
            Element raw,
            int index,
            String feedLink,
            String outlet,
            String language,
            String charset) {
        String link = link(e, feedLink);
        String key = firstNonBlank(e.getUri(), link, "#" + (index + 1));
        String title = HtmlText.line(e.getTitle());
        String summary = e.getDescription() == null ? null : e.getDescription().getValue();
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null
                    && (content == null || c.getValue().length() > content.length())) {
                content = c.getValue();
            }
        }
        // the page's, not the article's: "Related: ...", "Continue reading...", "[…]"
        String summaryText = ArticleFileParser.withoutPageFurniture(HtmlText.paragraphs(summary));
        String contentText = ArticleFileParser.withoutPageFurniture(HtmlText.paragraphs(content));
        String body = contentText.length() >= summaryText.length() ? contentText : summaryText;
        boolean summaryOnly = contentText.isEmpty() && body.length() < SUMMARY_CHARS;
        if ((title == null || title.isEmpty()) && link == null) {
            return new FeedEntry(
                    key,
                    null,
                    "Feed entry "
                            + (index + 1)
                            + " ("
                            + key
                            + ") has neither a title nor a link: nothing identifies an article."
                            + " Ask the publisher to fix the feed.",
                    false,
                    raw == null ? null : new XMLOutputter().outputString(raw));
        }
        if (title == null || title.isEmpty()) {
            title = body.isEmpty() ? link : ArticleFileParser.headlineFrom(body);
        }
        // A dateline opening the text ("ISLAMABAD: ...") is read as in article files.
        String dateline = null;
        String[] paragraphs = body.split("\n\n", 2);
        var found = Datelines.find(paragraphs[0]);
        if (found.isPresent() && !found.get().rest().isEmpty()) {
            dateline = found.get().place();
            body = found.get().rest() + (paragraphs.length > 1 ? "\n\n" + paragraphs[1] : "");
        }
        Instant published = date(e.getPublishedDate());
        if (published == null) {
            published = rawDate(raw);
        }
        if (published == null) {
            published = date(e.getUpdatedDate());
        }
        ParsedArticle article =
                new ParsedArticle(
                        link, outlet, title, null, byline(e), dateline, published, body, List.of(),
                        List.of(), charset, language);
        return new FeedEntry(key, article, null, summaryOnly, null);
    }

    private static String byline(SyndEntry e) {
        String author = HtmlText.line(e.getAuthor());
        if ((author == null || author.isEmpty()) && e.getAuthors() != null) {
            List<String> names = new ArrayList<>();
            for (SyndPerson p : e.getAuthors()) {
                String n = HtmlText.line(p.getName());
                if (n != null && !n.isEmpty()) {
                    names.add(n);
                }
            }
            author = String.join(", ", names);
        }
        return author == null || author.isEmpty() ? null : author;
    }

    private static String link(SyndEntry e, String feedLink) {
        String link = absolute(e.getLink(), feedLink);
        if (link == null && e.getLinks() != null) {
            for (var l : e.getLinks()) {
                link = absolute(l.getHref(), feedLink);
                if (link != null) {
                    break;
                }
            }
        }
        if (link == null && e.getUri() != null && e.getUri().matches("(?i)https?://.*")) {
            link = absolute(e.getUri(), feedLink);
        }
        return link == null ? null : unwrapRedirect(link);
    }

    /** An absolute canonical http(s) URL, resolving a relative one against the base; or null. */
    static String absolute(String url, String base) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        try {
            if (base != null && !u.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                u = URI.create(base).resolve(u).toString();
            }
            return ArticleIds.canonicalUrl(u);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Google (Alerts, News) wraps links as google.com/url?url=...: the article is the target. */
    static String unwrapRedirect(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null
                    && uri.getHost().matches("(?i)(www\\.)?google\\.[a-z.]+")
                    && "/url".equals(uri.getPath())
                    && uri.getRawQuery() != null) {
                for (String p : uri.getRawQuery().split("&")) {
                    if (p.startsWith("url=") || p.startsWith("q=")) {
                        String target =
                                URLDecoder.decode(
                                        p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8);
                        String canonical = absolute(target, null);
                        if (canonical != null) {
                            return canonical;
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // not a URI we can take apart: keep it as it is
        }
        return url;
    }

    private static Instant date(Date d) {
        return d == null ? null : d.toInstant();
    }

    private static Instant rawDate(Element item) {
        if (item == null) {
            return null;
        }
        for (Element child : item.getChildren()) {
            if (DATE_ELEMENTS.contains(child.getName())) {
                var parsed = FeedDates.parse(child.getText());
                if (parsed.isPresent()) {
                    return parsed.get();
                }
            }
        }
        return null;
    }

    /** The item (RSS) or entry (Atom) elements in document order, as Rome reads them. */
    private static List<Element> itemElements(Element root) {
        List<Element> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Element parent, List<Element> out) {
        for (Element child : parent.getChildren()) {
            String n = child.getName();
            if (n.equals("item") || n.equals("entry")) {
                out.add(child);
            } else if (n.equals("channel")) {
                collect(child, out);
            }
        }
    }

    private static String language(String declared, Element root) {
        String lang = declared;
        if (lang == null || lang.isBlank()) {
            lang = root.getAttributeValue("lang", Namespace.XML_NAMESPACE);
        }
        if (lang == null || lang.isBlank()) {
            return null;
        }
        String code = lang.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return code.matches("[a-z]{2}") ? code : null;
    }

    /** The publisher part of a feed title: "US news | The Guardian" gives "The Guardian". */
    static String outletOf(String feedTitle) {
        String t = HtmlText.line(feedTitle);
        if (t == null || t.isEmpty()) {
            return null;
        }
        if (t.contains(" | ")) {
            String[] parts = t.split(" \\| ");
            return parts[parts.length - 1].strip();
        }
        for (String sep : new String[] {" - ", " – ", " — ", " :: "}) {
            int at = t.indexOf(sep);
            if (at > 0) {
                return t.substring(0, at).strip();
            }
        }
        return t;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
