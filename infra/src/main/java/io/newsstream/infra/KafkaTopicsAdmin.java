package io.newsstream.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Kafka topics that do not exist yet; existing ones are left as they are. */
public final class KafkaTopicsAdmin {
    private KafkaTopicsAdmin() {}

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
}
