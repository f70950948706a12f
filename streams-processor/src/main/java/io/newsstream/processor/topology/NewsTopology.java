package io.newsstream.processor.topology;

import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.dedup.DedupByIdProcessor;
import io.newsstream.processor.dedup.DedupOutcome;
import io.newsstream.processor.dedup.NearDuplicateDetector;
import io.newsstream.processor.dedup.NearDuplicateProcessor;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Builds the processor's topology. No I/O; never creates {@code KafkaStreams}.
 *
 * <pre>
 * raw articles ─► dedup-by-id ─► enrich ─► key-by-news-topic ─► [dedup-by-news-topic repartition]
 *  (key: id)      [dedup-by-id-store]      (one record per       (key: news topic or _unclassified)
 *                                           matched news topic)
 *   ─► dedup-near ─┬─ distinct ─┬─► enriched-by-news-topic-sink ─► {prefix}{bucket} or {unclassified}
 *      [dedup-near-index-store, │
 *       dedup-near-article-     └─► primary-bucket-only ─► distinct-articles ─► enriched-all-sink
 *       store]                                                                    ─► {enriched all}
 *                  └─ duplicates ─► duplicate-links ─► duplicates-sink ─► {duplicates} (key: original id)
 * </pre>
 *
 * <ul>
 *   <li>In: {@link ProcessorConfig#rawArticlesKafkaTopic()}, key article id (string), value {@code
 *       RawArticle}.
 *   <li>{@value #DEDUP_BY_ID}: an article whose id and content (title, body) were already seen
 *       within {@link ProcessorConfig#dedupRetention()} is dropped (a re-sent copy); the same id
 *       with other content (re-captured after an edit) goes on as the newer version, see {@link
 *       DedupByIdProcessor}. State: {@value #DEDUP_BY_ID_STORE}.
 *   <li>{@value #ENRICH}: {@link ArticleEnricher}, {@code RawArticle -> EnrichedArticle}. An
 *       exception there goes to the processing exception handler (dead letters), not the app.
 *   <li>{@value #KEY_BY_NEWS_TOPIC} + repartition {@value #REPARTITION_BY_NEWS_TOPIC}: multi-label:
 *       one record per bucket of the article ({@link NearDuplicateProcessor#bucketsOf}: every
 *       matched news topic, or {@link NearDuplicateProcessor#UNCLASSIFIED_BUCKET}), keyed by the
 *       bucket, so that every article of a news topic meets the same de-duplication state.
 *   <li>{@value #DEDUP_NEAR}: {@link NearDuplicateProcessor}: same content or near duplicates of a
 *       distinct article of the same news topic within the retention become a {@code DuplicateLink}
 *       of that news topic; distinct articles go on, re-keyed by article id, with their bucket. An
 *       article is thus de-duplicated within each of its news topics separately.
 *   <li>Out: each distinct (article, bucket) to the enriched topic of that news topic or to {@link
 *       ProcessorConfig#unclassifiedKafkaTopic()}; each article distinct in its primary bucket once
 *       to {@link ProcessorConfig#enrichedAllKafkaTopic()} ({@value #PRIMARY_BUCKET_ONLY}); key
 *       article id, value {@code EnrichedArticle}. Duplicates to {@link
 *       ProcessorConfig#duplicatesKafkaTopic()}, key original id, value {@code DuplicateLink}.
 * </ul>
 *
 * Every node, store and internal topic is named with the constants below: a generated name would
 * move when the topology changes and strand the store's state.
 */
public final class NewsTopology {

    public static final String SOURCE_RAW_ARTICLES = "raw-articles-source";
    public static final String DEDUP_BY_ID = "dedup-by-id";
    public static final String DEDUP_BY_ID_STORE = "dedup-by-id-store";
    public static final String ENRICH = "enrich";
    public static final String KEY_BY_NEWS_TOPIC = "key-by-news-topic";

    /**
     * Names the repartition topic ({@code <application.id>-dedup-by-news-topic-repartition}) and
     * its sink and source nodes.
     */
    public static final String REPARTITION_BY_NEWS_TOPIC = "dedup-by-news-topic";

    public static final String DEDUP_NEAR = "dedup-near";
    public static final String DEDUP_NEAR_INDEX_STORE = "dedup-near-index-store";
    public static final String DEDUP_NEAR_ARTICLE_STORE = "dedup-near-article-store";
    public static final String DEDUP_SPLIT = "dedup-split-";
    public static final String BRANCH_DISTINCT = "distinct";
    public static final String BRANCH_DUPLICATES = "duplicates";
    public static final String PRIMARY_BUCKET_ONLY = "primary-bucket-only";
    public static final String DISTINCT_ARTICLES = "distinct-articles";
    public static final String DUPLICATE_LINKS = "duplicate-links";
    public static final String SINK_ENRICHED_ALL = "enriched-all-sink";
    public static final String SINK_BY_NEWS_TOPIC = "enriched-by-news-topic-sink";
    public static final String SINK_DUPLICATES = "duplicates-sink";

    private NewsTopology() {}

    /**
     * @param config Kafka topic names, de-duplication settings, naming enforcement
     * @param enricher turns raw articles into enriched ones
     * @param rawArticleSerde value serde of the input
     * @param enrichedArticleSerde value serde of the enriched outputs and the repartition topic
     * @param duplicateLinkSerde value serde of the duplicates output
     */
    public static Topology build(
            ProcessorConfig config,
            ArticleEnricher enricher,
            Serde<RawArticle> rawArticleSerde,
            Serde<EnrichedArticle> enrichedArticleSerde,
            Serde<DuplicateLink> duplicateLinkSerde) {
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
                                        DEDUP_BY_ID_STORE,
                                        config.dedupRetention(),
                                        a ->
                                                DedupByIdProcessor.contentVersion(
                                                        a.getTitle(), a.getBody())),
                                Named.as(DEDUP_BY_ID))
                        .mapValues(enricher::enrich, Named.as(ENRICH));

        KStream<String, DedupOutcome> outcomes =
                enriched.flatMap(
                                (id, article) ->
                                        NearDuplicateProcessor.bucketsOf(article).stream()
                                                .map(bucket -> KeyValue.pair(bucket, article))
                                                .toList(),
                                Named.as(KEY_BY_NEWS_TOPIC))
                        .repartition(
                                Repartitioned.<String, EnrichedArticle>as(REPARTITION_BY_NEWS_TOPIC)
                                        .withKeySerde(Serdes.String())
                                        .withValueSerde(enrichedArticleSerde))
                        .process(
                                NearDuplicateProcessor.supplier(
                                        new NearDuplicateDetector(
                                                config.dedupShingleWords(),
                                                config.dedupNearThreshold()),
                                        DEDUP_NEAR_INDEX_STORE,
                                        DEDUP_NEAR_ARTICLE_STORE,
                                        config.dedupRetention()),
                                Named.as(DEDUP_NEAR));

        Map<String, KStream<String, DedupOutcome>> branches =
                outcomes.split(Named.as(DEDUP_SPLIT))
                        .branch(
                                (key, outcome) -> outcome.isDuplicate(),
                                Branched.as(BRANCH_DUPLICATES))
                        .defaultBranch(Branched.as(BRANCH_DISTINCT));

        KStream<String, DedupOutcome> distinct = branches.get(DEDUP_SPLIT + BRANCH_DISTINCT);
        distinct.to(
                byBucket(config),
                Produced.with(Serdes.String(), distinctArticleOf(enrichedArticleSerde))
                        .withName(SINK_BY_NEWS_TOPIC));
        distinct.filter((id, outcome) -> outcome.inPrimaryBucket(), Named.as(PRIMARY_BUCKET_ONLY))
                .mapValues((DedupOutcome o) -> o.distinct(), Named.as(DISTINCT_ARTICLES))
                .to(
                        config.enrichedAllKafkaTopic(),
                        Produced.with(Serdes.String(), enrichedArticleSerde)
                                .withName(SINK_ENRICHED_ALL));

        branches.get(DEDUP_SPLIT + BRANCH_DUPLICATES)
                .mapValues((DedupOutcome o) -> o.duplicate(), Named.as(DUPLICATE_LINKS))
                .to(
                        config.duplicatesKafkaTopic(),
                        Produced.with(Serdes.String(), duplicateLinkSerde)
                                .withName(SINK_DUPLICATES));

        return builder.build();
    }

    /** The enriched Kafka topic of the outcome's bucket, or the unclassified one. */
    static TopicNameExtractor<String, DedupOutcome> byBucket(ProcessorConfig config) {
        String unclassified = config.unclassifiedKafkaTopic();
        return (key, outcome, context) ->
                NearDuplicateProcessor.UNCLASSIFIED_BUCKET.equals(outcome.bucket())
                        ? unclassified
                        : config.enrichedKafkaTopicFor(outcome.bucket());
    }

    /**
     * Writes a distinct outcome as its article, so that the sink can route by the outcome's bucket.
     * Write-only: outcomes are never read back.
     */
    static Serde<DedupOutcome> distinctArticleOf(Serde<EnrichedArticle> enrichedArticleSerde) {
        Serializer<EnrichedArticle> articles = enrichedArticleSerde.serializer();
        Serializer<DedupOutcome> serializer =
                new Serializer<>() {
                    @Override
                    public byte[] serialize(String topic, DedupOutcome outcome) {
                        return articles.serialize(
                                topic, outcome == null ? null : outcome.distinct());
                    }

                    @Override
                    public byte[] serialize(String topic, Headers headers, DedupOutcome outcome) {
                        return articles.serialize(
                                topic, headers, outcome == null ? null : outcome.distinct());
                    }
                };
        return Serdes.serdeFrom(
                serializer,
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("outcomes are never read back");
                });
    }

    /** The config the builder checks naming with (no client is created from it). */
    private static TopologyConfig topologyConfig(ProcessorConfig config) {
        Properties props = config.streamsProperties();
        return new TopologyConfig(new StreamsConfig(props));
    }
}
