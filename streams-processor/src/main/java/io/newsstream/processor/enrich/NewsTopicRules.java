package io.newsstream.processor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog.NewsTopicInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier fields of one news topic, read from its YAML definition and validated.
 *
 * <pre>{@code
 * - id: airspace-deal
 *   threshold: 8.0                       # score needed to match (required, > 0)
 *   fieldWeights: {title: 2.0, subtitle: 1.5, body: 1.0}   # optional; these are the defaults
 *   groups:                              # named sets of alternative phrases, used by require
 *     airspace: ["airspace", "air corridor", "overflight*"]
 *     united-states: [{phrase: "US", matchCase: true}, "united states", "washington"]
 *   require:                             # every clause must hold
 *     - all: [airspace, united-states]   # each group matches somewhere in the article
 *     - all: [airspace, united-states]
 *       within: 25                       # ... and all of them within 25 words in one field
 *     - any: [pakistan, tribal-areas]    # at least one of the groups matches somewhere
 *   terms:                               # weighted phrases (weight > 0)
 *     - {phrase: "use of pakistani airspace", weight: 3.0}
 *     - {phrases: ["agreement", "deal"], weight: 1.0}   # alternatives, counted together
 *   exclude:                             # excluded contexts (weight < 0)
 *     - {phrase: "closed its airspace", weight: -3.0}
 * }</pre>
 *
 * Phrases are matched on word boundaries, case-insensitively (unless {@code matchCase: true}),
 * after the normalisation described in {@link Tokens}; a trailing {@code *} on a word makes it a
 * prefix ({@code negotiat*} matches negotiate, negotiations); a {@code ?} between words stands for
 * any one word ({@code pakistan ? spy chief} matches "Pakistan's new spy chief").
 */
