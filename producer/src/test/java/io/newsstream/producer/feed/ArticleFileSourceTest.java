package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleFileSourceTest {

    private static final Path SEEDS = SharedData.seeds();

    @TempDir Path dir;

    private static List<SourceItem> readAll(ArticleSource source) {
        List<SourceItem> items = new ArrayList<>();
        source.forEach(items::add);
        return items;
    }

    @Test
    void directoryStandsForItsMatchingFilesSortedByName() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "B\n\nBody b.");
        Files.writeString(dir.resolve("a.txt"), "A\n\nBody a.");
        Files.writeString(dir.resolve("README.md"), "# not an article");
        Files.writeString(dir.resolve(".hidden.txt"), "H\n\nBody h.");
        Files.createDirectory(dir.resolve("sub.txt"));
        Path extra = Files.writeString(dir.resolve("README.md.txt"), "C\n\nBody c.");

        List<Path> files = ArticleFileSource.expand(List.of(dir, extra), "*.txt");

        assertThat(files)
                .containsExactly(
                        dir.resolve("README.md.txt"),
                        dir.resolve("a.txt"),
                        dir.resolve("b.txt"),
                        extra);
    }

    @Test
    void filesNamedDirectlyAreReadWhateverTheirName() throws IOException {
        Path md = Files.writeString(dir.resolve("notes.md"), "Notes\n\nBody.");
        assertThat(ArticleFileSource.expand(List.of(md), "*.txt")).containsExactly(md);
    }

    @Test
    void missingInputIsAClearError() {
        assertThatThrownBy(() -> ArticleFileSource.expand(List.of(dir.resolve("nope")), "*.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void readsTheSeedDirectoryAsThreeArticlesWithoutItsReadme() {
        ArticleFileSource source = ArticleFileSource.of(List.of(SEEDS), "*.txt", null);
        assertThat(source.sourceType()).isEqualTo("article-file");
        assertThat(source.expectedCount()).isEqualTo(3);
        List<SourceItem> items = readAll(source);
        assertThat(items)
                .hasSize(3)
                .allSatisfy(i -> assertThat(i).isInstanceOf(SourceItem.Parsed.class));
        assertThat(items)
                .extracting(i -> ((SourceItem.Parsed) i).article().outlet())
                .containsExactly("AFP", "The Express Tribune", "VOA");
    }

    @Test
    void configuredOutletWinsForEveryFile() {
        List<SourceItem> items =
                readAll(ArticleFileSource.of(List.of(SEEDS), "*.txt", "Seed Desk"));
        assertThat(items)
                .extracting(i -> ((SourceItem.Parsed) i).article().outlet())
                .containsOnly("Seed Desk");
    }

    @Test
    void badFilesBecomeRejectedItemsAndReadingGoesOn() throws IOException {
        Files.write(dir.resolve("1-empty.txt"), new byte[0]);
        Files.write(dir.resolve("2-binary.txt"), new byte[] {1, 0, 2, 0, 3});
        Files.writeString(dir.resolve("3-good.txt"), "Good title\n\nGood body.");

        List<SourceItem> items = readAll(ArticleFileSource.of(List.of(dir), "*.txt", null));

        assertThat(items).hasSize(3);
        assertThat(items.get(0))
                .asInstanceOf(type(SourceItem.Rejected.class))
                .satisfies(
                        r -> {
                            assertThat(r.origin())
                                    .isEqualTo(
                                            dir.resolve("1-empty.txt").toAbsolutePath().toString());
                            assertThat(r.reason()).startsWith("EMPTY:").contains("empty (0 bytes)");
                            assertThat(r.payload()).isEmpty();
                        });
        assertThat(items.get(1))
                .asInstanceOf(type(SourceItem.Rejected.class))
                .satisfies(
                        r -> {
                            assertThat(r.reason()).startsWith("UNDECODABLE:");
                            assertThat(r.payload()).containsExactly(1, 0, 2, 0, 3);
                        });
        assertThat(items.get(2))
                .asInstanceOf(type(SourceItem.Parsed.class))
                .satisfies(p -> assertThat(p.article().title()).isEqualTo("Good title"));
    }

    @Test
    void unreadableFileIsRejectedNotThrown() throws IOException {
        Path gone = Files.writeString(dir.resolve("gone.txt"), "T\n\nB.", StandardCharsets.UTF_8);
        ArticleFileSource source = ArticleFileSource.of(List.of(gone), "*.txt", null);
        Files.delete(gone);
        assertThat(readAll(source))
                .singleElement()
                .asInstanceOf(type(SourceItem.Rejected.class))
                .satisfies(
                        r -> {
                            assertThat(r.reason()).startsWith("Cannot read the file");
                            assertThat(r.payload()).isNull();
                        });
    }
}
