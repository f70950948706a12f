package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.training.TopicReport.Repeat;
import io.newsstream.processor.training.TopicReport.Repeated;
import io.newsstream.processor.training.TopicReport.WrongDecision;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code topics evaluate --partitions N} says of the errors over the partitions. */
class RepeatedTest {

    private static final Example TORKHAM = example("cnn/torkham.txt", true, false);
    private static final Example CONVOY = example("cnn/convoy.txt", true, true);
    private static final Example STRIKE = example("cnn/strike.txt", false, false);

    @Test
    void listsTheErrorsOfAtLeastHalfThePartitionsMostFrequentFirst() {
        WrongDecision torkham = new WrongDecision("airspace-deal", false, TORKHAM);
        WrongDecision convoy = new WrongDecision("airspace-deal", false, CONVOY);
        WrongDecision strike = new WrongDecision("joint-strikes", true, STRIKE);

        String text =
                repeated(
                                Set.of(torkham, strike),
                                Set.of(torkham, convoy, strike),
                                Set.of(torkham),
                                Set.of(torkham))
                        .persistentErrors();

        assertThat(text.lines().toList())
                .containsExactly(
                        "",
                        "Wrong in at least half the partitions (2; 1 more wrong in fewer):",
                        "   4 of 4  taken  airspace-deal      [hard negative] cnn/torkham.txt",
                        "   2 of 4  missed joint-strikes      cnn/strike.txt");
    }

    @Test
    void saysSoWhenNoErrorPersists() {
        String text = repeated(Set.of(), Set.of()).persistentErrors();

        assertThat(text)
                .contains("Wrong in at least half the partitions (0; 0 more wrong in fewer):");
    }

    @SafeVarargs
    private static Repeated repeated(Set<WrongDecision>... wrong) {
        return new Repeated(
                Arrays.stream(wrong)
                        .map(w -> new Repeat(List.of(), 0, 0, List.of(), 0, w))
                        .toList());
    }

    private static Example example(String id, boolean hardNegative, boolean borderline) {
        return new Example(
                id,
                new ArticleText(id, null, "text"),
                Set.of(),
                borderline,
                hardNegative,
                Example.Pool.DEV);
    }
}
