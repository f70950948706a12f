package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void splitsOnHyphensAndPunctuationAndKeepsOffsets() {
        Tokens t = Tokens.of("al-Qaeda's drone-strike, (ISI)");
        assertThat(stems(t)).containsExactly("al", "qaeda", "drone", "strike", "isi");
        assertThat(Arrays.copyOf(t.start, t.size)).containsExactly(0, 3, 11, 17, 26);
    }

    @Test
    void dropsPossessivesWithStraightAndTypographicApostrophes() {
        assertThat(stems(Tokens.of("Pakistan's Pakistan’s drones' don't")))
                .containsExactly("pakistan", "pakistan", "drone", "dont");
    }

    @Test
    void joinsDottedInitialismsAndKeepsTheirCase() {
        Tokens t = Tokens.of("U.S.-led talks, the U.K. and us");
        assertThat(IntStream.range(0, t.size).mapToObj(t::exact).toList())
                .containsExactly("US", "led", "talks", "the", "UK", "and", "us");
        assertThat(stems(t)).containsExactly("us", "led", "talk", "the", "uk", "and", "us");
    }

    @Test
    void stripsPluralsButNotWordsThatOnlyEndInS() {
        assertThat(Tokens.stem("drones")).isEqualTo("drone");
        assertThat(Tokens.stem("agencies")).isEqualTo("agency");
        assertThat(Tokens.stem("spies")).isEqualTo("spy");
        assertThat(Tokens.stem("searches")).isEqualTo("search");
        assertThat(Tokens.stem("pakistanis")).isEqualTo("pakistani");
        assertThat(Tokens.stem("isis")).isEqualTo("isis");
        assertThat(Tokens.stem("crisis")).isEqualTo("crisis");
        assertThat(Tokens.stem("this")).isEqualTo("this");
        assertThat(Tokens.stem("news")).isEqualTo("news");
        assertThat(Tokens.stem("class")).isEqualTo("class");
        assertThat(Tokens.stem("campus")).isEqualTo("campus");
        assertThat(Tokens.stem("has")).isEqualTo("has");
    }

    @Test
    void foldsAccentsAndLowerCases() {
        assertThat(stems(Tokens.of("Café ZÜRICH"))).containsExactly("cafe", "zurich");
    }

    @Test
    void joiningWithAnEmptySideGivesTheOtherSidesWords() {
        Tokens title = Tokens.of("Drone strike");
        Tokens joined = Tokens.join(title, "Drone strike".length() + 2, Tokens.of(""));
        assertThat(IntStream.range(0, joined.size).mapToObj(joined::exact).toList())
                .containsExactly("Drone", "strike");
        Tokens bodyOnly = Tokens.join(Tokens.of(""), 2, Tokens.of("Pakistan talks"));
        assertThat(IntStream.range(0, bodyOnly.size).mapToObj(bodyOnly::exact).toList())
                .containsExactly("Pakistan", "talks");
        assertThat(Arrays.copyOf(bodyOnly.start, bodyOnly.size)).containsExactly(2, 11);
    }

    @Test
    void emptyAndPunctuationOnlyTextsHaveNoWords() {
        assertThat(Tokens.of("").size).isZero();
        assertThat(Tokens.of(null).size).isZero();
        assertThat(Tokens.of(" -- ... ").size).isZero();
    }

    @Test
    void countsWordsAsAReaderDoesRunsOfNonSpaceWithALetterOrDigit() {
        Tokens t = Tokens.of("al-Qaeda's U.S.\u00a0drones -- 2009 ! (ISI)\n\nnext");
        assertThat(t.spaceSeparated).isEqualTo(6); // al-Qaeda's U.S. drones 2009 (ISI) next
        assertThat(t.size).isEqualTo(7); // al, qaeda, us, drones, 2009, isi, next
        assertThat(Tokens.join(Tokens.of("Drone strike"), 14, t).spaceSeparated).isEqualTo(8);
        assertThat(Tokens.of(" -- ... ").spaceSeparated).isZero();
    }

    @Test
    void hashesEachWordsLowerFormAsAStringWould() {
        Tokens t = Tokens.of("Pakistan’s U.S.-led Café");
        assertThat(Arrays.copyOf(t.hash, t.size))
                .containsExactly(
                        "pakistan".hashCode(),
                        "us".hashCode(),
                        "led".hashCode(),
                        "cafe".hashCode());
        assertThat(Arrays.copyOf(t.upper, t.size)).containsExactly(true, true, false, true);
    }

    private static List<String> stems(Tokens t) {
        return IntStream.range(0, t.size).mapToObj(t::stem).toList();
    }
}
