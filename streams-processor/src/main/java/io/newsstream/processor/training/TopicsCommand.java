package io.newsstream.processor.training;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.Classification;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.NewsTopicModel;
import io.newsstream.processor.enrich.TopicDraft;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsstream topics train|evaluate|explain|suggest}: trains the news-topic model from
 * labelled examples, cross-validates it and prints precision, recall and F1 per news topic, shows
 * what decided the news topics of given articles, or which articles to label next.
 */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Train, evaluate or explain the news-topic model.",
        subcommands = {
            TopicsCommand.Train.class,
            TopicsCommand.Evaluate.class,
            TopicsCommand.Explain.class,
            TopicsCommand.Score.class,
            TopicsCommand.Suggest.class,
            TopicsCommand.Compare.class
        })
public final class TopicsCommand {

    /** One in this many Reuters stories is trained on; the others are held out for evaluation. */
    static final int BACKGROUND_SAMPLE = 20;

    /** Which news-topic definitions a subcommand reads, and so which model. */
    static class Definitions {
        @Option(
                names = "--topics",
                paramLabel = "FILE",
                description =
                        "news-topic definitions (default: NEWSSTREAM_NEWS_TOPICS_FILE when set,"
                                + " as for the pipeline; else the bundled ones); their model is"
                                + " the <definitions>.model.json beside them")
        Path file;

        /** The environment: where NEWSSTREAM_NEWS_TOPICS_FILE comes from. */
        java.util.function.UnaryOperator<String> env = System::getenv;

        /** {@code --topics}, else the pipeline's setting; null: the bundled definitions. */
        Path path() {
            return definitionsFile(file, env);
        }

        NewsTopicCatalog catalog() {
            return NewsTopicCatalog.load(path());
        }
    }

    /** A report printed on standard output and, with {@code --report}, written to a file. */
    static class Report {
        @Option(
                names = "--report",
                paramLabel = "FILE",
                description = "also write the report to this file")
        Path file;

        void print(String text) throws IOException {
            System.out.print(text);
            if (file != null) {
                Files.writeString(file, text);
            }
        }
    }

    /** What train and evaluate read. */
    static class Inputs {
        @CommandLine.Mixin Definitions topics = new Definitions();

        /** The definitions file: {@code --topics}, else the pipeline's setting; null: bundled. */
        Path definitions() {
            return topics.path();
        }

        @Option(
                names = "--labels",
                paramLabel = "CSV",
                description =
                        "labels file(s): file,topic,borderline,source,note (default for the"
                                + " bundled topics: <shared>/eval/topics-dev/labels.csv)")
        List<Path> labels = new ArrayList<>();

        @Option(
                names = "--probes",
                paramLabel = "CSV",
                description =
                        "labels files of articles written from the scope notes: trained on and"
                                + " used to calibrate the thresholds, never tested (default for"
                                + " the bundled topics: eval/scope-probes/labels.csv)")
        List<Path> probes = new ArrayList<>();

        @Option(
                names = "--background",
                paramLabel = "PATH",
                description =
                        "unrelated news as extra negatives: Reuters-21578 .sgm files or a"
                                + " directory of them (default: <shared>/eval/reuters21578 when"
                                + " present); one story in "
                                + BACKGROUND_SAMPLE
                                + " is trained on, the rest held out")
        List<Path> background = new ArrayList<>();

        @Option(
                names = "--no-defaults",
                description = "use only the inputs given here and in the definitions")
        boolean noDefaults;

        /**
         * Values of the labels' {@code source} column whose articles are left out of the dev
         * examples ({@code evaluate --hold-out-source}); empty: none.
         */
        List<String> heldOutSources = List.of();

        /** The checkout: where the bundled definitions' example paths start. */
        Path home = Path.of(System.getProperty("newsstream.home", "."));

        NewsTopicCatalog catalog() {
            return topics.catalog();
        }

        /** Where the definitions' relative example paths start. */
        Path base() {
            return definitions() != null ? definitions().toAbsolutePath().getParent() : home;
        }

        Path shared() {
            String env = System.getenv("NEWSSTREAM_SHARED_DIR");
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            return home.toAbsolutePath().normalize().resolveSibling("shared");
        }

