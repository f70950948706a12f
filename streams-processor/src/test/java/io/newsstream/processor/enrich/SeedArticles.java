package io.newsstream.processor.enrich;

import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo seed articles of the repository ({@code demo/seeds}), read with a deliberately simple
 * stand-in for the producer's parser: the title is the first non-empty line of four words or more
 * (which skips the page furniture above the VOA headline), the body is everything after it.
 */
public final class SeedArticles {

    /** Seed file name -> expected primary news topic, as the seeds' README states. */
    public static final Map<String, String> EXPECTED =
            Map.of(
                    "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt",
                    "joint-strikes",
                    "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt",
                    "intel-chief-visit",
                    "voa-2021-10-pakistan-us-airspace-talks.txt",
                    "airspace-deal");

    private SeedArticles() {}

    public static Path seedsDir() {
        return SharedData.seeds();
    }

    public static ArticleText read(String fileName) {
        try {
            return parse(Files.readString(seedsDir().resolve(fileName), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read seed " + fileName + " from " + seedsDir(), e);
        }
    }

    public static ArticleText parse(String text) {
        List<String> lines = text.lines().toList();
        int t = 0;
        while (t < lines.size()
                && (lines.get(t).isBlank() || lines.get(t).trim().split("\\s+").length < 4)) {
            t++;
        }
        if (t == lines.size()) {
            return new ArticleText("", null, text);
        }
        String body = String.join("\n", lines.subList(t + 1, lines.size())).strip();
        return new ArticleText(lines.get(t).strip(), null, body);
    }
}
