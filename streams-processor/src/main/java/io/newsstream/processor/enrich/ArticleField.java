package io.newsstream.processor.enrich;

/** The parts of an article the classifier reads, with the names used in evidence. */
public enum ArticleField {
    TITLE("title"),
    SUBTITLE("subtitle"),
    BODY("body");

    private final String wireName;

    ArticleField(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in {@code Evidence.field} and in the YAML {@code fieldWeights}. */
    public String wireName() {
        return wireName;
    }
}
