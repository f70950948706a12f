package io.newsstream.processor.enrich;

import io.newsstream.common.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How common each word is in general news: the share of stories that use it, counted over the
 * Reuters-21578 stories ({@value #RESOURCE}, derived data: words only, no text). A word a news
 * topic's scope notes use and general news rarely does names the subject ("polio", "waziristan");
 * one that most stories use does not ("said", "reached"). What {@link TopicDraft} picks words by.
 */
public final class BackgroundWords {

    /** Classpath location of the bundled counts. */
    public static final String RESOURCE = "newsstream/background-words.tsv";

    /** Words used by fewer stories are left out of the file: rare, for drafting's purpose. */
    static final int MIN_STORIES = 5;

    private final int stories;
    private final Map<String, Integer> storiesWith;

    private BackgroundWords(int stories, Map<String, Integer> storiesWith) {
        this.stories = stories;
        this.storiesWith = storiesWith;
    }

    /** The bundled counts ({@value #RESOURCE}). */
    public static BackgroundWords bundled() {
        try (InputStream in =
                BackgroundWords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigException("Bundled " + RESOURCE + " is missing");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled " + RESOURCE, e);
        }
    }

    private static BackgroundWords read(BufferedReader in) throws IOException {
        int stories = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("# stories\t")) {
                stories = Integer.parseInt(line.substring(line.indexOf('\t') + 1));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                int tab = line.indexOf('\t');
                counts.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            }
        }
        return new BackgroundWords(Math.max(1, stories), Map.copyOf(counts));
    }

    /** Counts the words of each text once. */
    public static BackgroundWords count(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String w : new LinkedHashSet<>(words(text))) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        counts.values().removeIf(n -> n < MIN_STORIES);
        return new BackgroundWords(texts.size(), Map.copyOf(counts));
    }

    /** The share of stories that use {@code word} (lower case); 0 for a rare or unknown one. */
    public double share(String word) {
        return storiesWith.getOrDefault(word, 0) / (double) stories;
    }

    /** The words of a text as counted: runs of letters, lower case, a final "'s" left out. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                // "Pakistan's": the "s" after the apostrophe is not a word of its own
                if (i + 1 < n && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019')) {
                    if (text.charAt(i + 1) == 's'
                            && (i + 2 == n || !Character.isLetter(text.charAt(i + 2)))) {
                        i += 2;
                    }
                }
            }
        }
        return out;
    }

    /** Writes the counts as {@value #RESOURCE} is written: sorted, one word a line. */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Stories of Reuters-21578 that use each word (BackgroundWords; words used by");
        lines.add(
                "# fewer than "
                        + MIN_STORIES
                        + " stories left out). Regenerate: BackgroundWordsTest.");
        lines.add("# stories\t" + stories);
        new TreeMap<>(storiesWith).forEach((w, c) -> lines.add(w + "\t" + c));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
