package io.newsstream.producer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: splits the Reuters-21578 SGML files of {@code ../shared/eval/reuters21578} into one
 * article text file per story ({@code reuters-NNNNN.txt}: title, blank line, "PLACE, Mon d
 * (Reuters) - " dateline and body paragraphs), for backfill and throughput tests. Stories without a
 * body are written as their title alone (the parser refuses them: they are dead-lettered).
 */
final class ReutersCorpus {

    private static final Pattern STORY =
            Pattern.compile("<REUTERS[^>]*NEWID=\"(\\d+)\"[^>]*>(.*?)</REUTERS>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
    private static final Pattern DATELINE =
            Pattern.compile("<DATELINE>(.*?)</DATELINE>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);

    private ReutersCorpus() {}

    /** Writes one file per story into {@code out}; returns how many. */
    static int split(Path corpusDir, Path out) throws IOException {
        Files.createDirectories(out);
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(corpusDir, "reut2-*.sgm")) {
            for (Path sgm : files) {
                String text = Files.readString(sgm, StandardCharsets.ISO_8859_1);
                Matcher m = STORY.matcher(text);
                while (m.find()) {
                    String story = m.group(2);
                    String title = group(TITLE, story);
                    if (title == null) {
                        title = "";
                    }
                    String dateline = group(DATELINE, story);
                    String body = group(BODY, story);
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

    private static String group(Pattern p, String s) {
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
