package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStateTest {

    @TempDir Path dir;

    @Test
    void savedStateIsReadBackByTheNextProcess() {
        FeedState state = FeedState.load(dir, "feed-a");
        state.markSeen("https://o.example/a");
        state.markSeen("https://o.example/feed.rss#entry with spaces");
        state.validators("\"etag-1\"", "Wed, 03 Jan 2018 14:11:52 GMT", "abc");
        state.save();

        FeedState again = FeedState.load(dir, "feed-a");

        assertThat(again.seen("https://o.example/a")).isTrue();
        assertThat(again.seen("https://o.example/feed.rss#entry with spaces")).isTrue();
        assertThat(again.seen("https://o.example/b")).isFalse();
        assertThat(again.etag()).isEqualTo("\"etag-1\"");
        assertThat(again.lastModified()).isEqualTo("Wed, 03 Jan 2018 14:11:52 GMT");
        assertThat(again.bodyHash()).isEqualTo("abc");
        assertThat(Files.exists(dir.resolve("feed-a.state.tmp"))).isFalse();
    }

    @Test
    void onlyTheMostRecentlySeenKeysAreKept() {
        FeedState state = FeedState.load(dir, "big");
        for (int i = 0; i < FeedState.MAX_SEEN + 5; i++) {
            state.markSeen("k" + i);
        }
        state.markSeen("k5"); // seen again: now the most recent

        assertThat(state.seenCount()).isEqualTo(FeedState.MAX_SEEN);
        assertThat(state.seen("k0")).isFalse();
        assertThat(state.seen("k5")).isTrue();
        assertThat(state.seen("k" + (FeedState.MAX_SEEN + 4))).isTrue();
    }
}
