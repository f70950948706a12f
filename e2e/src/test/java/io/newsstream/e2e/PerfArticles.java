package io.newsstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Article texts of about 4 KiB for the performance harness, built from the Reuters-21578 stories of
 * {@code ../shared/eval} with known shares of near-duplicates and of each news topic.
 *
 * <ul>
 *   <li>An unclassified article is a Reuters headline and Reuters stories until the body reaches
 *       {@link #BODY_CHARS}; a news-topic article is the title and body of that news topic's seed
 *       article ({@code ../shared/seeds}) followed by Reuters stories.
 *   <li>Every article is made distinct by replacing a quarter of its words (never a word that
 *       occurs in {@code news-topics.yaml}, so the evidence the classifier looks for survives) by
 *       random words of the corpus: two articles built from the same stories share few word
 *       5-shingles (estimated Jaccard well below the 0.5 near-duplicate threshold).
 *   <li>A near-duplicate is an earlier original of this generator with 3% of its words replaced and
 *       "UPDATE 1-" before its title (another id, Jaccard about 0.8): the processor must link it to
 *       its original, so the view holds {@code total - nearDuplicates} stories.
 * </ul>
 *
 * Deterministic for a given seed. Not thread-safe.
 */
final class PerfArticles {

    static final int BODY_CHARS = 3_900;
    private static final double DISTINCT_REPLACE = 0.25;
    private static final double NEAR_DUP_REPLACE = 0.03;

    private static final Pattern REUTERS = Pattern.compile("(?s)<REUTERS.*?</REUTERS>");
    private static final Pattern TITLE = Pattern.compile("(?s)<TITLE>(.*?)</TITLE>");
    private static final Pattern BODY = Pattern.compile("(?s)<BODY>(.*?)</BODY>");
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    /** One generated article. */
    record Article(String fileName, String text, String newsTopic, boolean nearDuplicate) {}

    /** What a generated set holds. */
    record Shares(
            int total,
            int nearDuplicates,
            Map<String, Integer> storiesPerNewsTopic,
            long bytes,
            double nearDuplicateShare,
            double newsTopicShare) {

        int distinctStories() {
            return total - nearDuplicates;
        }

        /**
         * Dead letters the generator means to cause: none, every file it writes is an article (a
         * Reuters story may still start with a company tag such as {@code <Acme Corp>}).
         */
        int intendedDeadLetters() {
            return 0;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d articles (%.1f MB, avg %,d bytes): %,d near-duplicates (%.0f%%),"
                            + " distinct stories per news topic %s",
                    total,
                    bytes / 1e6,
                    total == 0 ? 0 : bytes / total,
                    nearDuplicates,
                    100.0 * nearDuplicateShare,
                    storiesPerNewsTopic);
        }
    }

    private record Story(String title, String[] words) {}

    private record Seed(String newsTopic, String title, List<String> paragraphs) {}

    private final List<Story> stories;
    private final List<String> vocabulary;
    private final Set<String> protectedWords;
    private final List<Seed> seeds;
    private final Random random;
    private final double nearDuplicateShare;
    private final double newsTopicShare;
    private final String runTag;
    private final List<String[]> originals = new ArrayList<>();
    private final Map<String, Integer> storiesPerNewsTopic = new TreeMap<>();
    private int count;
    private int nearDuplicates;
    private long bytes;

    /**
     * @param nearDuplicateShare share of articles that are near-duplicates of an earlier one
     * @param newsTopicShare share of the originals that belong to each news topic (the rest are
     *     unclassified)
     * @param runTag distinguishes the file names (and titles) of separate sets
     */
    PerfArticles(
            Path reutersDir,
            Path seedsDir,
            Map<String, String> seedFilePerNewsTopic,
            long seed,
            double nearDuplicateShare,
            double newsTopicShare,
            String runTag) {
        this.random = new Random(seed);
        this.nearDuplicateShare = nearDuplicateShare;
        this.newsTopicShare = newsTopicShare;
        this.runTag = runTag;
        this.protectedWords = newsTopicWords();
        this.stories = reutersStories(reutersDir);
        Set<String> vocab = new HashSet<>();
        for (Story s : stories) {
            for (String w : s.words) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (WORD.matcher(lower).matches()
                        && lower.length() > 2
                        && !protectedWords.contains(lower)) {
                    vocab.add(lower);
                }
            }
        }
        List<String> sorted = new ArrayList<>(vocab);
        Collections.sort(sorted);
        this.vocabulary = sorted;
        this.seeds = new ArrayList<>();
        // In key order: Map.of's order changes from one JVM to the next, and with it the articles.
        for (var e : new TreeMap<>(seedFilePerNewsTopic).entrySet()) {
            seeds.add(seed(e.getKey(), seedsDir.resolve(e.getValue())));
            storiesPerNewsTopic.put(e.getKey(), 0);
        }
        storiesPerNewsTopic.put("unclassified", 0);
        if (stories.size() < 100) {
            throw new IllegalStateException(
                    "Too few Reuters stories under "
                            + reutersDir
                            + " ("
                            + stories.size()
                            + "): point NEWSSTREAM_SHARED_DIR at the brief's data folder");
        }
    }

    /** The next article. */
    Article next() {
        int n = count++;
        String name = String.format(Locale.ROOT, "perf-%s-%07d.txt", runTag, n);
        String text;
        String newsTopic;
        boolean dup = !originals.isEmpty() && random.nextDouble() < nearDuplicateShare;
        if (dup) {
            String[] original = originals.get(random.nextInt(originals.size()));
            newsTopic = original[0];
            text = "UPDATE 1-" + replaceWords(original[1], NEAR_DUP_REPLACE);
            nearDuplicates++;
        } else {
            double r = random.nextDouble();
            int seedIndex = (int) (r / newsTopicShare);
            StringBuilder body = new StringBuilder();
            String title;
            if (seedIndex < seeds.size()) {
                Seed s = seeds.get(seedIndex);
                newsTopic = s.newsTopic;
                title = s.title;
                for (String p : s.paragraphs) {
                    body.append(replaceWords(p, DISTINCT_REPLACE)).append("\n\n");
                }
            } else {
                newsTopic = "unclassified";
                title = null;
            }
            while (body.length() < BODY_CHARS) {
                Story story = stories.get(random.nextInt(stories.size()));
                if (title == null) {
                    title = story.title;
                }
                body.append(replaceWords(String.join(" ", story.words), DISTINCT_REPLACE))
                        .append("\n\n");
            }
            text = title + " (" + runTag + " " + n + ")\n\n" + body.toString().strip() + "\n";
            originals.add(new String[] {newsTopic, text});
            storiesPerNewsTopic.merge(newsTopic, 1, Integer::sum);
        }
        bytes += text.length();
        return new Article(name, text, newsTopic, dup);
    }

    /** Writes {@code n} articles as files into {@code dir}. */
    Shares writeFiles(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            Article a = next();
            Files.writeString(dir.resolve(a.fileName()), a.text(), StandardCharsets.UTF_8);
        }
        return shares();
    }

    Shares shares() {
        return new Shares(
                count,
                nearDuplicates,
                new LinkedHashMap<>(storiesPerNewsTopic),
                bytes,
                nearDuplicateShare,
                newsTopicShare);
    }

    private String replaceWords(String text, double share) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = Pattern.compile("[A-Za-z]+").matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT);
            if (w.length() > 2 && !protectedWords.contains(lower) && random.nextDouble() < share) {
                out.append(vocabulary.get(random.nextInt(vocabulary.size())));
            } else {
                out.append(w);
            }
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /** Every word of the bundled news-topic definitions: the classifier's evidence is kept. */
    private static Set<String> newsTopicWords() {
        try (var in =
                PerfArticles.class
                        .getClassLoader()
                        .getResourceAsStream("newsstream/news-topics.yaml")) {
            if (in == null) {
                throw new IllegalStateException(
                        "newsstream/news-topics.yaml not on the class path (module common)");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> words = new HashSet<>();
            Matcher m = WORD.matcher(yaml.toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Story> reutersStories(Path dir) {
        List<Story> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sgm")).sorted().toList()) {
                String sgm = Files.readString(f, StandardCharsets.ISO_8859_1);
                Matcher doc = REUTERS.matcher(sgm);
                while (doc.find()) {
                    Matcher t = TITLE.matcher(doc.group());
                    Matcher b = BODY.matcher(doc.group());
                    if (t.find() && b.find()) {
                        String body =
                                unescape(b.group(1))
                                        .replaceAll("\\s*Reuter\\s*$", "")
                                        .replaceAll("\\s+", " ")
                                        .strip();
                        // A headline is one sentence: "ST. JOE GOLD <SJG>" would read as two.
                        String title =
                                unescape(t.group(1))
                                        .replaceAll("[.<>]", "")
                                        .replaceAll("\\s+", " ")
                                        .strip();
                        if (body.length() > 200 && !title.isEmpty()) {
                            out.add(new Story(title, body.split(" ")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the Reuters corpus in "
                            + dir
                            + ": point NEWSSTREAM_SHARED_DIR at the brief's data folder",
                    e);
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replaceAll("&#\\d+;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The seed's headline and its prose paragraphs (no page furniture, captions or comments). */
    private static Seed seed(String newsTopic, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> paragraphs = new ArrayList<>();
            String title = null;
            for (String p : text.split("\\n\\s*\\n")) {
                String para = p.strip().replaceAll("\\s+", " ");
                if (para.startsWith("Reader Comments") || para.startsWith("Published in")) {
                    break;
                }
                int words = para.split(" ").length;
                if (title == null) {
                    if (words >= 5 && words <= 15 && !para.endsWith(".")) {
                        title = para;
                    }
                } else if (words >= 20
                        && !para.startsWith("FILE")
                        && !para.startsWith("A US Predator")) {
                    paragraphs.add(para);
                }
            }
            if (title == null || paragraphs.isEmpty()) {
                throw new IllegalStateException("No headline and body found in seed " + file);
            }
            // About 2.5 KiB of the seed, leaving room for Reuters text.
            List<String> kept = new ArrayList<>();
            int chars = 0;
            for (String p : paragraphs) {
                if (chars > 2_500) {
                    break;
                }
                kept.add(p);
                chars += p.length();
            }
            return new Seed(newsTopic, title, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed " + file, e);
        }
    }
}
