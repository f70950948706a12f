package io.newsstream.processor.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * A configured phrase turned into a word sequence to compare with {@link Tokens}: each word is
 * compared by its plural stem, as a prefix ({@code negotiat*}), case-sensitively, or is {@code ?}
 * (any one word, only between words: {@code pakistan ? spy chief}).
 */
final class CompiledPhrase {

    static final byte STEM = 0;
    static final byte PREFIX = 1;
    static final byte EXACT = 2;

    /** {@code ?} in a phrase: any one word. */
    static final byte ANY = 3;

    final int id;
    final String text;
    final String[] words;
    final byte[] modes;

    /** Per word: its id in the stem or exact vocabulary (unused for prefixes). */
    final int[] wordIds;

    /** Per word: the prefix characters (null unless a prefix). */
    final char[][] prefixes;

    private CompiledPhrase(
            int id, String text, Parsed parsed, Vocabulary stems, Vocabulary exacts) {
        this.id = id;
        this.text = text;
        this.words = parsed.words;
        this.modes = parsed.modes;
        this.wordIds = new int[words.length];
        this.prefixes = new char[words.length][];
        for (int k = 0; k < words.length; k++) {
            switch (modes[k]) {
                case STEM -> wordIds[k] = stems.add(words[k]);
                case EXACT -> wordIds[k] = exacts.add(words[k]);
                case PREFIX -> prefixes[k] = words[k].toCharArray();
                default -> wordIds[k] = -1;
            }
        }
    }

    static CompiledPhrase compile(
            int id, String text, boolean matchCase, Vocabulary stems, Vocabulary exacts) {
        return new CompiledPhrase(id, text, tokensOf(text, matchCase), stems, exacts);
    }

    /** Identity of the compiled form: two configured spellings with one key match identically. */
    static String key(String text, boolean matchCase) {
        Parsed p = tokensOf(text, matchCase);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < p.words.length; k++) {
            sb.append(p.modes[k]).append(p.words[k]).append(' ');
        }
        return sb.toString();
    }

    record Parsed(String[] words, byte[] modes) {}

    /**
     * @throws IllegalArgumentException with a message for the configuration author
     */
    static Parsed tokensOf(String text, boolean matchCase) {
        List<String> words = new ArrayList<>();
        List<Byte> modes = new ArrayList<>();
        String[] raws = text.strip().split("\\s+");
        for (int r = 0; r < raws.length; r++) {
            String raw = raws[r];
            if (raw.equals("?")) {
                if (r == 0 || r == raws.length - 1) {
                    throw new IllegalArgumentException(
                            "phrase '" + text + "': '?' (any word) must be between words");
                }
                words.add("?");
                modes.add(ANY);
                continue;
            }
            boolean prefix = raw.endsWith("*");
            String word = prefix ? raw.substring(0, raw.length() - 1) : raw;
            if (word.contains("*")) {
                throw new IllegalArgumentException(
                        "phrase '" + text + "': '*' is only allowed at the end of a word");
            }
            Tokens t = Tokens.of(word);
            for (int k = 0; k < t.size; k++) {
                boolean last = k == t.size - 1;
                if (prefix && last) {
                    if (t.length(k) < 3) {
                        throw new IllegalArgumentException(
                                "phrase '"
                                        + text
                                        + "': prefix '"
                                        + t.lower(k)
                                        + "*' is too short, use at least 3 letters");
                    }
                    words.add(t.lower(k));
                    modes.add(PREFIX);
                } else if (matchCase) {
                    words.add(t.exact(k));
                    modes.add(EXACT);
                } else {
                    words.add(t.stem(k));
                    modes.add(STEM);
                }
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("phrase '" + text + "' has no letters or digits");
        }
        byte[] m = new byte[modes.size()];
        for (int k = 0; k < m.length; k++) {
            m[k] = modes.get(k);
        }
        return new Parsed(words.toArray(String[]::new), m);
    }

    /**
     * Whether this phrase occurs at word {@code i}; the first word is known to match.
     *
     * @param stemIds per word of {@code t}: its stem's vocabulary id, or -1
     * @param exactIds per word of {@code t}: its exact form's vocabulary id, or -1
     */
    boolean matchesRestAt(Tokens t, int[] stemIds, int[] exactIds, int i) {
        if (i + words.length > t.size) {
            return false;
        }
        for (int k = 1; k < words.length; k++) {
            int w = i + k;
            boolean ok =
                    switch (modes[k]) {
                        case STEM -> stemIds[w] == wordIds[k];
                        case EXACT -> exactIds[w] == wordIds[k];
                        case PREFIX -> t.startsWith(w, prefixes[k]);
                        default -> true;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
