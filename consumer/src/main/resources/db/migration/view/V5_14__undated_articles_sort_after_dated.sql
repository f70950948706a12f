-- Issue 14: an undated article (published_at NULL) is not "published when fetched". It sorts after
-- every dated one, the latest fetched first: sort_at = -fetched_at (dated rows are after 1970), and
-- the timeline leaves out rows with sort_at < 0. Rows written before this version used fetched_at.
UPDATE articles SET sort_at = -fetched_at WHERE published_at IS NULL AND sort_at > 0;
