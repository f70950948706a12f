package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicationDatesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Published: January 22, 2012|2012-01-22T00:00:00Z",
                "Published January 22, 2012|2012-01-22T00:00:00Z",
                "Published on 22 January 2012|2012-01-22T00:00:00Z",
                "Posted: Jan. 22nd, 2012 3:34PM|2012-01-22T15:34:00Z",
                "Date: 2012-01-22|2012-01-22T00:00:00Z",
                "First published on Sunday 22 January 2012 10.00 GMT|2012-01-22T10:00:00Z",
                "Sunday, January 22, 2012|2012-01-22T00:00:00Z",
                "Published: Sept 9, 2021 09:30 PKT|2021-09-09T04:30:00Z",
                "2021-10-09T12:00:00+05:00|2021-10-09T07:00:00Z",
                "Published: 2021-10-09 12:00|2021-10-09T12:00:00Z",
            })
    void readsTheUsualPublicationLines(String line, String expected) {
        assertThat(PublicationDates.dateLine(line))
                .hasValueSatisfying(
                        d -> {
                            assertThat(d.publication()).isTrue();
                            assertThat(d.instant()).hasValue(Instant.parse(expected));
                        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Published in The Express Tribune, January 23rd, 2012.",
                "Cooperation may be more extensive than previously believed.",
                "The Jan 10 strike and its follow-up two days later were joint operations.",
                "Published: soon",
            })
    void otherLinesAreNotDateLines(String line) {
        assertThat(PublicationDates.dateLine(line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Updated: January 23, 2012", "Last updated on 23 Jan 2012"})
    void updateLinesAreRecognisedButAreNotThePublicationDate(String line) {
        assertThat(PublicationDates.dateLine(line))
                .hasValueSatisfying(d -> assertThat(d.publication()).isFalse());
    }
}
