package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest {

    @TempDir Path dir;

    private static List<Path> pollUntil(DirectoryWatcher watcher, int wanted) throws Exception {
        List<Path> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (out.size() < wanted && System.nanoTime() < deadline) {
            out.addAll(watcher.poll(Duration.ofMillis(100)));
        }
        return out;
    }

    @Test
    void aNewMatchingFileIsHandedOutOnceItHasSettledAndOthersAreIgnored() throws Exception {
        try (DirectoryWatcher watcher =
                new DirectoryWatcher(List.of(dir), "*.{txt,rss}", Duration.ofMillis(200))) {
            Files.writeString(dir.resolve("new-article.txt"), "Headline\n\nBody text.");
            Files.writeString(dir.resolve("notes.md"), "not an input");
            Files.writeString(dir.resolve(".hidden.txt"), "hidden");

            List<Path> arrived = pollUntil(watcher, 1);
            // Nothing more arrives afterwards.
            arrived.addAll(watcher.poll(Duration.ofMillis(600)));
            arrived.addAll(watcher.poll(Duration.ofMillis(300)));

            assertThat(arrived).containsExactly(dir.resolve("new-article.txt"));
            assertThat(watcher.hasPending()).isFalse();
        }
    }
}
