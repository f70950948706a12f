package io.newsstream.processor.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.common.config.ConfigException;
import io.newsstream.processor.enrich.ArticleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads labelled examples: a labels file ({@code file,topic,borderline,source,note}), files or
 * directories of article files for one news topic, and Reuters-21578 SGML files as background
 * negatives.
 *
 * <p>An article file is read as the producer reads the seeds: the first non-blank line is the
 * title; metadata lines ({@code Published:}, {@code URL:}, ...) and blank lines after it are
 * skipped; the rest is the body, one paragraph per line.
 */
public final class Examples {

    /** The producer's reader of article files (stateless, thread-safe). */
    private static final ArticleFileParser PARSER = new ArticleFileParser();

    private static final Pattern ALSO = Pattern.compile("\\bALSO ([a-z0-9-]+)");
    private static final Pattern REUTERS =
            Pattern.compile("<REUTERS[^>]*NEWID=\"(\\d+)\"[^>]*>(.*?)</REUTERS>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);

    private Examples() {}

    /**
     * The rows of a labels file. {@code topic} is a news topic id or {@code none}; a note with
     * {@code ALSO <news topic>} adds a second news topic; a note starting {@code HARD NEGATIVE}
     * marks a hard negative. A file that marks its random negatives instead (a note starting {@code
     * RANDOM}, in any case, as the dev set's Dawn/APP rows do) has every other row of no news topic
     * counted as a hard negative, not weighted as one ({@link Example#weighted}), unless it is
     * borderline: a near-topic story a careful editor could give a news topic, not one of the kinds
     * the scope notes exclude (README-dawn counts its 56 hard negatives and 9 near-topic stories
     * so). Files are relative to the labels file.
     *
     * @param known news topic ids: a row naming another is an error that names the row
     */
    public static List<Example> fromLabels(Path labels, Set<String> known) {
        return fromLabels(labels, known, Example.Pool.DEV);
    }

    /** As {@link #fromLabels(Path, Set)}, the examples counting in {@code pool}. */
    public static List<Example> fromLabels(Path labels, Set<String> known, Example.Pool pool) {
        return fromLabels(labels, known, pool, source -> true);
    }

    /**
     * As {@link #fromLabels(Path, Set, Example.Pool)}, only the rows whose {@code source} column
     * passes {@code source} (an outlet held out of training, or the only one tested).
     */
    public static List<Example> fromLabels(
            Path labels, Set<String> known, Example.Pool pool, Predicate<String> source) {
        List<Example> out = new ArrayList<>();
        List<Map<String, String>> rows = rows(labels);
        boolean marksRandom = rows.stream().anyMatch(r -> isRandom(r.getOrDefault("note", "")));
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2; // the header is line 1
            Map<String, String> row = rows.get(i);
            if (!source.test(row.getOrDefault("source", ""))) {
                continue;
            }
            String file = row.get("file");
            String topic = row.getOrDefault("topic", "");
            String note = row.getOrDefault("note", "");
            if (file == null || file.isBlank()) {
                throw new ConfigException(labels + " line " + line + ": no 'file'");
            }
            if (topic.startsWith(LabelSuggestions.GUESS)) {
                throw new ConfigException(
                        labels
                                + " line "
                                + line
                                + ": '"
                                + topic
                                + "' is the model's guess (topics suggest): read "
                                + file
                                + ", then write its news topic or none without the '"
                                + LabelSuggestions.GUESS
                                + "', and borderline yes or no");
            }
            Set<String> topics = new HashSet<>();
            if (!topic.equals("none")) {
                topics.add(checked(topic, known, labels, line));
            }
            Matcher also = ALSO.matcher(note);
            while (also.find()) {
                if (known.contains(also.group(1))) {
                    topics.add(also.group(1));
                }
            }
            Path article = labels.resolveSibling(file);
            if (!Files.isRegularFile(article)) {
                throw new ConfigException(
                        labels + " line " + line + ": article file " + article + " is missing");
            }
            boolean borderline = "yes".equalsIgnoreCase(row.get("borderline"));
            boolean marked = note.startsWith("HARD NEGATIVE");
            boolean unmarked = marksRandom && topics.isEmpty() && !isRandom(note) && !borderline;
            out.add(
                    new Example(
                            file,
                            readArticle(article),
                            topics,
                            borderline,
                            marked || unmarked,
                            marked,
                            pool));
        }
        return out;
    }

