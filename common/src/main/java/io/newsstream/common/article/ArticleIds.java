package io.newsstream.common.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stable article ids, used as the Kafka key and the {@code RawArticle.id}.
 *
 * <ul>
 *   <li>With a URL: the canonical URL itself (scheme and host lower-cased, default port, fragment
 *       and tracking parameters such as {@code utm_*} removed). A fragment that names a comment
 *       ({@code #comment-11128}, {@code #li-comment-11128}, as WordPress comment feeds link each
 *       comment) is kept: each comment is its own item, not an edit of the post.
 *   <li>Without: {@code sha256:} followed by the lower-case hex SHA-256 of the normalised outlet,
 *       title and body (Unicode NFKC, lower case, runs of white space collapsed to one space),
 *       separated by U+001F.
 * </ul>
 *
 * <p>So re-reading the same file, whatever its line endings, byte-order mark or non-breaking
 * spaces, gives the same id; a different outlet (e.g. an outlet override) gives a different one.
 */
public final class ArticleIds {

    /** Prefix of content-hash ids. */
    public static final String CONTENT_HASH_PREFIX = "sha256:";

    private static final Pattern TRACKING_PARAM =
            Pattern.compile(
                    "(?i)(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|_ga)(=.*)?");

    /** Fragments that identify a reader comment on the page (WordPress and most blog engines). */
    private static final Pattern COMMENT_FRAGMENT =
            Pattern.compile("(?i)(?:li-|div-)?comments?-?\\d+");

    private ArticleIds() {}

    /** The id of a parsed article: its canonical URL when it has one, else its content hash. */
    public static String of(ParsedArticle article) {
        if (article.url() != null) {
            return canonicalUrl(article.url());
        }
        return contentHash(article.outlet(), article.title(), article.body());
    }

    /** {@code sha256:<hex>} of the normalised outlet (may be null), title and body. */
    public static String contentHash(String outlet, String title, String body) {
        String material =
                normalise(outlet) + '\u001f' + normalise(title) + '\u001f' + normalise(body);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(material.getBytes(StandardCharsets.UTF_8));
            return CONTENT_HASH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * The canonical form of an http(s) URL.
     *
     * @throws IllegalArgumentException when it is not an absolute http or https URL
     */
    public static String canonicalUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid URL: '" + url + "'", e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Not an absolute http(s) URL: '"
                            + url
                            + "'; give a URL such as https://host/path");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1
                        || "http".equals(scheme) && port == 80
                        || "https".equals(scheme) && port == 443;
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        if (query != null) {
            query =
                    Stream.of(query.split("&"))
                            .filter(p -> !p.isEmpty() && !TRACKING_PARAM.matcher(p).matches())
                            .collect(Collectors.joining("&"));
        }
        StringBuilder sb = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (query != null && !query.isEmpty()) {
            sb.append('?').append(query);
        }
        String fragment = uri.getRawFragment();
        if (fragment != null && COMMENT_FRAGMENT.matcher(fragment).matches()) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        // The quick check spares the normalisation of text already in NFKC (all ASCII text).
        String n =
                Normalizer.isNormalized(s, Normalizer.Form.NFKC)
                        ? s
                        : Normalizer.normalize(s, Normalizer.Form.NFKC);
        return collapseWhitespace(n.toLowerCase(Locale.ROOT));
    }

    /** Runs of ASCII white space as one space, then stripped (no regex: bodies are long). */
    private static String collapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r') {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        if (space) {
            out.append(' ');
        }
        return out.toString().strip();
    }
}
