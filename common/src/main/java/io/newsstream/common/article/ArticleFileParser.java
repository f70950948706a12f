package io.newsstream.common.article;

import io.newsstream.common.article.ArticleParseException.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an article text file (text copied out of a web page, like the seed articles) into a {@link
 * ParsedArticle}. Pure: no I/O beyond the bytes it is given, no Kafka types; thread-safe.
 *
 * <p>What it does, in order:
 *
 * <ol>
 *   <li>Decodes the bytes (UTF-8, else windows-1252; byte-order marks honoured; binary refused) and
 *       HTML character references ({@code &#8217;}, {@code &quot;}), unifies line endings and white
 *       space (non-breaking spaces become spaces).
 *   <li>Splits off the reader-comment section at its heading ("Reader Comments (10)") and reads the
 *       comments apart ({@link CommentSection}).
 *   <li>Drops page furniture lines ({@link PageFurniture}); a print-edition footer or copyright
 *       line names the outlet but is not the publication date. Below the headline, drops the links
 *       to other stories ("Read more: ...", "Opinion: ...", "Watch ... »") and a page's list of
 *       topics or tags ("Related Topics" over "Pakistan", "Drone strikes").
 *   <li>Takes metadata lines out of the head of the page: the publication date ("Published: January
 *       22, 2012"), a byline ("By ..."), a URL line. Without a date line, a date in the file name
 *       ({@code voa-2021-10-...}, {@code ...-2012-01-22-...}) is the publication date.
 *   <li>Reads the head: the first paragraph is the headline (a one-line first paragraph with
 *       metadata lines under it is the headline even with a full stop or "!" in it; a site's name
 *       after it, as a page's title has, goes: "... - World - DAWN.COM"); under it, a repeated
 *       paragraph (kept once) or a short line before a dateline is the subtitle, and captions are
 *       set apart.
 *   <li>Strips the dateline ("ISLAMABAD:") from the start of the body; the rest, paragraph by
 *       paragraph, is the body.
 *   <li>Works out the outlet ({@link Outlets}): the caller's hint wins.
 * </ol>
 *
 * <p>Inputs that are not an article raise {@link ArticleParseException} with a reason and a message
 * that says what to do.
 */
public final class ArticleFileParser {

    private static final Logger log = LoggerFactory.getLogger(ArticleFileParser.class);

    /** A headline has at most this many words. */
    public static final int MAX_TITLE_WORDS = 30;

    /** A subtitle has at most this many words. */
    public static final int MAX_SUBTITLE_WORDS = 60;

    /** The longest headline made from an article's first sentence when its text has none. */
    static final int MADE_HEADLINE_WORDS = 20;

    /** Metadata lines (date, byline) are looked for in this many paragraphs at the top. */
    private static final int HEAD_PARAGRAPHS = 8;

    private static final Pattern URL_LINE =
            Pattern.compile(
                    "(?i)^(?:(?:url|source|link|canonical(?:\\s+url)?|original(?:\\s+article)?)\\s*:\\s*)?"
                            + "(?<url>https?://\\S+)$");

    /** A date in a file name: year and month, optionally the day, between non-digits. */
    private static final Pattern FILE_NAME_DATE =
            Pattern.compile(
                    "(?<![0-9])(?<year>(?:19|20)[0-9]{2})-(?<month>[0-9]{2})(?:-(?<day>[0-9]{2}))?(?![0-9])");

    private static final Pattern BYLINE = Pattern.compile("^By\\s+(?<name>[^.!?;:]+)$");

    /**
     * A sentence end followed by the start of another sentence; an initial or a title ("Mr.") is no
     * sentence end. The punctuation comes first and the look-behind after it, so the expensive
     * look-behind runs at punctuation only, not at every character.
     */
    private static final Pattern SENTENCE_BREAK =
            Pattern.compile(
                    "[.!?](?<!\\b(?:\\p{Lu}|Mr|Mrs|Ms|Dr|St|Gen|Gens|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|Adm|Brig|Cmdr|Cdr|Insp|Supt|Pres|Sec|Jr|Sr|No|vs|Amb|Sen|Rep|Gov|Prof|Rev|Mt|Ft)[.!?])[\"”’]?\\s+[\"“‘]?\\p{Lu}");

    /** A line ending a sentence: its punctuation, then perhaps a closing quote or bracket. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"”’')\\]]*\\s*$");

    /** Parses the bytes of an article file. */
    public ParsedArticle parse(byte[] content, ArticleHints hints) throws ArticleParseException {
        TextDecoder.Decoded decoded = TextDecoder.decode(content);
        return parse(decoded.text(), decoded.charset(), hints);
    }

    /** Parses article text already decoded. */
    public ParsedArticle parse(String text, ArticleHints hints) throws ArticleParseException {
        return parse(text, null, hints);
    }

    private ParsedArticle parse(String text, String charset, ArticleHints hints)
            throws ArticleParseException {
        List<String> lines = normalisedLines(withoutCharacterReferences(text));
        if (lines.stream().allMatch(String::isEmpty)) {
            throw new ArticleParseException(
                    Reason.EMPTY,
                    "The file contains only white space: there is no article to read.");
        }

        // 1. The comment section, from its heading on.
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (CommentSection.isMarker(lines.get(i))) {
                marker = i;
                break;
            }
        }
        List<String> articleLines = marker < 0 ? lines : lines.subList(0, marker);
        List<ArticleComment> comments = List.of();
        if (marker >= 0) {
            comments = CommentSection.parse(lines.subList(marker + 1, lines.size()));
            OptionalInt declared = CommentSection.declaredCount(lines.get(marker));
            if (declared.isPresent() && declared.getAsInt() != comments.size()) {
                log.warn(
                        "{}: the page announces {} comments but {} were read",
                        source(hints),
                        declared.getAsInt(),
                        comments.size());
            }
        }

        // 2. Furniture out (remembering outlets it names), then paragraphs.
        String namedOutlet = null;
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        // a link to another story is dropped below the headline: after the first line that is not
        // metadata (a date or byline line above an "Opinion: ..." headline leaves it the headline)
        boolean belowHeadline = false;
        // a page's list of topics or tags ("Related Topics", then "Pakistan", "Drone strikes"): the
        // site's index words, not the article's
        boolean inTopicList = false;
        for (String line : articleLines) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            if (belowHeadline && PageFurniture.isTopicListHeading(line)) {
                inTopicList = true;
                continue;
            }
            if (inTopicList && PageFurniture.isTopicListEntry(line)) {
                continue;
            }
            inTopicList = false;
            if (PageFurniture.isFurniture(line)) {
                Optional<String> named = PageFurniture.namedOutlet(line);
                if (named.isPresent() && namedOutlet == null) {
                    namedOutlet = named.get();
                }
                continue;
            }
            if (belowHeadline && PageFurniture.isStoryLink(line)) {
                continue;
            }
            if (!belowHeadline) {
                belowHeadline = !isMetadata(line);
            }
            current.add(PageFurniture.withoutTrailingLink(line));
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        for (int b = blocks.size() - 1; b >= 1; b--) {
            if (blocks.get(b).size() == 1 && PageFurniture.isBareLink(blocks.get(b).get(0))) {
                blocks.remove(b);
            } else if (isLinePerParagraph(blocks.get(b))) {
                List<List<String>> split = blocks.get(b).stream().map(List::of).toList();
                blocks.remove(b);
                blocks.addAll(b, split);
            }
        }

        // 3. Metadata lines: publication date and byline at the top, a URL line anywhere.
        Instant publishedAt = null;
        String byline = null;
        String url = null;
        // A one-line first paragraph with a paragraph of metadata lines under it is the headline
        // whatever its punctuation: that is how the article files of a crawl are written.
        boolean headlineAboveMetadata = false;
        for (int b = 0; b < blocks.size(); b++) {
            List<String> kept = new ArrayList<>();
            for (String line : blocks.get(b)) {
                Matcher u = URL_LINE.matcher(line);
                if (u.matches()) {
                    if (url == null) {
                        url = u.group("url");
                    }
                    continue;
                }
                if (b < HEAD_PARAGRAPHS) {
                    Optional<PublicationDates.DateLine> date = PublicationDates.dateLine(line);
                    if (date.isPresent()) {
                        if (date.get().publication() && publishedAt == null) {
                            publishedAt = date.get().instant().orElse(null);
                        }
                        continue;
                    }
                    Optional<String> by = byline(line);
                    if (by.isPresent()) {
                        if (byline == null) {
                            byline = by.get();
                        }
                        continue;
                    }
                }
                kept.add(line);
            }
            if (b == 1 && kept.isEmpty() && blocks.get(0).size() == 1) {
                headlineAboveMetadata = true;
            }
            blocks.set(b, kept);
        }
        headlineAboveMetadata &= !blocks.isEmpty() && !blocks.get(0).isEmpty();
        blocks.removeIf(List::isEmpty);
        if (publishedAt == null) {
            publishedAt = dateInFileName(hints.sourceName()).orElse(null);
        }
        if (blocks.isEmpty()) {
            throw new ArticleParseException(
                    Reason.NO_TITLE,
                    "No article text in "
                            + source(hints)
                            + ": after removing page furniture and metadata nothing is left."
                            + " An article file starts with its headline, then a blank line, then"
                            + " the text.");
        }

        // 4. Headline: the first line; a first paragraph that reads like body text is the
        // article's opening, and the headline is made from its first sentence (step 6).
        List<String> first = blocks.get(0);
        String titleProblem = titleProblem(first.get(0), headlineAboveMetadata);
        String title = titleProblem == null ? first.get(0) : null;
        if (title != null && first.size() > 1) {
            blocks.set(0, List.of(title));
            blocks.add(1, first.subList(1, first.size()));
        }
        // a page's title saved as the headline: "Headline - Section - SITE.COM"
        String siteOutlet = null;
        Optional<PageFurniture.SiteTitle> site =
                title == null ? Optional.empty() : PageFurniture.withoutSiteName(title);
        if (site.isPresent()) {
            title = site.get().headline();
            siteOutlet = site.get().outlet();
        }

        // 5. Under the headline: subtitle and captions.
        List<String> paragraphs = new ArrayList<>();
        for (int b = title == null ? 0 : 1; b < blocks.size(); b++) {
            paragraphs.add(String.join(" ", blocks.get(b)));
        }
        String subtitle = null;
        List<String> captions = new ArrayList<>();
        List<String> titleWords = title == null ? null : Captions.words(title);
        int i = 0;
        while (i < paragraphs.size()) {
            String p = paragraphs.get(i);
            String next = i + 1 < paragraphs.size() ? paragraphs.get(i + 1) : null;
            List<String> words = Captions.words(p);
            if (Captions.hasMarker(p)) {
                captions.add(p);
                i++;
            } else if (words.equals(titleWords)) {
                // Pages copied with their headline printed again above the text: once is enough.
                i++;
            } else if (next != null && words.equals(Captions.words(next))) {
                // Pages that print the standfirst twice (the Express Tribune seed): keep one.
                if (subtitle == null && wordCount(p) <= MAX_SUBTITLE_WORDS) {
                    subtitle = p;
                    i += 2;
                } else {
                    paragraphs.remove(i + 1);
                    break;
                }
            } else if (next != null && Captions.repeatsLede(p, next)) {
                captions.add(p);
                i++;
            } else if (subtitle == null
                    && title != null
                    && next != null
                    && wordCount(p) <= MAX_SUBTITLE_WORDS
                    && !SENTENCE_BREAK.matcher(p).find()
                    && Datelines.startsWithDateline(next)
                    && Datelines.find(p).isEmpty()) {
                subtitle = p;
                i++;
            } else {
                break;
            }
        }

        // 6. Body: dateline off the first paragraph; captions anywhere else set apart.
        List<String> body = new ArrayList<>();
        String dateline = null;
        String datelineAgency = null;
        for (String p : paragraphs.subList(i, paragraphs.size())) {
            if (Captions.hasMarker(p)) {
                captions.add(p);
                continue;
            }
            if (body.isEmpty() && dateline == null) {
                Optional<Datelines.Dateline> d = Datelines.find(p);
                if (d.isPresent()) {
                    dateline = d.get().place();
                    datelineAgency = d.get().agency();
                    p = d.get().rest();
                    if (p.isEmpty()) {
                        continue; // a dateline on a line of its own
                    }
                }
            }
            body.add(p);
        }
        if (body.isEmpty() && title == null) {
            throw new ArticleParseException(
                    Reason.NO_TITLE,
                    "No article text in "
                            + source(hints)
                            + ": it holds only photo captions. An article file starts with its"
                            + " headline, then a blank line, then the text.");
        }
        if (body.isEmpty()) {
            throw new ArticleParseException(
                    Reason.NO_BODY,
                    "The article '"
                            + excerpt(title, 80)
                            + "' in "
                            + source(hints)
                            + " has a headline but no text under it. Put the article text after the"
                            + " headline, paragraphs separated by blank lines.");
        }

        if (title == null) {
            title = headlineFrom(body.get(0));
            log.info(
                    "{}: no headline (the first paragraph {}); the headline is its first sentence:"
                            + " '{}'",
                    source(hints),
                    titleProblem,
                    title);
        }

        // 7. Outlet.
        String outlet = hints.outlet();
        if (outlet == null) {
            outlet = namedOutlet;
        }
        if (outlet == null) {
            outlet = siteOutlet;
        }
        if (outlet == null && datelineAgency != null) {
            outlet = Outlets.displayName(datelineAgency);
        }
        if (outlet == null) {
            outlet = Outlets.fromSourceName(hints.sourceName()).orElse(null);
        }
        if (outlet == null) {
            List<String> texts = new ArrayList<>(body);
            texts.addAll(captions);
            outlet = Outlets.fromCredits(texts).orElse(null);
        }

        String canonical = canonicalUrl(hints.url() != null ? hints.url() : url, hints);
        return new ParsedArticle(
                canonical,
                outlet,
                title,
                subtitle,
                byline,
                dateline,
                publishedAt,
                String.join("\n\n", body),
                captions,
                comments,
                charset,
                null);
    }

    /**
     * The text with HTML character references decoded ("Pakistan&amp;#8217;s", "&amp;quot;",
     * "&amp;amp;"), as text saved from a page's source or a feed keeps them; a reader sees the
     * characters, and the classifier must read the same words.
     */
    static String withoutCharacterReferences(String text) {
        return text.indexOf('&') < 0 ? text : Parser.unescapeEntities(text, false);
    }

    /**
     * Lines with unified line endings and white space, stripped; blank lines become "". Invisible
     * characters (zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen) are
     * dropped; each run of white space (ASCII, no-break and typographic spaces) becomes one space.
     * One pass over the text, no regular expression: it runs over every character of every file.
     */
    static List<String> normalisedLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(256);
        boolean pendingSpace = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(line.toString().strip());
                line.setLength(0);
                pendingSpace = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (isSpace(c)) {
                pendingSpace = true;
            } else if (!isInvisible(c)) {
                if (pendingSpace && line.length() > 0) {
                    line.append(' ');
                }
                pendingSpace = false;
                line.append(c);
            }
        }
        out.add(line.toString().strip());
        return out;
    }

    /** White space that is collapsed: ASCII (but line ends), no-break and typographic spaces. */
    private static boolean isSpace(char c) {
        return c == ' '
                || c == '\t'
                || c == '\013'
                || c == '\f'
                || c == '\u00A0'
                || c >= '\u2000' && c <= '\u200A'
                || c == '\u202F'
                || c == '\u205F'
                || c == '\u3000';
    }

    /** Characters that are dropped: zero-width ones, byte-order mark, soft hyphen. */
    private static boolean isInvisible(char c) {
        return c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }

    /**
     * Whether the lines of a block are paragraphs of their own rather than one paragraph wrapped,
     * as in files written one paragraph per line with no blank line between (the Dawn and APP
     * articles of the dev set; text copied out of many pages). Such a block may hold a headline,
     * subheads and metadata lines too. A wrapped paragraph breaks lines mid-sentence: so at least
     * two thirds of the lines (but the last; metadata lines apart) end a sentence, and a line that
     * does not is short (a headline or subhead, at most {@link #MAX_TITLE_WORDS} words) and
     * followed by a line that starts as a sentence does, not by the rest of a sentence.
     */
    static boolean isLinePerParagraph(List<String> block) {
        if (block.size() < 2) {
            return false;
        }
        int counted = 0;
        int sentenceEnds = 0;
        for (int i = 0; i < block.size() - 1; i++) {
            String line = block.get(i);
            if (isMetadata(line)) {
                continue;
            }
            counted++;
            if (SENTENCE_END.matcher(line).find()) {
                sentenceEnds++;
            } else if (wordCount(line) > MAX_TITLE_WORDS || !startsASentence(block.get(i + 1))) {
                return false;
            }
        }
        return counted > 0 && sentenceEnds * 2 >= counted;
    }

    private static boolean startsASentence(String line) {
        int c = line.codePointAt(0);
        return !Character.isLowerCase(c) && !Character.isWhitespace(c);
    }

    /**
     * A text from elsewhere, a paragraph per block (a feed entry's content or summary, a linked
     * page's main text), without what its page adds, as an article file is read: furniture lines,
     * links to other stories below its first paragraph ("Related: ..."), a summary's trailing cut
     * and link ("[…]", "Continue reading..."), a feed's footer ("The post ... appeared first on
     * ...").
     */
    public static String withoutPageFurniture(String paragraphs) {
        List<String> kept = new ArrayList<>();
        for (String p : paragraphs.split("\n\n")) {
            String line = p.strip();
            if (line.isEmpty()
                    || PageFurniture.isFurniture(line)
                    || !kept.isEmpty() && PageFurniture.isStoryLink(line)) {
                continue;
            }
            String rest = PageFurniture.withoutTrailingLink(line).strip();
            if (!rest.isEmpty()) {
                kept.add(rest);
            }
        }
        return String.join("\n\n", kept);
    }

    /**
     * A headline for an article whose text has none (an article file opening with body text, a feed
     * entry without a title): the first sentence of its first paragraph, cut to {@value
     * #MADE_HEADLINE_WORDS} words with an ellipsis when longer.
     */
    public static String headlineFrom(String body) {
        String paragraph = body.strip().split("\n\n", 2)[0];
        Matcher m = SENTENCE_BREAK.matcher(paragraph);
        String sentence = (m.find() ? paragraph.substring(0, m.start() + 1) : paragraph).strip();
        String[] words = sentence.split("\\s+");
        if (words.length <= MADE_HEADLINE_WORDS) {
            return sentence;
        }
        return String.join(" ", Arrays.copyOf(words, MADE_HEADLINE_WORDS)) + " …";
    }

    /**
     * Null when the line can be a headline, else why not. A line marked as the headline by the
     * metadata under it may hold several sentences ("'Hands Off!' Protests spread"); body text put
     * first, with no metadata under it, may not.
     */
    private static String titleProblem(String line, boolean markedByMetadata) {
        int words = wordCount(line);
        if (words > MAX_TITLE_WORDS) {
            return "has " + words + " words, more than a headline's " + MAX_TITLE_WORDS;
        }
        if (!markedByMetadata && SENTENCE_BREAK.matcher(line).find()) {
            return "has several sentences, like body text";
        }
        return null;
    }

    /**
     * The date a file name gives, when the text states none: {@code ...-2012-07-22-...} is that
     * day, {@code ...-2012-07-...} the first of that month (00:00 UTC). A way to date a saved page
     * whose text carries no date.
     */
    static Optional<Instant> dateInFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String file = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        Matcher m = FILE_NAME_DATE.matcher(file);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int day = m.group("day") == null ? 1 : Integer.parseInt(m.group("day"));
            LocalDate date =
                    LocalDate.of(
                            Integer.parseInt(m.group("year")),
                            Integer.parseInt(m.group("month")),
                            day);
            return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty(); // 2012-13-40 is no date
        }
    }

    /** A publication date, byline or URL line: what step 3 takes out of the head of the page. */
    private static boolean isMetadata(String line) {
        return URL_LINE.matcher(line).matches()
                || PublicationDates.dateLine(line).isPresent()
                || byline(line).isPresent();
    }

    /**
     * The name of a byline line, "By Anwar Iqbal", also when the page puts more after a bar: "By
     * Anwar Iqbal | Published March 6, 2025 10:42pm".
     */
    private static Optional<String> byline(String line) {
        int bar = line.indexOf('|');
        Matcher m = BYLINE.matcher(bar > 0 ? line.substring(0, bar).strip() : line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group("name").strip();
        String[] words = name.split("\\s+");
        if (words.length > 8) {
            return Optional.empty();
        }
        for (String w : words) {
            boolean connector = w.matches("(?i)and|&|,|of|the|in|for|de|van|von|al|bin|ul|staff");
            if (!connector && !Character.isUpperCase(w.codePointAt(0))) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    private static String canonicalUrl(String url, ArticleHints hints) {
        if (url == null) {
            return null;
        }
        try {
            return ArticleIds.canonicalUrl(url);
        } catch (IllegalArgumentException e) {
            log.warn("{}: ignoring URL '{}': {}", source(hints), url, e.getMessage());
            return null;
        }
    }

    private static int wordCount(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String source(ArticleHints hints) {
        return hints.sourceName() == null ? "the input" : hints.sourceName();
    }

    static String excerpt(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
