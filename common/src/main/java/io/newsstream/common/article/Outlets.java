package io.newsstream.common.article;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out which outlet published an article, from the strongest evidence to the weakest:
 *
 * <ol>
 *   <li>the outlet the caller gives ({@link ArticleHints#outlet()}): it always wins;
 *   <li>the text naming its publisher: a print-edition footer ("Published in The Express Tribune,
 *       January 23rd, 2012.") or a copyright line ("© 2021 VOA");
 *   <li>the site's name a page title saved as the headline ends with ("... - World - DAWN.COM");
 *   <li>an agency in the dateline ("WASHINGTON (AFP) -");
 *   <li>the source (file) name starting with a known outlet's slug ({@code voa-...}, {@code
 *       afp-...}, {@code express-tribune-...});
 *   <li>a known outlet credited as the reporter in the text: "told AFP", "(Reuters)", "AFP Photo";
 *       the most credited one wins.
 * </ol>
 *
 * <p>Outlets merely cited ("CNN reported", "according to the CNN report") are not evidence: an
 * article citing CNN is not by CNN. Credits only count known outlets, so "told Parliament" is not
 * an outlet either.
 */
final class Outlets {

    /** A known outlet: its display name, the names the text may use, and file-name slugs. */
    record KnownOutlet(String name, List<String> aliases, List<String> slugs) {}

    static final List<KnownOutlet> KNOWN =
            List.of(
                    new KnownOutlet(
                            "AFP",
                            List.of("AFP", "Agence France-Presse", "Agence France Presse"),
                            List.of("afp")),
                    new KnownOutlet("Reuters", List.of("Reuters"), List.of("reuters")),
                    new KnownOutlet(
                            "AP",
                            List.of("The Associated Press", "Associated Press", "AP"),
                            List.of("ap", "associated-press")),
                    new KnownOutlet(
                            "VOA", List.of("Voice of America", "VOA"), List.of("voa", "voanews")),
                    new KnownOutlet("CNN", List.of("CNN"), List.of("cnn")),
                    new KnownOutlet("BBC", List.of("BBC"), List.of("bbc")),
                    new KnownOutlet(
                            "Al Jazeera",
                            List.of("Al Jazeera"),
                            List.of("al-jazeera", "aljazeera")),
                    new KnownOutlet("Bloomberg", List.of("Bloomberg"), List.of("bloomberg")),
                    new KnownOutlet("Xinhua", List.of("Xinhua"), List.of("xinhua")),
                    new KnownOutlet(
                            "The Express Tribune",
                            List.of("The Express Tribune", "Express Tribune"),
                            List.of("express-tribune", "tribune")),
                    new KnownOutlet("Dawn", List.of("Dawn"), List.of("dawn")),
                    new KnownOutlet(
                            "Daily Times",
                            List.of("Daily Times"),
                            List.of("daily-times", "dailytimes")),
                    new KnownOutlet(
                            "The Guardian",
                            List.of("The Guardian"),
                            List.of("guardian", "the-guardian")),
                    new KnownOutlet(
                            "The New York Times",
                            List.of("The New York Times", "New York Times"),
                            List.of("nytimes", "new-york-times")),
                    new KnownOutlet(
                            "The Washington Post",
                            List.of("The Washington Post", "Washington Post"),
                            List.of("washington-post", "washingtonpost")));

    /** The credit patterns of one alias; each contains the alias as written. */
    private record AliasCredits(String alias, List<Pattern> patterns) {}

    private static final Map<KnownOutlet, List<AliasCredits>> CREDITS = new LinkedHashMap<>();

    static {
        for (KnownOutlet o : KNOWN) {
            List<AliasCredits> credits = new ArrayList<>();
            for (String alias : o.aliases()) {
                String a = Pattern.quote(alias);
                credits.add(
                        new AliasCredits(
                                alias,
                                List.of(
                                        Pattern.compile("\\btold (?:the )?" + a + "\\b"),
                                        Pattern.compile("\\(" + a + "\\)"),
                                        Pattern.compile("\\b" + a + " (?:Photo|PHOTO|photo)\\b"),
                                        Pattern.compile(
                                                "\\b(?:Photo|PHOTO|Photograph)\\s*:\\s*"
                                                        + a
                                                        + "\\b"))));
            }
            CREDITS.put(o, credits);
        }
    }

    private Outlets() {}

    /**
     * The display name of an outlet the text names: the known outlet's name when it is one ("Voice
     * of America" gives "VOA"; a known outlet before a comma too), else the name as written.
     */
    static String displayName(String named) {
        String n = named.strip();
        // "Dawn, The Business and Finance Weekly": the outlet and its supplement
        return known(n).or(() -> known(n.split(",", 2)[0])).orElse(n);
    }

    /** The known outlet {@code named} is one of the names of, by its display name. */
    static Optional<String> known(String named) {
        String n = named.strip();
        for (KnownOutlet o : KNOWN) {
            if (o.name().equalsIgnoreCase(n)
                    || o.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(n))) {
                return Optional.of(o.name());
            }
        }
        return Optional.empty();
    }

    /** The outlet whose slug starts the source name, e.g. {@code voa-2021-10-x.txt} gives VOA. */
    static Optional<String> fromSourceName(String sourceName) {
        if (sourceName == null) {
            return Optional.empty();
        }
        String base = sourceName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replace('_', '-');
        for (KnownOutlet o : KNOWN) {
            for (String slug : o.slugs()) {
                if (base.equals(slug)
                        || base.startsWith(slug + "-")
                        || base.startsWith(slug + ".")) {
                    return Optional.of(o.name());
                }
            }
        }
        return Optional.empty();
    }

    /** The known outlet the text credits most often as its reporter, if any. */
    static Optional<String> fromCredits(List<String> texts) {
        KnownOutlet best = null;
        int bestCount = 0;
        for (Map.Entry<KnownOutlet, List<AliasCredits>> e : CREDITS.entrySet()) {
            int count = 0;
            for (String text : texts) {
                for (AliasCredits credits : e.getValue()) {
                    if (!text.contains(credits.alias())) {
                        continue; // no credit without the name: spare the text the patterns
                    }
                    for (Pattern p : credits.patterns()) {
                        Matcher m = p.matcher(text);
                        while (m.find()) {
                            count++;
                        }
                    }
                }
            }
            if (count > bestCount) {
                best = e.getKey();
                bestCount = count;
            }
        }
        return Optional.ofNullable(best).map(KnownOutlet::name);
    }
}
