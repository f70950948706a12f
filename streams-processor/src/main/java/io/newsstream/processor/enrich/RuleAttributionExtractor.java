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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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

    /** Cue words, found first; the patterns below are then matched only just before them. */
    private static final String[] CUES = {"told", "said", "reported"};

    /** Who told: "a security source based in the tribal areas", "US and Pakistani sources". */
    private static final Pattern SPEAKER_BEFORE =
            Pattern.compile(
                    "(?:\\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[A-Z][A-Za-z.]*)\\s+)(?:[\\w.-]+\\s+){0,3}?"
                            + ROLE
                            + "(?:\\s+based\\s+in\\s+[^,.;]+?)?\\s+$");

    private static final Pattern ROLE_BEFORE =
            Pattern.compile(
                    "\\b(?:[Tt]he|[Aa]n?|[Oo]ne)\\s+(?:[a-z-]+\\s+){0,2}?" + ROLE + "\\s+$");
    private static final Pattern NETWORK_BEFORE =
            Pattern.compile(
                    "\\b[Tt]he\\s+(?:[A-Z][a-z]+\\s+)?(?:news\\s+)?(?:network|agency|newspaper|broadcaster|channel)\\s+$");

    private static final Set<String> ROLE_WORDS =
            Set.of(ROLE.substring(3, ROLE.length() - 1).split("\\|"));
    private static final Set<String> NETWORK_WORDS =
            Set.of("network", "agency", "newspaper", "broadcaster", "channel");

    /** How far before a cue its speaker may start. */
    private static final int LOOK_BEHIND = 90;

    private final List<String> outlets;
    private final Pattern outletAfter;
    private final Pattern outletBefore;
    private final Set<String> outletLastWords;

    /** The outlets by their first character, in list order. */
    private final String[][] outletsByFirstChar;

    public RuleAttributionExtractor(List<String> outlets) {
        this.outlets = List.copyOf(outlets);
        String alternatives =
                String.join(
                        "|",
                        outlets.stream()
                                .sorted(Comparator.comparingInt(String::length).reversed())
                                .map(Pattern::quote)
                                .toList());
        this.outletAfter = Pattern.compile("\\s+(" + alternatives + ")\\b");
        this.outletBefore = Pattern.compile("\\b(" + alternatives + ")\\s+$");
        this.outletLastWords =
                outlets.stream()
                        .map(o -> o.substring(o.lastIndexOf(' ') + 1))
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        int maxFirst =
                outlets.stream().mapToInt(o -> o.isEmpty() ? 0 : o.charAt(0)).max().orElse(0);
        this.outletsByFirstChar = new String[maxFirst + 1][];
        for (String outlet : outlets) { // list order: the first listed wins a tie
            if (outlet.isEmpty()) {
                continue;
            }
            String[] old = outletsByFirstChar[outlet.charAt(0)];
            String[] grown = old == null ? new String[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = outlet;
            outletsByFirstChar[outlet.charAt(0)] = grown;
        }
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
        Matcher before;
        int[] next = new int[CUES.length];
        for (int c = 0; c < CUES.length; c++) {
            next[c] = nextCue(body, CUES[c], 0);
        }
        while (true) {
            int which = -1;
            for (int c = 0; c < CUES.length; c++) {
                if (next[c] >= 0 && (which < 0 || next[c] < next[which])) {
                    which = c;
                }
            }
            if (which < 0) {
                break;
            }
            int at = next[which];
            String verb = CUES[which];
            int cueEnd = at + verb.length();
            next[which] = nextCue(body, verb, cueEnd);
            int from = Math.max(0, at - LOOK_BEHIND);
            if (verb.equals("told")) {
                Matcher outlet = outletAfter.matcher(body).region(cueEnd, body.length());
                if (!outlet.lookingAt()) {
                    continue;
                }
                before = SPEAKER_BEFORE.matcher(body).region(from, at);
                String speaker = before.find() ? before.group().strip() : null;
                int position = speaker == null ? at : before.start();
                out.add(
                        new Attribution(
                                speaker == null ? outlet.group(1) : speaker,
                                "told " + outlet.group(1),
                                position,
                                quoteBefore(body, position)));
                continue;
            }
            String previous = previousWord(body, at);
            if (!ROLE_WORDS.contains(previous)
                    && !NETWORK_WORDS.contains(previous)
                    && !outletLastWords.contains(previous)) {
                continue; // "he said", "Ahmad said": nothing these rules can name
            }
            Matcher outlet = outletBefore.matcher(body).region(from, at);
            if (outlet.find()) {
                out.add(
                        new Attribution(
                                outlet.group(1),
                                body.substring(outlet.start(), cueEnd),
                                outlet.start(),
                                quoteBefore(body, outlet.start())));
                continue;
            }
            Matcher network = NETWORK_BEFORE.matcher(body).region(from, at);
            if (network.find()) {
                String who = network.group().strip();
                String named = lastOutletBefore(body, network.start());
                out.add(
                        new Attribution(
                                named == null ? who : named + " (" + who + ")",
                                who + " " + verb,
                                network.start(),
                                quoteBefore(body, network.start())));
                continue;
            }
            Matcher role = ROLE_BEFORE.matcher(body).region(from, at);
            if (verb.equals("said") && role.find()) {
                String who = role.group().strip();
                out.add(
                        new Attribution(
                                who, who + " said", role.start(), quoteBefore(body, role.start())));
            }
        }
        return out;
    }

    /** The next occurrence of {@code word} as a whole word at or after {@code from}, or -1. */
    private static int nextCue(String body, String word, int from) {
        int at = body.indexOf(word, from);
        while (at >= 0 && !wholeWord(body, at, word.length())) {
            at = body.indexOf(word, at + 1);
        }
        return at;
    }

    /** The word that ends before {@code at} (skipping spaces), or "". */
    private static String previousWord(String body, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(body.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(body.charAt(start - 1))) {
            start--;
        }
        return body.substring(start, end);
    }

    /**
     * The outlet named last before {@code end} (its whole-word occurrence that starts last and ends
     * by {@code end}; the first listed outlet when two start there), or null. One backward scan
     * that tries only the outlets starting with the character at hand, instead of a search of the
     * text per outlet.
     */
    private String lastOutletBefore(String body, int end) {
        for (int at = end - 1; at >= 0; at--) {
            char c = body.charAt(at);
            if (c >= outletsByFirstChar.length) {
                continue;
            }
            String[] candidates = outletsByFirstChar[c];
            if (candidates == null || (at > 0 && Character.isLetterOrDigit(body.charAt(at - 1)))) {
                continue;
            }
            for (String outlet : candidates) {
                if (at + outlet.length() <= end
                        && body.startsWith(outlet, at)
                        && wholeWord(body, at, outlet.length())) {
                    return outlet;
                }
            }
        }
        return null;
    }

    private static boolean wholeWord(String body, int at, int length) {
        return (at == 0 || !Character.isLetterOrDigit(body.charAt(at - 1)))
                && (at + length == body.length()
                        || !Character.isLetterOrDigit(body.charAt(at + length)));
    }

    /**
     * The quoted passage that ends just before {@code cue} (only spaces and a comma between), or
     * null. Scans backwards: linear in the quote's length.
     */
    static String quoteBefore(String body, int cue) {
        int p = cue - 1;
        while (p >= 0 && (Character.isWhitespace(body.charAt(p)) || body.charAt(p) == ',')) {
            p--;
        }
        if (p < 0 || (body.charAt(p) != '\u201D' && body.charAt(p) != '"')) {
            return null;
        }
        int close = p;
        for (int q = close - 1; q >= Math.max(0, close - 600); q--) {
            char c = body.charAt(q);
            if (c == '\u201C' || c == '"') {
                String quote = body.substring(q + 1, close).strip();
                if (quote.endsWith(",") || quote.endsWith(".")) {
                    quote = quote.substring(0, quote.length() - 1);
                }
                return quote.length() >= 10 ? quote : null;
            }
            if (c == '\u201D') {
                return null;
            }
        }
        return null;
    }

    List<String> outlets() {
        return outlets;
    }
}
