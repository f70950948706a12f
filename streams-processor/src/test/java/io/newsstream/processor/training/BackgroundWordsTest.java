package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.BackgroundWords;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled word counts ({@link BackgroundWords#RESOURCE}) are what the Reuters-21578 stories
 * make. Regenerate them after changing how words are counted:
 *
 * <pre>
 * ./mvnw -pl streams-processor test -Dtest=BackgroundWordsTest -Dnewsstream.regenerate=true
 * </pre>
 */
class BackgroundWordsTest {

    @TempDir Path dir;

    @Test
    void theBundledCountsAreTheReutersStories() throws IOException {
        List<String> stories =
                Examples.fromReuters(SharedData.reuters(), 1, 0).stream()
                        .map(e -> e.text().title() + "\n" + e.text().body())
                        .toList();
        Path made = dir.resolve("background-words.tsv");
        BackgroundWords.count(stories).write(made);

        Path bundled =
                SharedData.repoDir()
                        .resolve(
                                "streams-processor/src/main/resources/" + BackgroundWords.RESOURCE);
        if (Boolean.getBoolean("newsstream.regenerate")) {
            Files.copy(made, bundled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(made).hasSameTextualContentAs(bundled);
    }

    @Test
    void countsEachWordOnceAStoryAndKnowsHowCommonItIs() {
        BackgroundWords bundled = BackgroundWords.bundled();

        assertThat(bundled.share("said")).isGreaterThan(0.5);
        assertThat(bundled.share("waziristan")).isZero();
        assertThat(BackgroundWords.words("Pakistan's U.S.-backed drone-strikes"))
                .containsExactly("pakistan", "u", "s", "backed", "drone", "strikes");
    }
}
