package io.newsstream.common.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines that belong to the web page around an article, not to the article: navigation,
 * accessibility links, share and print links, section links, the print-edition footer, copyright
 * lines.
 *
 * <p>Only whole lines are matched, so an article sentence that merely contains "Breaking News" is
 * kept. Some furniture names the outlet ({@link #namedOutlet(String)}).
 */
final class PageFurniture {

    /** An embedded post's picture link, as its text is copied: "pic.twitter.com/AbCd12". */
    private static final String PIC_LINK = "pic\\.twitter\\.com/\\S+";

    /** An embedded post's credit: a dash, the author, the handle, the date. */
    private static final String POST_CREDIT =
            "[-\u2013\u2014]+\\s*[^()]{1,80}\\(@\\w{1,15}\\)\\s+[A-Z][a-z]+\\.? \\d{1,2}, \\d{4}";

    /** What points on to the rest: "...", "…", "»", "›", "→". */
    private static final String ONWARD = "(?:\\.{3}|\u2026|\u00bb|\u203a|\u2192)";

    private static final List<Pattern> LINES =
            List.of(
                    Pattern.compile(
                            "(?i)^(accessibility links|skip to (main )?content|skip navigation|"
                                    + "home|menu|main menu|toggle navigation|search|sign in|log in|"
                                    + "login|register|newsletters?|close|listen|watch live|live tv|"
                                    + "breaking news|facebook conversations|advertisement|"
                                    // an advertisement's slot in the text
                                    + "(story|article) continues (below|after)( the)? (advertisement|ad)|"
                                    + "(advertisement\\s*[-\u2013\u2014:]?\\s*)?scroll to continue( with content)?|"
                                    + "continue reading( (below|the main story))?( ?"
                                    + ONWARD
                                    + ")?|skip advertisement|"
                                    + "ad feedback|"
                                    + "sponsored( content)?|related( articles| stories| content| news)?|"
                                    + "read more( ?"
                                    + ONWARD
                                    + ")?|"
                                    + "read next|back to top|top of page|"
                                    + "next article|previous article|most read|most popular|"
                                    + "trending|see also|you may also like|recommended( for you)?|"
                                    + "print this (page|article|story)|e-?mail this (page|article|story)|"
                                    + "share this (page|article|story)|"
                                    + "follow us( on .{1,40})?|subscribe( to .{1,40})?|"
                                    + "sign up for .{1,60}|"
                                    + "load more comments|show more comments|post a comment|leave a comment|"
                                    + "report abuse|view comments|comments are closed\\.?|"
                                    // privacy and cookie banners
                                    + "(do not sell|opt out of the sale)( or (the )?shar(e|ing))?"
                                    + "( of)? my personal information|"
                                    + "opt out of the sale( or sharing)? of (your )?personal information|"
                                    + "(manage|accept( all)?|reject( all)?) (cookies|consent|preferences)|"
                                    + "cookie (settings|preferences|policy)|privacy (policy|settings)|"
                                    + "terms (of use|of service|and conditions)|"
                                    // social and reader-report prompts, a video player's controls
                                    + "follow @\\S+( on \\S+)?\\.?|(are you there\\? )?send (us )?your ireports?\\.?|"
                                    + "video player.*)$"),
                    // an embedded post's credit line: "— Name (@handle) March 6, 2025"
                    Pattern.compile(
                            "^(?:" + PIC_LINK + "\\s*)?" + POST_CREDIT + "$|^" + PIC_LINK + "$"),
                    // a feed's footer, as WordPress sites add it to every entry
                    Pattern.compile("^The post .{1,300} appeared first on .{1,120}$"),
                    // "More in Pakistan", "More from World": a section link, a few words at most.
                    Pattern.compile("^More (in|from|on) \\S+( \\S+){0,3}$"),
                    // a page's script copied with its text:
                    // "(adsbygoogle=window.adsbygoogle||[]).push({});"
                    Pattern.compile(
                            "^\\(?(?:adsbygoogle|googletag\\.|window\\.|document\\.write|"
                                    + "var \\w+\\s*=|function\\s*\\().*[;})]$"));

    /** Words of a share bar: a line made only of these (and separators) is furniture. */
    private static final Set<String> SHARE_BAR_WORDS =
            Set.of(
                    "share",
                    "print",
                    "email",
                    "e-mail",
                    "mail",
                    "tweet",
                    "facebook",
                    "twitter",
                    "x",
                    "whatsapp",
                    "linkedin",
                    "pinterest",
                    "reddit",
                    "telegram",
                    "comment",
                    "comments",
                    "save",
                    "copy",
                    "link",
                    "recommend",
                    "like",
                    "reply",
                    "report",
                    "on",
                    "via",
                    "this",
                    "article");

    /** "Published in The Express Tribune, January 23rd, 2012." */
    private static final Pattern PRINT_FOOTER =
            Pattern.compile(
                    "^Published in (?:the print edition of )?(?<outlet>.+?),\\s*"
                            + "(?<date>(?:[A-Z][a-z]+\\.? \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+),?\\s*\\d{4})\\.?$");

    /** "© 2021 VOA", "Copyright 2012 Agence France-Presse. All rights reserved." */
    private static final Pattern COPYRIGHT =
            Pattern.compile(
                    "(?i)^(?:©|\\(c\\)|copyright)(?:\\s*(?:©|\\(c\\)))?\\s*(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?\\s*,?\\s*)?"
                            + "(?<holder>[^.]{2,60}?)\\.?(?:\\s*all rights reserved\\.?)?$");

    /**
     * A link to another story, set between the paragraphs: "Read more: Why U.S. will live to regret
     * drone strikes", "Opinion: A dangerous new world of drones", "Watch Holbrooke say Mehsud is
     * dead »", "Complete coverage of drones on CNN's Security Clearance blog". Its words are
     * another article's, and a classifier would count them as this one's.
     */
    private static final Pattern STORY_LINK =
            Pattern.compile(
                    "(?i)^(?:(?:read more|read|also read|related|opinion|news|analysis|photos?|video|"
                            + "watch|listen|see also|more)\\s*:\\s*\\S.{0,160}"
                            + "|(?:read|see|watch) .{1,120}»"
                            + "|(?:complete|full|more) coverage (?:of|on|at) .{1,100}"
                            + "|read more (?:about|on|at) .{1,100}"
                            + "|read a version of this story in \\S+\\.?)$");

    /**
     * A paragraph of its own that is a link with no mark of its own: "Watch Lehmberg in jail",
     * "Read the indictment", "See iReports from areas affected by earthquake". Asked of whole
     * paragraphs only: a hard-wrapped line may start "see if France could help".
     */
    private static final Pattern BARE_LINK =
            Pattern.compile(
                    "^(?:Watch|Read|See|Listen to) [^.!?]{1,100}[^.!?\"'\u201D\u2019:;,\\s]$");

    /**
     * A video link at the end of a paragraph: "... a violation of its sovereignty. Watch Gilani say
     * the U.S. must stop »"; a share link: "... on al Qaeda operations. E-mail to a friend"; an
     * embedded post's picture link and credit after its text; a feed summary's cut ("[…]") and its
     * link to the rest ("Continue reading...").
     */
    private static final Pattern TRAILING_LINK =
            Pattern.compile(
                    "\\s+(?:Watch [^!?»]{1,120}»|E-?mail to a friend|"
                            // a summary's cut and link: "[…]", "Continue reading..."
                            + "\\[(?:\u2026|\\.{3})\\]|(?:Continue reading|Read more)\\s*"
                            + ONWARD
                            + "|"
                            + PIC_LINK
                            + "(?:\\s*"
                            + POST_CREDIT
                            + ")?|"
                            + POST_CREDIT
                            + ")\\s*$");

    /** The parts of a page title: "Headline - Section - SITE.COM", "Headline | Outlet". */
    private static final Pattern TITLE_PARTS = Pattern.compile("\\s+[-|\u2013\u2014]\\s+");

    /** A site's name as a page title ends with it: {@code DAWN.COM}, {@code edition.cnn.com}. */
    private static final Pattern DOMAIN = Pattern.compile("(?i)(?:[a-z0-9-]+\\.)+[a-z]{2,6}");

    /** A section of a site between headline and site name: "Pakistan", "World", "US & Canada". */
    private static final Pattern SECTION =
            Pattern.compile("\\p{Lu}[\\p{L}.']*(?: (?:&|and|\\p{Lu}[\\p{L}.']*)){0,2}");

    /**
     * A headline saved from a page's title, with the site's name after it.
     *
     * @param headline what is left: the article's headline
     * @param outlet the known outlet the site's name stands for, or null
     */
    record SiteTitle(String headline, String outlet) {}

    private PageFurniture() {}

    /**
     * The headline without the site's name a page title ends with, and the sections between them:
     * "Pakistan backs US move - World - DAWN.COM" gives "Pakistan backs US move" (and Dawn), "Drone
     * strike kills four | Reuters" gives "Drone strike kills four". Only when the last part is a
     * domain or a known outlet's name: a headline's own dashes ("Pakistan - US ties: a new low")
     * stay.
     */
    static Optional<SiteTitle> withoutSiteName(String title) {
        List<int[]> separators = new ArrayList<>();
        Matcher m = TITLE_PARTS.matcher(title);
        while (m.find()) {
            separators.add(new int[] {m.start(), m.end()});
        }
        if (separators.isEmpty()) {
            return Optional.empty();
        }
        String site = title.substring(separators.get(separators.size() - 1)[1]).strip();
        boolean domain = DOMAIN.matcher(site).matches();
        Optional<String> outlet = knownOutlet(site, domain);
        if (!domain && outlet.isEmpty()) {
            return Optional.empty();
        }
        int cut = separators.size() - 1;
        for (int sections = 0; sections < 2 && cut > 0; sections++) {
            String part = title.substring(separators.get(cut - 1)[1], separators.get(cut)[0]);
            if (!SECTION.matcher(part.strip()).matches()) {
                break;
            }
            cut--;
        }
        String headline = title.substring(0, separators.get(cut)[0]).strip();
        if (headline.split("\\s+").length < 2) {
            return Optional.empty();
        }
        return Optional.of(new SiteTitle(headline, outlet.orElse(null)));
    }

    /**
     * The known outlet a site's name stands for: one of its names ("Reuters", "BBC News"), or a
     * domain with its slug ("DAWN.COM", "edition.cnn.com").
     */
    private static Optional<String> knownOutlet(String site, boolean domain) {
        if (domain) {
            for (String label : site.split("\\.")) {
                Optional<String> known = Outlets.fromSourceName(label);
                if (known.isPresent()) {
                    return known;
                }
            }
            return Optional.empty();
        }
        return Outlets.known(site.replaceFirst("(?i)\\s+(?:news|online)$", ""));
    }

    /**
     * Whether this whole line, below the headline, is a link to another story. Not asked of the
     * first line: a headline may itself start with "Opinion:".
     */
    static boolean isStoryLink(String line) {
        return STORY_LINK.matcher(line.strip()).matches();
    }

    /** The heading of a page's list of topics or tags. */
    private static final Pattern TOPIC_LIST_HEADING =
            Pattern.compile(
                    "(?i)(?:related topics|topics|tags|more on this story|more on this topic|"
                            + "explore more on these topics|related)\\s*:?");

    /** An entry of such a list: a few words, no sentence. */
    private static final Pattern TOPIC_LIST_ENTRY =
            Pattern.compile("[\\p{L}\\p{N}(\"'‘“][^.!?:;]*");

    /** Whether this whole line heads a list of topics or tags ("Related Topics", "Topics"). */
    static boolean isTopicListHeading(String line) {
        return TOPIC_LIST_HEADING.matcher(line.strip()).matches();
    }

    /** Whether this line can be an entry of such a list: at most five words and no sentence. */
    static boolean isTopicListEntry(String line) {
        String l = line.strip();
        return l.split("\\s+").length <= 5 && TOPIC_LIST_ENTRY.matcher(l).matches();
    }

    /** Whether this paragraph, a block of its own below the headline, is a bare link. */
    static boolean isBareLink(String paragraph) {
        return BARE_LINK.matcher(paragraph.strip()).matches();
    }

    /** The line without a video link at its end ({@link #TRAILING_LINK}). */
    static String withoutTrailingLink(String line) {
        Matcher m = TRAILING_LINK.matcher(line);
        return m.find() ? line.substring(0, m.start()) : line;
    }

    /** Whether this whole (normalised) line is page furniture. */
    static boolean isFurniture(String line) {
        String l = line.strip();
        if (l.isEmpty()) {
            return false;
        }
        for (Pattern p : LINES) {
            if (p.matcher(l).matches()) {
                return true;
            }
        }
        return isShareBar(l) || namedOutlet(l).isPresent();
    }

    /** The outlet a furniture line names: a print-edition footer or a copyright line. */
    static Optional<String> namedOutlet(String line) {
        String l = line.strip();
        Matcher m = PRINT_FOOTER.matcher(l);
        if (m.matches()) {
            return Optional.of(Outlets.displayName(m.group("outlet")));
        }
        m = COPYRIGHT.matcher(l);
        if (m.matches()) {
            return Optional.of(Outlets.displayName(m.group("holder")));
        }
        return Optional.empty();
    }

    /**
     * Whether the line is made of share-bar words and separators only, at most eight words (a
     * leading separator counts as one, as {@code "| Share".split(...)} gives two parts). Tokenises
     * by hand and stops at the first word that is not a share-bar word: every line of every file
     * goes through here.
     */
    private static boolean isShareBar(String line) {
        int n = line.length();
        int parts = n > 0 && isSeparator(line.charAt(0)) ? 1 : 0;
        boolean anyShareWord = false;
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (++parts > 8) {
                return false;
            }
            String w = line.substring(start, i).toLowerCase(Locale.ROOT);
            if (!SHARE_BAR_WORDS.contains(w)) {
                return false;
            }
            anyShareWord |= !w.equals("on") && !w.equals("via") && !w.equals("this");
        }
        return anyShareWord;
    }

    /** A separator between share-bar words: ASCII white space, bars, dots, slashes, commas. */
    private static boolean isSeparator(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\013'
                || c == '\f'
                || c == '\r'
                || c == '|'
                || c == '\u00B7'
                || c == '\u2022'
                || c == '/'
                || c == ',';
    }
}
