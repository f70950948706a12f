package io.newsstream.processor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups and rules drafted from a news topic's scope notes, for a news topic defined by its notes
 * and examples alone (no {@code groups}, {@code together} or {@code terms}). The words come from
 * the notes only, never from the examples, so that cross-validating the news topic stays honest:
 * the examples only weigh the drafted rules, as they weigh an editor's.
 *
 * <ul>
 *   <li>a <b>group</b> per word of the {@code in} notes that general news rarely uses ({@link
 *       BackgroundWords}: fewer than {@value #MAX_SHARE_PERCENT}% of stories; function words
 *       never);
 *   <li>a <b>{@code together} rule</b> per such word and the rarest word of its clause (a clause
 *       ends at {@code . ; :} or a bracket), when general news uses that one in fewer than {@link
 *       #ANCHOR_SHARE} of stories: "Polio vaccination campaigns" gives {@code [polio, vaccination]}
 *       and {@code [polio, campaigns]}; a clause of one such word, a rule of that word alone;
 *   <li>an <b>{@code against} rule</b> per such word of the {@code out} notes that the {@code in}
 *       notes do not use ("dengue", "measles").
 * </ul>
 *
 * The same notes always give the same draft, so the processor drafts at start-up exactly what
 * {@code topics train} trained on. {@code topics train} prints the draft as YAML, for an editor who
 * wants to refine it into groups of their own.
 */
public final class TopicDraft {

    static final int MAX_SHARE_PERCENT = 5;

    /**
     * A clause's rules are anchored on its rarest word when general news uses it this rarely; a
     * clause of one such word makes a rule of that word alone.
     */
    static final double ANCHOR_SHARE = 0.005;

    /** TopicFeatures allows 64 groups; the rarest words are kept. */
    static final int MAX_GROUPS = 40;

    static final int MAX_RULES = 30;

    private static final Set<String> FUNCTION_WORDS =
            Set.of(
                    "a",
                    "about",
                    "above",
                    "after",
                    "again",
                    "against",
                    "all",
                    "also",
                    "among",
                    "an",
                    "and",
                    "any",
                    "are",
                    "around",
                    "as",
                    "at",
                    "be",
                    "been",
                    "before",
                    "being",
                    "below",
                    "between",
                    "both",
                    "but",
                    "by",
                    "can",
                    "could",
                    "did",
                    "do",
                    "does",
                    "down",
                    "during",
                    "each",
                    "either",
                    "else",
                    "end",
                    "etc",
                    "even",
                    "ever",
                    "every",
                    "for",
                    "from",
                    "further",
                    "had",
                    "has",
                    "have",
                    "having",
                    "he",
                    "her",
                    "here",
                    "him",
                    "his",
                    "how",
                    "however",
                    "if",
                    "in",
                    "inside",
                    "into",
                    "is",
                    "it",
                    "its",
                    "itself",
                    "just",
                    "least",
                    "less",
                    "like",
                    "many",
                    "may",
                    "mainly",
                    "might",
                    "more",
                    "most",
                    "much",
                    "must",
                    "near",
                    "neither",
                    "no",
                    "nor",
                    "not",
                    "now",
                    "of",
                    "off",
                    "often",
                    "on",
                    "once",
                    "one",
                    "only",
                    "or",
                    "other",
                    "others",
                    "our",
                    "out",
                    "outside",
                    "over",
                    "own",
                    "part",
                    "per",
                    "rarely",
                    "same",
                    "several",
                    "she",
                    "should",
                    "since",
                    "so",
                    "some",
                    "such",
                    "than",
                    "that",
                    "the",
                    "their",
                    "them",
                    "then",
                    "there",
                    "these",
                    "they",
                    "this",
                    "those",
                    "through",
                    "thus",
                    "to",
                    "too",
                    "under",
                    "until",
                    "up",
                    "upon",
                    "very",
                    "via",
                    "was",
                    "we",
                    "were",
                    "what",
                    "when",
                    "where",
                    "whether",
                    "which",
                    "while",
                    "who",
                    "whom",
                    "whose",
                    "why",
                    "will",
                    "with",
                    "within",
                    "without",
                    "would",
                    "yet",
                    "you",
                    "your",
                    "news",
                    "article",
                    "articles",
                    "story",
                    "stories",
                    "report",
                    "reports",
                    "case",
                    "cases",
                    "example",
                    "examples",
                    "general",
                    "main",
                    "subject",
                    "mention",
                    "mentions",
                    "passing",
                    "borderline",
                    "actor",
                    "alone",
                    "leader",
                    "kinds",
                    "kind",
                    "related",
                    "sentence",
                    "two",
                    "three",
                    "first",
                    "new",
                    "say",
                    "says");

    private final BackgroundWords background;

    public TopicDraft(BackgroundWords background) {
        this.background = background;
    }

    /**
     * The drafted {@code groups}, {@code together} and {@code against} of a definition that leaves
     * them to be drafted (it has none of its own, nor {@code terms}, and has {@code in} notes),
     * with the bundled {@link BackgroundWords}; empty for any other definition.
     */
    public static Optional<ObjectNode> of(JsonNode definition) {
        if (!absent(definition, "groups")
                || !absent(definition, "together")
                || !absent(definition, "terms")
                || definition.path("scope").path("in").asText("").isBlank()) {
            return Optional.empty();
        }
        JsonNode scope = definition.path("scope");
        return Optional.of(
                Bundled.DRAFT.draft(scope.path("in").asText(""), scope.path("out").asText("")));
    }

    private static boolean absent(JsonNode def, String field) {
        JsonNode v = def.get(field);
        return v == null || v.isNull() || v.isEmpty();
    }

    /** The drafter with the bundled counts, made on first use: most definitions need none. */
    private static final class Bundled {
        static final TopicDraft DRAFT = new TopicDraft(BackgroundWords.bundled());
    }

    /** The drafted {@code groups}, {@code together} and {@code against} of these notes. */
    public ObjectNode draft(String in, String notIn) {
        List<List<String>> clauses = clauses(in);
        Map<String, Double> share = new LinkedHashMap<>();
        clauses.forEach(c -> c.forEach(w -> share.put(w, background.share(w))));
        List<String> kept =
                share.keySet().stream()
                        .sorted(Comparator.comparingDouble(share::get))
                        .limit(MAX_GROUPS)
                        .toList();
        Set<List<String>> rules = new LinkedHashSet<>();
        for (List<String> clause : clauses) {
            List<String> words = clause.stream().filter(kept::contains).toList();
            if (words.isEmpty()) {
                continue;
            }
            String anchor =
                    words.stream().min(Comparator.comparingDouble(share::get)).orElseThrow();
            if (share.get(anchor) >= ANCHOR_SHARE) {
                continue;
            }
            if (words.size() == 1) {
                rules.add(List.of(anchor));
            }
            for (String w : words) {
                if (!w.equals(anchor)) {
                    rules.add(List.of(anchor, w));
                }
            }
        }
        Set<String> said = new HashSet<>(); // every word of the in notes, common ones too
        BackgroundWords.words(in).forEach(w -> said.add(singular(w)));
        Set<String> excluded = new LinkedHashSet<>();
        for (List<String> clause : clauses(notIn)) {
            for (String w : clause) {
                if (!said.contains(singular(w)) && excluded.size() < MAX_GROUPS / 2) {
                    excluded.add(w);
                }
            }
        }

        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode groups = json.objectNode();
        for (String w : kept) {
            groups.putArray(w).add(w);
        }
        for (String w : excluded) {
            groups.putArray(w).add(w);
        }
        ArrayNode together = json.arrayNode();
        rules.stream().limit(MAX_RULES).forEach(r -> r.forEach(together.addArray()::add));
        ArrayNode against = json.arrayNode();
        excluded.forEach(w -> against.addArray().add(w));
        ObjectNode out = json.objectNode();
        out.set("groups", groups);
        out.set("together", together);
        if (!against.isEmpty()) {
            out.set("against", against);
        }
        return out;
    }

    /** The notes' clauses, each as its distinctive words in order, without repeats. */
    private List<List<String>> clauses(String notes) {
        List<List<String>> out = new ArrayList<>();
        Map<String, String> bySingular = new LinkedHashMap<>(); // one form per word in all clauses
        for (String clause : notes.split("[.;:()\\[\\]]")) {
            List<String> words = new ArrayList<>();
            for (String w : BackgroundWords.words(clause)) {
                // one group for "strike" and "strikes": phrases match either
                if (distinctive(w)) {
                    String form = bySingular.computeIfAbsent(singular(w), k -> w);
                    if (!words.contains(form)) {
                        words.add(form);
                    }
                }
            }
            if (!words.isEmpty()) {
                out.add(words);
            }
        }
        return out;
    }

    private static String singular(String w) {
        return w.length() > 4 && w.endsWith("s") && !w.endsWith("ss")
                ? w.substring(0, w.length() - 1)
                : w;
    }

    private boolean distinctive(String w) {
        return w.length() >= 3
                && !FUNCTION_WORDS.contains(w)
                && background.share(w) * 100 < MAX_SHARE_PERCENT;
    }
}
