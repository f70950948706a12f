package io.newsstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.consumer.config.ViewAppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerAppTest {

    private final ViewAppConfig config =
            ViewAppConfig.load(
                    null,
                    Map.of("kafka.bootstrap.servers", "broker:29092", "consumer.group.id", "g1"),
                    Map.of());

    @Test
    void readsOnlyCommittedTransactionsAndNeverAutoCommits() {
        Map<String, Object> p = ConsumerApp.consumerProperties(config);

        assertThat(p)
                .containsEntry("bootstrap.servers", "broker:29092")
                .containsEntry("group.id", "g1")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("max.poll.records", 500);
    }

    @Test
    void writesDeadLettersDurablyAndIdempotently() {
        Map<String, Object> p = ConsumerApp.producerProperties(config);

        assertThat(p)
                .containsEntry("bootstrap.servers", "broker:29092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
    }
}
