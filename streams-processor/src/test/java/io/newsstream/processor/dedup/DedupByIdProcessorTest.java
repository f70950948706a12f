package io.newsstream.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor alone, on string values, with explicit record timestamps. */
class DedupByIdProcessorTest {

    private static final String STORE = "dedup-test-store";
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
                .processValues(
                        DedupByIdProcessor.<String>supplier(STORE, RETENTION), Named.as("dedup"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void forwardsTheFirstRecordOfAnIdAndDropsCopiesWithinRetention() {
        in.pipeInput("a", "first", T0);
        in.pipeInput("b", "other", T0.plusSeconds(1));
        in.pipeInput("a", "re-sent", T0.plusSeconds(60));
        in.pipeInput("a", "re-sent again", T0.plus(RETENTION).minusSeconds(1));

        assertThat(out.readKeyValuesToList())
                .extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("a=first", "b=other");
    }

    @Test
    void dropsACopyThatArrivesOutOfOrderWithAnEarlierTimestamp() {
        in.pipeInput("a", "first", T0);
        in.pipeInput("a", "late copy", T0.minusSeconds(600));

        assertThat(out.readValuesToList()).containsExactly("first");
    }

    @Test
    void forwardsAnIdAgainOnceItsRetentionHasPassed() {
        in.pipeInput("a", "first", T0);
        in.pipeInput("b", "advances stream time", T0.plus(RETENTION.multipliedBy(3)));
        in.pipeInput("a", "much later", T0.plus(RETENTION.multipliedBy(3)).plusSeconds(1));

        assertThat(out.readValuesToList())
                .containsExactly("first", "advances stream time", "much later");
    }

    @Test
    void remembersEachIdOnceInItsStore() {
        in.pipeInput("a", "first", T0);
        in.pipeInput("a", "copy", T0.plusSeconds(5));

        KeyValueStore<Long, byte[]> store = driver.getKeyValueStore(STORE);
        assertThat(store.approximateNumEntries()).isEqualTo(1);
        assertThat(ByteBuffer.wrap(store.get(DedupByIdProcessor.keyOf("a"))).getLong())
                .isEqualTo(T0.toEpochMilli());
    }

    @Test
    void sweepsIdsOutOfItsStoreOnceStreamTimeHasPassedTheirRetention() {
        in.pipeInput("a", "first", T0);
        in.pipeInput("b", "second", T0.plus(RETENTION).minusSeconds(1));
        KeyValueStore<Long, byte[]> store = driver.getKeyValueStore(STORE);
        sweepAllSlices();
        assertThat(store.approximateNumEntries()).isEqualTo(2);

        in.pipeInput("c", "advances stream time", T0.plus(RETENTION).plusSeconds(1));
        sweepAllSlices();

        assertThat(store.get(DedupByIdProcessor.keyOf("a"))).isNull();
        assertThat(store.get(DedupByIdProcessor.keyOf("b"))).isNotNull();
        assertThat(store.get(DedupByIdProcessor.keyOf("c"))).isNotNull();
    }

    @Test
    void passesRecordsWithoutKey() {
        in.pipeInput(null, "no key", T0);
        in.pipeInput(null, "no key", T0);

        assertThat(out.readValuesToList()).containsExactly("no key", "no key");
    }

    @Test
    void withAVersionForwardsTheSameIdWithNewContentAndDropsVersionsAlreadySeen() {
        driver.close();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
                .processValues(
                        DedupByIdProcessor.<String>supplier(
                                STORE, RETENTION, v -> DedupByIdProcessor.contentVersion(v, "")),
                        Named.as("dedup"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-version-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());

        in.pipeInput("a", "first version", T0);
        in.pipeInput("a", "first version", T0.plusSeconds(60));
        in.pipeInput("a", "edited version", T0.plusSeconds(120));
        in.pipeInput("a", "edited version", T0.plusSeconds(180));
        in.pipeInput("a", "first version", T0.plusSeconds(240));

        assertThat(out.readValuesToList()).containsExactly("first version", "edited version");
    }

    @Test
    void refusesTombstonesSoThatTheTopologyDeadLettersThem() {
        assertThatThrownBy(() -> in.pipeInput("a", null, T0))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause()
                .hasMessageContaining("null value (a tombstone)");
        in.pipeInput("b", "next", T0);

        assertThat(out.readValuesToList()).containsExactly("next");
    }

    /** One punctuation per slice: a full sweep of the stores. */
    private void sweepAllSlices() {
        for (int s = 0; s < ExpirySweeper.SLICES; s++) {
            driver.advanceWallClockTime(NearDuplicateProcessor.SWEEP_EVERY);
        }
    }
}
