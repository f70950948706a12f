package io.newsstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void areThePlatformSettings() {
        Map<String, Object> p = ProducerProperties.of("127.0.0.1:9092", "c");
        assertThat(p)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "c")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
    }

    @Test
    void areAcceptedByTheKafkaProducerConfig() {
        Map<String, Object> p =
                new java.util.HashMap<>(ProducerProperties.of("127.0.0.1:9092", "c"));
        p.put(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class);
        p.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class);
        ProducerConfig config = new ProducerConfig(p);
        assertThat(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(config.getInt(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(131072);
    }

    @Test
    void kafkaPassThroughSettingsReachTheProducerAndWinOverTheTuning() {
        Map<String, Object> p =
                ProducerProperties.of(
                        new io.newsstream.common.config.ClientConfig(
                                "b:9092",
                                "http://r",
                                Map.of("security.protocol", "SASL_SSL", "linger.ms", "50"),
                                Map.of()),
                        "c");
        assertThat(p)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "50")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "c");
    }
}
