package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentHashTest {

    /** The definition: SHA-256 of the two normalised texts, one line feed between. */
    private static String reference(String title, String body) throws Exception {
        String text = ContentHash.normalise(title) + "\n" + ContentHash.normalise(body);
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Plain ASCII, with   spaces\tand\nlines.",
                "\u201CWe\u2019re close,\u201D the official said \u2014 in Islamabad\u2013Kabul `talks`.",
                "Caf\u00E9 \u00C9LYS\u00C9E \u00AB quote \u00BB and \u00DF and \u0130stanbul",
                "non\u00A0breaking and thin\u2009space and \uFB01 ligature and \u00BD",
                "e\u0301 combining accent, \u00AA ordinal, \u00B5 micro",
                "\u039F\u0394\u039F\u03A3 Greek final sigma, \uD83D\uDE00 emoji",
                "",
                "   leading and trailing   "
            })
    void hashesLikeTheDefinitionWhicheverPathTheTextTakes(String text) throws Exception {
        assertThat(ContentHash.of(text, text)).isEqualTo(reference(text, text));
        assertThat(ContentHash.of("Title", text)).isEqualTo(reference("Title", text));
    }

    @Test
    void hashesTheSeedsLikeTheDefinition() throws Exception {
        for (String seed : SeedArticles.EXPECTED.keySet()) {
            ArticleText a = SeedArticles.read(seed);
            assertThat(ContentHash.of(a.title(), a.body()))
                    .as(seed)
                    .isEqualTo(reference(a.title(), a.body()));
        }
    }

    @Test
    void ignoresCaseWhitespaceQuotesAndDashes() {
        assertThat(ContentHash.of("Deal  close", "\u201CIt\u2019s done\u201D \u2014 officials"))
                .isEqualTo(ContentHash.of("deal close", "\"it's done\" - officials"));
        assertThat(ContentHash.of("Deal", "a b")).isNotEqualTo(ContentHash.of("Deal", "a  c"));
    }
}
