package io.newsstream.local;

import io.newsstream.common.article.ParsedArticle;
import io.newsstream.common.config.ConfigException;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.training.ArticleInputs;
import io.newsstream.producer.ProducerApp;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.SourceItem;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./newsstream topics explain} reads its inputs as {@code ./newsstream publish} would:
 * article files, RSS and Atom feeds item by item, directories of them ({@code
 * producer.file-pattern}) and http(s) URLs, with the producer's settings from the environment
 * ({@code NEWSSTREAM_*}: feed types, linked pages, size limit). Nothing is published. Registered
 * for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 */
public final class ProducerArticleInputs implements ArticleInputs {

    private final ProducerAppConfig config;

    /** With the producer's settings from the environment, as the pipeline's producer has them. */
    public ProducerArticleInputs() {
        this(ProducerAppConfig.load(null, Map.of(), System.getenv()));
    }

    ProducerArticleInputs(ProducerAppConfig config) {
        this.config = config;
    }

    @Override
    public void read(List<String> inputs, Consumer<Input> each) {
        DocumentSource documents;
        try {
            documents = ProducerApp.documents(config, inputs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        try (DocumentSource source = documents) {
            for (SourceItem item : source) {
                if (item instanceof SourceItem.Parsed p) {
                    each.accept(Input.read(name(p), text(p.article())));
                } else if (item instanceof SourceItem.Rejected r) {
                    each.accept(Input.rejected(r.origin(), r.reason()));
                }
            }
        }
    }

    /** A feed's entry by its origin and headline; an article file by its path. */
    private static String name(SourceItem.Parsed p) {
        return p.origin().contains("#")
                ? p.origin() + "  \"" + p.article().title() + "\""
                : p.origin();
    }

    private static ArticleText text(ParsedArticle a) {
        return new ArticleText(a.title(), a.subtitle(), a.body());
    }
}
