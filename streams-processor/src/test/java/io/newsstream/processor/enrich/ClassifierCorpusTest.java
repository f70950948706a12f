package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.testkit.ReutersCorpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled definitions on a real newswire corpus that is about none of the news topics
 * (Reuters-21578, 1987, from {@code ../shared/eval}): nothing may match, and classifying stays
 * cheap.
 */
class ClassifierCorpusTest {

    private static final NewsTopicClassifier CLASSIFIER =
            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault());

    @Test
    void matchesNothingInThousandsOfUnrelatedNewswireStories() throws IOException {
        List<ArticleText> stories = reuters();
        assertThat(stories).hasSizeGreaterThan(3000);

        List<String> matched = new ArrayList<>();
        for (ArticleText story : stories) {
            Classification c = CLASSIFIER.classify(story);
            if (!c.matched().isEmpty()) {
                matched.add(story.title() + " -> " + c.matched());
            }
        }

        assertThat(matched).isEmpty();
    }

    @Test
    void classifiesASeedSizedArticleInWellUnderAMillisecond() {
        ArticleText afp =
                SeedArticles.read("afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt");
        for (int i = 0; i < 20_000; i++) { // warm up the JIT
            CLASSIFIER.classify(afp);
        }
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            CLASSIFIER.classify(afp);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;

        // ~25-50 us measured on the shared 2-core build machine; the bound only catches
        // accidental blow-ups (a regex per phrase, quadratic matching) without flaking on noise.
        assertThat(micros)
                .as("microseconds per %d-char article", afp.body().length())
                .isLessThan(500);
    }

    /** The Reuters stories that have a body (a title alone says too little to test). */
    private static List<ArticleText> reuters() {
        return ReutersCorpus.read().stream()
                .filter(d -> !d.body().isBlank())
                .map(d -> new ArticleText(d.title(), null, d.body()))
                .toList();
    }
}
