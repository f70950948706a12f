package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.testkit.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same article saved in other forms gets the same news topics: the held-out probes ({@code
 * eval/check-probes}) with Windows line ends, with their punctuation as HTML character references
 * (text saved from a page's source), with no-break spaces, and with the headline in capitals. The
 * parser and the tokeniser, not the model, make this hold.
 */
class FileFormsTest {

    private static final NewsTopicClassifier CLASSIFIER =
            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(null));
    private static final ArticleFileParser PARSER = new ArticleFileParser();

    private static final Map<String, UnaryOperator<String>> FORMS =
            Map.of(
                    "Windows line ends",
                    t -> t.replace("\n", "\r\n"),
                    "character references",
                    t ->
                            t.replace("&", "&amp;")
                                    .replace("'", "&#39;")
                                    .replace("\u2019", "&rsquo;")
                                    .replace("\"", "&quot;"),
                    "no-break spaces",
                    t -> t.replace(' ', '\u00a0'),
                    "headline in capitals",
                    t -> {
                        int end = t.indexOf('\n');
                        return end < 0 ? t : t.substring(0, end).toUpperCase() + t.substring(end);
                    });

    @Test
    void anArticleInAnotherFormGetsTheSameNewsTopics() throws Exception {
        List<Path> probes;
        try (Stream<Path> files = Files.list(SharedData.repoDir().resolve("eval/check-probes"))) {
            probes = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(probes).hasSizeGreaterThan(200);

        List<String> changed = new ArrayList<>();
        for (Path probe : probes) {
            String text = Files.readString(probe, StandardCharsets.UTF_8);
            Set<String> asWritten = newsTopics(text, probe);
            FORMS.forEach(
                    (form, rewrite) -> {
                        Set<String> other = newsTopics(rewrite.apply(text), probe);
                        if (!other.equals(asWritten)) {
                            changed.add(probe.getFileName() + " " + form + ": " + other);
                        }
                    });
        }
        assertThat(changed).isEmpty();
    }

    private static Set<String> newsTopics(String text, Path file) {
        try {
            ParsedArticle a =
                    PARSER.parse(
                            text.getBytes(StandardCharsets.UTF_8),
                            ArticleHints.fromSource(file.getFileName().toString()));
            ArticleText article = new ArticleText(a.title(), a.subtitle(), a.body());
            return new TreeSet<>(CLASSIFIER.classify(article).matched());
        } catch (ArticleParseException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
