package io.newsstream.producer.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One feed of polling mode, as a line of the feeds file gives it.
 *
 * <p>Feeds file: one feed per line, {@code key = value} pairs separated by {@code ;}; blank lines
 * and lines starting with {@code #} are ignored:
 *
 * <pre>
 * id = guardian-us; url = https://www.theguardian.com/us-news/rss; interval = 15m; type = rss; outlet = The Guardian
 * url = https://example.com/feed.xml
 * </pre>
 *
 * {@code url} is required (http or https); {@code id} defaults to the URL's host and path (letters,
 * digits, '.', '_', '-'; it is the articles' feed id and names the state file); {@code interval}
 * defaults to 15m (units ms, s, m, h); {@code type} to {@code auto}; {@code outlet} to what the
 * feed says.
 *
 * @param id the feed id
 * @param url the feed URL
 * @param interval time between polls when all is well
 * @param type the feed type name, or {@code auto}
 * @param outlet the outlet of its articles, or {@code null}
 */
public record PolledFeed(String id, URI url, Duration interval, String type, String outlet) {

    /** Interval of a feed that names none. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> KEYS = Set.of("id", "url", "interval", "type", "outlet");

    /**
     * Reads a feeds file.
     *
     * @throws IllegalArgumentException naming the file and line of the first mistake
     */
    public static List<PolledFeed> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the feeds file " + file + ": " + e.getMessage(), e);
        }
        List<PolledFeed> feeds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            PolledFeed feed;
            try {
                feed = parseLine(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!ids.add(feed.id())) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": feed id '" + feed.id() + "' is used twice");
            }
            feeds.add(feed);
        }
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException(
                    "The feeds file "
                            + file
                            + " names no feed: add lines such as 'url = https://...'");
        }
        return List.copyOf(feeds);
    }

    /** Parses one line of a feeds file. */
    public static PolledFeed parseLine(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "'" + part.strip() + "' should be key = value (keys: " + KEYS + ")");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "Unknown key '" + key + "' (keys: " + KEYS + ")");
            }
            values.put(key, part.substring(eq + 1).strip());
        }
        String url = values.get("url");
        if (url == null || !DocumentSource.isUrl(url)) {
            throw new IllegalArgumentException("Each feed needs url = an http(s) URL");
        }
        URI uri = URI.create(url);
        String id = values.getOrDefault("id", defaultId(uri));
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "Feed id '" + id + "' may only hold letters, digits, '.', '_' and '-'");
        }
        Duration interval = DEFAULT_INTERVAL;
        if (values.containsKey("interval")) {
            interval = duration(values.get("interval"));
        }
        String type = values.getOrDefault("type", FeedTypes.AUTO);
        String outlet = values.get("outlet");
        return new PolledFeed(
                id, uri, interval, type, outlet == null || outlet.isBlank() ? null : outlet);
    }

    static String defaultId(URI uri) {
        String raw = uri.getHost() + (uri.getPath() == null ? "" : uri.getPath());
        String id = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return id.length() > 200 ? id.substring(0, 200) : id;
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "interval '" + text + "' should be a number and a unit: 500ms, 30s, 15m, 2h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d =
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
        if (d.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        return d;
    }
}
