package io.newsstream.common.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the publication-date lines of article pages and parses the usual English date forms.
 *
 * <p>Lines: "Published: January 22, 2012", "Published on 22 January 2012", "Posted: Jan. 22, 2012
 * 3:34PM", "Date: 2012-01-22", "First published on Sunday 22 January 2012 10.00 GMT", or a line
 * that is a date alone. A date without a time is 00:00 UTC that day; a time without a zone is taken
 * as UTC. "Updated: ..." lines are recognised (so they can be removed) but are not the publication
 * date; "Published in The Express Tribune, ..." is a print-edition footer, not a date line.
 */
public final class PublicationDates {

    private static final Pattern LABELLED =
            Pattern.compile(
                    "(?i)^(?<label>published|posted|publication date|date|first published|"
                            + "last updated|updated|last modified|modified)"
                            + "(?:\\s+(?:on|at))?\\s*[:\\-–]?\\s*(?<date>.+)$");

    /** "Published" alone on a line, its date on the next (BBC pages). */
    private static final Pattern LABEL_ALONE =
            Pattern.compile("(?i)(?:published|posted|first published|last updated|updated)");

    /** The same date printed twice, as some pages copy: "3 Jul 20123 Jul 2012". */
    private static final Pattern PRINTED_TWICE = Pattern.compile("(.+?\\d{4})\\1");

    private static final Pattern WEEKDAY =
            Pattern.compile("(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+");
    private static final Pattern MONTH_DOT =
            Pattern.compile("(?i)\\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\\.");
    private static final Pattern SEPT = Pattern.compile("(?i)\\bsept\\b");
    private static final Pattern RUN_OF_SPACES = Pattern.compile("\\s+");
    private static final Pattern ORDINAL = Pattern.compile("(?i)(\\d)(?:st|nd|rd|th)\\b");
    private static final Pattern SPLIT =
            Pattern.compile(
                    "^(?<date>\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|.*?\\d{4})"
                            + "(?:\\s*(?:,|-|–|—|T|\\bat\\b|\\|)?\\s*"
                            + "(?<time>\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?\\s*(?:[aApP]\\.?\\s?[mM]\\.?)?))?"
                            + "\\s*(?<zone>GMT|UTC|Z|[+-]\\d{2}:?\\d{2}|[A-Z]{3,4})?\\s*$");
    private static final List<DateTimeFormatter> DATES =
            List.of(
                    formatter("MMMM d, uuuu"),
                    formatter("MMMM d uuuu"),
                    formatter("MMM d, uuuu"),
                    formatter("MMM d uuuu"),
                    formatter("d MMMM uuuu"),
                    formatter("d MMMM, uuuu"),
                    formatter("d MMM uuuu"),
                    formatter("d MMM, uuuu"),
                    formatter("uuuu-M-d"),
                    formatter("uuuu/M/d"),
                    formatter("d.M.uuuu"));
    private static final List<DateTimeFormatter> TIMES =
            List.of(
                    formatter("h:mm a"),
                    formatter("h:mm:ss a"),
                    formatter("H:mm"),
                    formatter("H:mm:ss"));
    private static final Map<String, ZoneId> ZONES =
            Map.of(
                    "GMT", ZoneOffset.UTC,
                    "UTC", ZoneOffset.UTC,
                    "Z", ZoneOffset.UTC,
                    "PKT", ZoneOffset.ofHours(5),
                    "EST", ZoneOffset.ofHours(-5),
                    "EDT", ZoneOffset.ofHours(-4),
                    "PST", ZoneOffset.ofHours(-8),
                    "PDT", ZoneOffset.ofHours(-7),
                    "CET", ZoneOffset.ofHours(1),
                    "CEST", ZoneOffset.ofHours(2));

    /** Date lines are short; longer lines are not tried. */
    private static final int MAX_DATE_LINE = 120;

    /** A recognised date line: whether it states the publication date, and the date if parsed. */
    record DateLine(boolean publication, Optional<Instant> instant) {}

    private PublicationDates() {}

    /**
     * The date line this whole line is, if it is one: a labelled date ("Published: ...") or a date
     * alone.
     */
    static Optional<DateLine> dateLine(String line) {
        if (line.length() > MAX_DATE_LINE) {
            return Optional.empty(); // body text, not a date line: spare it the date parsers
        }
        if (LABEL_ALONE.matcher(line.strip()).matches()) {
            return Optional.of(
                    new DateLine(false, Optional.empty())); // its date is on the next line
        }
        Matcher m = LABELLED.matcher(line.strip());
        if (m.matches()) {
            Matcher twice = PRINTED_TWICE.matcher(m.group("date").strip());
            Optional<Instant> instant = parse(twice.matches() ? twice.group(1) : m.group("date"));
            if (instant.isEmpty()) {
                return Optional.empty();
            }
            String label = m.group("label").toLowerCase(Locale.ROOT);
            boolean publication = !label.contains("updated") && !label.contains("modified");
            return Optional.of(new DateLine(publication, instant));
        }
        return parse(line).map(i -> new DateLine(true, Optional.of(i)));
    }

    /** Parses one of the usual English date (and time) forms; empty when it is not one. */
    public static Optional<Instant> parse(String text) {
        String t = text.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // not ISO with offset
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException ignored) {
            // not an ISO instant
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not ISO local date-time
        }
        t = WEEKDAY.matcher(t).replaceFirst("");
        t = ORDINAL.matcher(t).replaceAll("$1");
        t = MONTH_DOT.matcher(t).replaceAll("$1");
        t = SEPT.matcher(t).replaceAll("Sep");
        t = RUN_OF_SPACES.matcher(t).replaceAll(" ");
        Matcher m = SPLIT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<LocalDate> date = parseWith(DATES, m.group("date").strip(), LocalDate::from);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group("time") != null) {
            String tm =
                    m.group("time")
                            .replace('.', ':')
                            .replaceAll("(?i):?\\s*([ap]):?\\s*m:?$", " $1M")
                            .toUpperCase(Locale.ROOT)
                            .strip();
            Optional<LocalTime> parsed = parseWith(TIMES, tm, LocalTime::from);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            time = parsed.get();
        }
        ZoneId zone = ZoneOffset.UTC;
        String z = m.group("zone");
        if (z != null) {
            if (z.startsWith("+") || z.startsWith("-")) {
                zone =
                        ZoneOffset.of(
                                z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
            } else {
                zone = ZONES.getOrDefault(z, ZoneOffset.UTC);
            }
        }
        return Optional.of(date.get().atTime(time).atZone(zone).toInstant());
    }

    private static <T> Optional<T> parseWith(
            List<DateTimeFormatter> formatters,
            String text,
            java.util.function.Function<java.time.temporal.TemporalAccessor, T> query) {
        for (DateTimeFormatter f : formatters) {
            try {
                return Optional.of(query.apply(f.parse(text)));
            } catch (java.time.DateTimeException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
