package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.testkit.ReutersCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness's articles are the same for the same seed, whatever order the map of seed files
 * iterates in ({@code Map.of}'s changes from one JVM to the next), so that two runs measure the
 * same input.
 */
class PerfArticlesTest {

    @Test
    void theSameSeedGivesTheSameArticlesWhateverTheSeedFilesOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        PerformanceHarnessIT.SEED_FILES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> forward.put(e.getKey(), e.getValue()));
        List<String> keys = new ArrayList<>(forward.keySet());
        Collections.reverse(keys);
        Map<String, String> backward = new LinkedHashMap<>();
        keys.forEach(k -> backward.put(k, forward.get(k)));

        assertThat(articles(forward)).isEqualTo(articles(backward));
    }

    private static List<PerfArticles.Article> articles(Map<String, String> seedFiles) {
        Path seeds = ComposeFile.repoDir().resolve("demo").resolve("seeds");
        PerfArticles mix =
                new PerfArticles(ReutersCorpus.dir(), seeds, seedFiles, 17, 0.10, 0.05, "test");
        List<PerfArticles.Article> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(mix.next());
        }
        return out;
    }
}
