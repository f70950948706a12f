package io.newsstream.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key-value state on in-memory stores: entry order, bound per key, retention, sweep. */
class KeyValueDedupStateTest {

    private static final long RETENTION = Duration.ofDays(30).toMillis();
    private static final long T0 = 1_768_032_000_000L; // 2026-01-10T08:00:00Z
    private static final long DAY = Duration.ofDays(1).toMillis();

    private KeyValueStore<Integer, byte[]> index;
    private KeyValueStore<Integer, byte[]> articles;
    private KeyValueDedupState state;

    @BeforeEach
    void setUp() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        index = store("index");
        articles = store("articles");
        index.init(context.getStateStoreContext(), index);
        articles.init(context.getStateStoreContext(), articles);
        state = new KeyValueDedupState(index, articles, RETENTION, 4);
    }

    private static KeyValueStore<Integer, byte[]> store(String name) {
        return Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.Integer(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
    }

    @Test
    void keepsTheNewestHandlesOfAKeyNewestFirstWhateverTheArrivalOrder() {
        state.index(7, 1, T0 + DAY);
        state.index(7, 2, T0 + 3 * DAY);
        state.index(7, 3, T0 + 2 * DAY); // out of order
        state.index(7, 4, T0 + 5 * DAY);
        state.index(7, 5, T0 + 4 * DAY);
        state.index(7, 6, T0); // older than the four kept: not stored

        assertThat(state.handles(7, T0 + 5 * DAY, 4)).containsExactly(4, 5, 2, 3);
        assertThat(state.handles(7, T0 + 5 * DAY, 2)).containsExactly(4, 5);
        assertThat(index.get(7)).hasSize(4 * KeyValueDedupState.INDEX_ENTRY_BYTES);
        assertThat(state.handles(8, T0, 4)).isEmpty();
    }

    @Test
    void indexesAHandleOnceWhenItIsStoredAgain() {
        state.index(7, 1, T0);
        state.index(7, 2, T0 + DAY);
        state.index(7, 1, T0 + 2 * DAY);

        assertThat(state.handles(7, T0 + 2 * DAY, 4)).containsExactly(1, 2);
    }

    @Test
    void ignoresEntriesOutsideTheRetentionOfTheLookUpBothWays() {
        state.index(7, 1, T0);
        state.store(1, new StoredArticle("a", new byte[MinHasher.SIGNATURE_BYTES], 5L), T0);

        assertThat(state.handles(7, T0 + RETENTION, 4)).containsExactly(1);
        assertThat(state.article(1, T0 + RETENTION).id()).isEqualTo("a");
        assertThat(state.article(1, T0 - RETENTION).numbersMask()).isEqualTo(5L);
        assertThat(state.handles(7, T0 + RETENTION + 1000, 4)).isEmpty();
        assertThat(state.article(1, T0 + RETENTION + 1)).isNull();
        assertThat(state.article(1, T0 - RETENTION - 1)).isNull();
    }

    @Test
    void sweepsExpiredEntriesAndEmptyKeys() {
        state.index(7, 1, T0);
        state.index(7, 2, T0 + 10 * DAY);
        state.index(8, 1, T0);
        state.store(1, new StoredArticle("a", new byte[MinHasher.SIGNATURE_BYTES], 0L), T0);
        state.store(
                2, new StoredArticle("b", new byte[MinHasher.SIGNATURE_BYTES], 0L), T0 + 10 * DAY);

        long cutOff = T0 + 5 * DAY;
        assertThat(KeyValueDedupState.indexSweeper(index).sweepAll(cutOff)).isEqualTo(2);
        assertThat(KeyValueDedupState.articleSweeper(articles).sweepAll(cutOff)).isEqualTo(1);

        assertThat(index.get(8)).isNull();
        assertThat(state.handles(7, T0 + 10 * DAY, 4)).containsExactly(2);
        assertThat(articles.get(1)).isNull();
        assertThat(state.article(2, T0 + 10 * DAY).id()).isEqualTo("b");
        assertThat(KeyValueDedupState.indexSweeper(index).sweepAll(cutOff)).isZero();
    }
}
