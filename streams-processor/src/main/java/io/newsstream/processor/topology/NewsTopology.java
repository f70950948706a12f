package io.newsstream.processor.topology;

import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.dedup.DedupByIdProcessor;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Builds the processor's topology. No I/O; never creates {@code KafkaStreams}.
 *
 * <pre>
 * raw articles ──► dedup-by-id ──► enrich ──┬──► enriched-all sink ──► {enriched all}
 *  (key: id,        [dedup-by-id-store]     └──► by-news-topic sink ─► {prefix}{primary news topic}
 *   RawArticle)                                                        or {unclassified}
 * </pre>
 *
 * <ul>
 *   <li>In: {@link ProcessorConfig#rawArticlesKafkaTopic()}, key article id (string), value {@code
 *       RawArticle}.
 *   <li>{@value #DEDUP_BY_ID}: an article whose id was already seen within {@link
 *       ProcessorConfig#dedupRetention()} is dropped (a re-sent copy), see {@link
 *       DedupByIdProcessor}. State: {@value #DEDUP_BY_ID_STORE}.
 *   <li>{@value #ENRICH}: {@link ArticleEnricher}, {@code RawArticle -> EnrichedArticle}.
 *   <li>Out: every article to {@link ProcessorConfig#enrichedAllKafkaTopic()}, and each to the
 *       enriched topic of its primary news topic or to {@link
 *       ProcessorConfig#unclassifiedKafkaTopic()}; key article id, value {@code EnrichedArticle}.
 * </ul>
 *
 * Every node and store is named with the constants below: a generated name would move when the
 * topology changes and strand the store's state. Near-duplicate detection will slot in after
 * {@value #ENRICH} as its own named processor and store ({@code dedup-near-...}).
 */
public final class NewsTopology {

    public static final String SOURCE_RAW_ARTICLES = "raw-articles-source";
    public static final String DEDUP_BY_ID = "dedup-by-id";
    public static final String DEDUP_BY_ID_STORE = "dedup-by-id-store";
    public static final String ENRICH = "enrich";
    public static final String SINK_ENRICHED_ALL = "enriched-all-sink";
    public static final String SINK_BY_NEWS_TOPIC = "enriched-by-news-topic-sink";

    private NewsTopology() {}

    /**
     * @param config Kafka topic names, de-duplication retention, naming enforcement
     * @param enricher turns raw articles into enriched ones
     * @param rawArticleSerde value serde of the input
     * @param enrichedArticleSerde value serde of the outputs
     */
    public static Topology build(
            ProcessorConfig config,
            ArticleEnricher enricher,
            Serde<RawArticle> rawArticleSerde,
            Serde<EnrichedArticle> enrichedArticleSerde) {
        Objects.requireNonNull(enricher, "enricher");
        StreamsBuilder builder = new StreamsBuilder(topologyConfig(config));

        KStream<String, RawArticle> raw =
                builder.stream(
                        config.rawArticlesKafkaTopic(),
                        Consumed.with(Serdes.String(), rawArticleSerde)
                                .withName(SOURCE_RAW_ARTICLES));

        KStream<String, EnrichedArticle> enriched =
                raw.processValues(
                                DedupByIdProcessor.<RawArticle>supplier(
                                        DEDUP_BY_ID_STORE, config.dedupRetention()),
                                Named.as(DEDUP_BY_ID))
                        .mapValues(enricher::enrich, Named.as(ENRICH));

        enriched.to(
                config.enrichedAllKafkaTopic(),
                Produced.with(Serdes.String(), enrichedArticleSerde).withName(SINK_ENRICHED_ALL));
        enriched.to(
                byPrimaryNewsTopic(config),
                Produced.with(Serdes.String(), enrichedArticleSerde).withName(SINK_BY_NEWS_TOPIC));

        return builder.build();
    }

    /** The enriched Kafka topic of the article's primary news topic, or the unclassified one. */
    static TopicNameExtractor<String, EnrichedArticle> byPrimaryNewsTopic(ProcessorConfig config) {
        String unclassified = config.unclassifiedKafkaTopic();
        return (key, article, context) ->
                article.getPrimaryNewsTopic() == null
                        ? unclassified
                        : config.enrichedKafkaTopicFor(article.getPrimaryNewsTopic());
    }

    /** The config the builder checks naming with (no client is created from it). */
    private static TopologyConfig topologyConfig(ProcessorConfig config) {
        Properties props = config.streamsProperties();
        return new TopologyConfig(new StreamsConfig(props));
    }
}
