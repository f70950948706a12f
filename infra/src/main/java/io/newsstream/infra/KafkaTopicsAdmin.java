package io.newsstream.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Kafka topics that do not exist yet; existing ones are left as they are. Returns once
 * every partition of the new topics answers on its leader: a producer that writes right after topic
 * creation otherwise meets NOT_LEADER_OR_FOLLOWER on its first batch while later batches of the
 * same idempotent producer are already accepted, and the retried first batch then fails with an
 * out-of-order sequence until it times out.
 */
public final class KafkaTopicsAdmin {
    private KafkaTopicsAdmin() {}

    private static final long READY_TIMEOUT_MS = 30_000;

    /**
     * @param partitions partitions of each new topic
     * @param configs topic configs applied to each new topic (e.g. retention)
     * @return the names that were created now
     */
    public static List<String> createMissing(
            String bootstrapServers,
            Collection<String> names,
            int partitions,
            Map<String, String> configs) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> todo = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    todo.add(new NewTopic(name, partitions, (short) 1).configs(configs));
                }
            }
            List<String> created = new ArrayList<>();
            for (var e : admin.createTopics(todo).values().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            awaitLeaders(admin, created, partitions);
            return created;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "Cannot create Kafka topics "
                            + names
                            + " on "
                            + bootstrapServers
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Waits until a leader-only request (list offsets) succeeds on every partition. */
    private static void awaitLeaders(Admin admin, List<String> topics, int partitions)
            throws InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (true) {
            try {
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new TimeoutException(
                            "the new topics' partitions have no leader after "
                                    + READY_TIMEOUT_MS
                                    + " ms: "
                                    + notYet.getCause());
                }
                Thread.sleep(50);
            }
        }
    }
}
