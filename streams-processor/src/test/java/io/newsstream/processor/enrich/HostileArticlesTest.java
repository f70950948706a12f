package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.dedup.NearDuplicateDetector;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Raw articles that decode but carry hostile content (what a producer other than ours, or a page
 * gone wrong, can write): empty and one-character bodies, a 900 KB body, one 200,000-character
 * word, control characters, lone surrogates, right-to-left and combining text, emoji, thousands of
 * repeated phrases that the classifier and entity rules match. Each must be enriched (and
 * fingerprinted for de-duplication) without an exception; the time of each is printed, not
 * asserted, so that a pathological case shows up in the log.
 */
class HostileArticlesTest {

    private static final ArticleEnricher ENRICHER =
            new ArticleEnricher(
                    NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault()),
                    GazetteerEntityExtractor.loadDefault(),
                    RuleAttributionExtractor.loadDefault(),
                    Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyHostileArticleIsEnrichedWithoutAnException() {
        Map<String, RawArticle> cases = new LinkedHashMap<>();
        String seed = RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt").getBody();
        Random random = new Random(5);
        cases.put("empty body", RawArticles.of("empty", "Title", ""));
        cases.put("one character", RawArticles.of("one", "x", "y"));
        cases.put(
                "900 KB body",
                RawArticles.of("huge", "Huge", seed.repeat(900_000 / seed.length() + 1)));
        cases.put(
                "one 200,000-character word", RawArticles.of("word", "Word", "a".repeat(200_000)));
        StringBuilder controls = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            controls.append((char) random.nextInt(32)).append("ISI ");
        }
        cases.put(
                "control characters",
                RawArticles.of("controls", "Controls\u0000", controls.toString()));
        cases.put(
                "lone surrogates",
                RawArticles.of("surrogates", "\uD800 title", "Body \uDC00\uD800 Pakistan \uDFFF."));
        cases.put(
                "right-to-left, combining, emoji",
                RawArticles.of(
                        "rtl",
                        "\u202Eباكستان\u202C airspace",
                        "ا\u0301\u0302\u0303 \uD83D\uDE80\uD83C\uDDF5\uD83C\uDDF0 Pakistan\u200D US airspace deal."));
        cases.put(
                "repeated matching phrases",
                RawArticles.of(
                        "phrases",
                        "Airspace deal",
                        "Pakistani airspace agreement with the United States, CIA director told Reuters. "
                                .repeat(5000)));
        cases.put("dateline only", RawArticles.of("dateline", "Dateline", "ISLAMABAD (Reuters) -"));
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            noise.append((char) (0x20 + random.nextInt(0x2FF)));
        }
        cases.put("100,000 random characters", RawArticles.of("noise", "Noise", noise.toString()));
        NearDuplicateDetector detector = new NearDuplicateDetector(5, 0.5);

        List<String> timings = new ArrayList<>();
        for (Map.Entry<String, RawArticle> c : cases.entrySet()) {
            long start = System.nanoTime();
            EnrichedArticle e = ENRICHER.enrich(c.getValue());
            detector.fingerprint(c.getValue().getTitle(), c.getValue().getBody());
            long ms = (System.nanoTime() - start) / 1_000_000;
            timings.add(c.getKey() + " " + ms + " ms");

            assertThat(e.getId()).isEqualTo(c.getValue().getId());
            assertThat(e.getContentHash()).isNotBlank();
            assertThat(e.getWordCount()).isNotNegative();
        }
        System.out.println("HostileArticlesTest: " + String.join(", ", timings));
    }
}