        /**
         * The labels files: those given; for the bundled news topics by default the demo seeds'
         * ({@code demo/seeds/labels.csv}) and the dev set's when present.
         */
        List<Path> labelFiles() {
            if (!defaultLabels()) {
                return labels;
            }
            List<Path> files = new ArrayList<>();
            for (Path p : List.of(home.resolve("demo/seeds/labels.csv"), devLabels())) {
                if (Files.exists(p)) {
                    files.add(p);
                }
            }
            return files;
        }

        /** The probes' labels files: those given; for the bundled news topics, the project's. */
        List<Path> probeFiles() {
            if (!probes.isEmpty() || noDefaults || definitions() != null) {
                return probes;
            }
            Path bundled = home.resolve("eval/scope-probes/labels.csv");
            return Files.exists(bundled) ? List.of(bundled) : List.of();
        }

        List<Path> backgroundPaths() {
            if (!defaultBackground()) {
                return background;
            }
            return Files.exists(reuters()) ? List.of(reuters()) : List.of();
        }

        /** Whether the bundled news topics' default labels files apply (none given). */
        boolean defaultLabels() {
            return labels.isEmpty() && !noDefaults && definitions() == null;
        }

        /** Whether the default background stories apply (none given). */
        boolean defaultBackground() {
            return background.isEmpty() && !noDefaults;
        }

        /** The labelled dev set's labels file, under {@link #shared()}. */
        Path devLabels() {
            return shared().resolve("eval/topics-dev/labels.csv");
        }

        /** The Reuters-21578 stories, under {@link #shared()}. */
        Path reuters() {
            return shared().resolve("eval/reuters21578");
        }

        /**
         * What the bundled news topics learn and are measured from by default but is not there:
         * without the dev set the figures are the seeds' alone, without the Reuters stories there
         * is no held-out background figure. Said, not refused: evaluating on what is there is
         * allowed.
         */
        List<String> missingDefaults() {
            List<String> missing = new ArrayList<>();
            if (defaultLabels() && !Files.exists(devLabels())) {
                missing.add(
                        "no dev set at "
                                + devLabels()
                                + ": the figures are on the seeds alone, too few to mean"
                                + " anything (NEWSSTREAM_SHARED_DIR or --labels point at it)");
            }
            if (defaultBackground() && !Files.exists(reuters())) {
                missing.add(
                        "no Reuters stories at "
                                + reuters()
                                + ": no background negatives and no held-out background figure"
                                + " (--background points at them)");
            }
            return missing;
        }

        /**
         * The labelled articles of the {@link #heldOutSources}, from every labels file.
         *
         * @throws ConfigException when none has that source, naming the sources there are
         */
        List<Example> ofHeldOutSource(Set<String> known) {
            List<Path> files = labelFiles();
            if (files.isEmpty()) {
                throw new ConfigException(
                        "--hold-out-source names a value of the labels' source column: give the"
                                + " labels files with --labels");
            }
            List<Example> out = new ArrayList<>();
            for (Path l : files) {
                out.addAll(
                        Examples.fromLabels(l, known, Example.Pool.DEV, heldOutSources::contains));
            }
            if (out.isEmpty()) {
                Set<String> sources = new TreeSet<>();
                files.forEach(l -> sources.addAll(Examples.sources(l)));
                throw new ConfigException(
                        "--hold-out-source "
                                + String.join(",", heldOutSources)
                                + ": no labelled article has that source (the labels' source"
                                + " column has: "
                                + String.join(", ", sources)
                                + ")");
            }
            return out;
        }

