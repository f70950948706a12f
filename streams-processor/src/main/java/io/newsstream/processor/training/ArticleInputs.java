package io.newsstream.processor.training;

import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.config.ConfigException;
import io.newsstream.processor.enrich.ArticleText;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * What {@code topics explain} reads its inputs with. On its own the processor reads article files
 * ({@link #ARTICLE_FILES}); the {@code ./newsstream} command line provides one through {@link
 * ServiceLoader} that reads them as the producer does, feeds item by item and http(s) URLs too, so
 * that an editor sees why each item of a new feed would get, or miss, each news topic before
 * publishing it.
 */
public interface ArticleInputs {

    /**
     * One article read from an input, or the reason it could not be.
     *
     * @param name where it came from, as the producer names it (a path; a feed's entries: the
     *     feed's path or URL, {@code #} and the entry's key)
     * @param text the article, or {@code null} when rejected
     * @param rejection why the producer would not publish it, or {@code null}
     */
    record Input(String name, ArticleText text, String rejection) {

        public static Input read(String name, ArticleText text) {
            return new Input(name, text, null);
        }

        public static Input rejected(String name, String rejection) {
            return new Input(name, null, rejection);
        }
    }

    /**
     * Hands every article of the inputs to {@code each}, in order, as it is read (a feed of many
     * items, or pages fetched for them, shows its first results at once).
     *
     * @throws ConfigException naming an input that does not exist
     */
    void read(List<String> inputs, Consumer<Input> each);

    /**
     * Article files and directories searched for {@code .txt} ones, read by {@link Examples}; a URL
     * or a feed file ({@code .rss}, {@code .atom}, {@code .xml}) is refused, not read as one
     * article.
     */
    ArticleInputs ARTICLE_FILES =
            (inputs, each) -> {
                for (String input : inputs) {
                    if (input.matches("(?i)https?://.*|.*\\.(rss|atom|xml)")) {
                        throw new ConfigException(
                                input
                                        + ": URLs and feeds are read by ./newsstream topics"
                                        + " explain; here give article files");
                    }
                    for (Path f : Examples.articleFiles(Path.of(input))) {
                        try {
                            each.accept(Input.read(f.toString(), Examples.parseArticle(f)));
                        } catch (ArticleParseException e) {
                            each.accept(Input.rejected(f.toString(), Examples.refusal(e)));
                        }
                    }
                }
            };

    /** The reader the class path provides, else {@link #ARTICLE_FILES}. */
    static ArticleInputs load() {
        return ServiceLoader.load(ArticleInputs.class).findFirst().orElse(ARTICLE_FILES);
    }
}
