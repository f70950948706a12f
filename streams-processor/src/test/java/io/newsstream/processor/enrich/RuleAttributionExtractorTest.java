package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.event.Attribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleAttributionExtractorTest {

    private static final RuleAttributionExtractor EXTRACTOR =
            RuleAttributionExtractor.loadDefault();

    @Test
    void findsTheSourcesThatToldReutersInTheJointStrikesSeed() {
        List<Attribution> found =
                EXTRACTOR.extract(
                        RawArticles.fromSeed(
                                "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt"));

        assertThat(found)
                .extracting(Attribution::getSource, Attribution::getCue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "a security source based in the tribal areas", "told Reuters"),
                        org.assertj.core.groups.Tuple.tuple(
                                "US and Pakistani sources", "told Reuters"),
                        org.assertj.core.groups.Tuple.tuple("the source", "told Reuters"));
        assertThat(found)
                .filteredOn(a -> a.getSource().equals("the source"))
                .first()
                .satisfies(a -> assertThat(a.getQuote()).contains("working relationship"));
    }

    @Test
    void findsTheOfficialWhoToldAfpInTheIntelChiefSeed() {
        List<Attribution> found =
                EXTRACTOR.extract(
                        RawArticles.fromSeed(
                                "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt"));

        assertThat(found)
                .extracting(Attribution::getSource, Attribution::getCue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("the official", "told AFP"),
                        org.assertj.core.groups.Tuple.tuple("an official", "an official said"));
    }

    @Test
    void resolvesTheAmericanNewsNetworkToCnnInTheAirspaceSeed() {
        List<Attribution> found =
                EXTRACTOR.extract(
                        RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt"));

        assertThat(found)
                .extracting(Attribution::getSource, Attribution::getCue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("CNN", "CNN reported"),
                        org.assertj.core.groups.Tuple.tuple(
                                "CNN (the American news network)",
                                "the American news network said"));
    }

    @Test
    void findsNothingInTextWithoutCitations() {
        assertThat(
                        EXTRACTOR.extract(
                                RawArticles.of("a", "Rates", "The bank kept its rate unchanged.")))
                .isEmpty();
    }
}