        /** Dev examples (labels, the definitions' examples) and the background sample. */
        List<Example> examples(
                NewsTopicCatalog catalog, NewsTopicClassifier classifier, PrintStream out) {
            out.println(
                    "Reading examples for "
                            + classifier.newsTopicIds()
                            + " ("
                            + catalog.origin()
                            + "):");
            for (String missing : missingDefaults()) {
                out.println("  Note: " + missing);
            }
            Set<String> known = new HashSet<>(classifier.newsTopicIds());
            List<Example> all = new ArrayList<>();
            for (Path l : labelFiles()) {
                List<Example> e =
                        Examples.fromLabels(
                                l, known, Example.Pool.DEV, s -> !heldOutSources.contains(s));
                out.printf(
                        "  %4d labelled articles from %s%s%n",
                        e.size(),
                        l,
                        heldOutSources.isEmpty()
                                ? ""
                                : " (" + String.join(", ", heldOutSources) + " held out)");
                all.addAll(e);
            }
            for (String t : classifier.newsTopicIds()) {
                for (boolean positive : new boolean[] {true, false}) {
                    for (String p : classifier.examplePaths(t, positive)) {
                        List<Example> e =
                                Examples.fromPath(
                                        base().resolve(p),
                                        positive ? Set.of(t) : Set.of(),
                                        "News topic '"
                                                + t
                                                + "': examples."
                                                + (positive ? "positive" : "negative"));
                        out.printf(
                                "  %4d %s examples of %s from %s%n",
                                e.size(), positive ? "positive" : "negative", t, p);
                        all.addAll(e);
                    }
                }
            }
            for (Path l : probeFiles()) {
                List<Example> e = Examples.fromLabels(l, known, Example.Pool.PROBE);
                out.printf(
                        "  %4d probes from %s (trained on and calibrating, never tested)%n",
                        e.size(), l);
                all.addAll(e);
            }
            List<Example> scope = Examples.fromScopeNotes(catalog);
            if (!scope.isEmpty()) {
                out.printf("  %4d scope notes (in: positive, out: negative)%n", scope.size());
                all.addAll(scope);
            }
            for (Path b : backgroundPaths()) {
                List<Example> e = Examples.fromReuters(b, BACKGROUND_SAMPLE, 0);
                out.printf(
                        "  %4d background negatives (1 in %d) from %s%n",
                        e.size(), BACKGROUND_SAMPLE, b);
                all.addAll(e);
            }
            return all;
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train the news-topic model and write it (a small JSON file).")
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin Inputs inputs = new Inputs();

        @Option(
                names = "--model",
                paramLabel = "FILE",
                description =
                        "where to write the model (default: <definitions>.model.json beside a"
                                + " definitions file; the bundled model for the bundled topics)")
        Path model;

        @Option(
                names = "--only",
                paramLabel = "ID",
                description =
                        "train only these news topics; the others keep the weights they have"
                                + " (the model beside the definitions, else the bundled one)")
        List<String> only = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            refuseThinBundledModel(inputs, model);
            NewsTopicModel trained = train(inputs, only, System.out);
            Path target =
                    Optional.ofNullable(model).orElseGet(() -> defaultModel(inputs.catalog()));
            trained.write(target);
            printDrafts(inputs.catalog(), System.out);
            System.out.println("Wrote " + target + ". Evaluate it: ./newsstream topics evaluate");
            return 0;
        }
    }

