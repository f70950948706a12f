package io.newsstream.processor.training;

import io.newsstream.processor.enrich.ArticleText;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One labelled article.
 *
 * @param id where it came from, for people: a path relative to its labels file or directory
 * @param text title, body
 * @param newsTopics the news topics it belongs to (empty: none of them)
 * @param borderline a careful editor could decide either way
 * @param hardNegative a kind of article the scope notes exclude, chosen to look on-topic
 * @param weighted a hard negative that weighs more in training: one its labels row marks ({@code
 *     HARD NEGATIVE}), not one known only because its file marks the random rows instead ({@link
 *     Examples#fromLabels(Path, Set)}). Every hard negative costs more where thresholds are chosen.
 * @param pool where it counts: {@link Pool#DEV} examples are cross-validated; {@link Pool#PROBE}
 *     ones (articles written from the scope notes) are always trained on and calibrate the
 *     thresholds with the dev examples, never tested; {@link Pool#BACKGROUND} ones (a large corpus
 *     of unrelated news) and {@link Pool#SCOPE} ones (the scope notes' in and out texts) are always
 *     trained on, never tested
 */
public record Example(
        String id,
        ArticleText text,
        Set<String> newsTopics,
        boolean borderline,
        boolean hardNegative,
        boolean weighted,
        Pool pool) {

    public Example {
        newsTopics = Set.copyOf(newsTopics);
    }

    /** An example whose hard negative, if it is one, is weighted. */
    public Example(
            String id,
            ArticleText text,
            Set<String> newsTopics,
            boolean borderline,
            boolean hardNegative,
            Pool pool) {
        this(id, text, newsTopics, borderline, hardNegative, hardNegative, pool);
    }

    public enum Pool {
        DEV,
        PROBE,
        BACKGROUND,
        SCOPE,
        /**
         * The lead of a dev example, probe or background story (headline and first paragraphs, what
         * a feed item carries), made by the trainer: in its article's fold, tested with it, apart
         */
        LEAD
    }

    /** A dev example or a probe: grouped by event, and what calibrates the thresholds. */
    public boolean calibrates() {
        return pool == Pool.DEV || pool == Pool.PROBE;
    }

    /** The same labelled article read another way (its lead, its text without line breaks). */
    public Example withText(ArticleText other, Pool in) {
        return new Example(id, other, newsTopics, borderline, hardNegative, weighted, in);
    }

    /**
     * What a feed item carries of this article: its headline and its first two paragraphs, as one
     * paragraph.
     */
    public Example asFeedItem() {
        String first =
                text.body()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .limit(2)
                        .collect(Collectors.joining(" "));
        return withText(new ArticleText(text.title(), null, first), Pool.LEAD);
    }

    /** This article with its body's line breaks lost, as some pages are copied (the AFP seed). */
    public Example withoutLineBreaks() {
        return withText(
                new ArticleText(
                        text.title(), text.subtitle(), text.body().replaceAll("\\s*\n\\s*", " ")),
                pool);
    }

    public boolean isPositive(String newsTopic) {
        return newsTopics.contains(newsTopic);
    }
}
