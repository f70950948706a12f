package io.newsstream.producer.parse;

import io.newsstream.common.article.PublicationDates;
import java.text.DateFormatSymbols;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the dates feeds print when the feed library could not: RFC 822 dates with day and month
 * names in other languages ("Mi, 03 Jan 2018", "mer., 3 janv. 2018 10:00:00 +0100", "Qua, 03 Out
 * 2018"), stray spaces and line breaks inside the element, two-digit years, zone abbreviations;
 * then ISO 8601 and the English forms of {@link PublicationDates}. Pure.
 */
public final class FeedDates {

    private static final List<Locale> MONTH_LOCALES =
            List.of(
                    Locale.ENGLISH,
                    Locale.GERMAN,
                    Locale.FRENCH,
                    Locale.ITALIAN,
                    Locale.forLanguageTag("es"),
                    Locale.forLanguageTag("pt"),
                    Locale.forLanguageTag("nl"));
    private static final Map<String, Integer> MONTHS = months();
    private static final Pattern RFC822ISH =
            Pattern.compile(
                    "^(?:[^\\d,]+,?\\s+)?(\\d{1,2})\\.?\\s+([^\\s\\d.,]+)\\.?,?\\s+(\\d{2,4})"
                            + "(?:,?\\s+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?)?"
                            + "\\s*(Z|UT|UTC|GMT|[A-Za-z]{3,4}|[+-]\\d{2}:?\\d{2})?\\s*$");
    private static final Map<String, ZoneOffset> ZONES =
            Map.ofEntries(
                    Map.entry("Z", ZoneOffset.UTC),
                    Map.entry("UT", ZoneOffset.UTC),
                    Map.entry("UTC", ZoneOffset.UTC),
                    Map.entry("GMT", ZoneOffset.UTC),
                    Map.entry("EST", ZoneOffset.ofHours(-5)),
                    Map.entry("EDT", ZoneOffset.ofHours(-4)),
                    Map.entry("CST", ZoneOffset.ofHours(-6)),
                    Map.entry("CDT", ZoneOffset.ofHours(-5)),
                    Map.entry("MST", ZoneOffset.ofHours(-7)),
                    Map.entry("MDT", ZoneOffset.ofHours(-6)),
                    Map.entry("PST", ZoneOffset.ofHours(-8)),
                    Map.entry("PDT", ZoneOffset.ofHours(-7)),
                    Map.entry("CET", ZoneOffset.ofHours(1)),
                    Map.entry("MEZ", ZoneOffset.ofHours(1)),
                    Map.entry("CEST", ZoneOffset.ofHours(2)),
                    Map.entry("MESZ", ZoneOffset.ofHours(2)),
                    Map.entry("BST", ZoneOffset.ofHours(1)),
                    Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)),
                    Map.entry("PKT", ZoneOffset.ofHours(5)));

    private FeedDates() {}

    /** The instant the text names, or empty when it is not a date this class knows. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.replaceAll("\\s+", " ").strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RFC822ISH.matcher(t);
        if (m.matches()) {
            Integer month = month(m.group(2));
            if (month != null) {
                try {
                    int year = Integer.parseInt(m.group(3));
                    if (year < 100) {
                        year += year < 70 ? 2000 : 1900;
                    }
                    LocalDateTime local =
                            LocalDateTime.of(
                                    year,
                                    month,
                                    Integer.parseInt(m.group(1)),
                                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                    return Optional.of(local.toInstant(zone(m.group(7))));
                } catch (DateTimeException | NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return PublicationDates.parse(t);
    }

    private static ZoneOffset zone(String z) {
        if (z == null) {
            return ZoneOffset.UTC;
        }
        ZoneOffset named = ZONES.get(z.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return ZoneId.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z)
                    .getRules()
                    .getOffset(Instant.EPOCH);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Integer month(String name) {
        String key = key(name);
        Integer exact = MONTHS.get(key);
        if (exact != null) {
            return exact;
        }
        // "Sept", "Juli", "juil": the longest known prefix decides.
        for (int len = Math.min(key.length(), 4); len >= 3; len--) {
            Integer m = MONTHS.get(key.substring(0, len));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static String key(String s) {
        String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}", "").replace(".", "");
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> out = new HashMap<>();
        Map<String, Integer> ambiguous = new HashMap<>();
        for (Locale l : MONTH_LOCALES) {
            DateFormatSymbols symbols = DateFormatSymbols.getInstance(l);
            String[][] names = {symbols.getMonths(), symbols.getShortMonths()};
            for (String[] set : names) {
                for (int i = 0; i < 12 && i < set.length; i++) {
                    if (set[i] == null || set[i].isBlank()) {
                        continue;
                    }
                    String k = key(set[i]);
                    out.putIfAbsent(k, i + 1);
                    for (int len = 3; len <= 4 && len < k.length(); len++) {
                        String p = k.substring(0, len);
                        Integer prev = ambiguous.putIfAbsent(p, i + 1);
                        if (prev != null && prev != i + 1) {
                            ambiguous.put(p, -1);
                        }
                    }
                }
            }
        }
        ambiguous.forEach(
                (p, m) -> {
                    if (m > 0) {
                        out.putIfAbsent(p, m);
                    }
                });
        // Short forms the JDK's locale data spell otherwise.
        out.putIfAbsent("sept", 9);
        out.putIfAbsent("mrz", 3);
        out.putIfAbsent("maerz", 3);
        out.putIfAbsent("mae", 3);
        return Map.copyOf(out);
    }
}
