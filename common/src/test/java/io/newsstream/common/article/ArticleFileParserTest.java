package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.article.ArticleParseException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Odd inputs, from the hand-written fixtures in src/test/resources/articles. */
class ArticleFileParserTest {

    private final ArticleFileParser parser = new ArticleFileParser();

    private static byte[] fixture(String name) {
        try (InputStream in =
                ArticleFileParserTest.class.getResourceAsStream("/articles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test fixture /articles/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ParsedArticle parse(String name) throws ArticleParseException {
        return parser.parse(fixture(name), ArticleHints.fromSource(name));
    }

    @Test
    void crlfLineEndingsLeaveNoCarriageReturnAndJoinWrappedLines() throws Exception {
        ParsedArticle a = parse("crlf-reuters-dateline.txt");
        assertThat(a.title()).isEqualTo("Talks on airspace use continue");
        assertThat(a.byline()).isEqualTo("Jane Doe and Ali Khan");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2021-10-09T15:05:00Z"));
        assertThat(a.dateline()).isEqualTo("KABUL");
        assertThat(a.paragraphs())
                .containsExactly(
                        "Talks between the two governments continued on Saturday, officials said,"
                                + " with no agreement in sight.",
                        "A second paragraph follows here.");
        assertThat(a.toString()).doesNotContain("\r");
    }

    /**
     * The dev set's Dawn and APP files: one paragraph per line, no blank line between. Each line is
     * a paragraph; the news-topic rules count paragraphs.
     */
    @Test
    void linesThatEachEndASentenceAreParagraphsNotAWrappedOne() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("Army chief meets Trump at the White House\n\nPublished: 2025-06-19\n\n"
                                        + "ISLAMABAD, Jun 19 (APP): The army chief met the president.\n"
                                        + "He was joined by \"the national security adviser.\"\n"
                                        + "Talks went on for two hours, officials said.\n")
                                .getBytes(StandardCharsets.UTF_8),
                        ArticleHints.NONE);
        assertThat(a.paragraphs()).hasSize(3);
        assertThat(a.paragraphs().get(2)).startsWith("Talks went on");
        assertThat(ArticleFileParser.isLinePerParagraph(List.of("Talks between the", "two sides.")))
                .isFalse();
    }

