package io.newsstream.processor.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Reuters-21578 extract in {@code ../shared/eval/reuters21578} (never copied into the
 * repository): NEWID, TITLE and BODY of each document, in NEWID order, entities decoded.
 */
final class ReutersCorpus {

    record Doc(int newId, String title, String body) {}

    private static final Pattern DOC =
            Pattern.compile("<REUTERS[^>]*NEWID=\"(\\d+)\">(.*?)</REUTERS>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);

    private ReutersCorpus() {}

    static Path dir() {
        return Path.of(System.getProperty("newsstream.shared.dir", "../../shared"))
                .resolve("eval/reuters21578");
    }

    static List<Doc> read() {
        List<Doc> docs = new ArrayList<>();
        for (int f = 0; f <= 3; f++) {
            Path file = dir().resolve(String.format("reut2-%03d.sgm", f));
            String sgml;
            try {
                sgml = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read " + file + ": the eval corpus belongs in ../shared/eval", e);
            }
            Matcher m = DOC.matcher(sgml);
            while (m.find()) {
                String inner = m.group(2);
                docs.add(
                        new Doc(
                                Integer.parseInt(m.group(1)),
                                decode(group(TITLE, inner)),
                                decode(group(BODY, inner))));
            }
        }
        return docs;
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private static String decode(String s) {
        return s.replaceAll("&#\\d+;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
