package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor's own reader: article files only, everything else refused with where to go. */
class ArticleInputsTest {

    @Test
    void aFeedFileOrAUrlIsRefusedNotReadAsOneArticle() {
        for (String input : List.of("feeds/dawn.rss", "alerts.ATOM", "https://o.example/feed")) {
            assertThatThrownBy(() -> ArticleInputs.ARTICLE_FILES.read(List.of(input), a -> {}))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(input)
                    .hasMessageContaining("./newsstream topics explain");
        }
    }
}
