package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.RawArticle;
import org.junit.jupiter.api.Test;

class DatelineTest {

    @Test
    void findsTheDatelineAfterPageFurnitureInTheJointStrikesSeed() {
        Dateline d =
                Dateline.of(
                        RawArticles.fromSeed(
                                "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt"));

        assertThat(d).isNotNull();
        assertThat(d.place()).isEqualTo("Islamabad");
    }

    @Test
    void readsAWireDatelineWithDateAndOutlet() {
        RawArticle a =
                RawArticles.of(
                        "a", "Floods", "KARACHI, Jan 5 (Reuters) - Heavy rain flooded streets.");

        assertThat(Dateline.of(a)).isEqualTo(new Dateline("Karachi", 0));
    }

    @Test
    void prefersTheProducersDatelineField() {
        RawArticle a =
                RawArticle.newBuilder(RawArticles.of("a", "t", "GILGIT: Snow fell."))
                        .setDateline("SKARDU:")
                        .build();

        assertThat(Dateline.of(a).place()).isEqualTo("Skardu");
    }

    /** Only at the start of a line, indented or not, and only in the first 2,000 characters. */
    @Test
    void findsTheDatelineAtALineStartWithinTheFirstCharacters() {
        String furniture = "Share this article\nAdvertisement\n";
        RawArticle indented =
                RawArticles.of("a", "t", furniture + "  PESHAWAR, Pakistan (AP) -- A blast hit.");
        RawArticle midLine = RawArticles.of("b", "t", "He flew to ISLAMABAD: talks began.");
        RawArticle late =
                RawArticles.of("c", "t", "x".repeat(1_995) + "\nQUETTA: A blast hit the city.");

        assertThat(Dateline.of(indented))
                .isEqualTo(new Dateline("Peshawar", furniture.length() + 2));
        assertThat(Dateline.of(midLine)).isNull();
        assertThat(Dateline.of(late)).isNull();
    }

    @Test
    void findsNoDatelineInOrdinaryText() {
        assertThat(Dateline.of(RawArticles.of("a", "t", "The US said on Monday: no."))).isNull();
    }

    @Test
    void makesAnUnknownDatelinePlaceAPlaceEntity() {
        RawArticle a = RawArticles.of("a", "Snow", "GILGIT: Snow blocked the Karakoram Highway.");

        assertThat(GazetteerEntityExtractor.loadDefault().extract(a))
                .anySatisfy(
                        e -> {
                            assertThat(e.getName()).isEqualTo("Gilgit");
                            assertThat(e.getType()).isEqualTo(EntityType.PLACE);
                        });
    }
}
