package io.newsstream.processor.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * What the news-topic model sees of an article: numbers computed from where the news topic's phrase
 * groups occur, read the way an editor reads the scope notes (is it in the headline, in the lead,
 * how many paragraphs carry it, are the rule's groups said together in one paragraph).
 *
 * <p>Per group {@code g} (a named list of alternative phrases):
 *
 * <ul>
 *   <li>{@code g@lead}: 1 when the title, subtitle or the first {@value #LEAD_PARAGRAPHS} body
 *       paragraphs have it;
 *   <li>{@code g#paragraphs}: paragraphs that have it, capped at {@value #PARAGRAPH_CAP}, over the
 *       cap: a main subject versus a passing mention;
 *   <li>{@code g%coverage}: the share of the body's paragraphs that have it.
 * </ul>
 *
 * Per {@code together} rule {@code r} (groups that must be said in one paragraph, the scope notes'
 * co-occurrences such as a US actor, a strike and a place in the tribal areas), the same with "has
 * it" meaning "has every group of the rule": {@code r@lead}, {@code r#paragraphs}, {@code
 * r%coverage}. A paragraph is a line of the body (blank lines ignored); the title is a paragraph of
 * its own.
 *
 * <p>One pass over the article's hits, no allocation per hit: cost grows with the hits, not with
 * the number of features.
 */
final class TopicFeatures {

    static final int LEAD_PARAGRAPHS = 2;
    static final int SCORE_PARAGRAPHS = 3;

    /** A body with fewer lines than this is split into sentences instead ({@link Paragraphs}). */
    static final int MIN_LINES = 3;

    /**
     * A body of fewer than {@link #MIN_LINES} lines and at most this many words is brief (a feed
     * item's description); a longer one is an article whose line breaks were lost.
     */
    static final int BRIEF_WORDS = 200;

    /** Names of the features that sum the rules for and against ({@link #rulesScore}). */
    static final String RULES_SCORE = "rules";

    static final String AGAINST_SCORE = "rules against";

    /** The two scores come first, at indices 0 and 1. */
    static final int SCORES = 2;

    static final int PARAGRAPH_CAP = 5;

    private static final String[] GROUP_KINDS = {"@lead", "#paragraphs", "%coverage"};
    private static final String[] RULE_KINDS = {"@lead", "#paragraphs", "#2+", "%coverage"};

    final String[] groupNames;
    final String[] ruleNames;
    final long[] ruleMasks;

    /** +1 for a {@code together} rule, -1 for an {@code against} rule. */
    final int[] ruleSign;

    /** Per phrase id of the shared index: the bit set of this news topic's groups it belongs to. */
    private long[] maskByPhrase = new long[0];

    private final int[][] groupPhrases;

    TopicFeatures(
            String[] groupNames,
            int[][] groupPhrases,
            List<List<String>> together,
            List<List<String>> against) {
        if (groupNames.length > 64) {
            throw new IllegalArgumentException("at most 64 groups per news topic");
        }
        this.groupNames = groupNames;
        this.groupPhrases = groupPhrases;
        List<String> names = List.of(groupNames);
        List<List<String>> rules = new ArrayList<>(together);
        rules.addAll(against);
        this.ruleNames = new String[rules.size()];
        this.ruleMasks = new long[rules.size()];
        this.ruleSign = new int[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            ruleNames[r] = (r < together.size() ? "" : "against ") + String.join("+", rules.get(r));
            ruleSign[r] = r < together.size() ? 1 : -1;
            for (String g : rules.get(r)) {
                ruleMasks[r] |= 1L << names.indexOf(g);
            }
        }
    }

    void sizeMasks(int phraseCount) {
        maskByPhrase = new long[phraseCount];
        for (int g = 0; g < groupPhrases.length; g++) {
            for (int p : groupPhrases[g]) {
                maskByPhrase[p] |= 1L << g;
            }
        }
    }

    /** Feature names, in the order of {@link #extract}. */
    List<String> names() {
        List<String> out = new ArrayList<>(size());
        out.add(RULES_SCORE);
        out.add(AGAINST_SCORE);
        for (String g : groupNames) {
            for (String k : GROUP_KINDS) {
                out.add(g + k);
            }
        }
        for (String r : ruleNames) {
            for (String k : RULE_KINDS) {
                out.add(r + k);
            }
        }
        return out;
    }

    /**
     * Per feature ({@link #names} order), the direction the definitions give it: +1 for the rules'
     * score, a {@code together} rule and a group said in one (evidence for), -1 for the score
     * against, an {@code against} rule and a group said only in those (excluded contexts), 0 for a
     * group in no rule.
     */
    int[] signs() {
        int[] out = new int[size()];
        out[0] = 1;
        out[1] = -1;
        long forGroups = 0;
        long againstGroups = 0;
        for (int r = 0; r < ruleNames.length; r++) {
            if (ruleSign[r] > 0) {
                forGroups |= ruleMasks[r];
            } else {
                againstGroups |= ruleMasks[r];
            }
        }
        int k = SCORES;
        for (int g = 0; g < groupNames.length; g++) {
            long bit = 1L << g;
            int sign = (forGroups & bit) != 0 ? 1 : (againstGroups & bit) != 0 ? -1 : 0;
            for (int j = 0; j < GROUP_KINDS.length; j++) {
                out[k++] = sign;
            }
        }
        for (int r = 0; r < ruleNames.length; r++) {
            for (int j = 0; j < RULE_KINDS.length; j++) {
                out[k++] = ruleSign[r];
            }
        }
        return out;
    }

    int size() {
        return SCORES
                + groupNames.length * GROUP_KINDS.length
                + ruleNames.length * RULE_KINDS.length;
    }

    /** Where each group and rule was found: what the features are computed from. */
    static final class Found {
        final long leadMask;
        final int[] paragraphs;
        final int[] ruleParagraphs;
        final int[] ruleFirstPosition;
        final boolean[] ruleLead;
        final int bodyParagraphs;

        Found(
                long leadMask,
                int[] paragraphs,
                int[] ruleParagraphs,
                int[] ruleFirstPosition,
                boolean[] ruleLead,
                int bodyParagraphs) {
            this.leadMask = leadMask;
            this.paragraphs = paragraphs;
            this.ruleParagraphs = ruleParagraphs;
            this.ruleFirstPosition = ruleFirstPosition;
            this.ruleLead = ruleLead;
            this.bodyParagraphs = bodyParagraphs;
        }
    }

    Found find(PhraseIndex.Hits hits, Paragraphs body) {
        int groups = groupNames.length;
        int rules = ruleNames.length;
        int[] paragraphs = new int[groups];
        int[] lastParagraph = new int[groups];
        java.util.Arrays.fill(lastParagraph, -1);
        int[] ruleParagraphs = new int[rules];
        int[] ruleFirst = new int[rules];
        java.util.Arrays.fill(ruleFirst, -1);
        boolean[] ruleLead = new boolean[rules];
        long titleMask = 0;
        long subtitleMask = 0;
        long leadMask = 0;
        long paragraphMask = 0;
        int paragraph = -1;
        int paragraphStart = 0;
        int title = ArticleField.TITLE.ordinal();
        int subtitle = ArticleField.SUBTITLE.ordinal();
        for (int h = 0; h < hits.size; h++) {
            long m = maskByPhrase[hits.hitPhrase[h]];
            if (m == 0) {
                continue;
            }
            int field = hits.hitField[h];
            if (field == title) {
                titleMask |= m;
                continue;
            }
            if (field == subtitle) {
                subtitleMask |= m;
                continue;
            }
            int p = body.of(hits.hitChar[h]);
            if (p != paragraph) {
                closeParagraph(
                        paragraphMask,
                        paragraph,
                        paragraphStart,
                        ruleParagraphs,
                        ruleFirst,
                        ruleLead);
                paragraph = p;
                paragraphStart = body.start(p);
                paragraphMask = 0;
            }
            paragraphMask |= m;
            if (p < LEAD_PARAGRAPHS) {
                leadMask |= m;
            }
            for (long bits = m; bits != 0; bits &= bits - 1) {
                int g = Long.numberOfTrailingZeros(bits);
                if (lastParagraph[g] != p) {
                    lastParagraph[g] = p;
                    paragraphs[g]++;
                }
            }
        }
        closeParagraph(
                paragraphMask, paragraph, paragraphStart, ruleParagraphs, ruleFirst, ruleLead);
        long heading = titleMask | subtitleMask;
        for (int r = 0; r < rules; r++) {
            if ((titleMask & ruleMasks[r]) == ruleMasks[r]
                    || (subtitleMask & ruleMasks[r]) == ruleMasks[r]) {
                ruleLead[r] = true;
            }
        }
        return new Found(
                heading | leadMask, paragraphs, ruleParagraphs, ruleFirst, ruleLead, body.count());
    }

    private void closeParagraph(
            long mask,
            int paragraph,
            int start,
            int[] ruleParagraphs,
            int[] ruleFirst,
            boolean[] ruleLead) {
        if (paragraph < 0) {
            return;
        }
        for (int r = 0; r < ruleMasks.length; r++) {
            if ((mask & ruleMasks[r]) == ruleMasks[r]) {
                ruleParagraphs[r]++;
                if (ruleFirst[r] < 0) {
                    ruleFirst[r] = start;
                }
                if (paragraph < LEAD_PARAGRAPHS) {
                    ruleLead[r] = true;
                }
            }
        }
    }

    /** The feature vector of {@link #names()}. */
    double[] extract(Found f) {
        double[] x = new double[size()];
        x[0] = rulesScore(f, 1);
        x[1] = rulesScore(f, -1);
        int k = SCORES;
        double paragraphs = Math.max(1, f.bodyParagraphs);
        for (int g = 0; g < groupNames.length; g++) {
            long bit = 1L << g;
            x[k++] = (f.leadMask & bit) != 0 ? 1 : 0;
            x[k++] = Math.min(f.paragraphs[g], PARAGRAPH_CAP) / (double) PARAGRAPH_CAP;
            x[k++] = Math.min(1, f.paragraphs[g] / paragraphs);
        }
        for (int r = 0; r < ruleNames.length; r++) {
            x[k++] = f.ruleLead[r] ? 1 : 0;
            x[k++] = Math.min(f.ruleParagraphs[r], PARAGRAPH_CAP) / (double) PARAGRAPH_CAP;
            x[k++] = f.ruleParagraphs[r] >= 2 ? 1 : 0;
            x[k++] = Math.min(1, f.ruleParagraphs[r] / paragraphs);
        }
        return x;
    }

    /**
     * The rules' score: per rule, 1 when it holds in the headline or lead, plus the paragraphs
     * where it holds (up to {@value #SCORE_PARAGRAPHS}) over {@value #SCORE_PARAGRAPHS}; summed
     * over the {@code together} rules ({@code sign} 1) or the {@code against} rules ({@code sign}
     * -1). What a news topic with few examples rests on.
     */
    double rulesScore(Found f, int sign) {
        double score = 0;
        for (int r = 0; r < ruleNames.length; r++) {
            if (ruleSign[r] == sign) {
                score += ruleValue(f, r);
            }
        }
        return score;
    }

    /** One rule's unsigned share of {@link #rulesScore}. */
    double ruleValue(Found f, int r) {
        return (f.ruleLead[r] ? 1 : 0)
                + Math.min(f.ruleParagraphs[r], SCORE_PARAGRAPHS) / (double) SCORE_PARAGRAPHS;
    }

    /** Group index of feature {@code k}, or -1 for a rule feature or a rules' score. */
    int groupOf(int k) {
        int g = (k - SCORES) / GROUP_KINDS.length;
        return k >= SCORES && g < groupNames.length ? g : -1;
    }

    /** Rule index of feature {@code k}, or -1 for a group feature or a rules' score. */
    int ruleOf(int k) {
        int r = k - SCORES - groupNames.length * GROUP_KINDS.length;
        return r < 0 ? -1 : r / RULE_KINDS.length;
    }

    int[] phrasesOf(int group) {
        return groupPhrases[group];
    }

    /** The body's paragraphs: the start offset of each non-blank line. */
    static final class Paragraphs {
        static final Paragraphs NONE = new Paragraphs(new int[0], true);

        private final int[] starts;
        private final boolean brief;

        private Paragraphs(int[] starts, boolean brief) {
            this.starts = starts;
            this.brief = brief;
        }

        /**
         * A body of fewer than {@value #MIN_LINES} lines and at most {@value #BRIEF_WORDS} words (a
         * feed item's description, a wire short): classified by a news topic's brief model when it
         * has one.
         */
        boolean brief() {
            return brief;
        }

        static Paragraphs of(String body) {
            if (body == null || body.isEmpty()) {
                return NONE;
            }
            int[] starts = new int[16];
            int n = 0;
            int len = body.length();
            int i = 0;
            while (i < len) {
                int end = body.indexOf('\n', i);
                if (end < 0) {
                    end = len;
                }
                boolean blank = true;
                for (int c = i; c < end && blank; c++) {
                    blank = Character.isWhitespace(body.charAt(c));
                }
                if (!blank) {
                    if (n == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i;
                }
                i = end + 1;
            }
            if (n < MIN_LINES) {
                return sentences(body);
            }
            return new Paragraphs(java.util.Arrays.copyOf(starts, n), false);
        }

        /**
         * A body of one or two lines (a feed's description, a wire short, text whose line breaks
         * were lost) is read sentence by sentence: a sentence ends at '.', '!' or '?' (perhaps
         * followed by a closing quote) before white space and a capital letter or opening quote.
         */
        private static Paragraphs sentences(String body) {
            int[] starts = new int[16];
            int n = 0;
            int len = body.length();
            int i = 0;
            while (i < len && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i < len) {
                starts[n++] = i;
            }
            for (; i < len; i++) {
                char c = body.charAt(i);
                if (c != '.' && c != '!' && c != '?' && c != '\n') {
                    continue;
                }
                int j = i + 1;
                while (j < len && isClosingQuote(body.charAt(j))) {
                    j++;
                }
                int k = j;
                while (k < len && Character.isWhitespace(body.charAt(k))) {
                    k++;
                }
                if (k == j || k >= len) {
                    continue;
                }
                char next = body.charAt(k);
                if (Character.isUpperCase(next) || isOpeningQuote(next) || c == '\n') {
                    if (n == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = k;
                    i = k - 1;
                }
            }
            return new Paragraphs(java.util.Arrays.copyOf(starts, n), words(body) <= BRIEF_WORDS);
        }

        private static int words(String body) {
            int words = 0;
            boolean inWord = false;
            for (int i = 0; i < body.length() && words <= BRIEF_WORDS; i++) {
                boolean space = Character.isWhitespace(body.charAt(i));
                words += !space && !inWord ? 1 : 0;
                inWord = !space;
            }
            return words;
        }

        private static boolean isClosingQuote(char c) {
            return c == '"' || c == '\'' || c == '\u201d' || c == '\u2019' || c == ')';
        }

        private static boolean isOpeningQuote(char c) {
            return c == '"' || c == '\'' || c == '\u201c' || c == '\u2018';
        }

        int count() {
            return starts.length;
        }

        int start(int paragraph) {
            return paragraph < starts.length ? starts[paragraph] : 0;
        }

        /** The paragraph holding character {@code offset}. */
        int of(int offset) {
            int i = java.util.Arrays.binarySearch(starts, offset);
            return i >= 0 ? i : Math.max(0, -i - 2);
        }
    }
}
