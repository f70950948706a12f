package io.newsstream.common.article;

import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo seed articles of the repository ({@code demo/seeds}), byte for byte. */
final class Seeds {
    static final String EXPRESS_TRIBUNE =
            "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt";
    static final String AFP = "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt";
    static final String VOA = "voa-2021-10-pakistan-us-airspace-talks.txt";

    private Seeds() {}

    static Path dir() {
        return SharedData.seeds();
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Seed " + name + " not found under " + dir(), e);
        }
    }

    static ParsedArticle parse(String name) throws ArticleParseException {
        return new ArticleFileParser().parse(bytes(name), ArticleHints.fromSource(name));
    }
}
