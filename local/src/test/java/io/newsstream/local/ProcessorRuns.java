package io.newsstream.local;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.schemas.KafkaTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream processor of one test run on the shared broker and registry: every Kafka topic, the
 * application id and the state directory named under the run's prefix, so runs never meet.
 */
final class ProcessorRuns {

    private ProcessorRuns() {}

    /** The processor's settings for {@code run} (a prefix ending in '.'); add a test's own. */
    static Map<String, String> settings(RealInfrastructure infra, String run) {
        Map<String, String> s = new HashMap<>();
        s.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        s.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        s.put(ProcessorConfig.APPLICATION_ID.name(), run + "processor");
        s.put(ProcessorConfig.STATE_DIR.name(), infra.workDir().resolve(run + "state").toString());
        s.put(TopicNames.RAW_ARTICLES.name(), run + KafkaTopics.RAW_ARTICLES);
        s.put(TopicNames.ENRICHED_ALL.name(), run + KafkaTopics.ENRICHED_ALL);
        s.put(TopicNames.ENRICHED_PREFIX.name(), run + KafkaTopics.ENRICHED_PREFIX);
        s.put(TopicNames.UNCLASSIFIED.name(), run + KafkaTopics.ENRICHED_PREFIX + "unclassified");
        s.put(TopicNames.DUPLICATES.name(), run + KafkaTopics.DUPLICATES);
        s.put(TopicNames.DEAD_LETTERS.name(), run + KafkaTopics.DEAD_LETTERS);
        s.put(ProcessorConfig.COMMIT_INTERVAL.name(), "100ms");
        s.put(ProcessorConfig.SESSION_TIMEOUT.name(), "6s");
        return s;
    }

    /** The Kafka topics the processor of {@code run} reads and writes, one per news topic id. */
    static List<String> kafkaTopics(String run, List<String> newsTopicIds) {
        List<String> topics =
                new ArrayList<>(
                        List.of(
                                run + KafkaTopics.RAW_ARTICLES,
                                run + KafkaTopics.ENRICHED_ALL,
                                run + KafkaTopics.DUPLICATES,
                                run + KafkaTopics.DEAD_LETTERS));
        for (String id : newsTopicIds) {
            topics.add(run + KafkaTopics.ENRICHED_PREFIX + id);
        }
        return topics;
    }
}
