package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.training.ArticleInputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./newsstream topics explain} on a feed: each item explained as the producer would publish
 * it, an item it would refuse named with the reason, nothing published.
 */
class TopicsExplainFeedTest {

    private static final String FEED =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Frontier desk</title>
            <link>https://news.example/</link><description>test feed</description>
            <item><title>Drone strike kills four militants in North Waziristan</title>
            <link>https://news.example/drone</link><guid>drone-1</guid>
            <description><![CDATA[<p>A US drone strike killed four militants in a compound
            near Miranshah in North Waziristan on Sunday, Pakistani security officials said.</p>]]>
            </description></item>
            <item><title>Peshawar schools reopen after the winter break</title>
            <link>https://news.example/schools</link><guid>schools-1</guid>
            <description>Schools in Peshawar reopened on Monday after a three-week winter
            break, the education department said.</description></item>
            <item><guid isPermaLink="false">nothing-1</guid></item>
            </channel></rss>
            """;

    @TempDir Path dir;

    @Test
    void theCommandLineReadsFeedsWithTheProducersReaders() {
        assertThat(ArticleInputs.load()).isInstanceOf(ProducerArticleInputs.class);
    }

    @Test
    void explainsEachItemOfAFeedAndNamesTheOneTheProducerWouldRefuse() throws Exception {
        Path feed = Files.writeString(dir.resolve("frontier.rss"), FEED);
        Files.writeString(
                dir.resolve("article.txt"),
                "Polio drive in Quetta\n\nThe vaccination teams will visit every house.\n");

        String out = explain(dir.toString());

        assertThat(out)
                .contains(
                        feed
                                + "#drone-1  \"Drone strike kills four militants in North"
                                + " Waziristan\"  primary: joint-strikes  (brief: decided by the"
                                + " brief models)")
                .contains(
                        feed
                                + "#schools-1  \"Peshawar schools reopen after the winter break\""
                                + "  no news topic")
                .containsPattern("frontier\\.rss#nothing-1: NO_TITLE: .*neither a title nor a link")
                .contains(dir.resolve("article.txt") + "  no news topic")
                .contains("1 input(s) not read as articles");
        assertThat(out.lines().filter(l -> l.contains("matched  joint-strikes")).count())
                .isEqualTo(1);
    }

    private static String explain(String... inputs) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String[] args =
                    java.util.stream.Stream.concat(
                                    java.util.stream.Stream.of("topics", "explain"),
                                    List.of(inputs).stream())
                            .toArray(String[]::new);
            int exit = new CommandLine(new Newsstream()).execute(args);
            assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo(1);
            return printed.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(stdout);
        }
    }
}
