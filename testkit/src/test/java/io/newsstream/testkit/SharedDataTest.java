package io.newsstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @TempDir Path dir;

    @Test
    void aMissingFolderSkipsTheTestWithOneLineNamingIt() {
        Path absent = dir.resolve("absent");

        assertThatThrownBy(
                        () ->
                                SharedData.require(
                                        "feeds",
                                        Map.of(SharedData.DIR_ENV, absent.toString()),
                                        new Properties()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("skipped, ../shared/feeds is missing")
                .hasMessageContaining(absent.resolve("feeds").toString())
                .hasMessageContaining("NEWSSTREAM_SHARED_DIR")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingFolderFailsTheTestWhenTheDataIsRequired() {
        Properties props = new Properties();
        props.setProperty(SharedData.DIR_PROPERTY, dir.resolve("absent").toString());

        assertThatThrownBy(
                        () ->
                                SharedData.require(
                                        "eval/reuters21578",
                                        Map.of(SharedData.REQUIRED_ENV, "true"),
                                        props))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAILED, ../shared/eval/reuters21578 is missing");
    }

    @Test
    void theEnvironmentVariableWinsOverThePropertyTheBuildSets() throws Exception {
        Files.createDirectories(dir.resolve("feeds"));
        Properties props = new Properties();
        props.setProperty(SharedData.DIR_PROPERTY, "/nonexistent");

        assertThat(SharedData.require("feeds", Map.of(SharedData.DIR_ENV, dir.toString()), props))
                .isEqualTo(dir.resolve("feeds"));
    }

    @Test
    void theSeedsComeFromTheRepository() {
        assertThat(SharedData.seeds().resolve("voa-2021-10-pakistan-us-airspace-talks.txt"))
                .exists();
    }
}
