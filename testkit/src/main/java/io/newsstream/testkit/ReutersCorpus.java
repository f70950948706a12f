package io.newsstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Reuters-21578 extract of the brief's data folder ({@code ../shared/eval/reuters21578}, never
 * copied into the repository), for the near-duplicate evaluation, the classifier's negative corpus
 * and the backfill and throughput tests. Every entry point skips the calling test when the corpus
 * is missing (see {@link SharedData}).
 */
public final class ReutersCorpus {

    /** One story: its NEWID, TITLE and BODY, entities decoded. */
    public record Doc(int newId, String title, String body) {}

    private static final Pattern STORY =
            Pattern.compile("<REUTERS[^>]*NEWID=\"(\\d+)\"[^>]*>(.*?)</REUTERS>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
    private static final Pattern DATELINE =
            Pattern.compile("<DATELINE>(.*?)</DATELINE>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);

    private ReutersCorpus() {}

    /** The corpus folder; skips the calling test when it is missing. */
    public static Path dir() {
        return SharedData.reuters();
    }

    /** The stories of {@code reut2-000.sgm} to {@code reut2-003.sgm}, in NEWID order. */
    public static List<Doc> read() {
        Path dir = dir();
        List<Doc> docs = new ArrayList<>();
        for (int f = 0; f <= 3; f++) {
            Path file = dir.resolve(String.format("reut2-%03d.sgm", f));
            String sgml;
            try {
                sgml = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            Matcher m = STORY.matcher(sgml);
            while (m.find()) {
                String inner = m.group(2);
                docs.add(
                        new Doc(
                                Integer.parseInt(m.group(1)),
                                decodeForDocs(groupOrEmpty(TITLE, inner)),
                                decodeForDocs(groupOrEmpty(BODY, inner))));
            }
        }
        return docs;
    }

    /**
     * Writes one article text file per story of the corpus into {@code out} ({@code
     * reuters-NNNNN.txt}: title, blank line, "PLACE (Reuters) - " dateline and body paragraphs).
     * Stories without a body are written as their title alone (the producer's parser refuses them:
     * they are dead-lettered).
     *
     * @return how many files
     */
    public static int split(Path out) throws IOException {
        return split(dir(), out);
    }

    /** As {@link #split(Path)}, from the given corpus folder. */
    public static int split(Path corpusDir, Path out) throws IOException {
        Files.createDirectories(out);
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(corpusDir, "reut2-*.sgm")) {
            for (Path sgm : files) {
                String text = Files.readString(sgm, StandardCharsets.ISO_8859_1);
                Matcher m = STORY.matcher(text);
                while (m.find()) {
                    String story = m.group(2);
                    String title = groupForFiles(TITLE, story);
                    if (title == null) {
                        title = "";
                    }
                    String dateline = groupForFiles(DATELINE, story);
                    String body = groupForFiles(BODY, story);
                    StringBuilder sb = new StringBuilder(title.strip()).append("\n\n");
                    if (body != null) {
                        body = body.replaceAll("(?s)\\s*Reuter\\s*$", "").strip();
                        String paragraphs =
                                body.replaceAll("\\n {3,}", "\n\n")
                                        .replaceAll("(?<!\\n)\\n(?!\\n)", " ");
                        if (dateline != null && !dateline.isBlank()) {
                            String place = dateline.strip().replaceAll("\\s*-\\s*$", "");
                            sb.append(place).append(" (Reuters) - ");
                        }
                        sb.append(paragraphs).append('\n');
                    }
                    Files.writeString(
                            out.resolve(
                                    String.format(
                                            "reuters-%05d.txt", Integer.parseInt(m.group(1)))),
                            sb.toString(),
                            StandardCharsets.UTF_8);
                    n++;
                }
            }
        }
        return n;
    }

    private static String groupOrEmpty(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    // The evaluation's figures were measured with numeric entities read as a space.
    private static String decodeForDocs(String s) {
        return s.replaceAll("&#\\d+;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    // Article files drop numeric entities (control characters in the 1987 wire copy).
    private static String groupForFiles(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        return m.group(1)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replaceAll("&#\\d+;", "");
    }
}
