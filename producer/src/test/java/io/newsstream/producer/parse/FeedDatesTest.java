package io.newsstream.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Wed, 03 Jan 2018 14:11:52 GMT|2018-01-03T14:11:52Z",
                "'  Wed, 03 Jan 2018 14:11:52 GMT\n      '|2018-01-03T14:11:52Z",
                "Mi, 03 Jan 2018 14:11:52 +0100|2018-01-03T13:11:52Z",
                "Mo, 05 Mär 2018 08:00:00 MEZ|2018-03-05T07:00:00Z",
                "mer., 3 janv. 2018 10:00:00 +0100|2018-01-03T09:00:00Z",
                "Qua, 03 Out 2018 10:00:00 +0000|2018-10-03T10:00:00Z",
                "mié, 03 dic 2018 10:00:00 GMT|2018-12-03T10:00:00Z",
                "Tue, 9 Oct 12 18:30 EDT|2012-10-09T22:30:00Z",
                "3 Sept 2018|2018-09-03T00:00:00Z",
                "2019-07-09T08:00:00+02:00|2019-07-09T06:00:00Z"
            })
    void readsFeedDatesInOtherLanguagesAndWithStraySpaces(String text, String expected) {
        assertThat(FeedDates.parse(text)).contains(Instant.parse(expected));
    }

    @Test
    void textThatIsNoDateGivesNothing() {
        assertThat(FeedDates.parse("soon")).isEmpty();
        assertThat(FeedDates.parse("31 Foo 2018")).isEmpty();
        assertThat(FeedDates.parse("  ")).isEmpty();
        assertThat(FeedDates.parse(null)).isEmpty();
    }
}
