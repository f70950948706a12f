package io.newsstream.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.impl.XmlFixerReader;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeedXmlTest {

    @Test
    void entityFixingIsNeededOnlyForWhatTheXmlParserWouldRefuseOrReadDifferently() {
        assertThat(FeedXml.needsEntityFixing("<rss><title>A &amp; B &lt;p&gt;</title></rss>"))
                .isFalse();
        assertThat(FeedXml.needsEntityFixing("<rss a=\"&quot;&apos;\">&#38;&#x26;</rss>"))
                .isFalse();
        assertThat(FeedXml.needsEntityFixing("<rss><![CDATA[no ampersand]]></rss>")).isFalse();

        assertThat(FeedXml.needsEntityFixing("<rss>AT&T</rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<rss>caf&eacute; &nbsp;</rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<rss>&#;</rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<rss>&#x;</rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<rss>trailing &amp</rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<rss><![CDATA[a &amp; b]]></rss>")).isTrue();
        assertThat(FeedXml.needsEntityFixing("<!-- a comment first --><rss/>")).isTrue();
    }

    @Test
    void theSharedFeedsParseAlikeWithAndWithoutTheFixer() throws Exception {
        Path feeds = SharedData.feeds();
        List<Path> files;
        try (Stream<Path> list = Files.list(feeds)) {
            files = list.filter(p -> !p.getFileName().toString().endsWith(".md")).toList();
        }
        assertThat(files).isNotEmpty();
        int compared = 0;
        for (Path file : files) {
            String xml = FeedXml.decode(Files.readAllBytes(file), null).xml();
            if (FeedXml.needsEntityFixing(xml)) {
                continue;
            }
            compared++;
            // What the parser reads without the fixer is what it reads with it.
            assertThat(readAll(new StringReader(xml)))
                    .as(file.toString())
                    .isEqualTo(
                            readAll(new XmlFixerReader(new StringReader(xml)))
                                    .replace("&#38;", "&amp;")
                                    .replace("&#60;", "&lt;")
                                    .replace("&#62;", "&gt;")
                                    .replace("&#34;", "&quot;"));
        }
        assertThat(compared).as("feeds that need no fixing").isGreaterThan(0);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer, 0, buffer.length)) > 0; ) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }
}
