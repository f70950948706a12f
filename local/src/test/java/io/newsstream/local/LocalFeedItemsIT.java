package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.training.Example;
import io.newsstream.processor.training.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed items through the local run, as a user's RSS feed brings them: the held-out probes ({@code
 * eval/check-probes}, never trained on) cut to their headline and first two paragraphs, published
 * as one RSS file. Each news topic must find most of its probes in the view and few of the excluded
 * kinds may get one: the news topics' brief models at work (the article models alone found 24-64%
 * of them).
 */
class LocalFeedItemsIT {

    private static final Path REPO = Path.of(System.getProperty("newsstream.repo.dir", ".."));
    private static final List<String> NEWS_TOPICS =
            List.of("airspace-deal", "intel-chief-visit", "joint-strikes");

    /** The view's columns: the news topics and the unclassified one. */
    private static final List<String> COLUMNS =
            Stream.concat(NEWS_TOPICS.stream(), Stream.of("unclassified")).toList();

    private static final String LINK = "https://probes.example/";

    @TempDir Path data;

    @Test
    void heldOutProbesAsFeedItemsReachMostlyTheirNewsTopics() throws Exception {
        List<Example> probes =
                Examples.fromLabels(
                        REPO.resolve("eval/check-probes/labels.csv"), Set.copyOf(NEWS_TOPICS));
        Path feed = data.resolve("probes.rss");
        Files.writeString(feed, rss(probes));

        Map<String, Set<String>> filed;
        try (LocalStack stack =
                new LocalStack(
                        new LocalStack.Options(
                                data.resolve("run"),
                                0,
                                REPO.resolve("demo/seeds"),
                                List.of(feed.toString())))) {
            stack.start();
            filed =
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(
                                    () -> filed(stack.httpPort()),
                                    f ->
                                            f.values().stream().mapToInt(Set::size).sum()
                                                    >= probes.size());
        }

        Set<String> seen = new HashSet<>();
        filed.values().forEach(seen::addAll);
        assertThat(seen).as("feed items in the view").hasSizeGreaterThan(probes.size() * 9 / 10);
        StringBuilder report = new StringBuilder("As feed items through the local run:\n");
        Map<String, int[]> counts = new HashMap<>(); // {positives, found, others taken}
        for (String topic : NEWS_TOPICS) {
            int[] c = new int[3];
            for (Example e : probes) {
                if (seen.contains(e.id())) {
                    boolean in = filed.get(topic).contains(e.id());
                    c[0] += e.isPositive(topic) ? 1 : 0;
                    c[1] += e.isPositive(topic) && in ? 1 : 0;
                    c[2] += !e.isPositive(topic) && in ? 1 : 0;
                }
            }
            counts.put(topic, c);
            report.append(
                    String.format(
                            "  %-18s found %d of %d, took %d others%n", topic, c[1], c[0], c[2]));
        }
        long hard = probes.stream().filter(e -> seen.contains(e.id()) && e.hardNegative()).count();
        long hardTaken =
                probes.stream()
                        .filter(e -> seen.contains(e.id()) && e.hardNegative())
                        .filter(
                                e ->
                                        NEWS_TOPICS.stream()
                                                .anyMatch(t -> filed.get(t).contains(e.id())))
                        .count();
        report.append(String.format("  hard negatives taken: %d of %d%n", hardTaken, hard));
        System.out.print(report);

        counts.forEach(
                (topic, c) -> {
                    assertThat(c[1]).as(topic + ": probes found").isGreaterThan(c[0] * 6 / 10);
                    assertThat(c[2]).as(topic + ": others taken").isLessThanOrEqualTo(c[0] / 4);
                });
        assertThat((double) hardTaken / hard).isLessThan(0.15);
    }

    /** One RSS item per probe: its headline as title, its first two paragraphs as description. */
    private static String rss(List<Example> probes) {
        StringBuilder out =
                new StringBuilder(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                                + "<title>Held-out probes</title><link>"
                                + LINK
                                + "</link><description>feed items</description>");
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (Example e : probes) {
            ArticleText lead = e.asFeedItem().text();
            at = at.plusHours(1);
            out.append("<item><title>")
                    .append(xml(lead.title()))
                    .append("</title><link>")
                    .append(LINK + e.id())
                    .append("</link><guid>")
                    .append(LINK + e.id())
                    .append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(at))
                    .append("</pubDate><description>")
                    .append(xml(lead.body()))
                    .append("</description></item>");
        }
        return out.append("</channel></rss>").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Per news topic (and unclassified), the probes filed under it, by file name. */
    private static Map<String, Set<String>> filed(int port) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        for (String topic : COLUMNS) {
            Set<String> ids = new HashSet<>();
            for (JsonNode a :
                    ViewApi.get(port, "/api/topics/" + topic + "/articles?limit=500")
                            .get("articles")) {
                String url = a.path("url").asText("");
                if (url.startsWith(LINK)) {
                    ids.add(url.substring(LINK.length()));
                }
            }
            out.put(topic, ids);
        }
        return out;
    }
}
