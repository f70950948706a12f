package io.newsstream.producer.feed;

import io.newsstream.common.article.ParsedArticle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example custom feed type of the README: a text file of headlines, one per line as {@code
 * title<TAB>url}. Registered by configuration ({@code producer.feed-types=headlines=<this class>}),
 * detected by the {@code .headlines} file name ending. A line without a tab is rejected.
 */
public final class HeadlineListFeedType implements FeedType {

    @Override
    public String name() {
        return "headlines";
    }

    @Override
    public boolean recognises(FeedDocument document) {
        return document.name() != null && document.name().endsWith(".headlines");
    }

    @Override
    public List<SourceItem> read(FeedDocument document, FeedContext context) {
        List<SourceItem> items = new ArrayList<>();
        String[] lines = new String(document.bytes(), StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String origin = document.origin() + "#line-" + (i + 1);
            String[] parts = lines[i].split("\t");
            if (parts.length != 2) {
                items.add(
                        new SourceItem.Rejected(
                                origin,
                                "Expected title<TAB>url",
                                null,
                                lines[i].getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            ParsedArticle article =
                    new ParsedArticle(
                            parts[1].strip(),
                            context.outlet(),
                            parts[0].strip(),
                            null,
                            null,
                            null,
                            null,
                            "",
                            List.of(),
                            List.of(),
                            "UTF-8",
                            null);
            items.add(new SourceItem.Parsed(origin, article));
        }
        return items;
    }
}