record NewsTopicRules(
        String id,
        double threshold,
        Map<ArticleField, Double> fieldWeights,
        Map<String, List<PhraseSpec>> groups,
        List<Requirement> require,
        List<WeightedPhrases> terms,
        List<WeightedPhrases> exclude,
        List<List<String>> together,
        List<List<String>> against,
        Examples examples) {

    private static final Logger LOG = LoggerFactory.getLogger(NewsTopicRules.class);

    static final Map<ArticleField, Double> DEFAULT_FIELD_WEIGHTS =
            Map.of(ArticleField.TITLE, 2.0, ArticleField.SUBTITLE, 1.5, ArticleField.BODY, 1.0);

    private static final Set<String> KNOWN_KEYS =
            Set.of(
                    "id",
                    "name",
                    "description",
                    "threshold",
                    "fieldWeights",
                    "groups",
                    "require",
                    "terms",
                    "exclude",
                    "scope",
                    "together",
                    "against",
                    "examples");

    /** A phrase as configured. */
    record PhraseSpec(String text, boolean matchCase) {}

    /**
     * A scored entry: a term ({@code weight > 0}) or an excluded context ({@code < 0}); its phrases
     * are alternatives counted together.
     */
    record WeightedPhrases(List<PhraseSpec> phrases, double weight) {}

    /**
     * Groups that must all match; with {@code within > 0}, inside a span of that many words of one
     * field. With {@code any}, one of the groups matching is enough (and {@code within} is 0).
     *
     * @param feedItems whether it binds brief articles (feed items) too: a headline and a line or
     *     two may leave unsaid what every full article says ("a suspected drone strike in North
     *     Waziristan", the US named further down)
     */
    record Requirement(List<String> groups, int within, boolean any, boolean feedItems) {}

    /**
     * Labelled example articles of the news topic, as configured: files or directories, relative to
     * the definitions file. Only {@code topics train|evaluate} reads them.
     */
    record Examples(List<String> positive, List<String> negative) {
        static final Examples NONE = new Examples(List.of(), List.of());

        boolean isEmpty() {
            return positive.isEmpty() && negative.isEmpty();
        }
    }

    static NewsTopicRules parse(NewsTopicInfo info, String origin) {
        String where = "News topic '" + info.id() + "' in " + origin;
        JsonNode def = info.definition();
        Optional<ObjectNode> drafted = TopicDraft.of(def);
        if (drafted.isPresent()) {
            def = def.<ObjectNode>deepCopy().setAll(drafted.get());
            LOG.info(
                    "{} has no groups or rules of its own: drafted from its scope notes: groups {},"
                            + " together {}, against {}",
                    where,
                    def.get("groups").size(),
                    def.get("together"),
                    def.path("against"));
        }
        for (Iterator<String> it = def.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KNOWN_KEYS.contains(key)) {
                LOG.warn(
                        "{}: ignoring unknown field '{}' (classifier fields: {})",
                        where,
                        key,
                        KNOWN_KEYS);
            }
        }
        boolean scored = def.has("terms") && !def.get("terms").isNull();
        double threshold = 0;
        if (scored || def.has("threshold")) {
            threshold = number(def.get("threshold"), where + ": 'threshold'");
            if (!(threshold > 0)) {
                throw new ConfigException(where + ": 'threshold' must be > 0, is " + threshold);
            }
        }

        Map<ArticleField, Double> fieldWeights = new EnumMap<>(DEFAULT_FIELD_WEIGHTS);
        JsonNode fw = def.get("fieldWeights");
        if (fw != null && !fw.isNull()) {
            if (!fw.isObject()) {
                throw new ConfigException(
                        where + ": 'fieldWeights' must be a map such as {title: 2.0, body: 1.0}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fw.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ArticleField field = fieldNamed(e.getKey(), where);
                double w = number(e.getValue(), where + ": fieldWeights." + e.getKey());
                if (w < 0) {
                    throw new ConfigException(
                            where + ": fieldWeights." + e.getKey() + " must be >= 0");
                }
                fieldWeights.put(field, w);
            }
        }

        Map<String, List<PhraseSpec>> groups = new LinkedHashMap<>();
        JsonNode g = def.get("groups");
        if (g != null && !g.isNull()) {
            if (!g.isObject()) {
                throw new ConfigException(
                        where + ": 'groups' must be a map of name -> list of phrases");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = where + ": groups." + e.getKey();
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    throw new ConfigException(at + " must be a non-empty list of phrases");
                }
                List<PhraseSpec> phrases = new ArrayList<>();
                for (JsonNode p : e.getValue()) {
                    phrases.add(phraseSpec(p, at));
                }
                groups.put(e.getKey(), List.copyOf(phrases));
            }
        }

        List<Requirement> require = new ArrayList<>();
        JsonNode r = def.get("require");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw new ConfigException(
                        where
                                + ": 'require' must be a list of {all: [group, ...], within: N}"
                                + " or {any: [group, ...]}");
            }
            int k = 0;
            for (JsonNode clause : r) {
                String at = where + ": require[" + k++ + "]";
                JsonNode all = clause.get("all");
                JsonNode any = clause.get("any");
                if (all != null && any != null) {
                    throw new ConfigException(
                            at + " has both 'all' and 'any': make them two clauses");
                }
                JsonNode listed = all != null ? all : any;
                if (listed == null || !listed.isArray() || listed.isEmpty()) {
                    throw new ConfigException(
                            at + " needs 'all: [group, ...]' or 'any: [group, ...]'");
                }
                if (any != null && clause.get("within") != null) {
                    throw new ConfigException(
                            at
                                    + ".within goes with 'all', not 'any': one group cannot be near"
                                    + " itself");
                }
                List<String> names = groupNames(listed, groups, at);
                if (names.size() > 30) {
                    throw new ConfigException(at + " has more than 30 groups");
                }
                int within = 0;
                JsonNode w = clause.get("within");
                if (w != null && !w.isNull()) {
                    if (!w.canConvertToInt() || w.asInt() < 1) {
                        throw new ConfigException(
                                at + ".within must be a positive number of words");
                    }
                    within = w.asInt();
                }
                JsonNode feedItems = clause.get("feedItems");
                if (feedItems != null && !feedItems.isBoolean()) {
                    throw new ConfigException(at + ".feedItems must be true or false");
                }
                require.add(
                        new Requirement(
                                List.copyOf(names),
                                within,
                                any != null,
                                feedItems == null || feedItems.asBoolean()));
            }
        }

        List<List<String>> together = together(def.get("together"), groups, where, "together");
        List<List<String>> against = together(def.get("against"), groups, where, "against");
        List<WeightedPhrases> terms = weighted(def.get("terms"), where + ": terms", true);
        if (scored && terms.isEmpty()) {
            throw new ConfigException(where + ": 'terms' needs at least one weighted phrase");
        }
        if (terms.isEmpty() && together.isEmpty()) {
            throw new ConfigException(
                    where
                            + ": define the news topic by its scope notes ('scope: in:', its"
                            + " groups and rules are then drafted from them), by 'groups' and"
                            + " 'together' (the rules the model learns from), or by 'terms' and"
                            + " 'threshold'");
        }
        List<WeightedPhrases> exclude = weighted(def.get("exclude"), where + ": exclude", false);
        Set<PhraseSpec> seen = new HashSet<>();
        for (WeightedPhrases wp : concat(terms, exclude)) {
            for (PhraseSpec p : wp.phrases()) {
                if (!seen.add(p)) {
                    throw new ConfigException(
                            where
                                    + ": phrase '"
                                    + p.text()
                                    + "' is listed twice in terms/exclude; keep one entry");
                }
            }
        }
        return new NewsTopicRules(
                info.id(),
                threshold,
                Map.copyOf(fieldWeights),
                groups,
                List.copyOf(require),
                terms,
                exclude,
                together,
                against,
                examples(def.get("examples"), where));
    }

    /**
     * {@code together: [[drone, tribal-area], [us, strike, pakistan]]}: known groups, >= 2 each.
     */
    private static List<List<String>> together(
            JsonNode list, Map<String, List<PhraseSpec>> groups, String where, String key) {
        List<List<String>> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ConfigException(
                    where + ": '" + key + "' must be a list of group lists, e.g. [[drone, place]]");
        }
        int k = 0;
        for (JsonNode rule : list) {
            String at = where + ": " + key + "[" + k++ + "]";
            if (!rule.isArray() || rule.isEmpty()) {
                throw new ConfigException(at + " must be a non-empty list of group names");
            }
            out.add(groupNames(rule, groups, at));
        }
        return List.copyOf(out);
    }

    /** The group names of a clause or rule, each declared under {@code groups:}. */
    private static List<String> groupNames(
            JsonNode list, Map<String, List<PhraseSpec>> groups, String at) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : list) {
            if (!groups.containsKey(n.asText())) {
                throw new ConfigException(
                        at
                                + " names unknown group '"
                                + n.asText()
                                + "'; declare it under 'groups:' (known: "
                                + groups.keySet()
                                + ")");
            }
            names.add(n.asText());
        }
        return List.copyOf(names);
    }

    private static Examples examples(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Examples.NONE;
        }
        if (!node.isObject()) {
            throw new ConfigException(
                    where + ": 'examples' must be {positive: [path, ...], negative: [path, ...]}");
        }
        return new Examples(
                paths(node.get("positive"), where + ": examples.positive"),
                paths(node.get("negative"), where + ": examples.negative"));
    }

    private static List<String> paths(JsonNode list, String at) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (list.isTextual()) {
            return List.of(list.asText());
        }
        if (!list.isArray()) {
            throw new ConfigException(at + " must be a list of files or directories");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isTextual() || p.asText().isBlank()) {
                throw new ConfigException(at + ": each entry is a file or directory path");
            }
            out.add(p.asText());
        }
        return List.copyOf(out);
    }

    private static List<WeightedPhrases> concat(List<WeightedPhrases> a, List<WeightedPhrases> b) {
        List<WeightedPhrases> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<WeightedPhrases> weighted(JsonNode list, String at, boolean positive) {
        List<WeightedPhrases> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ConfigException(at + " must be a list of {phrase: ..., weight: ...}");
        }
        int k = 0;
        for (JsonNode item : list) {
            String here = at + "[" + k++ + "]";
            if (!item.isObject()) {
                throw new ConfigException(here + " must be {phrase: ..., weight: ...}");
            }
            double weight = number(item.get("weight"), here + ".weight");
            if (positive ? !(weight > 0) : !(weight < 0)) {
                throw new ConfigException(
                        here
                                + ".weight must be "
                                + (positive
                                        ? "> 0 (use 'exclude' for negative weights)"
                                        : "< 0 (excluded contexts lower the score)"));
            }
            boolean matchCase = item.path("matchCase").asBoolean(false);
            JsonNode phrase = item.get("phrase");
            JsonNode phrases = item.get("phrases");
            if ((phrase == null) == (phrases == null)) {
                throw new ConfigException(here + " needs exactly one of 'phrase' or 'phrases'");
            }
            if (phrase != null) {
                out.add(
                        new WeightedPhrases(
                                List.of(spec(phrase.asText(), matchCase, here)), weight));
            } else {
                if (!phrases.isArray() || phrases.isEmpty()) {
                    throw new ConfigException(here + ".phrases must be a non-empty list");
                }
                List<PhraseSpec> specs = new ArrayList<>();
                for (JsonNode p : phrases) {
                    specs.add(spec(p.asText(), matchCase, here));
                }
                out.add(new WeightedPhrases(List.copyOf(specs), weight));
            }
        }
        return List.copyOf(out);
    }

    private static PhraseSpec phraseSpec(JsonNode p, String at) {
        if (p.isTextual()) {
            return spec(p.asText(), false, at);
        }
        if (p.isObject() && p.has("phrase")) {
            return spec(p.get("phrase").asText(), p.path("matchCase").asBoolean(false), at);
        }
        throw new ConfigException(
                at + ": each phrase is a string or {phrase: ..., matchCase: true}, not " + p);
    }

    private static PhraseSpec spec(String text, boolean matchCase, String at) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(at + ": empty phrase");
        }
        // Compile once here so that a bad phrase fails with the news topic in the message.
        try {
            CompiledPhrase.tokensOf(text, matchCase);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": " + e.getMessage(), e);
        }
        return new PhraseSpec(text.strip(), matchCase);
    }

    private static double number(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            throw new ConfigException(at + " is required");
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw new ConfigException(at + " must be a number, is '" + n.asText() + "'");
        }
    }

    private static ArticleField fieldNamed(String name, String where) {
        for (ArticleField f : ArticleField.values()) {
            if (f.wireName().equals(name)) {
                return f;
            }
        }
        throw new ConfigException(
                where
                        + ": fieldWeights has unknown field '"
                        + name
                        + "'; use title, subtitle, body");
    }
}