    /** Text copied out of a page, one paragraph per line, with a subhead among them. */
    @Test
    void aBlockOfOneParagraphPerLineMayHoldSubheads() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("Drone strike kills four in North Waziristan\n\n"
                                + "PESHAWAR: A US drone fired two missiles at a house near"
                                + " Miramshah, officials said.\n"
                                + "The strike hit the village at around 4am.\n"
                                + "Who was killed\n"
                                + "Two of the dead were foreign fighters, an official said.\n"),
                        ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Drone strike kills four in North Waziristan");
        assertThat(a.paragraphs()).hasSize(4).first().asString().startsWith("A US drone fired");
    }

    /** A page copied with its headline printed again above the text (its title, then its h1). */
    @Test
    void aHeadlinePrintedAgainAboveTheTextIsReadOnce() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("Senior CIA official confronted Pakistan - World - DAWN.COM\n\n"
                                + "Senior CIA official confronted Pakistan\n\n"
                                + "A senior CIA official travelled to Islamabad this month,"
                                + " officials said.\n\n"
                                + "The trip was kept secret at the time.\n"),
                        ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Senior CIA official confronted Pakistan");
        assertThat(a.subtitle()).isNull();
        assertThat(a.paragraphs()).hasSize(2).first().asString().startsWith("A senior CIA");
    }

    /** An advertisement's slot and an embedded post's credit, copied with a page's text. */
    @Test
    void advertisementSlotsAndEmbeddedPostCreditsAreNotParagraphs() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("Pakistan protests drone strike\n\n"
                                + "Pakistan lodged a protest with the US on Friday, officials said.\n\n"
                                + "Advertisement\n\n"
                                + "Story continues below advertisement\n\n"
                                + "The strike is a violation of our sovereignty pic.twitter.com/AbCd12"
                                + " \u2014 Foreign Office (@ForeignOfficePk) March 6, 2025\n\n"
                                + "pic.twitter.com/XyZ987 \u2014 Foreign Office (@ForeignOfficePk)"
                                + " March 6, 2025\n\n"
                                + "Scroll to continue with content\n\n"
                                + "The ambassador was summoned.\n"),
                        ArticleHints.NONE);
        assertThat(a.paragraphs())
                .containsExactly(
                        "Pakistan lodged a protest with the US on Friday, officials said.",
                        "The strike is a violation of our sovereignty",
                        "The ambassador was summoned.");
    }

    @Test
    void aWrappedParagraphIsNotSplitAtItsLineBreaks() {
        assertThat(
                        ArticleFileParser.isLinePerParagraph(
                                List.of(
                                        "Talks between the two sides",
                                        "went on for hours. Officials said.",
                                        "No deal was reached.",
                                        "The next round is in May.")))
                .isFalse();
        assertThat(
                        ArticleFileParser.isLinePerParagraph(
                                List.of(
                                        "Talks between the two sides went on for hours, and"
                                                + " officials from",
                                        "Pakistan and the United States said that no deal was"
                                                + " reached on the",
                                        "routes. The next round is in May.")))
                .isFalse();
    }

    @Test
    void decodesTheCharacterReferencesOfTextSavedFromAPagesSource() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("ISI chief&#8217;s visit to Washington\n\n"
                                + "Pakistan&#8217;s spy chief met the CIA director, an"
                                + " official said: &quot;talks went well&quot; at AT&amp;T"
                                + " Plaza. Q&A follows.\n"),
                        ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("ISI chief\u2019s visit to Washington");
        assertThat(a.paragraphs().get(0))
                .contains("Pakistan\u2019s spy chief", "\"talks went well\" at AT&T", "Q&A");
    }

    @Test
    void aBylineWithMoreAfterABarIsNoHeadline() throws Exception {
        ParsedArticle a =
                parser.parse(
                        ("By Anwar Iqbal | Updated March 6, 2025 10:42pm\n\n"
                                + "ISI chief to visit Washington\n\n"
                                + "Pakistan's spy chief will meet the CIA director next week,"
                                + " officials said.\n"),
                        ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("ISI chief to visit Washington");
        assertThat(a.byline()).isEqualTo("Anwar Iqbal");
    }

    /** CNN's headlines in the dev set: a rank before a name is no sentence end. */
    @Test
    void aRankBeforeANameInTheHeadlineIsNoSentenceEnd() throws Exception {
        for (String headline :
                List.of(
                        "Adm. Mike Mullen says ISI has ties to the Haqqani network",
                        "Pakistan's ambassador resigns over memo to Adm. Mike Mullen",
                        "Brig. Gen. Mark Kimmitt and Cmdr. Jane Doe brief reporters")) {
            ParsedArticle a =
                    parser.parse(
                            (headline + "\n\nThe text of the story. It has two sentences.\n")
                                    .getBytes(StandardCharsets.UTF_8),
                            ArticleHints.NONE);
            assertThat(a.title()).isEqualTo(headline);
        }
    }

    @Test
    void agencyInTheDatelineNamesTheOutlet() throws Exception {
        assertThat(parse("crlf-reuters-dateline.txt").outlet()).isEqualTo("Reuters");
    }

    @Test
    void sameArticleWithOtherLineEndingsOrABomHasTheSameId() throws Exception {
        byte[] crlf = fixture("crlf-reuters-dateline.txt");
        String lf = new String(crlf, StandardCharsets.UTF_8).replace("\r\n", "\n");
        byte[] bomLf = ("\uFEFF" + lf.replace(" ", "\u00A0 ")).getBytes(StandardCharsets.UTF_8);
        String id = parser.parse(crlf, ArticleHints.NONE).id();
        assertThat(parser.parse(lf.getBytes(StandardCharsets.UTF_8), ArticleHints.NONE).id())
                .isEqualTo(id);
        assertThat(parser.parse(bomLf, ArticleHints.NONE).id()).isEqualTo(id);
    }

    @Test
    void utf8BomIsDroppedAndAUrlLineGivesTheCanonicalUrlAsId() throws Exception {
        ParsedArticle a = parse("bom-utf8-url.txt");
        assertThat(a.title()).isEqualTo("Café owners welcome the deal");
        assertThat(a.charset()).isEqualTo("UTF-8");
        assertThat(a.url()).isEqualTo("https://www.example.com/news/cafe-deal?id=7");
        assertThat(a.id()).isEqualTo("https://www.example.com/news/cafe-deal?id=7");
        assertThat(a.body()).doesNotContain("https://", "©");
    }

    @Test
    void datelinesWithAYearOrTwoPlacesAreDatelines() throws Exception {
        for (String[] c :
                new String[][] {
                    {"ISLAMABAD, Nov 26, 2011 (AFP) - Pakistan closed its borders.", "ISLAMABAD"},
                    {
                        "WASHINGTON/ISLAMABAD, Oct 23 (Reuters) - The talks went on.",
                        "WASHINGTON/ISLAMABAD"
                    },
                    {
                        "WASHINGTON / PESHAWAR \u2014 Pakistan criticised the strike.",
                        "WASHINGTON / PESHAWAR"
                    }
                }) {
            ParsedArticle a =
                    parser.parse("Headline\n\n" + c[0] + "\n\nMore.\n", ArticleHints.NONE);
            assertThat(a.dateline()).as(c[0]).isEqualTo(c[1]);
            assertThat(a.paragraphs().get(0)).as(c[0]).doesNotContain(c[1]);
        }
    }

    @Test
    void datelineOnALineOfItsOwnIsStillTheDateline() throws Exception {
        ParsedArticle a = parse("bom-utf8-url.txt");
        assertThat(a.dateline()).isEqualTo("ISLAMABAD");
        assertThat(a.paragraphs())
                .containsExactly(
                        "Café owners said the deal was good news. “We are happy,” one said.");
    }

    @Test
    void copyrightLineNamesTheOutletByItsKnownName() throws Exception {
        assertThat(parse("bom-utf8-url.txt").outlet()).isEqualTo("VOA");
    }

    @Test
    void windows1252BytesAreDecodedNotMangled() throws Exception {
        ParsedArticle a = parse("latin1-windows1252.txt");
        assertThat(a.charset()).isEqualTo("windows-1252");
        assertThat(a.title()).isEqualTo("Café prices rise in São Paulo");
        assertThat(a.body()).contains("“It is hard,” said one owner.").doesNotContain("\uFFFD");
    }

    @Test
    void utf16WithBomIsDecoded() throws Exception {
        byte[] body = "Title here\n\nBody text here.".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        ParsedArticle a = parser.parse(bytes, ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Title here");
        assertThat(a.body()).isEqualTo("Body text here.");
    }

    @Test
    void emptyFileIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> parse("empty.txt"))
                .isInstanceOfSatisfying(
                        ArticleParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
                .hasMessageContaining("empty (0 bytes)");
    }

    @Test
    void whitespaceOnlyFileIsRefusedAsEmpty() {
        assertThatThrownBy(() -> parse("whitespace-only.txt"))
                .isInstanceOfSatisfying(
                        ArticleParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
                .hasMessageContaining("only white space");
    }

    @Test
    void binaryDataIsRefusedAsUndecodable() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H'};
        assertThatThrownBy(() -> parser.parse(png, ArticleHints.NONE))
                .isInstanceOfSatisfying(
                        ArticleParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNDECODABLE))
                .hasMessageContaining("not an article text file");
    }

    /**
     * Real coverage often has no headline in its text (TOPICS.md): such a file is still an article,
     * classified and shown, with a headline made from its first sentence; nothing of it is lost.
     */
    @Test
    void bodyTextWithoutAHeadlineIsAnArticleHeadedByItsFirstSentence() throws Exception {
        ParsedArticle a = parse("no-title.txt");

        assertThat(a.title())
                .isEqualTo(
                        "The talks began on Monday and continued late into the night, officials"
                                + " said.");
        assertThat(a.paragraphs()).hasSize(2);
        assertThat(a.paragraphs().get(0))
                .startsWith("The talks began on Monday")
                .endsWith("where security has been tightened.");
    }

    @Test
    void aHeadlineMadeFromALongFirstSentenceIsCutAfterTwentyWords() throws Exception {
        String opening =
                "KABUL (Reuters) - Talks between the two governments on the use of the air"
                        + " corridor for supplies resumed on Monday after a pause of several months"
                        + " that both sides blamed on the other. A second round follows.";
        ParsedArticle a =
                parser.parse(
                        (opening + "\n\nAnother paragraph.\n").getBytes(StandardCharsets.UTF_8),
                        ArticleHints.NONE);

        assertThat(a.dateline()).isEqualTo("KABUL");
        assertThat(a.title())
                .isEqualTo(
                        "Talks between the two governments on the use of the air corridor for"
                                + " supplies resumed on Monday after a pause …");
        assertThat(a.paragraphs().get(0))
                .startsWith("Talks between")
                .endsWith("A second round follows.");
    }

    /** The article files of a crawl: headline, blank line, metadata lines, body. */
    private ParsedArticle crawled(String headline) throws ArticleParseException {
        String text =
                headline
                        + "\n\nPublished: 2025-03-14\nURL: https://example.test/news/item-7\n\n"
                        + "The council met on Friday and voted on the plan, officials said.\n\n"
                        + "A second paragraph says more about it.\n";
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), ArticleHints.NONE);
    }

    @Test
    void headlineAboveMetadataLinesIsTheHeadlineDespiteItsFullStop() throws Exception {
        ParsedArticle a =
                crawled("Ruling is an administrative failure. Council must now decide again");
        assertThat(a.title())
                .isEqualTo("Ruling is an administrative failure. Council must now decide again");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
        assertThat(a.url()).isEqualTo("https://example.test/news/item-7");
        assertThat(a.paragraphs()).hasSize(2);
    }

    @Test
    void headlineAboveMetadataLinesMayHoldAnExclamationMarkOrAnAbbreviation() throws Exception {
        assertThat(crawled("'Hands Off!' Marchers fill the square in the rain").title())
                .isEqualTo("'Hands Off!' Marchers fill the square in the rain");
        assertThat(crawled("Amb. Smith spells out the terms of the new accord").title())
                .isEqualTo("Amb. Smith spells out the terms of the new accord");
    }

    @Test
    void bodyTextAboveMetadataLinesIsTheOpeningNotTheHeadline() throws Exception {
        String sentences =
                "The council met on Friday. It voted on the plan after a long debate that"
                        + " lasted into the night. Officials said the vote was close and that a"
                        + " second reading would follow next week.";
        ParsedArticle a = crawled(sentences);

        assertThat(a.title()).isEqualTo("The council met on Friday.");
        assertThat(a.paragraphs()).hasSize(3);
        assertThat(a.paragraphs().get(0)).isEqualTo(sentences);
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
    }

    @Test
    void severalSentencesFirstWithoutMetadataUnderThemAreTheOpening() throws Exception {
        String text =
                "The council met. It voted on the plan.\n\nThe vote was close, officials said.\n";
        ParsedArticle a = parser.parse(text.getBytes(StandardCharsets.UTF_8), ArticleHints.NONE);

        assertThat(a.title()).isEqualTo("The council met.");
        assertThat(a.paragraphs())
                .containsExactly(
                        "The council met. It voted on the plan.",
                        "The vote was close, officials said.");
    }

    @Test
    void aFileWithoutADateLineTakesTheDateInItsName() throws Exception {
        byte[] text =
                "Envoys meet again\n\nThe envoys met again on Tuesday, officials said.\n"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(
                        parser.parse(text, ArticleHints.fromSource("afp-2012-07-envoys.txt"))
                                .publishedAt())
                .isEqualTo(Instant.parse("2012-07-01T00:00:00Z"));
        assertThat(
                        parser.parse(text, ArticleHints.fromSource("/in/x-2012-01-22-envoys.txt"))
                                .publishedAt())
                .isEqualTo(Instant.parse("2012-01-22T00:00:00Z"));
        assertThat(parser.parse(text, ArticleHints.fromSource("envoys-2012-13.txt")).publishedAt())
                .as("no month 13")
                .isNull();
        assertThat(parser.parse(text, ArticleHints.fromSource("envoys.txt")).publishedAt())
                .isNull();
    }

    @Test
    void aPublishedLineWinsOverTheDateInTheFileName() throws Exception {
        byte[] text =
                "Envoys meet again\n\nPublished: 2012-07-19\n\nThe envoys met, officials said.\n"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(
                        parser.parse(text, ArticleHints.fromSource("afp-2012-07-envoys.txt"))
                                .publishedAt())
                .isEqualTo(Instant.parse("2012-07-19T00:00:00Z"));
    }

    @Test
    void pageFurnitureAloneIsNotAnArticle() {
        assertThatThrownBy(() -> parse("furniture-only.txt"))
                .isInstanceOfSatisfying(
                        ArticleParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_TITLE));
    }

    @Test
    void headlineWithoutTextIsRefused() {
        assertThatThrownBy(() -> parse("title-only.txt"))
                .isInstanceOfSatisfying(
                        ArticleParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_BODY))
                .hasMessageContaining("A headline with nothing under it");
    }

    @Test
    void commentsWithoutBulletsAreReadByTheirTimeLines() throws Exception {
        ParsedArticle a = parse("comments-without-bullets.txt");
        assertThat(a.body()).isEqualTo("The budget was presented on Friday.");
        assertThat(a.comments())
                .containsExactly(
                        new ArticleComment(
                                "Alice",
                                "3 hours ago",
                                "A fair budget at last.\nMore of this please."),
                        new ArticleComment("Bob", "Oct 10, 2021 at 9:15 am", "I disagree."),
                        new ArticleComment(null, "yesterday", "Anonymous but with an opinion."));
    }

    @Test
    void callerUrlWinsOverTheText() throws Exception {
        ParsedArticle a =
                parser.parse(
                        fixture("bom-utf8-url.txt"),
                        new ArticleHints(null, null, "HTTP://news.example.org/a#x"));
        assertThat(a.url()).isEqualTo("http://news.example.org/a");
    }

    @Test
    void navigationAboveTheHeadlineIsNotTakenForIt() throws Exception {
        String page =
                "Home\nMenu\nSearch\n\nSign in\n\nShare on Facebook | Share on Twitter\n\n"
                        + "Real headline here\n\nThe text.\n\nRelated stories\n";
        ParsedArticle a = parser.parse(page, ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Real headline here");
        assertThat(a.body()).isEqualTo("The text.");
    }

    @Test
    void aPageTitlesSiteNameAndSectionLeaveTheHeadlineAndNameTheOutlet() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Pakistan backs US move to reclaim military assets - World - DAWN.COM\n\n"
                                + "Published: 2025-03-07\n\nThe text.\n",
                        ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Pakistan backs US move to reclaim military assets");
        assertThat(a.outlet()).isEqualTo("Dawn");

        assertThat(parser.parse("Drone strike kills four | Reuters\n\nText.\n", ArticleHints.NONE))
                .extracting(ParsedArticle::title, ParsedArticle::outlet)
                .containsExactly("Drone strike kills four", "Reuters");
        assertThat(parser.parse("Talks resume - BBC News\n\nText.\n", ArticleHints.NONE).title())
                .isEqualTo("Talks resume");
        assertThat(parser.parse("Talks resume - edition.cnn.com\n\nText.\n", ArticleHints.NONE))
                .extracting(ParsedArticle::title, ParsedArticle::outlet)
                .containsExactly("Talks resume", "CNN");
        // a site we do not know goes from the headline but names no outlet
        assertThat(
                        parser.parse(
                                "Convoys roll again - Pakistan - example-daily.pk\n\nText.\n",
                                ArticleHints.NONE))
                .extracting(ParsedArticle::title, ParsedArticle::outlet)
                .containsExactly("Convoys roll again", null);
    }

    @Test
    void aHeadlinesOwnDashesStay() throws Exception {
        for (String headline :
                List.of(
                        "Pakistan - US ties: a new low",
                        "Drones over Waziristan - a year on",
                        "Gates: strikes will go on - and Pakistan knows",
                        "Kerry in Islamabad - Reuters reports")) {
            assertThat(parser.parse(headline + "\n\nText.\n", ArticleHints.NONE).title())
                    .isEqualTo(headline);
        }
    }

    @Test
    void aPrivacyBannerIsNoHeadline() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Opt out of the sale or sharing of personal information\n\n"
                                + "Published: 2025-11-09\n\n"
                                + "Turkey's foreign minister will visit Islamabad next week to"
                                + " discuss tensions between Afghanistan and Pakistan, Turkish"
                                + " President Recep Tayyip Erdogan said on Sunday.\n\n"
                                + "He made the announcement on his flight.\n",
                        ArticleHints.NONE);
        assertThat(a.title()).startsWith("Turkey's foreign minister will visit Islamabad");
        assertThat(a.body()).doesNotContain("personal information");
    }

    @Test
    void aPagesScriptCopiedWithItsTextIsNotAParagraph() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Headline\n\nThe text.\n\n(adsbygoogle=window.adsbygoogle||[]).push({});\n\n"
                                + "googletag.cmd.push(function() { googletag.display('ad-1'); });\n\n"
                                + "More text.\n",
                        ArticleHints.NONE);
        assertThat(a.paragraphs()).containsExactly("The text.", "More text.");
    }

    @Test
    void promptsAndLinksBetweenAndAfterParagraphsAreNotTheArticle() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Headline\n\n"
                                + "Gilani called it a violation of sovereignty. Watch Gilani say the"
                                + " U.S. must stop »\n\n"
                                + "Watch Lehmberg in jail\n\nRead the indictment\n\n"
                                + "See iReports from areas affected by the earthquake\n\n"
                                + "Are you there? Send your iReports\n\n"
                                + "He would monitor al Qaeda. E-mail to a friend\n\n"
                                + "Follow @CNNOpinion on Twitter.\n\n"
                                + "Video Playerhttps://example.org/v.mp400:0000:00Use Up/Down Arrow keys\n\n"
                                + "Read the full text, he said.\n",
                        ArticleHints.NONE);
        assertThat(a.paragraphs())
                .containsExactly(
                        "Gilani called it a violation of sovereignty.",
                        "He would monitor al Qaeda.",
                        "Read the full text, he said.");
    }

    @Test
    void aWrappedLineThatStartsLikeALinkStaysInItsParagraph() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Headline\n\nOfficials would like to\nsee if France could help\n"
                                + "negotiate the concessions, he said.\n\nMore text.\n",
                        ArticleHints.NONE);
        assertThat(a.paragraphs().get(0))
                .isEqualTo(
                        "Officials would like to see if France could help negotiate the"
                                + " concessions, he said.");
    }

    @Test
    void aBbcPagesDateCaptionAndTopicListAreNotTheArticle() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Pakistan summons US envoy over drone strike\n\nPublished\n4 June 2012\n\n"
                                + "Share\n\nImage caption, Drone strikes are deeply unpopular\n\n"
                                + "Pakistan has summoned a senior US diplomat.\n\n"
                                + "The ministry called it a violation of sovereignty.\n\n"
                                + "Related Topics\nPakistan\nDrone strikes\n",
                        ArticleHints.NONE);
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2012-06-04T00:00:00Z"));
        assertThat(a.captions())
                .containsExactly("Image caption, Drone strikes are deeply unpopular");
        assertThat(a.paragraphs())
                .containsExactly(
                        "Pakistan has summoned a senior US diplomat.",
                        "The ministry called it a violation of sovereignty.");
    }

    @Test
    void aGuardianPagesTopicListIsNotTheArticleButASentenceAfterTopicsIs() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Parliament demands an end to drone strikes\n\n"
                                + "Pakistan's parliament has demanded an end to the strikes.\n\n"
                                + "Topics\nPakistan\nDrones (military)\n",
                        ArticleHints.NONE);
        assertThat(a.paragraphs())
                .containsExactly("Pakistan's parliament has demanded an end to the strikes.");
        ParsedArticle b =
                parser.parse(
                        "Headline\n\nThe text.\n\nTopics\n"
                                + "The talks will resume next week, officials said.\n",
                        ArticleHints.NONE);
        assertThat(b.paragraphs())
                .containsExactly("The text.", "The talks will resume next week, officials said.");
    }

    @Test
    void aDatePrintedTwiceIsOneDate() throws Exception {
        ParsedArticle a =
                parser.parse(
                        "Pakistan reopens NATO supply routes\n\nPublished On 3 Jul 20123 Jul 2012\n\n"
                                + "Pakistan has agreed to reopen the routes.\n",
                        ArticleHints.NONE);
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2012-07-03T00:00:00Z"));
        assertThat(a.paragraphs()).containsExactly("Pakistan has agreed to reopen the routes.");
    }

    @Test
    void aSentenceMerelyContainingFurnitureWordsIsKept() throws Exception {
        String page = "Headline\n\nBreaking news of the talks reached Kabul on Friday.\n\nShare\n";
        assertThat(parser.parse(page, ArticleHints.NONE).body())
                .isEqualTo("Breaking news of the talks reached Kabul on Friday.");
    }

    @Test
    void linksToOtherStoriesAreNotTheArticle() throws Exception {
        String page =
                "Opinion: Drones and the law\n\n"
                        + "The strike killed four, officials said.  Watch Gilani say his country has had enough »\n\n"
                        + "Read more: U.S. activists in Pakistan to protest drone strikes\n\n"
                        + "News: Pakistan spy agency chief to tell CIA: End drone strikes\n\n"
                        + "Watch Holbrooke say Mehsud is dead »\n\n"
                        + "The protests went on.\n\n"
                        + "Complete coverage of drones on CNN's Security Clearance blog\n";
        ParsedArticle a = parser.parse(page, ArticleHints.NONE);
        assertThat(a.title())
                .as("a headline may start with a label")
                .isEqualTo("Opinion: Drones and the law");
        assertThat(a.body())
                .isEqualTo("The strike killed four, officials said.\n\nThe protests went on.");
    }

    @Test
    void aHeadlineThatReadsLikeALinkStaysUnderADateLine() throws Exception {
        String page =
                "Published: January 22, 2012\n\n"
                        + "By Peter Bergen\n\n"
                        + "Opinion: Drones and the law\n\n"
                        + "The strike killed four, officials said.\n\n"
                        + "Opinion: A dangerous new world of drones\n";
        ParsedArticle a = parser.parse(page, ArticleHints.NONE);
        assertThat(a.title()).isEqualTo("Opinion: Drones and the law");
        assertThat(a.body()).isEqualTo("The strike killed four, officials said.");
    }

    @Test
    void aParagraphThatOnlyStartsLikeALinkIsKept() throws Exception {
        String page =
                "Headline\n\nWatch the skies, the general told his pilots, and they did.\n\n"
                        + "News of the strike reached Peshawar on Friday.\n";
        assertThat(parser.parse(page, ArticleHints.NONE).body())
                .isEqualTo(
                        "Watch the skies, the general told his pilots, and they did.\n\n"
                                + "News of the strike reached Peshawar on Friday.");
    }
}
