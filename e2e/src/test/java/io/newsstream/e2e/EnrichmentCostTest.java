package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.processor.enrich.GazetteerEntityExtractor;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.RuleAttributionExtractor;
import io.newsstream.producer.publish.RawArticles;
import io.newsstream.schemas.event.RawArticle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU time of the whole enrichment (news topics with the trained model, entities, attributions,
 * content hash) per article of the performance harness's own mix ({@link PerfArticles}: ~4 KiB
 * articles, 5% per news topic built on its seed, 10% near-duplicates, the rest Reuters stories),
 * each read by the producer's parser, as the cost target is stated. CPU time of the calling
 * thread, not wall time: a shared machine's waiting for a core is left out. Prints the figure;
 * asserts nothing about speed.
 *
 * <pre>
 * ./mvnw -pl e2e -am test -Dtest=EnrichmentCostTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 */
class EnrichmentCostTest {

    private static final int ARTICLES = 3_000;
    private static final int ROUNDS = 7;

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void cpuTimePerArticleOfTheHarnessMix() throws Exception {
        PerfArticles mix = PerformanceHarnessIT.articles(17, "cost");
        ArticleFileParser parser = new ArticleFileParser();
        Instant fetched = Instant.parse("2026-12-06T00:00:00Z");
        List<RawArticle> articles = new ArrayList<>();
        long chars = 0;
        for (int i = 0; i < ARTICLES; i++) {
            PerfArticles.Article a = mix.next();
            RawArticle raw =
                    RawArticles.from(
                            parser.parse(a.text(), ArticleHints.fromSource(a.fileName())),
                            "file",
                            "article-file",
                            fetched);
            chars += raw.getBody().length();
            articles.add(raw);
        }
        ArticleEnricher enricher =
                new ArticleEnricher(
                        NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault()),
                        GazetteerEntityExtractor.loadDefault(),
                        RuleAttributionExtractor.loadDefault(),
                        Clock.systemUTC());

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int matched = 0;
        for (RawArticle a : articles) { // warm-up
            matched += enricher.enrich(a).getMatchedNewsTopics().isEmpty() ? 0 : 1;
        }
        double[] rounds = new double[ROUNDS];
        double[] yardstick = new double[ROUNDS];
        long letters = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long start = mx.getCurrentThreadCpuTime();
            for (RawArticle a : articles) {
                enricher.enrich(a);
            }
            rounds[r] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / ARTICLES;
            start = mx.getCurrentThreadCpuTime();
            for (RawArticle a : articles) {
                letters += letters(a.getTitle()) + letters(a.getBody());
            }
            yardstick[r] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / ARTICLES;
        }
        Arrays.sort(rounds);
        Arrays.sort(yardstick);

        System.out.printf(
                "cpu time enrichment, harness mix %8.1f us/article median of %d rounds (min %.1f,"
                        + " max %.1f; %d articles, mean body %d chars, %d with a news topic)%n",
                rounds[ROUNDS / 2],
                ROUNDS,
                rounds[0],
                rounds[ROUNDS - 1],
                ARTICLES,
                chars / ARTICLES,
                matched);
        // The same figure on a machine twice as slow is twice as large: the yardstick says which.
        System.out.printf(
                "yardstick: one plain pass over the same text, counting letters %8.1f us/article"
                        + " median (%d letters); the enrichment costs %.1f such passes%n",
                yardstick[ROUNDS / 2],
                letters / ROUNDS / ARTICLES,
                rounds[ROUNDS / 2] / yardstick[ROUNDS / 2]);
        assertThat(matched).as("the mix's news-topic articles are classified").isPositive();
    }

    private static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += Character.isLetter(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }
}
