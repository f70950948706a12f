package io.newsstream.processor.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every phrase of every news topic, compiled once and indexed by its first word, so that an article
 * is scanned in one pass whatever the number of phrases: per word, a vocabulary look-up of its
 * stem, of its first three letters (for prefix phrases) and, when capitalised, of its exact form.
 */
final class PhraseIndex {

    private static final CompiledPhrase[] NONE = new CompiledPhrase[0];

    private final List<CompiledPhrase> phrases;
    private final Vocabulary stems;
    private final Vocabulary exacts;
    private final boolean lowerCaseExacts;
    private final CompiledPhrase[][] byFirstStem;
    private final CompiledPhrase[][] byFirstExact;

    /** Prefix phrases by the first three letters of their first word (prefixes have >= 3). */
    private final Vocabulary prefixHeads = new Vocabulary();

    private final CompiledPhrase[][] prefixByHead;

    private PhraseIndex(List<CompiledPhrase> phrases, Vocabulary stems, Vocabulary exacts) {
        this.phrases = List.copyOf(phrases);
        this.stems = stems;
        this.exacts = exacts;
        List<List<CompiledPhrase>> stem = lists(stems.size());
        List<List<CompiledPhrase>> exact = lists(exacts.size());
        List<List<CompiledPhrase>> prefix = new ArrayList<>();
        boolean lower = false;
        for (CompiledPhrase p : phrases) {
            switch (p.modes[0]) {
                case CompiledPhrase.STEM -> stem.get(p.wordIds[0]).add(p);
                case CompiledPhrase.PREFIX -> {
                    int head = prefixHeads.add(p.words[0].substring(0, 3));
                    if (head == prefix.size()) {
                        prefix.add(new ArrayList<>());
                    }
                    prefix.get(head).add(p);
                }
                default -> exact.get(p.wordIds[0]).add(p);
            }
            for (int k = 0; k < p.words.length; k++) {
                if (p.modes[k] == CompiledPhrase.EXACT
                        && p.words[k].equals(p.words[k].toLowerCase(java.util.Locale.ROOT))) {
                    lower = true;
                }
            }
        }
        this.lowerCaseExacts = lower;
        this.byFirstStem = arrays(stem);
        this.byFirstExact = arrays(exact);
        this.prefixByHead = arrays(prefix);
    }

    private static List<List<CompiledPhrase>> lists(int n) {
        List<List<CompiledPhrase>> l = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static CompiledPhrase[][] arrays(List<List<CompiledPhrase>> lists) {
        return lists.stream().map(l -> l.toArray(NONE)).toArray(CompiledPhrase[][]::new);
    }

    int size() {
        return phrases.size();
    }

    /** Records every occurrence of every phrase in {@code t} into {@code hits}. */
    void scan(Tokens t, int field, Hits hits) {
        int n = t.size;
        int[] stemIds = new int[n];
        int[] exactIds = new int[n];
        int[] headIds = new int[n];
        boolean anyExact = exacts.size() > 0;
        boolean anyPrefix = prefixHeads.size() > 0;
        for (int i = 0; i < n; i++) {
            int o = t.off[i];
            int len = t.off[i + 1] - o;
            int s = Tokens.stemLength(t.lower, o, len);
            stemIds[i] =
                    s == len
                            ? stems.find(t.lower, o, len, false, t.hash[i])
                            : stems.find(t.lower, o, Math.abs(s), s < 0);
            exactIds[i] =
                    anyExact && (lowerCaseExacts || t.hasUpperCase(i))
                            ? exacts.find(t.exact, o, len, false)
                            : -1;
            headIds[i] = anyPrefix && len >= 3 ? prefixHeads.find(t.lower, o, 3, false) : -1;
        }
        for (int i = 0; i < n; i++) {
            if (stemIds[i] >= 0) {
                collect(byFirstStem[stemIds[i]], t, stemIds, exactIds, i, field, hits);
            }
            if (exactIds[i] >= 0) {
                collect(byFirstExact[exactIds[i]], t, stemIds, exactIds, i, field, hits);
            }
            if (headIds[i] >= 0) {
                for (CompiledPhrase p : prefixByHead[headIds[i]]) {
                    if (t.startsWith(i, p.prefixes[0])
                            && p.matchesRestAt(t, stemIds, exactIds, i)) {
                        hits.add(p.id, field, i, t.start[i]);
                    }
                }
            }
        }
    }

    private static void collect(
            CompiledPhrase[] candidates,
            Tokens t,
            int[] stemIds,
            int[] exactIds,
            int i,
            int field,
            Hits hits) {
        for (CompiledPhrase p : candidates) {
            if (p.matchesRestAt(t, stemIds, exactIds, i)) {
                hits.add(p.id, field, i, t.start[i]);
            }
        }
    }

    /** Builds the index, giving one id to phrases that compile to the same words. */
    static final class Builder {
        private final Map<String, CompiledPhrase> byKey = new LinkedHashMap<>();
        private final List<CompiledPhrase> phrases = new ArrayList<>();
        private final Vocabulary stems = new Vocabulary();
        private final Vocabulary exacts = new Vocabulary();

        int add(String text, boolean matchCase) {
            String key = CompiledPhrase.key(text, matchCase);
            CompiledPhrase existing = byKey.get(key);
            if (existing != null) {
                return existing.id;
            }
            CompiledPhrase p =
                    CompiledPhrase.compile(phrases.size(), text, matchCase, stems, exacts);
            byKey.put(key, p);
            phrases.add(p);
            return p.id;
        }

        PhraseIndex build() {
            return new PhraseIndex(phrases, stems, exacts);
        }
    }

    /** Occurrences found in one article: counts and first offsets per field, and every hit. */
    static final class Hits {
        final int[][] count;
        final int[][] firstPosition;
        int size;
        int[] hitPhrase = new int[64];
        int[] hitField = new int[64];
        int[] hitWord = new int[64];
        int[] hitChar = new int[64];

        Hits(int phraseCount) {
            int fields = ArticleField.values().length;
            count = new int[fields][phraseCount];
            firstPosition = new int[fields][phraseCount];
        }

        void add(int phrase, int field, int word, int charOffset) {
            if (count[field][phrase]++ == 0) {
                firstPosition[field][phrase] = charOffset;
            }
            if (size == hitPhrase.length) {
                hitPhrase = Arrays.copyOf(hitPhrase, size * 2);
                hitField = Arrays.copyOf(hitField, size * 2);
                hitWord = Arrays.copyOf(hitWord, size * 2);
                hitChar = Arrays.copyOf(hitChar, size * 2);
            }
            hitPhrase[size] = phrase;
            hitField[size] = field;
            hitWord[size] = word;
            hitChar[size] = charOffset;
            size++;
        }

        int total(int phrase) {
            int n = 0;
            for (int[] c : count) {
                n += c[phrase];
            }
            return n;
        }
    }
}
