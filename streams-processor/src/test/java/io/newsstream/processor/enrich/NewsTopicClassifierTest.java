package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled news topic definitions against the seeds, other real-world phrasings of the same
 * stories, and hard negatives: texts that contain the words a naive keyword list looks for but are
 * about something else.
 */
class NewsTopicClassifierTest {

    private static final NewsTopicClassifier CLASSIFIER =
            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault());

    /** The same definitions without trained weights: the rules alone. */
    private static final NewsTopicClassifier RULES_ONLY =
            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault(), NewsTopicModel.EMPTY);

    static List<String> seeds() {
        return List.copyOf(SeedArticles.EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void putsEachSeedInItsExpectedNewsTopicAsPrimary(String seed) {
        Classification c = CLASSIFIER.classify(SeedArticles.read(seed));

        String expected = SeedArticles.EXPECTED.get(seed);
        assertThat(c.primaryNewsTopic()).isEqualTo(expected);
        Classification.Result r = c.result(expected);
        assertThat(r.matched()).isTrue();
        assertThat(r.requirementsMet()).isTrue();
        assertThat(r.evidence()).isNotEmpty();
    }

    @Test
    void classifiesTheSeedsFromTheirBodyAloneToo() {
        for (String seed : seeds()) {
            ArticleText full = SeedArticles.read(seed);
            Classification c = CLASSIFIER.classify(new ArticleText("", null, full.body()));
            assertThat(c.primaryNewsTopic()).as(seed).isEqualTo(SeedArticles.EXPECTED.get(seed));
        }
    }

    @Test
    void matchesNoOtherNewsTopicForTheAirspaceAndJointStrikesSeeds() {
        assertThat(
                        CLASSIFIER
                                .classify(
                                        SeedArticles.read(
                                                "voa-2021-10-pakistan-us-airspace-talks.txt"))
                                .matched())
                .containsExactly("airspace-deal");
        assertThat(
                        CLASSIFIER
                                .classify(
                                        SeedArticles.read(
                                                "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt"))
                                .matched())
                .containsExactly("joint-strikes");
    }

    // --- other phrasings of the three stories -------------------------------------------------

    @Test
    void matchesAnIsiChiefArrivingInWashington() {
        Classification c =
                classify(
                        "ISI chief in Washington for talks with CIA",
                        "WASHINGTON: The head of Pakistan's Inter-Services Intelligence (ISI),"
                                + " Lieutenant General Faiz Hameed, arrived in Washington on"
                                + " Tuesday for talks with CIA director William Burns on"
                                + " Afghanistan and counter-terrorism cooperation, officials"
                                + " said. The visit is the first by an ISI chief in three"
                                + " years.");
        assertThat(c.primaryNewsTopic()).isEqualTo("intel-chief-visit");
    }

    @Test
    void matchesAnIsiChiefAndCounterpartsOfEarlierYearsByName() {
        // Named only: not "ISI chief", and the CIA director by name.
        Classification c =
                classify(
                        "Pakistani general in Washington for bin Laden talks",
                        "WASHINGTON: Gen. Ziauddin Butt held talks here this week with George"
                                + " Tenet and senior State Department officials on the threat"
                                + " posed by Osama bin Laden, officials familiar with the meetings"
                                + " said. It was the general's second visit to the United States"
                                + " this year.");
        assertThat(c.matched()).as(c::toString).containsExactly("intel-chief-visit");
    }

    /** Real coverage names the office in many ways; each alone must satisfy the require clause. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "The chief of the Inter-Services Intelligence (ISI)",
                "Pakistan's ISI spy agency chief",
                "The director-general of Pakistan's powerful spy agency, the ISI,",
                "Pakistan's top intelligence official",
                "Lt Gen Nadeem Ahmed Anjum, who heads the ISI,",
                "Pakistan's military spy agency chief"
            })
    void matchesTheIsiChiefNamedInOtherWords(String who) {
        Classification visit =
                classify(
                        "Spy chief to visit US",
                        "ISLAMABAD: "
                                + who
                                + " will travel to Washington next week for talks with CIA"
                                + " Director Gina Haspel on counter-terrorism cooperation, officials"
                                + " said on Monday.\n\nThe visit will be the first such trip in two"
                                + " years, a senior official said.\n\nThe two agencies have had a"
                                + " difficult relationship since 2011.");
        Classification beijing =
                classify(
                        "Spy chief in Beijing",
                        "ISLAMABAD: "
                                + who
                                + " held talks in Beijing on Monday with Chinese security officials"
                                + " on the safety of Chinese workers, officials said.\n\nThe visit"
                                + " follows an attack on a convoy of Chinese engineers.\n\nWashington"
                                + " has also voiced concern over militant violence.");

        assertThat(visit.matched()).as(visit::toString).containsExactly("intel-chief-visit");
        assertThat(beijing.matched()).as(beijing::toString).isEmpty();
    }

    /**
     * The scope notes' "US intelligence chiefs visiting Pakistan to meet the ISI chief", told with
     * the US chief as the subject and the ISI chief named two paragraphs on. The same visit by a
     * secretary of state, the ISI chief only among those present, is summit coverage.
     */
    @Test
    void matchesACiaDirectorVisitingPakistanWithTheIsiChiefNamedLater() {
        String later =
                "\n\nThe visit was his first since the raid in Abbottabad, a senior official"
                        + " said.\n\nLt. Gen. Ahmad Shuja Pasha, the director of the"
                        + " Inter-Services Intelligence agency, ";
        Classification cia =
                classify(
                        "CIA chief in Islamabad",
                        "ISLAMABAD: CIA Director Leon Panetta made an unannounced visit to Pakistan"
                                + " on Friday and pressed for joint raids on militant hideouts,"
                                + " officials said."
                                + later
                                + "told him the agency had acted on every lead.");
        Classification state =
                classify(
                        "Clinton in Islamabad",
                        "ISLAMABAD: Secretary of State Hillary Clinton made a visit to Pakistan on"
                                + " Friday and announced aid for power plants and dams, officials"
                                + " said."
                                + later
                                + "was among the officials at a dinner given by the prime"
                                + " minister.");

        assertThat(cia.matched()).as(cia::toString).contains("intel-chief-visit");
        assertThat(state.matched()).as(state::toString).doesNotContain("intel-chief-visit");
    }

    @Test
    void matchesANewSpyChiefInTheUsForTalks() {
        Classification c =
                classify(
                        "Pakistan's new spy chief in US for talks",
                        "Pakistan's new intelligence chief is in the United States for talks with"
                                + " his American counterparts on Afghanistan, two officials said on"
                                + " Monday, his first trip abroad since taking over the ISI.");
        assertThat(c.primaryNewsTopic()).isEqualTo("intel-chief-visit");
    }

    /**
     * The rules catch an airspace agreement in other words; the trained model gives it 0.54, under
     * the calibrated 0.72: the dev set's airspace-deal positives are nearly all about the supply
     * routes (a known limitation, in the README), so the rules are what this phrasing rests on.
     */
    @Test
    void matchesAnAirspaceAgreementReportedInOtherWords() {
        Classification c =
                RULES_ONLY.classify(
                        new ArticleText(
                                "US, Pakistan near agreement on use of airspace for Afghan operations",
                                "ISLAMABAD: The United States and Pakistan are close to an agreement"
                                        + " that would let the U.S. military use Pakistani airspace to"
                                        + " reach Afghanistan, officials said on Friday. The deal,"
                                        + " still being negotiated, would cover surveillance flights"
                                        + " and counterterrorism missions against Islamic State"
                                        + " militants.",
                                null));
        assertThat(c.matched()).contains("airspace-deal");
        assertThat(c.result("airspace-deal").evidence())
                .extracting(Classification.Evidence::phrase)
                .contains("together: airspace+us-nato+decision");
    }

    /**
     * The supply route told by what travels on it: military shipments, freight, logistics. Before
     * those words, no route phrase was said and the article model gave it 0.01.
     */
    @Test
    void matchesShipmentsHaltedOnTheRouteThroughPakistan() {
        Classification c =
                classify(
                        "Pentagon halts military shipments through Pakistan",
                        "WASHINGTON: The Pentagon has halted US military shipments leaving"
                                + " Afghanistan through Pakistan after protesters blocked the"
                                + " highway to Karachi, a spokesman said on Tuesday.\n\n"
                                + "The freight, much of it equipment withdrawn from Afghanistan,"
                                + " would resume once Islamabad could guarantee the drivers'"
                                + " safety, he said.\n\n"
                                + "The United States moves about half of its retrograde shipments"
                                + " through Pakistan, and other logistics routes cost far more,"
                                + " officials said.");
        assertThat(c.matched()).as(c::toString).containsExactly("airspace-deal");
    }

    /**
     * Access told in the scope notes' own words, from years the dev set has no airspace-deal story
     * of (its positives are the 2008-2012 supply routes): the 2001 base agreement, and the 2021
     * refusal of bases after the withdrawal. Before the {@code decision} group had "agreed", "let"
     * and "talks" (agree*, allow*, talks), the trained model gave them 0.19 and 0.31.
     */
    @Test
    void matchesAirBaseAndAirspaceAccessFromOtherYears() {
        Classification bases2001 =
                CLASSIFIER.classify(
                        new ArticleText(
                                "Pakistan lets US forces use two air bases for Afghan campaign",
                                null,
                                "Pakistan has agreed to let American forces use two of its air"
                                        + " bases, at Jacobabad and Pasni, for search-and-rescue and"
                                        + " logistics missions in the campaign against the Taliban in"
                                        + " Afghanistan, officials said on Monday.\n\n"
                                        + "The decision, taken by President Pervez Musharraf after"
                                        + " talks with Washington, also opens Pakistani airspace to"
                                        + " US warplanes flying from carriers in the Arabian Sea."));
        Classification bases2021 =
                CLASSIFIER.classify(
                        new ArticleText(
                                "Pakistan will 'absolutely not' allow US bases, Imran Khan says",
                                null,
                                "Prime Minister Imran Khan said Pakistan would \"absolutely not\""
                                        + " allow the CIA or the US military to use bases on its soil"
                                        + " for operations in Afghanistan after American troops"
                                        + " withdraw.\n\n"
                                        + "US officials have held talks with Islamabad on access,"
                                        + " and the existing arrangements allow US aircraft to use"
                                        + " Pakistani airspace to supply forces in Afghanistan."));

        assertThat(bases2001.matched()).containsExactly("airspace-deal");
        assertThat(bases2021.matched()).containsExactly("airspace-deal");
    }

    @Test
    void matchesTalksOnOverflightAfterTheWithdrawalInPlainWords() {
        // The scope notes' "talks on overflight ... after the withdrawal", without "airspace".
        Classification c =
                classify(
                        "Talks on overflight rights after withdrawal",
                        "WASHINGTON: American officials are negotiating with Islamabad an agreement"
                                + " that would let the US military keep flying over Pakistani"
                                + " territory to reach Afghanistan after the withdrawal of its"
                                + " troops, according to people familiar with the talks.\n\n"
                                + "The so-called air line of communication is the only route for US"
                                + " aircraft from the Arabian Sea to Afghanistan. Pakistani officials"
                                + " want, in return, help with counterterrorism.\n\n"
                                + "No agreement has yet been reached, the officials said.");
        assertThat(c.matched()).as(c::toString).containsExactly("airspace-deal");
    }

    @Test
    void matchesPakistaniSpottersGuidingAUsDroneStrike() {
        Classification c =
                classify(
                        "Pakistani spotters guided US drone strike in North Waziristan",
                        "MIRANSHAH: A U.S. drone strike that killed four militants near"
                                + " Miranshah in North Waziristan was carried out with"
                                + " intelligence from Pakistani spotters on the ground, two"
                                + " security officials told Reuters. The officials said the"
                                + " target was picked jointly in a meeting with CIA officers,"
                                + " a sign that intelligence cooperation continues despite"
                                + " public criticism of the drone campaign.");
        assertThat(c.primaryNewsTopic()).isEqualTo("joint-strikes");
    }

    /**
     * The scope notes' joint counter-terrorism operations, in 2025's words: the militant network is
     * IS-K, ISKP or Daesh, and no other militant word is said.
     */
    @Test
    void matchesAJointOperationAgainstIsK() {
        Classification c =
                classify(
                        "Pakistan hands IS-K suspect to US after joint operation",
                        "ISLAMABAD: Pakistani security forces captured an IS-K operative in a raid"
                                + " in Bajaur on intelligence provided by the CIA, officials said.\n\n"
                                + "The ISKP suspect was handed over to US authorities and flown to"
                                + " Virginia, where he appeared before a federal court.\n\n"
                                + "Washington thanked Islamabad for its cooperation against Daesh,"
                                + " and the Foreign Office said Pakistan would keep sharing"
                                + " intelligence with the United States.");
        assertThat(c.matched()).contains("joint-strikes");
        assertThat(c.result("joint-strikes").evidence())
                .as("a US actor, a joint operation and a militant in one paragraph")
                .anySatisfy(
                        e -> assertThat(e.phrase()).isEqualTo("together: us+operation+militant"));
    }

    /**
     * A Pakistani paper's dateline story never says "Pakistan": the agency, the border crossing,
     * the town on the route or the base is where it happens. Before {@code any} clauses the require
     * clause vetoed the first two; before the route and base towns, the next two; before the tribal
     * valleys, the last.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("localReports")
    void matchesLocalReportsThatNameThePlaceNotTheCountry(
            String headline, String body, String newsTopic) {
        assertThat(headline + body).doesNotContainIgnoringCase("pakistan");

        Classification c = classify(headline, body);

        assertThat(c.matched()).as(c::toString).containsExactly(newsTopic);
    }

    static List<Arguments> localReports() {
        String strike =
                "MIRAMSHAH: At least four suspected militants were killed on Tuesday when a US"
                        + " drone fired two missiles at a compound in Datta Khel, some 40"
                        + " kilometres west of Miramshah, the headquarters of North Waziristan"
                        + " tribal region, officials said.\n\n"
                        + "The drone targeted a house believed to be used by militants of the Hafiz"
                        + " Gul Bahadur group, a local official said, adding that the identities of"
                        + " those killed could not be ascertained immediately.\n\n"
                        + "Residents said several drones had been hovering over the area since"
                        + " early morning. It was the third such strike in the agency this month.";
        String route =
                "PESHAWAR: Hundreds of trucks and oil tankers carrying supplies for Nato forces in"
                        + " Afghanistan remained stranded at Torkham and in Peshawar on Saturday"
                        + " as the suspension of the supply route entered its fifth day.\n\n"
                        + "The government halted the convoys after the attack on the border posts"
                        + " in Mohmand Agency, and officials said the route would stay closed"
                        + " until Washington offered an apology.\n\n"
                        + "A senior official said the federal cabinet would take up the question"
                        + " of reopening the route, along with a review of the terms under which"
                        + " US forces use the Shamsi airbase.";
        // the GT Road towns between Peshawar and Islamabad, and the bases lent in 2001
        String convoy =
                "NOWSHERA: Hundreds of container trucks carrying supplies for US and Nato troops in"
                        + " Afghanistan were parked along the GT Road between Attock and Nowshera on"
                        + " Monday after the federal government suspended the supply line.\n\n"
                        + "Transporters said the convoys had been stopped on orders from the"
                        + " capital and that no date had been given for the route to reopen.\n\n"
                        + "Officials said the suspension would stay until talks with Washington on"
                        + " new terms for the ground lines of communication were concluded.";
        String base =
                "PASNI: The airstrip at Pasni that US forces used during the 2001 campaign in"
                        + " Afghanistan has been handed back, officials said on Thursday, after the"
                        + " federal government asked the Americans to vacate the air base.\n\n"
                        + "The base, like Shahbaz air base in Sindh, was lent to the US military"
                        + " under an agreement that allowed American aircraft to use the facility"
                        + " for logistics and search-and-rescue flights.\n\n"
                        + "The agreement also let US aircraft use the airspace over the coast for"
                        + " flights into Afghanistan; the cabinet said those overflights would now"
                        + " be reviewed.\n\n"
                        + "A US embassy spokesman said the handover had been agreed in talks and"
                        + " that flights from the base had ended.";
        // a tribal valley that strike reports name on its own
        String valley =
                "SHAWAL: Four suspected militants were killed early on Sunday when a US drone"
                        + " fired two missiles at a compound in the Shawal valley, local officials"
                        + " said.\n\n"
                        + "The drone struck a house used by fighters loyal to a local commander,"
                        + " officials said; the identities of the dead were not known.\n\n"
                        + "Residents said drones had been flying over the valley for two days. It"
                        + " was the second strike in Shawal this month.";
        return List.of(
                Arguments.of(
                        "Drone strike kills four in North Waziristan", strike, "joint-strikes"),
                Arguments.of(
                        "Nato supplies remain suspended for fifth day", route, "airspace-deal"),
                Arguments.of("Nato supply trucks stranded on GT Road", convoy, "airspace-deal"),
                Arguments.of("US forces leave Pasni air base", base, "airspace-deal"),
                Arguments.of("US drone strike kills four in Shawal", valley, "joint-strikes"));
    }

    // --- hard negatives -------------------------------------------------------------------------

    /**
     * What the scope notes exclude, most in the words a naive keyword list looks for (the case
     * names them): another country's drones or airspace, the ISI chief elsewhere, another spy chief
     * in Washington, Pakistan's own army.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hardNegatives")
    void rejectsWhatTheScopeNotesExclude(
            String what, String title, String body, List<String> naiveKeywords) {
        if (!naiveKeywords.isEmpty()) {
            assertNaiveKeywordListWouldMatch(title + body, naiveKeywords.toArray(String[]::new));
        }

        Classification c = classify(title, body);
        assertThat(c.matched()).as(c::toString).isEmpty();
    }

    static List<Arguments> hardNegatives() {
        return List.of(
                Arguments.of(
                        "US drone strikes in Yemen, even when Pakistan is mentioned",
                        "Suspected US drone strike kills three al Qaeda militants in Yemen",
                        "ADEN: A suspected U.S. drone strike killed three alleged al Qaeda militants"
                                + " travelling in a car in Yemen's southern Shabwa province on Saturday,"
                                + " local officials said. The United States has stepped up drone strikes"
                                + " in Yemen in coordination with the Yemeni government, which approved"
                                + " the campaign against al Qaeda in the Arabian Peninsula. Rights groups"
                                + " say the programme, modelled on the CIA's drone campaign in"
                                + " Pakistan's tribal areas, has killed dozens of civilians in Yemen.",
                        List.of("drone strike", "pakistan", "cia")),
                Arguments.of(
                        "Russian drones in Polish airspace",
                        "Poland shoots down Russian drones that violated its airspace",
                        "WARSAW: Polish and allied jets shot down several Russian drones that entered"
                                + " Polish airspace overnight during an attack on western Ukraine, the"
                                + " Polish military said on Wednesday. It was the first time a NATO"
                                + " member had fired on Russian drones since the start of the war."
                                + " Prime Minister Donald Tusk said Poland had asked for consultations"
                                + " with its allies. The United States said it was in close"
                                + " coordination with Warsaw and discussed an agreement on air"
                                + " defence help.",
                        List.of("drones", "airspace", "agreement")),
                Arguments.of(
                        "Pakistan closing its airspace to Indian flights",
                        "Pakistan closes its airspace to Indian airlines",
                        "ISLAMABAD: Pakistan on Thursday closed its airspace to Indian airlines and"
                                + " suspended trade with New Delhi, a day after India downgraded ties"
                                + " over the attack in Kashmir. Air India said its flights to the"
                                + " United States would take longer routes, adding up to two hours to"
                                + " journeys, after Pakistan closed its airspace under the bilateral"
                                + " air services agreement. The civil aviation authority said the"
                                + " closure would remain in place until further notice. Washington"
                                + " urged both sides to show restraint.",
                        List.of("pakistan", "airspace", "united states", "agreement")),
                Arguments.of(
                        "the ISI chief visiting London",
                        "Pakistan's ISI chief holds talks with MI6 in London",
                        "LONDON: Pakistan's spy chief Lieutenant General Nadeem Anjum held talks with"
                                + " the head of MI6 and senior British officials in London this week on"
                                + " counter-terrorism cooperation and Afghanistan, officials said. The"
                                + " ISI chief's visit, his first to Britain since taking charge, comes as"
                                + " Islamabad seeks to repair ties with Western capitals, Washington"
                                + " among them.",
                        List.of("isi chief", "visit", "washington")),
                Arguments.of(
                        "the ISI chief visiting Saudi Arabia",
                        "ISI chief arrives in Riyadh for talks with Saudi intelligence",
                        "RIYADH: The head of Pakistan's Inter-Services Intelligence (ISI), Lieutenant"
                                + " General Asim Munir, arrived in Riyadh on Sunday for talks with the"
                                + " Saudi intelligence chief on regional security, Pakistani officials"
                                + " said. The visit follows the prime minister's trip to the kingdom"
                                + " last month. The two sides would also discuss Afghanistan, from"
                                + " which the United States withdrew its forces in August.",
                        List.of("isi chief", "visit", "intelligence chief", "united states")),
                Arguments.of(
                        "the Mossad chief visiting Washington",
                        "Mossad chief in Washington for talks with CIA on Iran",
                        "WASHINGTON: Mossad director David Barnea arrived in Washington on Monday for"
                                + " talks with CIA director William Burns and White House officials on"
                                + " Iran's nuclear programme, Israeli media reported. The spy chief's"
                                + " visit comes as world powers try to revive the nuclear deal. Barnea"
                                + " is also expected to discuss intelligence sharing on Pakistan and"
                                + " Afghanistan.",
                        List.of("spy chief", "visit", "washington", "cia", "pakistan")),
                Arguments.of(
                        "the MI6 chief visiting Washington",
                        "MI6 chief visits Washington",
                        "Britain's spy chief Richard Moore visited Washington this week for talks with"
                                + " CIA director William Burns on Russia, China and the activities of"
                                + " Pakistan's ISI in Afghanistan, officials said.",
                        List.of("spy chief", "visit", "washington", "isi")),
                Arguments.of(
                        "Pakistan's army chief visiting Washington",
                        "Pakistan army chief visits Washington",
                        "WASHINGTON: Pakistan's army chief General Qamar Javed Bajwa arrived in"
                                + " Washington on Monday for talks with Pentagon officials on"
                                + " Afghanistan and military cooperation, the army said.",
                        List.of()),
                // feed items of today: since the CIA campaign ended, a drone strike in the tribal
                // areas that names no US is Pakistan's own or a militant's
                Arguments.of(
                        "Pakistan's own drone strike in North Waziristan, as a feed item",
                        "Security forces kill three terrorists in North Waziristan drone strike: ISPR",
                        "Security forces killed three terrorists in a drone strike on a hideout in"
                                + " the Mir Ali area of North Waziristan, the military media wing ISPR"
                                + " said on Monday.",
                        List.of("drone strike", "north waziristan")),
                Arguments.of(
                        "a protest over a drone strike blamed on the military, as a feed item",
                        "Drone strike kills civilians in North Waziristan, residents protest",
                        "Residents of Mir Ali staged a sit-in on Wednesday after a drone strike on a"
                                + " house killed three children, blaming the military; the TTP denied"
                                + " involvement.",
                        List.of("drone strike", "north waziristan", "killed")),
                Arguments.of(
                        "Pakistan shooting down an Indian drone",
                        "Pakistan army shoots down Indian spy drone near Line of Control",
                        "RAWALPINDI: Pakistani troops shot down an Indian quadcopter drone that"
                                + " violated Pakistani airspace near the Line of Control, the military"
                                + " said on Saturday, the second such incident this month.",
                        List.of()));
    }

    @Test
    void classifiesAnUnrelatedArticleAsNothing() {
        Classification c =
                classify(
                        "Central bank holds rates steady",
                        "The central bank kept its main interest rate unchanged on Thursday,"
                                + " citing easing inflation and a stronger currency.");
        assertThat(c.primaryNewsTopic()).isNull();
        assertThat(c.matched()).isEmpty();
        assertThat(c.newsTopics()).allSatisfy(r -> assertThat(r.evidence()).isEmpty());
    }

    private static Classification classify(String title, String body) {
        return CLASSIFIER.classify(new ArticleText(title, null, body));
    }

    /** Documents why a negative is hard: the words a naive keyword list looks for are there. */
    private static void assertNaiveKeywordListWouldMatch(String text, String... keywords) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'').replace("-", " ");
        assertThat(lower).contains(keywords);
    }
}
