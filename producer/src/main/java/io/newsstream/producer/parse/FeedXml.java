package io.newsstream.producer.parse;

import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ArticleParseException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a feed document into XML text a parser accepts. Pure.
 *
 * <p>Encoding: a byte-order mark wins; then the encoding the XML declaration names; then the
 * charset of the HTTP {@code Content-Type}; else UTF-8. A declared encoding this runtime does not
 * know is refused ({@link Reason#UNSUPPORTED_ENCODING}). Bytes that are not valid in the encoding
 * chosen fall back to windows-1252 when the encoding was UTF-8 (Latin-1 bytes with no declaration,
 * or a wrong one), else are decoded leniently.
 *
 * <p>Clean-up: anything before the first {@code <} is dropped, characters XML forbids (C0 controls
 * other than tab, LF, CR) are removed, and junk after the root element's end tag (HTML, text, a
 * second document) is cut off.
 */
public final class FeedXml {

    /** Decoded, cleaned XML and the charset that decoded it. */
    public record Decoded(String xml, String charset) {}

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern ROOT_START = Pattern.compile("<([A-Za-z_][\\w.:-]*)[\\s>/]");

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\s+([A-Za-z_][\\w.:-]*)");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final List<String> PREDEFINED_ENTITIES =
            List.of("&amp;", "&lt;", "&gt;", "&quot;", "&apos;");

    private FeedXml() {}

    /**
     * @param bytes the document
     * @param httpCharset the charset of the HTTP response's {@code Content-Type}, or {@code null}
     */
    public static Decoded decode(byte[] bytes, String httpCharset) throws ArticleParseException {
        if (bytes.length == 0 || new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new ArticleParseException(
                    Reason.EMPTY,
                    "The feed document is empty ("
                            + bytes.length
                            + " bytes, no XML): check the feed URL or file.");
        }
        Decoded raw = decodeBytes(bytes, httpCharset);
        return new Decoded(clean(raw.xml()), raw.charset());
    }

    private static Decoded decodeBytes(byte[] b, String httpCharset) throws ArticleParseException {
        if (b.length >= 3
                && (b[0] & 0xff) == 0xEF
                && (b[1] & 0xff) == 0xBB
                && (b[2] & 0xff) == 0xBF) {
            return lenient(Arrays.copyOfRange(b, 3, b.length), StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return lenient(Arrays.copyOfRange(b, 2, b.length), StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return lenient(Arrays.copyOfRange(b, 2, b.length), StandardCharsets.UTF_16LE);
        }
        String head = new String(b, 0, Math.min(b.length, 400), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        String name = m.find() ? m.group(1).strip() : null;
        if (name == null || name.isEmpty()) {
            name = httpCharset;
        }
        Charset charset = StandardCharsets.UTF_8;
        if (name != null && !name.isBlank()) {
            charset = charset(name);
        }
        String text = strict(b, charset);
        if (text != null) {
            return new Decoded(text, charset.name());
        }
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
            // Latin-1 bytes with no (or a wrong) declaration: the common case on the web.
            text = strict(b, WINDOWS_1252);
            if (text != null) {
                return new Decoded(text, WINDOWS_1252.name());
            }
            return new Decoded(new String(b, StandardCharsets.ISO_8859_1), "ISO-8859-1");
        }
        return lenient(b, charset);
    }

    private static Charset charset(String name) throws ArticleParseException {
        String n = name.strip();
        // Feeds say "latin1" or "utf8" where Java wants ISO-8859-1 / UTF-8.
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("latin1") || lower.equals("latin-1")) {
            return WINDOWS_1252;
        }
        try {
            Charset cs = Charset.forName(n);
            // ISO-8859-1 as declared on the web means windows-1252 (WHATWG encoding standard):
            // curly quotes and dashes in 0x80-0x9F are common in "Latin-1" feeds.
            return cs.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : cs;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ArticleParseException(
                    Reason.UNSUPPORTED_ENCODING,
                    "The feed declares the encoding '"
                            + n
                            + "', which this Java runtime does not support: ask the publisher to"
                            + " serve UTF-8, or convert the file (iconv) and declare its encoding.",
                    e);
        }
    }

    private static String strict(byte[] b, Charset cs) {
        try {
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Decoded lenient(byte[] b, Charset cs) {
        return new Decoded(new String(b, cs), cs.name());
    }

    /** Drops leading junk, forbidden characters and trailing junk after the root element. */
    static String clean(String text) {
        String t = text;
        int lt = t.indexOf('<');
        if (lt > 0) {
            t = t.substring(lt);
        }
        if (hasForbidden(t)) {
            t = FORBIDDEN.matcher(t).replaceAll("");
        }
        String root = rootName(t);
        if (root != null) {
            String end = "</" + root;
            int at = t.lastIndexOf(end);
            if (at >= 0) {
                int close = t.indexOf('>', at);
                if (close > 0) {
                    t = t.substring(0, close + 1);
                }
            }
        }
        return t;
    }

    private static boolean hasForbidden(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Rome's {@code XmlFixerReader} would change what the XML parser reads: a comment
     * opening the document (the fixer drops it), an {@code &} that does not start a predefined
     * entity ({@code &amp; &lt; &gt; &quot; &apos;}) or a character reference (the fixer rewrites
     * HTML entities such as {@code &nbsp;} and escapes a bare {@code &}), or any {@code &} in a
     * CDATA section (the fixer rewrites entities there too). Most feeds need none of it, and the
     * fixer reads one character at a time: a third of the time of parsing a feed.
     */
    public static boolean needsEntityFixing(String xml) {
        if (xml.startsWith("<!")) {
            return true;
        }
        int i = xml.indexOf('&');
        int cdata = xml.indexOf("<![CDATA[");
        while (i >= 0) {
            while (cdata >= 0 && cdata < i) {
                int end = xml.indexOf("]]>", cdata);
                if (end < 0 || end > i) {
                    return true; // an & inside a CDATA section
                }
                cdata = xml.indexOf("<![CDATA[", end);
            }
            if (!startsReference(xml, i)) {
                return true;
            }
            i = xml.indexOf('&', i + 1);
        }
        return false;
    }

    private static boolean startsReference(String xml, int amp) {
        for (String entity : PREDEFINED_ENTITIES) {
            if (xml.startsWith(entity, amp)) {
                return true;
            }
        }
        if (!xml.startsWith("&#", amp)) {
            return false;
        }
        int i = amp + 2;
        boolean hex = i < xml.length() && xml.charAt(i) == 'x';
        if (hex) {
            i++;
        }
        int digits = i;
        while (i < xml.length() && Character.digit(xml.charAt(i), hex ? 16 : 10) >= 0) {
            i++;
        }
        return i > digits && i < xml.length() && xml.charAt(i) == ';';
    }

    /**
     * The root element's name a document type declaration opening the text gives ({@code <!DOCTYPE
     * rss [...]>}), or null. It comes before the internal subset, however long that is, so it names
     * the root where {@link #rootName} would have to read past the whole subset.
     */
    public static String doctypeName(String xml) {
        Matcher m = DOCTYPE.matcher(xml);
        return m.lookingAt() ? m.group(1) : null;
    }

    /** The root element's qualified name: the first start tag after the prolog. */
    public static String rootName(String xml) {
        int i = 0;
        while (i < xml.length()) {
            int lt = xml.indexOf('<', i);
            if (lt < 0 || lt + 1 >= xml.length()) {
                return null;
            }
            char c = xml.charAt(lt + 1);
            if (c == '?') {
                i = skipTo(xml, lt, "?>");
            } else if (xml.startsWith("<!--", lt)) {
                i = skipTo(xml, lt, "-->");
            } else if (c == '!') {
                i = skipTo(xml, lt, ">");
            } else {
                Matcher m = ROOT_START.matcher(xml);
                return m.find(lt) && m.start() == lt ? m.group(1) : null;
            }
            if (i < 0) {
                return null;
            }
        }
        return null;
    }

    private static int skipTo(String s, int from, String end) {
        int at = s.indexOf(end, from + 1);
        return at < 0 ? -1 : at + end.length();
    }
}
