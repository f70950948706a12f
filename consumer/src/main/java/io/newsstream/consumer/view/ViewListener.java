package io.newsstream.consumer.view;

import java.util.List;

/**
 * Told by {@link ViewUpdater} what each committed store transaction added, right after the commit:
 * the hook for live updates (Server-Sent Events). Called on the poll thread, so it must return
 * quickly and never block on clients; anything it throws is logged and ignored.
 */
@FunctionalInterface
public interface ViewListener {

    /**
     * @param rows the article rows just committed (maybe empty)
     * @param duplicates the duplicate links just committed (maybe empty)
     */
    void committed(List<ArticleRow> rows, List<DuplicateRow> duplicates);
}
