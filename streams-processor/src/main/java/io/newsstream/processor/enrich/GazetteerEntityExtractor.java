package io.newsstream.processor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people, organisations and places with a configured gazetteer ({@value #DEFAULT_RESOURCE})
 * and a few rules, over the text {@code title + "\n\n" + body} (positions are offsets in it).
 *
 * <ul>
 *   <li>Gazetteer names and aliases match whatever the case, hyphens and punctuation ({@code
 *       al-Qaida} = {@code Al Qaeda}), but a match must contain a capital letter, and aliases of up
 *       to three capitals ({@code US}, {@code ISI}) match only in capitals. Longest match wins.
 *   <li>People: a title ({@code Lieutenant General}, {@code spokesman}, ...) followed by a
 *       capitalised name of two to four words (particles such as {@code bin}, {@code ul} allowed);
 *       {@code X, also known as Y} merges Y into X, and X into an earlier capitalised name ending
 *       with it ({@code Aslam Awan ... Awan, also known as Abdullah Khorasani}); later mentions of
 *       a person's surname count for the person.
 * </ul>
 *
 * Each entity: canonical name, type, mentions (all aliases), first position, other surface forms
 * seen. Sorted by first position. Tokenises with {@link Tokens} (no models): fast enough to run on
 * every article. Immutable and thread-safe.
 */
public final class GazetteerEntityExtractor implements EntityExtractor {

    public static final String DEFAULT_RESOURCE = "newsstream/entities.yaml";

    private static final Set<String> PARTICLES =
            Set.of("bin", "ul", "al", "el", "ibn", "de", "van", "von", "da", "ur", "ud");

    /** The cue of an alias; the names around it are read with the patterns below. */
    private static final Pattern AKA_CUE =
            Pattern.compile(",?\\s+(?:also known as|alias|a\\.k\\.a\\.?)\\s+");

    /** The name before the cue: up to four capitalised words (possessive: no backtracking). */
    private static final Pattern NAME_BEFORE =
            Pattern.compile("\\p{Lu}[\\p{L}'\\-]*+(?:\\s++\\p{Lu}[\\p{L}'\\-]*+){0,3}+$");

    /** The alias after the cue. */
    private static final Pattern NAME_AFTER =
            Pattern.compile(
                    "\\p{Lu}[\\p{L}'\\-]*+(?:\\s++(?:bin|ul|al|\\p{Lu}[\\p{L}'\\-]*+)){0,3}+");

    private record Known(String name, EntityType type) {}

    private record Phrase(int[] words, Known entity, String exactForm) {}

    private final Vocabulary vocabulary = new Vocabulary();
    private final Map<Integer, List<Phrase>> gazetteer = new HashMap<>();
    private final Map<Integer, List<Phrase>> titles = new HashMap<>();

    private GazetteerEntityExtractor() {}

    /** The extractor with the bundled gazetteer. */
    public static GazetteerEntityExtractor loadDefault() {
        try (InputStream in =
                GazetteerEntityExtractor.class
                        .getClassLoader()
                        .getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return fromYaml(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** The extractor with a gazetteer in the format of {@value #DEFAULT_RESOURCE}. */
    public static GazetteerEntityExtractor fromYaml(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        GazetteerEntityExtractor x = new GazetteerEntityExtractor();
        x.addAll(root.path("people"), EntityType.PERSON);
        x.addAll(root.path("organizations"), EntityType.ORGANIZATION);
        x.addAll(root.path("places"), EntityType.PLACE);
        for (JsonNode t : root.path("personTitles")) {
            x.add(x.titles, t.asText(), null);
        }
        return x;
    }

    private void addAll(JsonNode entries, EntityType type) {
        for (JsonNode e : entries) {
            Known known = new Known(e.path("name").asText(), type);
            add(gazetteer, known.name(), known);
            for (JsonNode alias : e.path("aliases")) {
                add(gazetteer, alias.asText(), known);
            }
        }
    }

    private void add(Map<Integer, List<Phrase>> into, String phrase, Known known) {
        Tokens t = Tokens.of(phrase);
        if (t.size == 0) {
            return;
        }
        int[] words = new int[t.size];
        for (int i = 0; i < t.size; i++) {
            words[i] = vocabulary.add(t.lower(i));
        }
        String compact = phrase.replaceAll("[^\\p{L}\\p{N}]", "");
        boolean exact =
                compact.length() <= 3 && compact.equals(compact.toUpperCase())
                        || (known == null && Character.isUpperCase(phrase.charAt(0)));
        List<Phrase> list = into.computeIfAbsent(words[0], k -> new ArrayList<>());
        list.add(new Phrase(words, known, exact ? compact : null));
        list.sort((a, b) -> b.words.length - a.words.length);
    }

    @Override
    public List<Entity> extract(RawArticle article) {
        return extract(article, Tokens.of(article.getTitle() + "\n\n" + article.getBody()));
    }

    /**
     * As {@link #extract(RawArticle)}, with the text already tokenised by the caller.
     *
     * @param t {@code Tokens.of(title + "\n\n" + body)}, e.g. {@link Tokens#join} of the two
     */
    List<Entity> extract(RawArticle article, Tokens t) {
        String text = article.getTitle() + "\n\n" + article.getBody();
        int[] ids = new int[t.size];
        for (int i = 0; i < t.size; i++) {
            ids[i] = vocabulary.find(t.lower, t.off[i], t.length(i), false, t.hash[i]);
        }
        Mentions mentions = new Mentions(text);
        List<int[]> capitalised = new ArrayList<>(); // unknown capitalised sequences [from, to)
        int i = 0;
        while (i < t.size) {
            Phrase g = match(gazetteer, t, ids, i, true);
            if (g != null) {
                mentions.add(g.entity(), t, i, i + g.words().length);
                i += g.words().length;
                continue;
            }
            Phrase title = match(titles, t, ids, i, false);
            if (title != null) {
                int from = i + title.words().length;
                Phrase known = from < t.size ? match(gazetteer, t, ids, from, true) : null;
                int to = known == null ? personName(text, t, from) : from;
                if (to > from) {
                    String name = mentions.surface(t, from, to);
                    mentions.add(new Known(name, EntityType.PERSON), t, from, to);
                    i = to;
                    continue;
                }
            }
            if (isCapitalised(t, i) && i + 1 < t.size && isCapitalised(t, i + 1)) {
                int to = i + 1;
                while (to < t.size && to - i < 4 && isCapitalised(t, to)) {
                    to++;
                }
                capitalised.add(new int[] {i, to});
            }
            i++;
        }
        aliases(text, t, capitalised, mentions);
        surnames(t, mentions);
        Dateline dateline = Dateline.of(article);
        if (dateline != null && mentions.byName(dateline.place()) == null) {
            int offset = article.getTitle().length() + 2; // the body's offset in the text
            mentions.addAt(
                    new Known(dateline.place(), EntityType.PLACE),
                    dateline.place(),
                    dateline.position() < 0 ? 0 : offset + dateline.position());
        }
        return mentions.entities();
    }

    /** "X, also known as Y": Y is another name of X; X may be the surname of an earlier name. */
    private void aliases(String text, Tokens t, List<int[]> capitalised, Mentions mentions) {
        if (!text.contains("also known as") && !text.contains("alias") && !text.contains("a.k.a")) {
            return; // the common case: skip the regular expressions
        }
        Matcher m = AKA_CUE.matcher(text);
        while (m.find()) {
            Matcher before =
                    NAME_BEFORE.matcher(text).region(Math.max(0, m.start() - 80), m.start());
            Matcher after = NAME_AFTER.matcher(text).region(m.end(), text.length());
            if (!before.find() || !after.lookingAt()) {
                continue;
            }
            String x = before.group();
            String y = after.group();
            int xAt = before.start();
            int yAt = after.start();
            Known target = mentions.byName(x);
            if (target == null) {
                for (int[] c : capitalised) {
                    String seq = mentions.surface(t, c[0], c[1]);
                    if (seq.endsWith(" " + x) && t.start[c[0]] < xAt) {
                        target = new Known(seq, EntityType.PERSON);
                        mentions.add(target, t, c[0], c[1]);
                        break;
                    }
                }
            }
            if (target == null) {
                target = new Known(x, EntityType.PERSON);
            }
            mentions.addAt(target, x, xAt);
            mentions.addAt(target, y, yAt);
        }
    }

    /**
     * Later mentions of a person's last name alone count for the person (the first person found,
     * when two share it). One pass over the words, whatever the number of people.
     */
    private static void surnames(Tokens t, Mentions mentions) {
        Vocabulary surnames = new Vocabulary();
        List<String> names = new ArrayList<>();
        List<Known> people = new ArrayList<>();
        boolean capitalised = true; // then only words with a capital can be one
        for (Known person : mentions.people()) {
            int space = person.name().lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String surname = person.name().substring(space + 1);
            if (!surname.isEmpty() && surnames.add(surname) == names.size()) {
                names.add(surname);
                people.add(person);
                capitalised &= Character.isUpperCase(surname.charAt(0));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        for (int i = 0; i < t.size; i++) {
            if (capitalised && !t.hasUpperCase(i)) {
                continue;
            }
            int id = surnames.find(t.exact, t.off[i], t.length(i), false);
            if (id >= 0 && !mentions.covered(t.start[i])) {
                mentions.addAt(people.get(id), names.get(id), t.start[i]);
            }
        }
    }

    private static boolean isCapitalised(Tokens t, int i) {
        return Character.isUpperCase(t.exact[t.off[i]])
                && t.length(i) > 1
                && !(t.hasUpperCase(i) && allUpper(t, i));
    }

    private static boolean allUpper(Tokens t, int i) {
        for (int k = t.off[i]; k < t.off[i + 1]; k++) {
            if (Character.isLowerCase(t.exact[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * End (exclusive) of a 2-4 word capitalised name starting at {@code from}, or {@code from}. A
     * name does not run on past the end of a sentence ("... met General Ahmad Shuja Pasha. Minister
     * ..."): a single-letter initial is never part of one here, so a full stop after a word of the
     * name ends it.
     */
    private static int personName(String text, Tokens t, int from) {
        int to = from;
        int words = 0;
        while (to < t.size && words < 4 && !(to > from && sentenceEndsBefore(text, t, to))) {
            if (isCapitalised(t, to)) {
                words++;
                to++;
            } else if (words > 0
                    && to + 1 < t.size
                    && PARTICLES.contains(t.lower(to))
                    && isCapitalised(t, to + 1)) {
                to++;
            } else {
                break;
            }
        }
        return words >= 2 ? to : from;
    }

    /** Whether the characters between word {@code i - 1} and word {@code i} end a sentence. */
    private static boolean sentenceEndsBefore(String text, Tokens t, int i) {
        for (int p = t.start[i] - 1; p >= 0; p--) {
            char c = text.charAt(p);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private Phrase match(
            Map<Integer, List<Phrase>> index, Tokens t, int[] ids, int i, boolean needCapital) {
        if (ids[i] < 0) {
            return null;
        }
        List<Phrase> candidates = index.get(ids[i]);
        if (candidates == null) {
            return null;
        }
        for (Phrase p : candidates) {
            int n = p.words().length;
            if (i + n > t.size) {
                continue;
            }
            boolean ok = true;
            boolean capital = false;
            for (int k = 0; k < n && ok; k++) {
                ok = ids[i + k] == p.words()[k];
                capital |= t.hasUpperCase(i + k);
            }
            if (!ok || (needCapital && !capital)) {
                continue;
            }
            if (p.exactForm() != null) {
                StringBuilder exact = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    exact.append(t.exact(i + k));
                }
                if (!exact.toString().equals(p.exactForm())) {
                    continue;
                }
            }
            return p;
        }
        return null;
    }

    /** Mentions collected for one article, by canonical entity. */
    private static final class Mentions {
        private final String text;
        private final Map<Known, Acc> byEntity = new LinkedHashMap<>();
        private final Map<String, Known> byLowerName = new HashMap<>();

        /** {@link #byName} answers by the name as asked (saves lower-casing it again). */
        private final Map<String, Known> found = new HashMap<>();

        /** Start offsets of the mentions counted, and the characters they cover. */
        private final BitSet starts = new BitSet();

        private final BitSet coveredChars = new BitSet();

        Mentions(String text) {
            this.text = text;
        }

        private static final class Acc {
            int count;
            int first = Integer.MAX_VALUE;
            final Set<String> forms = new LinkedHashSet<>();
        }

        String surface(Tokens t, int from, int to) {
            return text.substring(t.start[from], end(t, to - 1)).replace('\n', ' ');
        }

        private int end(Tokens t, int i) {
            int p = t.start[i];
            int remaining = t.length(i);
            while (p < text.length() && remaining > 0) {
                if (Character.isLetterOrDigit(text.charAt(p))) {
                    remaining--;
                }
                p++;
            }
            return p;
        }

        void add(Known k, Tokens t, int from, int to) {
            String form = surface(t, from, to);
            addAt(k, form, t.start[from]);
        }

        void addAt(Known k, String form, int position) {
            if (starts.get(position)) {
                return; // already counted (an alias rule met a gazetteer match)
            }
            Known canonical = byName(k.name());
            Known key = canonical == null ? k : canonical;
            Acc acc = byEntity.computeIfAbsent(key, x -> new Acc());
            if (acc.count++ == 0) {
                byLowerName.putIfAbsent(key.name().toLowerCase(java.util.Locale.ROOT), key);
            }
            acc.first = Math.min(acc.first, position);
            if (acc.forms.add(form)) {
                byLowerName.putIfAbsent(form.toLowerCase(java.util.Locale.ROOT), key);
            }
            starts.set(position);
            coveredChars.set(position, position + form.length());
        }

        boolean covered(int position) {
            return coveredChars.get(position);
        }

        Known byName(String name) {
            Known known = found.get(name);
            if (known == null) {
                known = byLowerName.get(name.toLowerCase(java.util.Locale.ROOT));
                if (known != null) {
                    found.put(name, known); // a name once known never changes its entity
                }
            }
            return known;
        }

        List<Known> people() {
            return byEntity.keySet().stream().filter(k -> k.type() == EntityType.PERSON).toList();
        }

        List<Entity> entities() {
            List<Entity> out = new ArrayList<>();
            for (Map.Entry<Known, Acc> e : byEntity.entrySet()) {
                Acc acc = e.getValue();
                List<String> aliases = new ArrayList<>();
                for (String form : acc.forms) {
                    if (!form.equalsIgnoreCase(e.getKey().name())) {
                        aliases.add(form);
                    }
                }
                out.add(
                        new Entity(
                                e.getKey().name(),
                                e.getKey().type(),
                                acc.count,
                                acc.first,
                                aliases));
            }
            out.sort((a, b) -> Integer.compare(a.getFirstPosition(), b.getFirstPosition()));
            return out;
        }
    }
}
