package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.RawArticle;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GazetteerEntityExtractorTest {

    private static final GazetteerEntityExtractor EXTRACTOR =
            GazetteerEntityExtractor.loadDefault();

    @Test
    void findsThePeopleOrganisationsAndPlacesOfTheJointStrikesSeed() {
        List<Entity> entities =
                EXTRACTOR.extract(
                        RawArticles.fromSeed(
                                "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt"));

        assertNamed(entities, EntityType.PERSON, "Aslam Awan", "Osama bin Laden");
        assertNamed(
                entities,
                EntityType.ORGANIZATION,
                "Reuters",
                "CIA",
                "al Qaeda",
                "British intelligence");
        assertNamed(
                entities,
                EntityType.PLACE,
                "Islamabad",
                "Abbottabad",
                "Miramshah",
                "North Waziristan",
                "South Waziristan",
                "Kabul",
                "Bagram airfield",
                "Lahore");
        Entity awan = find(entities, "Aslam Awan").orElseThrow();
        assertThat(awan.getAliases()).contains("Abdullah Khorasani", "Awan");
        assertThat(awan.getCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void findsThePeopleOrganisationsAndPlacesOfTheIntelChiefSeed() {
        List<Entity> entities =
                EXTRACTOR.extract(
                        RawArticles.fromSeed(
                                "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt"));

        assertNamed(
                entities,
                EntityType.PERSON,
                "Zaheer ul-Islam",
                "David Petraeus",
                "Osama bin Laden");
        assertNamed(
                entities,
                EntityType.ORGANIZATION,
                "ISI",
                "CIA",
                "AFP",
                "NATO",
                "Taliban",
                "Al-Qaeda",
                "Haqqani network");
        assertNamed(
                entities,
                EntityType.PLACE,
                "Islamabad",
                "Washington",
                "Afghanistan",
                "Bagram air base");
    }

    @Test
    void findsThePeopleOrganisationsAndPlacesOfTheAirspaceSeed() {
        List<Entity> entities =
                EXTRACTOR.extract(
                        RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt"));

        assertNamed(entities, EntityType.PERSON, "Asim Iftikhar Ahmad", "Joe Biden");
        assertNamed(
                entities,
                EntityType.ORGANIZATION,
                "CNN",
                "NATO",
                "Taliban",
                "IS-Khorasan",
                "al-Qaida");
        assertNamed(entities, EntityType.PLACE, "Islamabad", "Kabul", "Afghanistan", "India");
        assertThat(find(entities, "IS-Khorasan").orElseThrow().getName())
                .isEqualTo("Islamic State-Khorasan");
    }

    @Test
    void mergesSpellingsOfOneOrganisationAndCountsEveryMention() {
        RawArticle article =
                RawArticles.of(
                        "a",
                        "Al-Qaeda leader killed",
                        "An al Qaeda commander died. Officials said al-Qaida had lost its"
                                + " deputy, and Al Qaeda did not comment.");

        List<Entity> entities = EXTRACTOR.extract(article);

        assertThat(entities).filteredOn(e -> e.getName().equals("al Qaeda")).hasSize(1);
        Entity qaeda = find(entities, "al Qaeda").orElseThrow();
        assertThat(qaeda.getType()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(qaeda.getCount()).isEqualTo(4);
        assertThat(qaeda.getFirstPosition()).isZero();
        assertThat(qaeda.getAliases()).contains("Al-Qaeda", "al-Qaida");
    }

    @Test
    void countsASurnameAloneForTheFirstPersonWhoBearsIt() {
        RawArticle article =
                RawArticles.of(
                        "a",
                        "Officials meet",
                        "Director Leon Panetta met General Ahmad Shuja Pasha on Monday, and"
                                + " minister Sarah Panetta was there too. Pasha spoke, then"
                                + " Panetta's aide; panetta is not a name in lower case.");

        List<Entity> entities = EXTRACTOR.extract(article);

        assertThat(find(entities, "Leon Panetta").orElseThrow().getCount()).isEqualTo(2);
        assertThat(find(entities, "Sarah Panetta").orElseThrow().getCount()).isEqualTo(1);
        assertThat(find(entities, "Ahmad Shuja Pasha").orElseThrow().getCount()).isEqualTo(2);
    }

    @Test
    void endsANameAtTheEndOfItsSentence() {
        RawArticle article =
                RawArticles.of(
                        "a",
                        "Officials meet",
                        "Director Leon Panetta met General Ahmad Shuja Pasha. Minister Hina"
                                + " Rabbani Khar was not there.");

        List<Entity> entities = EXTRACTOR.extract(article);

        assertNamed(entities, EntityType.PERSON, "Ahmad Shuja Pasha", "Hina Rabbani Khar");
        assertThat(entities).noneMatch(e -> e.getName().contains("Minister"));
    }

    @Test
    void doesNotTakeLowerCaseWordsOrPronounsForNames() {
        RawArticle article =
                RawArticles.of("a", "Roast turkey recipes", "Let us cook a turkey in india ink.");

        assertThat(EXTRACTOR.extract(article)).isEmpty();
    }

    private static void assertNamed(List<Entity> entities, EntityType type, String... names) {
        for (String name : names) {
            Optional<Entity> e = find(entities, name);
            assertThat(e).as("%s %s in %s", type, name, entities).isPresent();
            assertThat(e.get().getType()).as(name).isEqualTo(type);
            assertThat(e.get().getFirstPosition()).isNotNegative();
            assertThat(e.get().getCount()).isPositive();
        }
    }

    static Optional<Entity> find(List<Entity> entities, String name) {
        return entities.stream()
                .filter(
                        e ->
                                e.getName().equalsIgnoreCase(name)
                                        || e.getAliases().stream()
                                                .anyMatch(a -> a.equalsIgnoreCase(name)))
                .findFirst();
    }
}
