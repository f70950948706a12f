package io.newsstream.processor.training;

import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.config.ConfigException;
import io.newsstream.processor.enrich.ArticleText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

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
     * Every article of the inputs, in order.
     *
     * @throws ConfigException naming an input that does not exist
     */
    List<Input> read(List<String> inputs);

    /** Article files and directories searched for {@code .txt} ones, read by {@link Examples}. */
    ArticleInputs ARTICLE_FILES =
            inputs -> {
                List<Input> out = new ArrayList<>();
                for (String input : inputs) {
                    if (input.matches("(?i)https?://.*")) {
                        throw new ConfigException(
                                input
                                        + ": URLs and feeds are read by ./newsstream topics"
                                        + " explain; here give article files");
                    }
                    for (Path f : Examples.articleFiles(Path.of(input))) {
                        try {
                            out.add(Input.read(f.toString(), Examples.parseArticle(f)));
                        } catch (ArticleParseException e) {
                            out.add(Input.rejected(f.toString(), Examples.refusal(e)));
                        }
                    }
                }
                return out;
            };

    /** The reader the class path provides, else {@link #ARTICLE_FILES}. */
    static ArticleInputs load() {
        return ServiceLoader.load(ArticleInputs.class).findFirst().orElse(ARTICLE_FILES);
    }
}
