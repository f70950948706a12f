package io.newsstream.local;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.Setting;
import io.newsstream.schemas.serde.HttpSchemaRegistryClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./newsstream tail TOPIC}: the console consumer for this project's Avro. Prints every
 * record of a Kafka topic as one JSON line (see {@link AvroJson}) on standard output, live from the
 * end or {@code --from-beginning}. Connects as the applications do ({@link StackOptions}): {@code
 * kafka.*} and {@code registry.*} settings reach its clients, e.g. for a SASL cluster. Reads every
 * partition without a consumer group (it commits nothing and leaves no group behind),
 * read_committed, so it sees what the applications see.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description =
                "Prints the records of a newsstream Kafka topic as JSON lines (key, topic,"
                        + " partition, offset, decoded Avro value) until stopped.")
final class TailCommand implements Callable<Integer> {

    /**
     * What {@code --config}, {@code --set} and the environment may hold: any application's setting,
     * so one file serves the whole pipeline; tail reads the connection settings only.
     */
    static final List<Setting> SETTINGS = AppSettings.everySetting();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin StackOptions stack = new StackOptions();

    @Parameters(paramLabel = "TOPIC", description = "Kafka topic, e.g. news.articles.enriched.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record, not the end.")
    boolean fromBeginning;

    @Option(
            names = "--max",
            paramLabel = "N",
            description = "Stop after N records (default: run until stopped).")
    long max = Long.MAX_VALUE;

    @Option(
            names = "--idle-exit",
            paramLabel = "SECONDS",
            description = "Stop when no record arrived for this long (default: never).")
    long idleExitSeconds = 0;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientConfig clients;
        HttpSchemaRegistryClient registryClient;
        try {
            clients = ClientConfig.from(stack.source(SETTINGS, Map.of(), System.getenv()));
            registryClient =
                    HttpSchemaRegistryClient.configure(clients.registryUrl(), clients.registry());
        } catch (ConfigException | IllegalArgumentException e) {
            return StackOptions.configurationError(err, e);
        }
        String bootstrap = clients.bootstrapServers();
        Properties p = consumerProperties(clients);
        CountDownLatch done = new CountDownLatch(1);
        try (HttpSchemaRegistryClient registry = registryClient;
                KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(
                                p, new StringDeserializer(), new ByteArrayDeserializer())) {
            Thread hook =
                    new Thread(
                            () -> {
                                try {
                                    consumer.wakeup();
                                    done.await(5, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } catch (RuntimeException e) {
                                    // already closed: nothing to stop
                                }
                            },
                            "newsstream-tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            List<TopicPartition> parts = new ArrayList<>();
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic);
            } catch (KafkaException e) {
                err.println(
                        "newsstream tail: cannot reach Kafka at "
                                + bootstrap
                                + " ("
                                + e.getMessage()
                                + "): is ./newsstream local or the Docker stack running? Else"
                                + " pass --bootstrap HOST:PORT");
                return LocalRun.EXIT_FAILED;
            }
            if (infos == null || infos.isEmpty()) {
                err.println(
                        "newsstream tail: Kafka topic '"
                                + topic
                                + "' does not exist at "
                                + bootstrap
                                + "; the topics are: "
                                + String.join(
                                        ", ",
                                        new java.util.TreeSet<>(consumer.listTopics().keySet())));
                return LocalRun.EXIT_USAGE;
            }
            infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            consumer.assign(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
            }
            AvroJson json = new AvroJson(registry);
            long printed = 0;
            long lastRecord = System.nanoTime();
            while (printed < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    out.println(json.toJson(r).toString());
                    if (++printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                } else if (idleExitSeconds > 0
                        && System.nanoTime() - lastRecord
                                > TimeUnit.SECONDS.toNanos(idleExitSeconds)) {
                    break;
                }
            }
            return 0;
        } catch (WakeupException e) {
            return 0; // stopped by Ctrl-C or SIGTERM
        } finally {
            out.flush();
            done.countDown();
        }
    }

    /** The consumer's properties: tail's tuning, the {@code kafka.*} pass-through, its own. */
    static Properties consumerProperties(ClientConfig clients) {
        Properties p = new Properties();
        p.putAll(
                clients.kafkaProperties(
                        Map.of(
                                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000",
                                ConsumerConfig.CLIENT_ID_CONFIG, "newsstream-tail")));
        // Owned by tail: it commits nothing and sees what the applications see.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
