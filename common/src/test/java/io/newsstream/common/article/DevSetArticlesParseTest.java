package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real coverage the parser was not written from: every article of the labelled dev set ({@code
 * ../shared/eval/topics-dev}, CNN 2007-2015 and Dawn/APP 2025) is an article, headline included.
 * CNN's headlines there are editors' highlights, often with a title and a name ("Adm. Mike Mullen
 * said ..."), which must not read as two sentences of body text.
 */
class DevSetArticlesParseTest {

    @Test
    void everyArticleOfTheDevSetParsesWithItsHeadline() throws IOException {
        Path dev = SharedData.require("eval/topics-dev");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dev)) {
            files =
                    walk.filter(f -> f.toString().endsWith(".txt"))
                            .filter(f -> !f.getFileName().toString().startsWith("README"))
                            .sorted()
                            .toList();
        }
        List<String> rejected = new ArrayList<>();
        ArticleFileParser parser = new ArticleFileParser();
        for (Path f : files) {
            try {
                ParsedArticle a = parser.parse(Files.readAllBytes(f), ArticleHints.NONE);
                assertThat(a.title()).as(f.toString()).isNotBlank();
                // a page's title saved as the headline loses the site's name and the section
                assertThat(a.title()).as(f.toString()).doesNotContain("DAWN.COM");
                assertThat(a.body()).as(f.toString()).doesNotContain("adsbygoogle");
                if (f.getParent().getFileName().toString().equals("dawn")) {
                    // written one paragraph per line: never read as one long paragraph
                    long lines =
                            Files.readAllLines(f).stream().filter(l -> l.length() > 200).count();
                    assertThat(a.paragraphs().size())
                            .as(f + ": paragraphs")
                            .isGreaterThanOrEqualTo((int) Math.min(lines, 3));
                }
            } catch (ArticleParseException e) {
                rejected.add(dev.relativize(f) + ": " + e.getMessage());
            }
        }
        assertThat(files).hasSizeGreaterThan(300);
        assertThat(rejected).isEmpty();
    }
}
