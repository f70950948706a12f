package io.newsstream.processor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds who an article's body cites, with patterns over the configured outlets (the {@code outlets}
 * list of {@value GazetteerEntityExtractor#DEFAULT_RESOURCE}):
 *
 * <ul>
 *   <li>{@code <speaker> told <outlet>}: "a security source based in the tribal areas told
 *       Reuters", "the official told AFP"; the source is the speaker, or the outlet when none is
 *       named;
 *   <li>{@code <outlet> reported} / {@code <outlet> said}: "CNN reported";
 *   <li>{@code the/an <role> said}: "an official said", "the spokesman said";
 *   <li>{@code the <adjective> news network/agency/newspaper said}: "the American news network
 *       said" — the source is the outlet last named before it (CNN), else the phrase itself.
 * </ul>
 *
 * The quote is the quoted passage that ends just before the cue ({@code “...,” the official told
 * AFP}), when there is one. Positions are offsets in the body. Sorted by position. Thread-safe.
 */
public final class RuleAttributionExtractor implements AttributionExtractor {

    private static final String ROLE =
            "(?:source|sources|official|officials|spokesman|spokeswoman|spokesperson|diplomat"
                    + "|diplomats|commander|minister|analyst|analysts|aide|aides|officer)";
    private static final Pattern ROLE_SAID =
            Pattern.compile(
                    "\\b(?:[Tt]he|[Aa]n?|[Oo]ne)\\s+(?:[a-z-]+\\s+){0,2}?" + ROLE + "\\s+said\\b");
    private static final Pattern NETWORK_SAID =
            Pattern.compile(
                    "\\b[Tt]he\\s+(?:[A-Z][a-z]+\\s+)?(?:news\\s+)?(?:network|agency|newspaper|broadcaster|channel)\\s+(?:said|reported)\\b");
    private static final Pattern QUOTE_BEFORE =
            Pattern.compile("[“\"]([^”\"]{10,600}?)[,.]?[”\"]\\s*,?\\s*$");

    private final List<String> outlets;
    private final Pattern told;
    private final Pattern outletReported;
    private final Pattern outletMention;

    public RuleAttributionExtractor(List<String> outlets) {
        this.outlets = List.copyOf(outlets);
        String alternatives =
                String.join(
                        "|",
                        outlets.stream()
                                .sorted(Comparator.comparingInt(String::length).reversed())
                                .map(Pattern::quote)
                                .toList());
        this.told =
                Pattern.compile(
                        "(?:((?:\\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[A-Z][A-Za-z.]*)\\s+)(?:[\\w.-]+\\s+){0,3}?"
                                + ROLE
                                + "(?:\\s+based\\s+in\\s+[^,.;]+?)?)\\s+)?told\\s+("
                                + alternatives
                                + ")\\b");
        this.outletReported = Pattern.compile("\\b(" + alternatives + ")\\s+(?:reported|said)\\b");
        this.outletMention = Pattern.compile("\\b(" + alternatives + ")\\b");
    }

    /** The extractor with the outlets of the bundled gazetteer. */
    public static RuleAttributionExtractor loadDefault() {
        try (InputStream in =
                RuleAttributionExtractor.class
                        .getClassLoader()
                        .getResourceAsStream(GazetteerEntityExtractor.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        GazetteerEntityExtractor.DEFAULT_RESOURCE
                                + " is missing from the classpath");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<String> outlets = new ArrayList<>();
            root.path("outlets").forEach(o -> outlets.add(o.asText()));
            return new RuleAttributionExtractor(outlets);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read " + GazetteerEntityExtractor.DEFAULT_RESOURCE, e);
        }
    }

    @Override
    public List<Attribution> extract(RawArticle article) {
        String body = article.getBody();
        List<Attribution> out = new ArrayList<>();
        Matcher m = told.matcher(body);
        while (m.find()) {
            String speaker = m.group(1);
            String outlet = m.group(2);
            out.add(
                    new Attribution(
                            speaker == null ? outlet : speaker.strip(),
                            "told " + outlet,
                            Math.max(0, m.start()),
                            quoteBefore(body, m.start())));
        }
        m = outletReported.matcher(body);
        while (m.find()) {
            out.add(
                    new Attribution(
                            m.group(1), m.group(), m.start(), quoteBefore(body, m.start())));
        }
        m = ROLE_SAID.matcher(body);
        while (m.find()) {
            String phrase = m.group();
            out.add(
                    new Attribution(
                            phrase.substring(0, phrase.length() - " said".length()),
                            phrase,
                            m.start(),
                            quoteBefore(body, m.start())));
        }
        m = NETWORK_SAID.matcher(body);
        while (m.find()) {
            String named = lastOutletBefore(body, m.start());
            String phrase = m.group();
            String who = phrase.substring(0, phrase.lastIndexOf(' '));
            out.add(
                    new Attribution(
                            named == null ? who : named + " (" + who + ")",
                            phrase,
                            m.start(),
                            quoteBefore(body, m.start())));
        }
        out.sort(Comparator.comparingInt(Attribution::getPosition));
        return out;
    }

    private String lastOutletBefore(String body, int end) {
        Matcher m = outletMention.matcher(body).region(0, end);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static String quoteBefore(String body, int cue) {
        Matcher q = QUOTE_BEFORE.matcher(body).region(Math.max(0, cue - 700), cue);
        return q.find() ? q.group(1).strip() : null;
    }

    List<String> outlets() {
        return outlets;
    }
}
