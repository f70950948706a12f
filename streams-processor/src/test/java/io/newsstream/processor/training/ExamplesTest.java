package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.newsstream.common.config.ConfigException;
import io.newsstream.processor.enrich.ArticleText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer reads an example the way the pipeline does, so it learns what the pipeline sees. */
class ExamplesTest {

    @TempDir Path dir;

    @Test
    void readsAnArticleFileAsTheProducerDoes() throws IOException {
        Path file = dir.resolve("saved-page.txt");
        Files.writeString(
                file,
                "Accessibility links\n\n"
                        + "Pakistan, US discuss use of airspace\n\n"
                        + "Published: 2021-10-23\n\n"
                        + "ISLAMABAD (Reuters) - Pakistan and the United States are negotiating an\n"
                        + "agreement on the use of Pakistani airspace, officials said.\n\n"
                        + "The talks continue next week.\n");

        ArticleText text = Examples.readArticle(file);

        assertThat(text.title()).isEqualTo("Pakistan, US discuss use of airspace");
        assertThat(text.body())
                .as("page furniture, date line and dateline out; the wrapped lines joined")
                .isEqualTo(
                        "Pakistan and the United States are negotiating an agreement on the use"
                                + " of Pakistani airspace, officials said.\n\n"
                                + "The talks continue next week.");
    }

    @Test
    void anArticleReadAsAFeedItemOrWithoutLineBreaksKeepsItsLabels() {
        Example e =
                new Example(
                        "a.txt",
                        new ArticleText("Headline", "Subtitle", "One.\n\nTwo.\nThree.\n\nFour."),
                        Set.of("joint-strikes"),
                        true,
                        false,
                        Example.Pool.DEV);

        Example feedItem = e.asFeedItem();
        Example flat = e.withoutLineBreaks();

        assertThat(feedItem.text()).isEqualTo(new ArticleText("Headline", null, "One. Two."));
        assertThat(feedItem.pool()).isEqualTo(Example.Pool.LEAD);
        assertThat(flat.text())
                .isEqualTo(new ArticleText("Headline", "Subtitle", "One. Two. Three. Four."));
        assertThat(flat.pool()).isEqualTo(Example.Pool.DEV);
        for (Example read : new Example[] {feedItem, flat}) {
            assertThat(read.newsTopics()).containsExactly("joint-strikes");
            assertThat(read.borderline()).isTrue();
            assertThat(read.id()).isEqualTo("a.txt");
        }
    }

    @Test
    void aLabelsFileThatMarksItsRandomRowsHasItsOtherClearNegativesCountedAsHard()
            throws IOException {
        for (String name :
                new String[] {
                    "strike.txt", "yemen.txt", "dialogue.txt", "cricket.txt", "tagged.txt"
                }) {
            Files.writeString(dir.resolve(name), "A headline\n\nA body of one paragraph.\n");
        }
        Path marksRandom = dir.resolve("marks-random.csv");
        Files.writeString(
                marksRandom,
                "file,topic,borderline,source,note\n"
                        + "strike.txt,joint-strikes,no,x,a strike\n"
                        + "yemen.txt,none,no,x,a US strike in Yemen\n"
                        + "dialogue.txt,none,yes,x,counter-terrorism talks: near the topic\n"
                        + "cricket.txt,none,no,x,Random sample: cricket\n"
                        + "tagged.txt,none,yes,x,HARD NEGATIVE: marked\n");
        Path marksHard = dir.resolve("marks-hard.csv");
        Files.writeString(
                marksHard,
                "file,topic,borderline,source,note\n"
                        + "yemen.txt,none,no,x,a US strike in Yemen\n"
                        + "tagged.txt,none,yes,x,HARD NEGATIVE: marked\n");
        Set<String> known = Set.of("joint-strikes");

        assertThat(Examples.fromLabels(marksRandom, known))
                .extracting(Example::id, Example::hardNegative, Example::weighted)
                .containsExactly(
                        tuple("strike.txt", false, false),
                        tuple("yemen.txt", true, false),
                        tuple("dialogue.txt", false, false),
                        tuple("cricket.txt", false, false),
                        tuple("tagged.txt", true, true));
        assertThat(Examples.fromLabels(marksHard, known))
                .as("a file that marks no random row: only the marked rows are hard negatives")
                .extracting(Example::id, Example::hardNegative, Example::weighted)
                .containsExactly(tuple("yemen.txt", false, false), tuple("tagged.txt", true, true));
    }

    @Test
    void aFileThePipelineWouldRefuseIsNamedWithTheReason() throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, " \n\n");

        assertThatThrownBy(() -> Examples.readArticle(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty.txt")
                .hasMessageContaining("the producer would refuse this article (EMPTY");
    }
}
