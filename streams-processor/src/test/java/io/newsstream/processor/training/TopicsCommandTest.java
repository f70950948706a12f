package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.NewsTopicModel;
import io.newsstream.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A user adds a fourth news topic from ten example articles (the README's walk-through): define it,
 * train it, and the processor's classifier finds a new article of it.
 */
class TopicsCommandTest {

    private static final String POLIO_TOPIC =
            """

              - id: polio-drive
                name: Polio drive
                description: Pakistan's polio vaccination campaigns.
                scope:
                  in: >-
                    Polio vaccination campaigns in Pakistan, the teams that run them, attacks on
                    vaccinators and new polio cases in Pakistan.
                  out: >-
                    Polio in other countries; other vaccines and diseases.
                examples:
                  positive: [polio/yes]
                  negative: [polio/no]
                groups:
                  polio: ["polio", "poliovirus"]
                  vaccination: ["vaccinat*", "vaccine", "drops", "immunis*", "immuniz*", "campaign", "drive"]
                  pakistan: ["pakistan", "pakistani", "karachi", "peshawar", "quetta", "lahore", "khyber pakhtunkhwa"]
                  team: ["team", "worker", "vaccinator", "health worker", "police escort"]
                  elsewhere: ["nigeria", "afghanistan", "gaza", "england", "london"]
                together:
                  - [polio, vaccination]
                  - [polio, pakistan]
                  - [vaccination, team]
                against:
                  - [polio, elsewhere]
                require:
                  - all: [polio]
            """;

    private static final String[][] POSITIVES = {
        {
            "Polio drive begins in Karachi",
            "A week-long polio vaccination campaign began in Karachi on Monday.\nHealth workers will give drops to two million children under five.\nPolice escort the teams in sensitive areas."
        },
        {
            "Vaccinators attacked in Khyber Pakhtunkhwa",
            "Gunmen attacked a polio team in Khyber Pakhtunkhwa, killing a police escort.\nThe vaccination drive was suspended in the district.\nOfficials said the campaign would resume next week."
        },
        {
            "Pakistan reports new polio case",
            "Pakistan confirmed a new polio case in Quetta, the fifth this year.\nThe poliovirus was also found in sewage samples from Peshawar and Lahore.\nA vaccination campaign is planned for next month."
        },
        {
            "Nationwide anti-polio campaign",
            "The government launched a nationwide anti-polio campaign on Monday.\nMore than 400,000 workers will go door to door across Pakistan.\nParents who refuse the drops will be counselled."
        },
        {
            "Polio workers boycott over unpaid wages",
            "Polio workers in Peshawar boycotted the vaccination drive over unpaid allowances.\nThe health department said the dues would be cleared.\nThe campaign was delayed by two days."
        },
        {
            "Clerics back polio vaccination",
            "Religious scholars in Pakistan urged parents to vaccinate their children against polio.\nThey said the vaccine was safe.\nRefusals have slowed the campaign in parts of Karachi."
        },
        {
            "Environmental samples test positive",
            "Polio was detected in environmental samples from 20 districts of Pakistan.\nThe emergency operations centre said immunisation gaps persist.\nA special campaign will target missed children."
        },
    };

    private static final String[][] NEGATIVES = {
        {
            "Dengue cases rise in Lahore",
            "Dengue cases rose sharply in Lahore after the monsoon.\nHospitals set up special wards.\nThe health department sprayed residential areas."
        },
        {
            "Nigeria marks polio milestone",
            "Nigeria marked three years without wild polio.\nThe campaign in Nigeria relied on community leaders.\nHealth workers in Nigeria were praised."
        },
        {
            "Measles vaccine uptake falls in England",
            "Uptake of the measles vaccine fell in England.\nDoctors in London urged parents to book appointments.\nThe campaign will run in schools."
        },
    };

    @TempDir Path dir;

    /** The bundled definitions plus the polio topic, in a checkout-like folder. */
    /** The polio definitions, trained (the other news topics keep the bundled weights). */
    private Path trainedDefinitions() throws IOException {
        Path yaml = definitions();
        assertThat(trainPolio(yaml).exit()).isZero();
        return yaml;
    }

    /** {@code train} of the polio news topic alone, from its examples only. */
    private static Printed trainPolio(Path yaml) {
        return runPrinting(
                "train", "--topics", yaml.toString(), "--no-defaults", "--only", "polio-drive");
    }

    private Path definitions() throws IOException {
        try (InputStream in =
                getClass()
                        .getClassLoader()
                        .getResourceAsStream(NewsTopicCatalog.DEFAULT_RESOURCE)) {
            Files.writeString(
                    dir.resolve("my-topics.yaml"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8) + POLIO_TOPIC);
        }
        Path seeds = Files.createDirectories(dir.resolve("demo/seeds"));
        try (Stream<Path> files = Files.list(SharedData.seeds())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                Files.copy(f, seeds.resolve(f.getFileName()));
            }
        }
        write(dir.resolve("polio/yes"), POSITIVES);
        write(dir.resolve("polio/no"), NEGATIVES);
        return dir.resolve("my-topics.yaml");
    }

    private static void write(Path folder, String[][] articles) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < articles.length; i++) {
            Files.writeString(
                    folder.resolve(i + ".txt"), articles[i][0] + "\n\n" + articles[i][1] + "\n");
        }
    }

    private static int run(String... args) {
        return new CommandLine(new TopicsCommand())
                .setOut(new java.io.PrintWriter(new ByteArrayOutputStream()))
                .execute(args);
    }

    /** What a command printed on standard output and error, and its exit code. */
    private record Printed(int exit, String out, String err) {}

    /** Runs a command, catching what it prints (the commands print on standard output). */
    private static Printed runPrinting(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int exit = run(args);
            return new Printed(
                    exit,
                    printed.toString(StandardCharsets.UTF_8),
                    errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void trainsAFourthNewsTopicFromTenExamplesAndKeepsTheOthersWeights() throws IOException {
        Path yaml = definitions();
        Printed trained = trainPolio(yaml);

        assertThat(trained.exit()).as(trained.out()).isZero();
        Path modelFile = dir.resolve("my-topics.model.json");
        assertThat(modelFile).exists();
        NewsTopicModel model = NewsTopicModel.read(modelFile);
        assertThat(model.newsTopics()).containsKeys("polio-drive", "joint-strikes");
        // seven positives: below the threshold for all features, so it rests on its rules
        assertThat(model.weightsOf("polio-drive").orElseThrow().features()).isEqualTo("rules");
        // and its feed items by the same rules, weighed on the examples' leads
        assertThat(model.weightsOf("polio-drive").orElseThrow().brief().features())
                .isEqualTo("rules");
        assertThat(model.weightsOf("joint-strikes"))
                .isEqualTo(NewsTopicModel.bundled().weightsOf("joint-strikes"));

        NewsTopicClassifier classifier =
                NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(yaml));
        assertThat(classifier.untrained()).isEmpty();
        assertThat(
                        classifier
                                .classify(
                                        new ArticleText(
                                                "Children miss polio drops in Quetta",
                                                null,
                                                "Thousands of children in Quetta missed polio"
                                                        + " drops during the last vaccination"
                                                        + " campaign.\nThe teams will return"
                                                        + " next week.\nParents were asked to"
                                                        + " cooperate."))
                                .matched())
                .containsExactly("polio-drive");
        assertThat(
                        classifier
                                .classify(
                                        new ArticleText(
                                                "Cricket: Pakistan win in Karachi",
                                                null,
                                                "Pakistan beat England by five wickets.\nThe"
                                                        + " campaign for the series goes on.\nFans"
                                                        + " celebrated."))
                                .matched())
                .isEmpty();

        Path article = dir.resolve("quetta.txt");
        Files.writeString(
                article,
                "Children miss polio drops in Quetta\n\nThousands of children in Quetta missed"
                        + " polio drops during the last vaccination campaign.\nThe teams will"
                        + " return next week.\n");
        Printed explained = runPrinting("explain", "--topics", yaml.toString(), article.toString());
        assertThat(explained.exit()).as(explained.out()).isZero();
        assertThat(explained.out())
                .contains("primary: polio-drive")
                .containsPattern("matched +polio-drive +p=0\\.\\d\\d threshold")
                .contains("together: polio+vaccination  (body, at 0");
    }

    /**
     * The "optional phrases or rules": a news topic of scope notes and examples alone gets
     * groups and rules drafted from its notes, printed by train for the editor to refine, and the
     * trained model finds a new article of it and leaves out what the notes exclude.
     */
    @Test
    void aNewsTopicOfScopeNotesAndExamplesAloneIsDraftedTrainedAndFound() throws IOException {
        Path yaml = definitions();
        String notesOnly = POLIO_TOPIC.substring(0, POLIO_TOPIC.indexOf("    groups:"));
        Files.writeString(
                yaml,
                Files.readString(yaml).replace(POLIO_TOPIC, notesOnly),
                StandardCharsets.UTF_8);

        Printed trained = trainPolio(yaml);

        assertThat(trained.exit()).as(trained.out() + trained.err()).isZero();
        assertThat(trained.out())
                .contains("polio-drive has no groups or rules of its own")
                .contains("    groups:")
                .containsPattern("- - polio\\n\\s+- vaccination");
        Files.writeString(
                dir.resolve("quetta.txt"),
                "Children miss polio drops in Quetta\n\nThousands of children in Quetta missed"
                        + " polio drops during the last vaccination campaign.\nThe teams will"
                        + " return next week.\n");
        Files.writeString(
                dir.resolve("dengue.txt"),
                "Dengue in Karachi\n\nDengue cases rose in Karachi, and health teams began a"
                        + " spraying campaign.\nHospitals set up wards.\n");
        Printed explained =
                runPrinting(
                        "explain",
                        "--topics",
                        yaml.toString(),
                        dir.resolve("quetta.txt").toString(),
                        dir.resolve("dengue.txt").toString());
        assertThat(explained.out())
                .contains("quetta.txt  primary: polio-drive")
                .contains("together: polio+vaccination  (body, at 0")
                .contains("dengue.txt  no news topic");
    }

    /**
     * The editor's next labels: the articles nearest the polio topic's decision, without the ones
     * labelled already, without a second version of one story, and as a labels file that training
     * refuses until the guesses are replaced.
     */
    @Test
    void suggestsWhatToLabelNextAndRefusesTheUncheckedGuesses() throws IOException {
        Path yaml = trainedDefinitions();
        Path pool = dir.resolve("pool");
        Files.createDirectories(pool);
        String lahore =
                "Polio drops for children in Lahore\n\nA polio vaccination campaign began in"
                        + " Lahore.\nTeams will visit every house in the city.\nParents were"
                        + " asked to cooperate.\n";
        Files.writeString(pool.resolve("lahore.txt"), lahore);
        Files.writeString(pool.resolve("lahore-update.txt"), lahore.replace("began", "started"));
        Files.writeString(
                pool.resolve("nigeria.txt"),
                "Polio in Nigeria and Pakistan\n\nNigeria reported a polio case, its first in a"
                        + " year.\nPakistan and Afghanistan are the other countries with wild"
                        + " polio.\n");
        Files.writeString(
                pool.resolve("dengue.txt"),
                "Dengue in Karachi\n\nDengue cases rose in Karachi.\nHospitals set up wards.\n");
        Path csv = dir.resolve("next/to-label.csv");

        NewsTopicClassifier classifier =
                NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(yaml));
        var ranked =
                LabelSuggestions.rank(
                                classifier,
                                List.of("polio-drive"),
                                Stream.of("lahore.txt", "nigeria.txt", "dengue.txt")
                                        .map(pool::resolve)
                                        .map(
                                                f ->
                                                        new LabelSuggestions.Article(
                                                                f.toString(),
                                                                f,
                                                                null,
                                                                Examples.readArticle(f)))
                                        .toList(),
                                10)
                        .get("polio-drive");
        // nearest the decision first; the dengue story has no evidence for polio at all
        assertThat(ranked)
                .extracting(s -> s.article().file().getFileName().toString())
                .containsExactlyInAnyOrder("lahore.txt", "nigeria.txt");
        assertThat(ranked.get(0).margin()).isLessThanOrEqualTo(ranked.get(1).margin());

        Printed suggested =
                runPrinting(
                        "suggest",
                        "--topics",
                        yaml.toString(),
                        "--only",
                        "polio-drive",
                        "--csv",
                        csv.toString(),
                        pool.toString(),
                        dir.resolve("polio").toString());
        assertThat(suggested.exit()).as(suggested.out()).isZero();
        assertThat(suggested.out())
                .contains("Scoring 4 unlabelled articles (10 labelled already, left out)")
                .contains("polio-drive: 2 to label next")
                .contains("\"Polio in Nigeria and Pakistan\"")
                .containsPattern("p=0\\.\\d\\d \\(threshold 0\\.\\d\\d\\): would (not )?take it")
                .doesNotContain("dengue.txt");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("file,topic,borderline,source,note");
        assertThat(rows).hasSize(3); // one version of the Lahore story
        assertThat(rows.subList(1, 3)).allMatch(r -> r.contains("../pool/") && r.contains(",?"));

        assertThatThrownBy(() -> Examples.fromLabels(csv, java.util.Set.of("polio-drive")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("is the model's guess (topics suggest)");
        Files.writeString(
                csv,
                String.join("\n", rows)
                        .replace(",?polio-drive,,", ",polio-drive,no,")
                        .replace(",?none,,", ",none,yes,"));
        assertThat(Examples.fromLabels(csv, java.util.Set.of("polio-drive"))).hasSize(2);
    }

    /**
     * Articles already ingested: suggest reads the raw articles as {@code ./newsstream tail
     * news.articles.raw} prints them and writes the ones to label as article files beside the
     * labels file, which names them.
     */
    @Test
    void suggestsFromRawArticlesAsTailPrintsThem() throws IOException {
        Path yaml = trainedDefinitions();
        Path jsonl = dir.resolve("raw.jsonl");
        Files.writeString(
                jsonl,
                """
                {"topic":"news.articles.raw","partition":0,"offset":0,"key":"a1","schemaId":1,\
                "value":{"id":"a1","feedId":"file","title":"Polio team attacked in Bannu",\
                "subtitle":null,"body":"Gunmen attacked a polio vaccination team in Bannu.\\n\\n\
                The police escort was wounded."}}

                {"topic":"news.articles.raw","partition":0,"offset":1,"key":"a2","schemaId":1,\
                "value":{"id":"a2/x","feedId":"file","title":"Rain in Lahore",\
                "subtitle":"Monsoon","body":"It rained in Lahore."}}
                """);
        Path csv = dir.resolve("next/to-label.csv");
        Printed suggested =
                runPrinting(
                        "suggest",
                        "--topics",
                        yaml.toString(),
                        "--only",
                        "polio-drive",
                        "--csv",
                        csv.toString(),
                        jsonl.toString());
        assertThat(suggested.exit()).as(suggested.out()).isZero();
        assertThat(suggested.out())
                .contains("Scoring 2 unlabelled articles")
                .contains("raw.jsonl line 1 (a1)")
                .doesNotContain("Rain in Lahore");
        assertThat(dir.resolve("next/articles/a1.txt"))
                .content()
                .startsWith("Polio team attacked in Bannu\n\nGunmen attacked");
        assertThat(Files.readAllLines(csv))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("articles/a1.txt,?");

        // an ingested article that is labelled already is known by its headline
        Files.writeString(
                jsonl,
                "{\"value\":{\"id\":\"a4\",\"title\":\"Polio drive begins in Karachi\","
                        + "\"body\":\"A week-long polio vaccination campaign began.\"}}\n");
        Printed again = runPrinting("suggest", "--topics", yaml.toString(), jsonl.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out())
                .contains("Scoring 0 unlabelled articles (1 labelled already, left out)");
        assertThat(TopicsCommand.Suggest.headlineKey("Polio drive begins in  Karachi!"))
                .isEqualTo("polio drive begins in karachi");
        assertThat(TopicsCommand.Suggest.headlineKey("Polio news")).isEmpty();

        // an article sent again after an edit: its last version
        Files.writeString(
                jsonl,
                "{\"value\":{\"id\":\"a5\",\"title\":\"T\",\"body\":\"first\"}}\n"
                        + "{\"value\":{\"id\":\"a5\",\"title\":\"T\",\"body\":\"edited\"}}\n");
        assertThat(Examples.fromJsonLines(jsonl))
                .singleElement()
                .satisfies(a -> assertThat(a.text().body()).isEqualTo("edited"));

        Files.writeString(
                jsonl, "{\"topic\":\"news.articles.enriched\",\"value\":{\"id\":\"a3\"}}\n");
        assertThatThrownBy(() -> Examples.fromJsonLines(jsonl))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("raw.jsonl line 1: no article");
    }

    /** What evaluate says of a user's news topic with seven examples, and of those without any. */
    @Test
    void evaluatesTheFourthNewsTopicFromItsExamples() throws IOException {
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.topics.file = definitions();
        inputs.noDefaults = true;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        TopicReport report =
                TopicsCommand.evaluate(
                        inputs, 2, new PrintStream(progress, true, StandardCharsets.UTF_8));

        TopicReport.TopicResult polio = report.result("polio-drive");
        assertThat(polio.rare()).isTrue(); // seven positives: reported apart
        assertThat(polio.all().positives()).isEqualTo(7);
        assertThat(polio.all().truePositives()).isGreaterThanOrEqualTo(5);
        assertThat(polio.all().falsePositives()).isLessThanOrEqualTo(1);
        assertThat(report.text())
                .contains("polio-drive has 7 positive examples")
                .containsPattern("joint-strikes +0 +not evaluated: no positive example")
                .contains("macro-F1: no news topic has 10 positive examples or more")
                .contains("hard negatives: none among the inputs")
                .contains("held-out background stories: none")
                .contains("Over 2 partitions into folds")
                .doesNotContain("joint-strikes        F1");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("7 positive examples of polio-drive from polio/yes");
    }

    @Test
    void probesAreTrainedOnButNeverTestedAndLeaveARareNewsTopicOnItsRules() throws IOException {
        Path probes = Files.createDirectories(dir.resolve("probes"));
        StringBuilder labels = new StringBuilder("file,topic,borderline,source,note\n");
        for (int i = 0; i < 4; i++) {
            Files.writeString(
                    probes.resolve("p" + i + ".txt"),
                    "Polio drive number "
                            + i
                            + " reaches children in Pakistan\n\nA polio vaccination drive"
                            + " reached children in Karachi, health workers said.\nThe polio"
                            + " campaign will run for a week.\n");
            labels.append("p").append(i).append(".txt,polio-drive,no,probe,written\n");
        }
        Files.writeString(probes.resolve("labels.csv"), labels.toString());
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.topics.file = definitions();
        inputs.noDefaults = true;
        inputs.probes = List.of(probes.resolve("labels.csv"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        TopicReport report =
                TopicsCommand.evaluate(
                        inputs, 1, new PrintStream(progress, true, StandardCharsets.UTF_8));

        TopicReport.TopicResult polio = report.result("polio-drive");
        assertThat(polio.all().positives()).isEqualTo(7); // the labelled ones: probes not tested
        assertThat(polio.rare()).isTrue();
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("4 probes from")
                .contains("Cross-validating 10 dev articles");
        NewsTopicModel.Weights trained =
                TopicsCommand.train(inputs, List.of("polio-drive"), new PrintStream(progress))
                        .weightsOf("polio-drive")
                        .orElseThrow();
        assertThat(trained.positives()).isEqualTo(12); // 7 labelled, 4 probes, the scope note
        assertThat(trained.features()).isEqualTo("rules"); // 7 labelled articles: still rare
    }

    @Test
    void withoutTopicsTheCommandsReadTheDefinitionsThePipelineReads() {
        Path mine = dir.resolve("my-topics.yaml");

        assertThat(TopicsCommand.definitionsFile(null, name -> null)).isNull();
        assertThat(TopicsCommand.definitionsFile(null, name -> " ")).isNull();
        assertThat(
                        TopicsCommand.definitionsFile(
                                null,
                                name ->
                                        name.equals("NEWSSTREAM_NEWS_TOPICS_FILE")
                                                ? mine.toString()
                                                : null))
                .isEqualTo(mine);
        assertThat(
                        TopicsCommand.definitionsFile(
                                dir.resolve("other.yaml"), name -> mine.toString()))
                .isEqualTo(dir.resolve("other.yaml"));

        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.topics.env = name -> mine.toString();
        // a file of the user's learns from its own examples, not from the bundled labels
        assertThat(inputs.labelFiles()).isEmpty();
        assertThat(inputs.base()).isEqualTo(dir);
    }

    @Test
    void explainAndSuggestSearchDirectoriesForArticlesAndNameAMissingPath() throws IOException {
        Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(dir.resolve("in/b.txt"), "B\n\nbody\n");
        Files.writeString(dir.resolve("in/a.txt"), "A\n\nbody\n");
        Files.writeString(dir.resolve("in/sub/d.txt"), "D\n\nbody\n");
        Files.writeString(dir.resolve("in/notes.md"), "not an article");
        Files.writeString(dir.resolve("in/README.txt"), "about these articles");
        Files.writeString(dir.resolve("c.txt"), "C\n\nbody\n");

        assertThat(Examples.articleFiles(List.of(dir.resolve("in"), dir.resolve("c.txt"))))
                .containsExactly(
                        dir.resolve("in/a.txt"),
                        dir.resolve("in/b.txt"),
                        dir.resolve("in/sub/d.txt"),
                        dir.resolve("c.txt"));
        assertThatThrownBy(() -> Examples.articleFiles(List.of(dir.resolve("nope.txt"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("No article file or directory at")
                .hasMessageContaining("nope.txt");
    }

    @Test
    void explainReadsArticlesAsTheProducerDoesAndGoesOnPastOneItWouldRefuse() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        // No headline in the text: the article opens with body text, as real coverage often does.
        Files.writeString(
                dir.resolve("in/a.txt"),
                "A US drone strike killed four militants in North Waziristan on Sunday, Pakistani"
                        + " officials said. The strike hit a compound near Miranshah.\n\n"
                        + "Officials in Washington declined to comment.\n");
        Files.writeString(dir.resolve("in/b.txt"), "   \n\n");

        Printed explained = runPrinting("explain", dir.resolve("in").toString());

        assertThat(explained.exit()).as(explained.out()).isEqualTo(1);
        assertThat(explained.out())
                .contains("a.txt  primary: joint-strikes  (brief: decided by the brief models)")
                .contains("b.txt: the producer would refuse this article (EMPTY")
                .contains("1 input(s) not read as articles");
    }

    @Test
    void explainSaysABriefModelDecidedOnlyWhenThereIsOne() throws IOException {
        // Definitions of one's own, not trained yet: no model file beside them.
        Path yaml = dir.resolve("untrained.yaml");
        Files.writeString(yaml, "newsTopics:" + POLIO_TOPIC);
        Path brief = dir.resolve("brief.txt");
        Files.writeString(brief, "Polio team attacked\n\nGunmen attacked a polio team in Bannu.\n");

        Printed untrained = runPrinting("explain", "--topics", yaml.toString(), brief.toString());
        Printed bundled = runPrinting("explain", brief.toString());

        assertThat(untrained.exit()).as(untrained.out()).isZero();
        assertThat(untrained.out()).contains("brief.txt").doesNotContain("(brief:");
        assertThat(bundled.out()).contains("(brief: decided by the brief models)");
    }

    @Test
    void scoresTheCurrentModelOnLabelledArticlesItWasNotTrainedOn() throws IOException {
        Files.createDirectories(dir.resolve("new"));
        Files.writeString(
                dir.resolve("new/strike.txt"),
                "US drone kills five militants in North Waziristan\n\n"
                        + "A US drone strike killed five militants in North Waziristan on Sunday,"
                        + " Pakistani officials said. The missiles hit a compound near Miranshah.\n\n"
                        + "Pakistan's Foreign Office protested the strike as a violation of its"
                        + " sovereignty.\n");
        Files.writeString(
                dir.resolve("new/yemen.txt"),
                "US drone strike kills militants in Yemen\n\n"
                        + "A US drone strike killed three suspected al Qaeda militants in Yemen's"
                        + " Shabwa province on Friday, Yemeni officials said.\n\n"
                        + "The strike was the third in Yemen this month.\n");
        Files.writeString(
                dir.resolve("new/cricket.txt"),
                "Pakistan beat Sri Lanka in Karachi\n\n"
                        + "Pakistan beat Sri Lanka by six wickets in Karachi on Sunday.\n");
        Files.writeString(
                dir.resolve("new/labels.csv"),
                "file,topic,borderline,source,note\n"
                        + "strike.txt,joint-strikes,no,test,a strike in the tribal areas\n"
                        + "yemen.txt,none,no,test,HARD NEGATIVE: a drone strike in Yemen\n"
                        + "cricket.txt,intel-chief-visit,no,test,mislabelled on purpose\n");

        Printed scored =
                runPrinting(
                        "score",
                        "--report",
                        dir.resolve("report.txt").toString(),
                        dir.resolve("new/labels.csv").toString());

        assertThat(scored.exit()).as(scored.out()).isZero();
        assertThat(scored.out())
                .contains("on 3 labelled articles it was not trained on")
                .containsPattern("joint-strikes +1 +1\\.000 +1\\.000 +1\\.000 \\| +0 / 1")
                .containsPattern("intel-chief-visit +1 +0\\.000 +0\\.000")
                .contains("hard negatives given any news topic: 0 / 1")
                .containsPattern("missed intel-chief-visit .*cricket\\.txt");
        assertThat(Files.readString(dir.resolve("report.txt")))
                .contains("on 3 labelled articles it was not trained on")
                .containsPattern("missed intel-chief-visit .*cricket\\.txt");
    }

    /**
     * An outlet held out: trained on the other sources' labelled articles, its own scored as the
     * processor would run the model, as written and as feed items.
     */
    @Test
    void evaluateHoldsOutASourceAndScoresItsArticlesOnAModelThatNeverSawThem() throws IOException {
        Path yaml = definitions();
        Path labelled = Files.createDirectories(dir.resolve("labelled"));
        StringBuilder labels = new StringBuilder("file,topic,borderline,source,note\n");
        String[] outlets = {"gazette", "gazette", "gazette", "courier", "courier"};
        for (int i = 0; i < outlets.length; i++) {
            Files.writeString(
                    labelled.resolve(i + ".txt"),
                    POSITIVES[i][0] + " (" + outlets[i] + ")\n\n" + POSITIVES[i][1] + "\n");
            labels.append(i).append(".txt,polio-drive,no,").append(outlets[i]).append(",\n");
        }
        Files.writeString(
                labelled.resolve("dengue.txt"), NEGATIVES[0][0] + "\n\n" + NEGATIVES[0][1] + "\n");
        labels.append("dengue.txt,none,no,courier,HARD NEGATIVE: another disease\n");
        Files.writeString(labelled.resolve("labels.csv"), labels.toString());
        Printed held =
                runPrinting(
                        "evaluate",
                        "--topics",
                        yaml.toString(),
                        "--no-defaults",
                        "--labels",
                        labelled.resolve("labels.csv").toString(),
                        "--hold-out-source",
                        "courier");

        assertThat(held.exit()).as(held.err()).isZero();
        assertThat(held.out())
                .contains("3 labelled articles from")
                .contains("(courier held out)")
                .contains("Training without the 3 articles of courier")
                .contains("on 3 labelled articles it was not trained on (courier, held out of")
                .contains("(courier, held out of training, as feed items)")
                .containsPattern("polio-drive +2 +1\\.000 +1\\.000 +1\\.000 \\| +0 / 1")
                .containsPattern("joint-strikes +0 +- +- +- \\|")
                .contains("hard negatives given any news topic: 0 / 1")
                .contains("articles of no news topic given one: 0 / 1");
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.topics.file = yaml;
        inputs.noDefaults = true;
        inputs.labels = List.of(labelled.resolve("labels.csv"));
        assertThatThrownBy(
                        () ->
                                TopicsCommand.transfer(
                                        inputs,
                                        List.of("herald", "tribune"),
                                        new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "--hold-out-source herald,tribune: no labelled article has that source")
                .hasMessageContaining("column has: courier, gazette)");
        inputs.labels = List.of();
        assertThatThrownBy(
                        () ->
                                TopicsCommand.transfer(
                                        inputs,
                                        List.of("courier"),
                                        new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("give the labels files with --labels");
    }

    @Test
    void scoresTheSameArticlesAsFeedItemsOrWithoutLineBreaks() throws IOException {
        Files.createDirectories(dir.resolve("new"));
        Files.writeString(
                dir.resolve("new/strike.txt"),
                "US drone kills five militants in North Waziristan\n\n"
                        + "A US drone strike killed five militants in North Waziristan on Sunday,"
                        + " Pakistani officials said.\n\n"
                        + "The missiles hit a compound near Miranshah.\n\n"
                        + "Pakistan's Foreign Office protested the strike as a violation of its"
                        + " sovereignty.\n");
        Files.writeString(
                dir.resolve("new/labels.csv"),
                "file,topic,borderline,source,note\n"
                        + "strike.txt,joint-strikes,no,test,a strike in the tribal areas\n");
        String labels = dir.resolve("new/labels.csv").toString();

        Printed feed = runPrinting("score", "--as-feed-items", labels);
        Printed flat = runPrinting("score", "--without-line-breaks", labels);
        Printed both = runPrinting("score", "--as-feed-items", "--without-line-breaks", labels);

        assertThat(feed.exit()).as(feed.out()).isZero();
        assertThat(feed.out())
                .contains("labels.csv (as feed items)")
                .containsPattern("joint-strikes +1 +1\\.000 +1\\.000 +1\\.000");
        assertThat(flat.exit()).as(flat.out()).isZero();
        assertThat(flat.out())
                .contains("labels.csv (without line breaks)")
                .containsPattern("joint-strikes +1 +1\\.000 +1\\.000 +1\\.000");
        assertThat(both.exit()).isNotZero();
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void aMissingExamplePathStopsTrainingWithTheEntryNamed() throws IOException {
        Path yaml = definitions();
        Files.writeString(
                yaml,
                Files.readString(yaml).replace("positive: [polio/yes]", "positive: [polio/yse]"));
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();

        assertThatThrownBy(
                        () -> {
                            inputs.topics.file = yaml;
                            inputs.noDefaults = true;
                            TopicsCommand.train(
                                    inputs,
                                    List.of(),
                                    new PrintStream(new ByteArrayOutputStream()));
                        })
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("News topic 'polio-drive': examples.positive")
                .hasMessageContaining("polio/yse");
    }

    @Test
    void saysWhenTheDevSetAndTheReutersStoriesAreMissing() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("NEWSSTREAM_SHARED_DIR") == null,
                "NEWSSTREAM_SHARED_DIR names the dev set's folder");
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.home = dir.resolve("checkout"); // its ../shared does not exist
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NewsTopicCatalog bundled = NewsTopicCatalog.loadDefault();

        inputs.examples(
                bundled, NewsTopicClassifier.untrained(bundled), new PrintStream(out, true));

        assertThat(out.toString())
                .contains("Note: no dev set at " + dir.resolve("shared/eval/topics-dev/labels.csv"))
                .contains("the figures are on the seeds alone")
                .contains("Note: no Reuters stories at " + dir.resolve("shared/eval/reuters21578"));
        // given on the command line, nothing is missing
        inputs.noDefaults = true;
        assertThat(inputs.missingDefaults()).isEmpty();
    }

    @Test
    void refusesToReplaceTheBundledModelWithoutTheDevSet() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("NEWSSTREAM_SHARED_DIR") == null,
                "NEWSSTREAM_SHARED_DIR names the dev set's folder");
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.home = dir.resolve("checkout"); // its ../shared does not exist

        assertThatThrownBy(() -> TopicsCommand.refuseThinBundledModel(inputs, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("labelled dev set")
                .hasMessageContaining("--model FILE");
        // writing elsewhere, or with labels given, is the user's choice
        TopicsCommand.refuseThinBundledModel(inputs, dir.resolve("elsewhere.model.json"));
    }

    @Test
    void compareSaysWhetherAChangeIsBeyondChanceAndRefusesAMissingFile() throws IOException {
        List<OutOfFold.Row> before = new java.util.ArrayList<>();
        List<OutOfFold.Row> after = new java.util.ArrayList<>();
        for (int g = 0; g < 40; g++) {
            before.add(GroupBootstrapTest.row(0, "pos" + g, g, true, false, g >= 12));
            after.add(GroupBootstrapTest.row(0, "pos" + g, g, true, false, g >= 1));
        }
        Path beforeCsv = dir.resolve("before.csv");
        Path afterCsv = dir.resolve("after.csv");
        OutOfFold.write(beforeCsv, before);
        OutOfFold.write(afterCsv, after);

        Printed compared = runPrinting("compare", beforeCsv.toString(), afterCsv.toString());

        assertThat(compared.exit()).as(compared.err()).isZero();
        assertThat(compared.out())
                .contains("Compared over 1 partition of 40 event groups")
                .contains("beyond what resampling the dev set gives")
                .contains("Decisions that changed (11;");
        TopicsCommand.Compare missing = new TopicsCommand.Compare();
        missing.before = dir.resolve("missing.csv");
        missing.after = afterCsv;
        assertThatThrownBy(missing::call)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.csv does not exist: write it with");
        Path notDecisions = dir.resolve("labels.csv");
        Files.writeString(notDecisions, "file,topic\na.txt,joint-strikes\n");
        missing.before = notDecisions;
        assertThatThrownBy(missing::call)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("labels.csv is not a file of out-of-fold decisions");
    }
}