    /**
     * The groups and rules drafted for the news topics that have none of their own, as YAML an
     * editor can paste into the definition and refine.
     */
    static void printDrafts(NewsTopicCatalog catalog, PrintStream out) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                                .disable(
                                        com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                                                .WRITE_DOC_START_MARKER)
                                .enable(
                                        com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                                                .MINIMIZE_QUOTES));
        for (var t : catalog.newsTopics()) {
            var drafted = TopicDraft.of(t.definition());
            if (drafted.isEmpty()) {
                continue;
            }
            out.println(
                    t.id()
                            + " has no groups or rules of its own: they were drafted from its"
                            + " scope notes (the processor drafts the same). To refine them, put"
                            + " them in its definition:");
            yaml.writeValueAsString(drafted.get()).lines().forEach(l -> out.println("    " + l));
        }
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description =
                    "Cross-validate the news-topic model (grouped by event) and print precision,"
                            + " recall and F1 per news topic, false positives and misclassified"
                            + " articles.")
    static final class Evaluate implements Callable<Integer> {
        @CommandLine.Mixin Inputs inputs = new Inputs();

        @CommandLine.Mixin Report report = new Report();

        @Option(
                names = "--partitions",
                paramLabel = "N",
                defaultValue = "5",
                description =
                        "repeat the cross-validation over N partitions into folds and print the"
                                + " mean and range of the figures (default: ${DEFAULT-VALUE}; 1:"
                                + " the standard partition only)")
        int partitions;

        @Option(
                names = "--predictions",
                paramLabel = "CSV",
                description =
                        "also write every out-of-fold decision (partition, file, article or lead,"
                                + " news topic, probability, threshold, decision, labels) to this"
                                + " CSV file")
        Path predictions;

        @Option(
                names = "--hold-out-source",
                paramLabel = "SOURCE",
                split = ",",
                description =
                        "instead of cross-validating: train on the labelled articles of every"
                                + " other source (the labels' source column, e.g. an outlet; several"
                                + " separated by commas), with the probes and background as usual,"
                                + " and score these sources' articles as written and as feed items:"
                                + " how the model carries to coverage it has not seen")
        List<String> heldOutSources = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!heldOutSources.isEmpty()) {
                report.print(transfer(inputs, heldOutSources, System.out).text());
                return 0;
            }
            if (partitions < 1) {
                throw new ConfigException("--partitions must be at least 1, not " + partitions);
            }
            TopicReport evaluated = evaluate(inputs, partitions, System.out);
            report.print(evaluated.text());
            if (predictions != null) {
                evaluated.outOfFold().write(predictions);
                System.out.println(
                        "Wrote "
                                + evaluated.outOfFold().rows().size()
                                + " out-of-fold decisions to "
                                + predictions);
            }
            return 0;
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description =
                    "Classify articles with the current definitions and model and print, per news"
                            + " topic, the probability, the threshold and the evidence. Feeds are"
                            + " read item by item, as the producer would publish them.")
    static final class Explain implements Callable<Integer> {
        @CommandLine.Mixin Definitions topics = new Definitions();

        @CommandLine.Parameters(
                paramLabel = "FILE|DIR|URL",
                arity = "1..*",
                description =
                        "article files (headline line, blank line, body), RSS or Atom feeds,"
                                + " directories of them, or http(s) URLs")
        List<String> inputs = new ArrayList<>();

        @Override
        public Integer call() {
            NewsTopicClassifier classifier = NewsTopicClassifier.fromCatalog(topics.catalog());
            int[] unread = {0};
            ArticleInputs.load()
                    .read(
                            inputs,
                            in -> {
                                if (in.rejection() != null) {
                                    System.out.println(in.name() + ": " + in.rejection());
                                    unread[0]++;
                                    return;
                                }
                                explain(
                                        in.name(),
                                        classifier.classify(in.text()),
                                        classifier.decidesBriefly(in.text()),
                                        System.out);
                            });
            if (unread[0] > 0) {
                System.out.printf(
                        "%d input(s) not read as articles: the producer would dead-letter them too"
                                + " (reasons above).%n",
                        unread[0]);
                return 1;
            }
            return 0;
        }
    }

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description =
                    "Score the current definitions and model, as the processor runs them, on"
                            + " labelled articles they were not trained on (new coverage, or probes"
                            + " written from the scope notes): precision, recall and F1 per news"
                            + " topic, hard negatives taken, and the misclassified articles.")
    static final class Score implements Callable<Integer> {
        @CommandLine.Mixin Definitions topics = new Definitions();

        @CommandLine.Mixin Report report = new Report();

        @CommandLine.Parameters(
                paramLabel = "LABELS",
                arity = "1..*",
                description =
                        "labels files (file,topic,borderline,source,note; a note starting HARD"
                                + " NEGATIVE marks one) beside their article files")
        List<Path> labels = new ArrayList<>();

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
        Reading reading = new Reading();

        /** How the articles are read: as written (neither), as feed items, or on one line. */
        static final class Reading {
            @Option(
                    names = "--as-feed-items",
                    description =
                            "score each article cut to what a feed item carries (its headline and"
                                    + " first two paragraphs), as the pipeline classifies feed"
                                    + " items")
            boolean asFeedItems;

            @Option(
                    names = "--without-line-breaks",
                    description =
                            "score each article with its body on one line, as some pages are"
                                    + " copied")
            boolean withoutLineBreaks;

            Example read(Example e) {
                return asFeedItems ? e.asFeedItem() : withoutLineBreaks ? e.withoutLineBreaks() : e;
            }

            String suffix() {
                return asFeedItems
                        ? " (as feed items)"
                        : withoutLineBreaks ? " (without line breaks)" : "";
            }
        }

        @Override
        public Integer call() throws IOException {
            NewsTopicCatalog catalog = topics.catalog();
            NewsTopicClassifier classifier = NewsTopicClassifier.fromCatalog(catalog);
            Set<String> known = Set.copyOf(classifier.newsTopicIds());
            List<Example> examples = new ArrayList<>();
            for (Path l : labels) {
                Examples.fromLabels(l, known).stream().map(reading::read).forEach(examples::add);
            }
            String where =
                    labels.stream().map(Path::toString).collect(Collectors.joining(", "))
                            + reading.suffix();
            report.print(HeldOutScore.of(classifier, examples, where).text());
            return 0;
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description =
                    "Compare two runs of evaluate --predictions (before and after a change, on"
                            + " the same labels and partitions): macro-F1 and hard negatives taken"
                            + " in each, whether the difference is beyond what resampling the dev"
                            + " set's event groups gives, and the decisions that changed.")
    static final class Compare implements Callable<Integer> {
        @CommandLine.Parameters(
                index = "0",
                paramLabel = "BEFORE.csv",
                description = "the out-of-fold decisions before the change")
        Path before;

        @CommandLine.Parameters(
                index = "1",
                paramLabel = "AFTER.csv",
                description = "the out-of-fold decisions after it")
        Path after;

        @Option(
                names = "--as-feed-items",
                description =
                        "compare the decisions on the articles' leads (headline and first two"
                                + " paragraphs, the brief models') instead of the full articles")
        boolean asFeedItems;

        @Override
        public Integer call() throws IOException {
            for (Path p : List.of(before, after)) {
                if (!Files.isRegularFile(p)) {
                    throw new ConfigException(
                            p
                                    + " does not exist: write it with ./newsstream topics evaluate"
                                    + " --predictions "
                                    + p);
                }
            }
            List<OutOfFold.Row> beforeRows = read(before);
            List<OutOfFold.Row> afterRows = read(after);
            try {
                System.out.print(
                        PairedComparison.of(
                                        beforeRows,
                                        afterRows,
                                        asFeedItems ? GroupBootstrap.LEAD : GroupBootstrap.ARTICLE,
                                        GroupBootstrap.RESAMPLES,
                                        1L)
                                .text());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(before + " and " + after + ": " + e.getMessage());
            }
            return 0;
        }

        private static List<OutOfFold.Row> read(Path file) {
            try {
                return OutOfFold.read(file);
            } catch (IOException e) {
                throw new ConfigException(
                        file
                                + " is not a file of out-of-fold decisions ("
                                + e.getMessage().lines().findFirst().orElse("")
                                + "): write it with ./newsstream topics evaluate --predictions");
            }
        }
    }

    @Command(
            name = "suggest",
            mixinStandardHelpOptions = true,
            description =
                    "List the unlabelled articles worth labelling next: per news topic, those the"
                            + " model is least sure of, one per event.")
    static final class Suggest implements Callable<Integer> {
        @CommandLine.Mixin Definitions topics = new Definitions();

        @Option(
                names = "--labels",
                paramLabel = "CSV",
                description =
                        "labels files whose articles are labelled already and left out (default"
                                + " for the bundled topics: the seeds' and the dev set's); the"
                                + " definitions' examples are left out too")
        List<Path> labels = new ArrayList<>();

        @Option(
                names = "--only",
                paramLabel = "ID",
                description = "suggest for these news topics only")
        List<String> only = new ArrayList<>();

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "10",
                description = "articles per news topic (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(
                names = "--csv",
                paramLabel = "FILE",
                description =
                        "also write them as a labels file to fill in; its news topic column holds"
                                + " the model's guess marked '"
                                + LabelSuggestions.GUESS
                                + "', refused by train until an editor replaces it")
        Path csv;

        @CommandLine.Parameters(
                paramLabel = "FILE",
                arity = "1..*",
                description =
                        "unlabelled article files (headline line, blank line, body), directories"
                                + " searched for .txt ones, or .jsonl files of raw articles, as"
                                + " ./newsstream tail news.articles.raw --from-beginning --idle-exit 5"
                                + " prints them")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if (limit < 1) {
                throw new ConfigException("--limit must be at least 1, not " + limit);
            }
            Inputs inputs = new Inputs();
            inputs.topics = topics;
            inputs.labels = labels;
            NewsTopicCatalog catalog = inputs.catalog();
            NewsTopicClassifier classifier = NewsTopicClassifier.fromCatalog(catalog);
            requireKnown(only, classifier, catalog);
            Set<Path> labelled = labelled(inputs, classifier);
            Set<String> labelledHeadlines = null; // read when a .jsonl file needs them
            List<LabelSuggestions.Article> pool = new ArrayList<>();
            int skipped = 0;
            for (Path given : files) {
                if (Examples.existing(given).toString().endsWith(".jsonl")) {
                    // an ingested article has no file to compare: its headline says it is labelled
                    if (labelledHeadlines == null) {
                        labelledHeadlines = headlines(labelled);
                    }
                    for (LabelSuggestions.Article a : Examples.fromJsonLines(given)) {
                        if (labelledHeadlines.contains(headlineKey(a.text().title()))) {
                            skipped++;
                        } else {
                            pool.add(a);
                        }
                    }
                    continue;
                }
                for (Path f : Examples.articleFiles(given)) {
                    if (labelled.contains(f.toAbsolutePath().normalize())) {
                        skipped++;
                        continue;
                    }
                    try {
                        pool.add(
                                new LabelSuggestions.Article(
                                        f.toString(), f, null, Examples.readArticle(f)));
                    } catch (ConfigException e) {
                        System.out.println("Left out: " + e.getMessage());
                    }
                }
            }
            System.out.printf(
                    "Scoring %d unlabelled articles (%d labelled already, left out)...%n",
                    pool.size(), skipped);
            if (pool.isEmpty()) {
                System.out.println(
                        "Nothing to suggest: give files or directories not labelled yet.");
                return 0;
            }
            Map<String, List<LabelSuggestions.Suggestion>> suggestions =
                    LabelSuggestions.rank(
                            classifier,
                            only.isEmpty() ? classifier.newsTopicIds() : only,
                            pool,
                            limit);
            printSuggestions(suggestions, System.out);
            if (csv != null) {
                LabelSuggestions.writeLabelsToFill(suggestions, csv);
                System.out.println(
                        "Wrote "
                                + csv
                                + ": read each article, replace each '"
                                + LabelSuggestions.GUESS
                                + "guess' by its news topic or none, set borderline, then train"
                                + " with --labels "
                                + csv
                                + " (and your other labels files)");
            }
            return 0;
        }

        /** The labelled files' headlines, as {@link #headlineKey} keys (short ones left out). */
        private static Set<String> headlines(Set<Path> labelled) {
            Set<String> out = new HashSet<>();
            for (Path f : labelled) {
                if (Files.isRegularFile(f)) {
                    out.add(headlineKey(Examples.readArticle(f).title()));
                }
            }
            out.remove("");
            return out;
        }

        /** Lower-case words of a headline of four words or more; "" for a shorter one. */
        static String headlineKey(String title) {
            String key =
                    title == null
                            ? ""
                            : title.toLowerCase(Locale.ROOT)
                                    .replaceAll("[^\\p{L}\\p{N}]+", " ")
                                    .strip();
            return key.split(" ").length >= 4 ? key : "";
        }

        /** Files labelled already: in the labels files, or the definitions' examples. */
        private static Set<Path> labelled(Inputs inputs, NewsTopicClassifier classifier) {
            Set<Path> out = new HashSet<>();
            for (Path l : inputs.labelFiles()) {
                out.addAll(Examples.labelledFiles(l));
            }
            for (Path l : inputs.probeFiles()) {
                out.addAll(Examples.labelledFiles(l));
            }
            for (String t : classifier.newsTopicIds()) {
                for (boolean positive : new boolean[] {true, false}) {
                    for (String p : classifier.examplePaths(t, positive)) {
                        Path path = inputs.base().resolve(p);
                        if (Files.exists(path)) {
                            Examples.articleFiles(path)
                                    .forEach(f -> out.add(f.toAbsolutePath().normalize()));
                        }
                    }
                }
            }
            return out;
        }
    }

    static void printSuggestions(
            Map<String, List<LabelSuggestions.Suggestion>> suggestions, PrintStream out) {
        if (suggestions.isEmpty()) {
            out.println("No article has evidence for any news topic: nothing to suggest.");
        }
        suggestions.forEach(
                (t, list) -> {
                    out.printf(
                            "%n%s: %d to label next, the closest to the decision first%n",
                            t, list.size());
                    for (LabelSuggestions.Suggestion s : list) {
                        out.println("  " + s.article().name());
                        out.println(
                                "      " + LabelSuggestions.decision(s).substring(t.length() + 1));
                        out.println("      " + headline(s.text()));
                        out.println(
                                "      "
                                        + strongestFirst(s.result(), 3)
                                                .map(
                                                        e ->
                                                                String.format(
                                                                        Locale.ROOT,
                                                                        "%+.2f %s",
                                                                        e.weight(),
                                                                        e.phrase()))
                                                .collect(Collectors.joining(", ")));
                    }
                });
    }

    private static String headline(ArticleText text) {
        String h = text.title().isBlank() ? text.body() : text.title();
        h = h.strip().replaceAll("\\s+", " ");
        return "\"" + (h.length() > 90 ? h.substring(0, 87) + "..." : h) + "\"";
    }

    /**
     * The definitions the commands work on: the option when given, else the file the pipeline reads
     * ({@code NEWSSTREAM_NEWS_TOPICS_FILE}), so that training and explaining see what the processor
     * sees; null: the bundled ones.
     */
    static Path definitionsFile(Path option, java.util.function.UnaryOperator<String> env) {
        if (option != null) {
            return option;
        }
        String set = env.apply(SharedSettings.NEWS_TOPICS_FILE.envVar());
        return set == null || set.isBlank() ? null : Path.of(set);
    }

    /** {@code p=0.71}, or {@code score 1.20} for a news topic classified by its rules alone. */
    static String probabilityText(Classification.Result r) {
        return r.probability() == null
                ? String.format(Locale.ROOT, "score %.2f", r.score())
                : String.format(Locale.ROOT, "p=%.2f", r.probability());
    }

    /** A decision's evidence, the strongest push either way first, at most {@code limit}. */
    static java.util.stream.Stream<Classification.Evidence> strongestFirst(
            Classification.Result r, int limit) {
        return r.evidence().stream()
                .sorted(Comparator.comparingDouble(e -> -Math.abs(e.weight())))
                .limit(limit);
    }

    static void explain(String name, Classification c, boolean brief, PrintStream out) {
        out.println(
                name
                        + (c.primary().map(p -> "  primary: " + p).orElse("  no news topic"))
                        + (brief ? "  (brief: decided by the brief models)" : ""));
        for (Classification.Result r : c.newsTopics()) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s %-20s %s threshold %.2f%s%n",
                    r.matched() ? "matched" : "-",
                    r.newsTopic(),
                    probabilityText(r),
                    r.threshold(),
                    r.requirementsMet() ? "" : "  (a require clause does not hold)");
            strongestFirst(r, 8)
                    .forEach(
                            e ->
                                    out.printf(
                                            Locale.ROOT,
                                            "      %+.2f  %s  (%s, at %d, x%d)%n",
                                            e.weight(),
                                            e.phrase(),
                                            e.field().name().toLowerCase(Locale.ROOT),
                                            e.position(),
                                            e.count()));
        }
    }

    /**
     * The committed model of the bundled news topics is what the dev set makes: training them into
     * it without the dev set (a fresh clone without {@code ../shared}) would replace it with a
     * model of three seeds.
     *
     * @throws ConfigException saying how to give the dev set or write elsewhere
     */
    static void refuseThinBundledModel(Inputs inputs, Path model) {
        Path dev = inputs.devLabels();
        if (model == null
                && inputs.definitions() == null
                && inputs.labels.isEmpty()
                && !Files.exists(dev)) {
            throw new ConfigException(
                    "The bundled news topics are trained on the labelled dev set, not found at "
                            + dev
                            + ": set NEWSSTREAM_SHARED_DIR, pass --labels, or write elsewhere with"
                            + " --model FILE");
        }
    }

    /**
     * @throws ConfigException naming an {@code --only} news topic the definitions lack
     */
    static void requireKnown(
            List<String> only, NewsTopicClassifier classifier, NewsTopicCatalog catalog) {
        for (String id : only) {
            if (!classifier.newsTopicIds().contains(id)) {
                throw new ConfigException(
                        "--only "
                                + id
                                + ": no such news topic in "
                                + catalog.origin()
                                + " (known: "
                                + classifier.newsTopicIds()
                                + ")");
            }
        }
    }

    /**
     * Trains the news topics of the inputs' definitions on their examples: all of them, or those of
     * {@code only} over the weights the others have.
     */
    static NewsTopicModel train(Inputs inputs, List<String> only, PrintStream out) {
        NewsTopicCatalog catalog = inputs.catalog();
        NewsTopicClassifier classifier = NewsTopicClassifier.untrained(catalog);
        requireKnown(only, classifier, catalog);
        List<Example> examples = inputs.examples(catalog, classifier, out);
        TopicTrainer trainer = new TopicTrainer(classifier, examples, TopicTrainer.Options.DEFAULT);
        NewsTopicModel trained = trainer.train(TopicReport.describe(inputs, examples), only);
        if (!only.isEmpty()) {
            trained = NewsTopicModel.forCatalog(catalog).with(trained);
        }
        TopicReport.printModel(trained, out);
        return trained;
    }

    /** Cross-validates every news topic and measures the held-out background stories. */
    static TopicReport evaluate(Inputs inputs, PrintStream out) {
        return evaluate(inputs, 1, out);
    }

    /** As {@link #evaluate(Inputs, PrintStream)}, over several partitions into folds. */
    static TopicReport evaluate(Inputs inputs, int partitions, PrintStream out) {
        NewsTopicCatalog catalog = inputs.catalog();
        NewsTopicClassifier classifier = NewsTopicClassifier.untrained(catalog);
        List<Example> examples = inputs.examples(catalog, classifier, out);
        List<Example> heldOut = new ArrayList<>();
        for (Path b : inputs.backgroundPaths()) {
            heldOut.addAll(Examples.heldOutReuters(b, BACKGROUND_SAMPLE, 0));
        }
        return TopicReport.evaluate(
                new TopicTrainer(classifier, examples, TopicTrainer.Options.DEFAULT),
                heldOut,
                partitions,
                out);
    }

    /**
     * Trains on every input but the labelled articles of {@code sources} and scores those, as
     * written and as feed items, with the classifier the processor would run: what the model owes
     * to having seen an outlet. Not a cross-validation: one split, by source.
     */
    static Transfer transfer(Inputs inputs, List<String> sources, PrintStream out) {
        inputs.heldOutSources = List.copyOf(sources);
        String source = String.join(", ", sources);
        NewsTopicCatalog catalog = inputs.catalog();
        NewsTopicClassifier untrained = NewsTopicClassifier.untrained(catalog);
        List<Example> tested = inputs.ofHeldOutSource(Set.copyOf(untrained.newsTopicIds()));
        List<Example> examples = inputs.examples(catalog, untrained, out);
        out.printf("Training without the %d articles of %s...%n", tested.size(), source);
        NewsTopicModel model =
                new TopicTrainer(untrained, examples, TopicTrainer.Options.DEFAULT)
                        .train("all inputs but " + source);
        NewsTopicClassifier trained = NewsTopicClassifier.fromCatalog(catalog, model);
        String where = source + ", held out of training";
        return new Transfer(
                HeldOutScore.of(trained, tested, where),
                HeldOutScore.of(
                        trained,
                        tested.stream().map(Example::asFeedItem).toList(),
                        where + ", as feed items"));
    }

    /** {@link #transfer}'s scores: the held-out articles as written, and as feed items. */
    record Transfer(HeldOutScore articles, HeldOutScore feedItems) {
        String text() {
            return articles.text() + feedItems.text();
        }
    }

    static Path defaultModel(NewsTopicCatalog catalog) {
        return NewsTopicModel.fileFor(catalog)
                .orElseGet(
                        () ->
                                Path.of(System.getProperty("newsstream.home", "."))
                                        .resolve("streams-processor/src/main/resources")
                                        .resolve(NewsTopicModel.DEFAULT_RESOURCE));
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new TopicsCommand());
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("newsstream topics: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        System.exit(cli.execute(args));
    }
}
