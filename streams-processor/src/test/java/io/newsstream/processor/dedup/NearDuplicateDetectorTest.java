package io.newsstream.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.ContentHash;
import io.newsstream.processor.enrich.SeedArticles;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NearDuplicateDetectorTest {

    static final String VOA = "voa-2021-10-pakistan-us-airspace-talks.txt";
    static final String AFP = "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt";

    private final NearDuplicateDetector detector = new NearDuplicateDetector(5, 0.5);
    private ArrayDedupState state;
    private long time;

    @BeforeEach
    void setUp() {
        state = new ArrayDedupState(10_000);
    }

    @Test
    void recognisesTheSameContentUnderAnotherIdWhateverTheWhitespaceAndCase() {
        ArticleText voa = SeedArticles.read(VOA);
        assertThat(check("news", "a", voa.title(), voa.body()).kind())
                .isEqualTo(DedupVerdict.Kind.DISTINCT);

        DedupVerdict copy =
                check("news", "b", voa.title().toUpperCase(), voa.body().replace(" ", "  "));

        assertThat(copy).isEqualTo(new DedupVerdict(DedupVerdict.Kind.SAME_CONTENT, "a", 1.0));
    }

    @Test
    void recognisesAnEditedRetransmissionWithATitleTypoAsANearDuplicate() {
        ArticleText voa = SeedArticles.read(VOA);
        check("news", "original", voa.title(), voa.body());

        DedupVerdict edited =
                check("news", "edited", voa.title().replace("Pakistan", "Pakistn"), edited(voa));

        assertThat(edited.kind()).isEqualTo(DedupVerdict.Kind.NEAR_DUPLICATE);
        assertThat(edited.originalId()).isEqualTo("original");
        assertThat(edited.similarity()).isBetween(0.5, 1.0);
    }

    /**
     * An article file read before the parser took the site's name off a page title's headline, and
     * again after, has two ids (its headline changed): the second is linked to the first.
     */
    @Test
    void theSameFileReadWithAndWithoutItsSiteNameInTheHeadlineIsOneStory() {
        ArticleText voa = SeedArticles.read(VOA);
        check("news", "before", voa.title() + " - World - VOANEWS.COM", voa.body());

        DedupVerdict after = check("news", "after", voa.title(), voa.body());

        assertThat(after.kind()).isEqualTo(DedupVerdict.Kind.NEAR_DUPLICATE);
        assertThat(after.originalId()).isEqualTo("before");
    }

    @Test
    void keepsDailyBulletinsWithOtherFiguresApart() {
        Random random = new Random(42);
        for (int day = 1; day <= 30; day++) {
            String text = bulletin(day, random, false);
            assertThat(check("water", "bulletin-" + day, "IRSA water release", text).kind())
                    .as("day %d", day)
                    .isEqualTo(DedupVerdict.Kind.DISTINCT);
        }
    }

    @Test
    void keepsBulletinsApartByTheirFiguresEvenWhenTheirBoilerplateMakesTheTextsSimilar() {
        Random random = new Random(7);
        String monday = bulletin(1, random, true);
        String tuesday = bulletin(2, random, true);
        assertThat(NearDuplicateEvaluationTest.exactJaccard(monday, tuesday, 5))
                .as("shingle similarity alone would merge them")
                .isGreaterThan(0.5);

        check("water", "monday", "IRSA water release", monday);
        assertThat(check("water", "tuesday", "IRSA water release", tuesday).kind())
                .isEqualTo(DedupVerdict.Kind.DISTINCT);
        assertThat(check("water", "monday-again", "IRSA water release", monday + " Reuters").kind())
                .isEqualTo(DedupVerdict.Kind.NEAR_DUPLICATE);
    }

    @Test
    void neverMergesArticlesOfDifferentBuckets() {
        ArticleText voa = SeedArticles.read(VOA);
        check("airspace-deal", "a", voa.title(), voa.body());

        assertThat(check(NearDuplicateProcessor.UNCLASSIFIED_BUCKET, "b", voa.title(), voa.body()))
                .isEqualTo(DedupVerdict.DISTINCT);
        assertThat(check("joint-strikes", "c", voa.title(), edited(voa)))
                .isEqualTo(DedupVerdict.DISTINCT);
    }

    @Test
    void keepsDifferentStoriesOfOneBucketApart() {
        ArticleText voa = SeedArticles.read(VOA);
        ArticleText afp = SeedArticles.read(AFP);
        check("news", "voa", voa.title(), voa.body());

        assertThat(check("news", "afp", afp.title(), afp.body())).isEqualTo(DedupVerdict.DISTINCT);
    }

    @Test
    void readsABoundedNumberOfEntriesPerLookupWhateverIsStored() {
        CountingState counting = new CountingState(new ArrayDedupState(20_000));
        Random random = new Random(1);
        // the same boilerplate-heavy story many times over: every band key is crowded
        for (int i = 0; i < 5_000; i++) {
            detector.check(
                    "news",
                    "a" + i,
                    null,
                    detector.fingerprint("t", bulletin(i, random, true)),
                    i,
                    counting);
        }
        counting.reads = 0;
        counting.articleReads = 0;

        detector.check(
                "news",
                "probe",
                null,
                detector.fingerprint("t", bulletin(0, random, true)),
                0,
                counting);

        assertThat(counting.reads).isLessThanOrEqualTo(1 + NearDuplicateDetector.BANDS);
        assertThat(counting.articleReads)
                .isLessThanOrEqualTo(
                        NearDuplicateDetector.BANDS * NearDuplicateDetector.MAX_PER_KEY);
    }

    @Test
    void storesFortyBytesPlusTheIdPerArticle() {
        StoredArticle article =
                new StoredArticle("article-1", new byte[MinHasher.SIGNATURE_BYTES], 5L);

        byte[] bytes = article.toBytes();

        assertThat(bytes).hasSize(40 + "article-1".length());
        StoredArticle back = StoredArticle.fromBytes(bytes);
        assertThat(back.id()).isEqualTo("article-1");
        assertThat(back.numbersMask()).isEqualTo(5L);
    }

    /** A copy re-transmitted after edits: a word changed here and there, a paragraph dropped. */
    static String edited(ArticleText article) {
        String body = article.body();
        int lastParagraph = body.lastIndexOf("\n\n");
        if (lastParagraph > body.length() * 3 / 4) {
            body = body.substring(0, lastParagraph);
        }
        return body.replace("Pakistan", "Pakistan's").replace(" said ", " told reporters ");
    }

    /**
     * A daily water-release bulletin: the same template with the day's figures; with {@code
     * boilerplate}, preceded by a long fixed paragraph that makes the texts similar.
     */
    static String bulletin(int day, Random random, boolean boilerplate) {
        String intro =
                boilerplate
                        ? "The Indus River System Authority publishes the following figures every"
                                + " day for the information of provincial irrigation departments,"
                                + " farmers and the public, who are advised that the figures are"
                                + " provisional and may be revised by the authority after the"
                                + " telemetry system has been checked by its engineers at each of"
                                + " the reservoirs and barrages listed below, as required by the"
                                + " water apportionment accord signed by the four provinces. "
                        : "";
        String footer =
                boilerplate
                        ? " Farmers are advised to plan the sowing of the season's crops according"
                                + " to the availability of water in their canal commands, and the"
                                + " provincial irrigation departments will announce the rotation"
                                + " of canals in the newspapers and on the radio, as in previous"
                                + " years, after consulting the growers' representatives of each"
                                + " district and the officers of the agriculture department."
                        : "";
        return intro
                + String.format(
                        "LAHORE, June %d: The Indus River System Authority released %,d cusecs of"
                                + " water against an inflow of %,d cusecs. The water level in the"
                                + " Indus at Tarbela was %,d feet, with inflow of %,d cusecs and"
                                + " outflow of %,d cusecs. The Kabul River at Nowshera had an"
                                + " inflow of %,d cusecs. Jhelum at Mangla had an inflow of %,d"
                                + " cusecs and outflow of %,d cusecs, while the level was %,d"
                                + " feet. Chenab at Marala had inflow of %,d cusecs.",
                        day,
                        200_000 + random.nextInt(100_000),
                        200_000 + random.nextInt(100_000),
                        1_400 + random.nextInt(150),
                        100_000 + random.nextInt(90_000),
                        100_000 + random.nextInt(90_000),
                        20_000 + random.nextInt(40_000),
                        20_000 + random.nextInt(40_000),
                        20_000 + random.nextInt(40_000),
                        1_100 + random.nextInt(140),
                        10_000 + random.nextInt(50_000))
                + footer;
    }

    private DedupVerdict check(String bucket, String id, String title, String body) {
        return detector.check(
                bucket,
                id,
                ContentHash.of(title, body),
                detector.fingerprint(title, body),
                time++,
                state);
    }

    private static final class CountingState implements DedupState {
        private final DedupState delegate;
        int reads;
        int articleReads;

        CountingState(DedupState delegate) {
            this.delegate = delegate;
        }

        @Override
        public int[] handles(int key, long timestamp, int max) {
            reads++;
            return delegate.handles(key, timestamp, max);
        }

        @Override
        public void index(int key, int handle, long timestamp) {
            delegate.index(key, handle, timestamp);
        }

        @Override
        public StoredArticle article(int handle, long timestamp) {
            articleReads++;
            return delegate.article(handle, timestamp);
        }

        @Override
        public void store(int handle, StoredArticle article, long timestamp) {
            delegate.store(handle, article, timestamp);
        }
    }
}