    /**
     * Whether a note marks a random negative: a file that has one marks its random rows, and its
     * other clear rows of no news topic were chosen to look on-topic.
     */
    private static boolean isRandom(String note) {
        return note.regionMatches(true, 0, "random", 0, "random".length());
    }

    /** The values of a labels file's {@code source} column, in the order they first appear. */
    static Set<String> sources(Path labels) {
        Set<String> sources = new LinkedHashSet<>();
        rows(labels).forEach(row -> sources.add(row.getOrDefault("source", "")));
        return sources;
    }

    /**
     * The rows of a labels file, read once: row {@code i} is on line {@code i + 2}.
     *
     * @throws ConfigException when the file is missing or not CSV
     */
    private static List<Map<String, String>> rows(Path labels) {
        if (!Files.isRegularFile(labels)) {
            throw new ConfigException("Labels file " + labels + " does not exist");
        }
        try (MappingIterator<Map<String, String>> rows =
                new CsvMapper()
                        .readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(labels.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read labels file " + labels + ": " + e.getMessage(), e);
        }
    }

    /**
     * Articles from JSON lines: each line a raw article ({@code title}, {@code subtitle}, {@code
     * body}, {@code id}) or, as {@code ./newsstream tail news.articles.raw} prints them, a record
     * with the article as its {@code value}. Of several versions of one article (one id: sent
     * again, or edited) the last is kept. Lines of other records (no title or body) are refused,
     * naming the line.
     */
    static List<LabelSuggestions.Article> fromJsonLines(Path jsonl) {
        ObjectMapper json = new ObjectMapper();
        Map<String, LabelSuggestions.Article> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new ConfigException(
                        jsonl + " line " + n + ": not JSON (" + e.getMessage() + ")");
            }
            JsonNode a = node.has("value") ? node.get("value") : node;
            if (a == null || !a.hasNonNull("title") || !a.hasNonNull("body")) {
                throw new ConfigException(
                        jsonl
                                + " line "
                                + n
                                + ": no article (a title and a body, or a record whose value has"
                                + " them, as ./newsstream tail news.articles.raw prints)");
            }
            String id = a.hasNonNull("id") ? a.get("id").asText() : "line-" + n;
            out.put(
                    id,
                    new LabelSuggestions.Article(
                            jsonl + " line " + n + " (" + id + ")",
                            null,
                            id,
                            new ArticleText(
                                    a.get("title").asText(),
                                    a.hasNonNull("subtitle") ? a.get("subtitle").asText() : null,
                                    a.get("body").asText())));
        }
        return new ArrayList<>(out.values());
    }

    /** The article files a labels file names, resolved beside it; nothing read but the CSV. */
    static Set<Path> labelledFiles(Path labels) {
        Set<Path> out = new HashSet<>();
        for (Map<String, String> row : rows(labels)) {
            String file = row.get("file");
            if (file != null && !file.isBlank()) {
                out.add(labels.resolveSibling(file).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private static String checked(String topic, Set<String> known, Path labels, int line) {
        if (!known.contains(topic)) {
            throw new ConfigException(
                    labels
                            + " line "
                            + line
                            + ": unknown news topic '"
                            + topic
                            + "' (known: "
                            + known
                            + ", or none)");
        }
        return topic;
    }

    /**
     * The scope notes of every news topic as two examples: the {@code in} text a positive of its
     * news topic, the {@code out} text a negative (of every news topic). They carry the editor's
     * definition into the training set, which matters most where examples are few.
     */
    public static List<Example> fromScopeNotes(
            io.newsstream.common.newstopic.NewsTopicCatalog catalog) {
        List<Example> out = new ArrayList<>();
        for (var t : catalog.newsTopics()) {
            var scope = t.definition().path("scope");
            String in = scope.path("in").asText("");
            String notIn = scope.path("out").asText("");
            if (!in.isBlank()) {
                out.add(
                        new Example(
                                "scope:" + t.id() + "/in",
                                new ArticleText(t.name(), null, in),
                                Set.of(t.id()),
                                false,
                                false,
                                Example.Pool.SCOPE));
            }
            if (!notIn.isBlank()) {
                out.add(
                        new Example(
                                "scope:" + t.id() + "/out",
                                new ArticleText(t.name(), null, notIn),
                                Set.of(),
                                false,
                                false,
                                Example.Pool.SCOPE));
            }
        }
        return out;
    }

    /** Every article file under {@code path} (a file or a directory, recursively), labelled. */
    public static List<Example> fromPath(Path path, Set<String> newsTopics, String where) {
        if (!Files.exists(path)) {
            throw new ConfigException(where + ": " + path + " does not exist");
        }
        List<Example> out = new ArrayList<>();
        for (Path f : articleFiles(path)) {
            out.add(
                    new Example(
                            f.equals(path)
                                    ? path.getFileName().toString()
                                    : path.getFileName() + "/" + path.relativize(f),
                            readArticle(f),
                            newsTopics,
                            false,
                            false,
                            Example.Pool.DEV));
        }
        if (out.isEmpty()) {
            throw new ConfigException(where + ": " + path + " holds no article files (.txt)");
        }
        return out;
    }

    /**
     * The article files given: each file itself, each directory's {@code .txt} files searched
     * recursively (READMEs left out), in name order.
     *
     * @throws ConfigException naming a path that does not exist
     */
    static List<Path> articleFiles(List<Path> given) {
        List<Path> out = new ArrayList<>();
        given.forEach(p -> out.addAll(articleFiles(p)));
        return out;
    }

    /** As {@link #articleFiles(List)}, for one path. */
    static List<Path> articleFiles(Path path) {
        existing(path);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".txt"))
                    .filter(f -> !f.getFileName().toString().startsWith("README"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code path}, when it exists.
     *
     * @throws ConfigException naming it when it does not
     */
    static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new ConfigException("No article file or directory at " + path.toAbsolutePath());
        }
        return path;
    }

    /**
     * An article file as the pipeline reads it: with the producer's parser, so that the model
     * learns from the headline, subtitle and paragraphs the processor is given (page furniture,
     * date lines and captions left out, wrapped lines joined), not from the file's raw lines.
     */
    public static ArticleText readArticle(Path file) {
        try {
            return parseArticle(file);
        } catch (ArticleParseException e) {
            throw new ConfigException(
                    file + ": " + refusal(e) + "; fix the file or leave it out of the examples");
        }
    }

    /** As {@link #readArticle}, the producer's refusal as it is. */
    static ArticleText parseArticle(Path file) throws ArticleParseException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        ParsedArticle article =
                PARSER.parse(content, new ArticleHints(file.getFileName().toString(), null, null));
        return new ArticleText(article.title(), article.subtitle(), article.body());
    }

    /** What the producer would say of an article it refuses. */
    static String refusal(ArticleParseException e) {
        return "the producer would refuse this article ("
                + e.reason()
                + ": "
                + e.getMessage()
                + ")";
    }

    /**
     * Reuters-21578 stories with a body, from a directory of {@code reut2-*.sgm} files or one file,
     * as background negatives. {@code every}: keep one story in that many (1: all), {@code offset}
     * the first kept.
     */
    public static List<Example> fromReuters(Path path, int every, int offset) {
        return fromReuters(path, n -> n % every == offset);
    }

    /** The Reuters stories {@link #fromReuters(Path, int, int)} leaves out: held out. */
    public static List<Example> heldOutReuters(Path path, int every, int offset) {
        return fromReuters(path, n -> n % every != offset);
    }

    private static List<Example> fromReuters(Path path, java.util.function.IntPredicate keep) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files =
                        s.filter(f -> f.getFileName().toString().endsWith(".sgm"))
                                .sorted()
                                .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            files = List.of(path);
        }
        List<Example> out = new ArrayList<>();
        int n = 0;
        for (Path f : files) {
            String sgml;
            try {
                sgml = Files.readString(f, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher story = REUTERS.matcher(sgml);
            while (story.find()) {
                Matcher body = BODY.matcher(story.group(2));
                if (!body.find()) {
                    continue;
                }
                if (!keep.test(n++)) {
                    continue;
                }
                Matcher title = TITLE.matcher(story.group(2));
                String t = title.find() ? unescape(title.group(1)) : "";
                String b = unescape(body.group(1)).replaceAll("\\s*Reuter\\s*\\z", "");
                out.add(
                        new Example(
                                "reuters/" + story.group(1),
                                new ArticleText(t, null, paragraphs(b)),
                                Set.of(),
                                false,
                                false,
                                Example.Pool.BACKGROUND));
            }
        }
        return out;
    }

    /** Reuters bodies wrap lines at 70 columns and indent paragraphs: one line per paragraph. */
    private static String paragraphs(String body) {
        return body.replaceAll("\n(?! )", " ").replaceAll("\n +", "\n").strip();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replace("&#3;", "");
    }
}
