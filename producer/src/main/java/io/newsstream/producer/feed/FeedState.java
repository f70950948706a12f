package io.newsstream.producer.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What polling remembers of one feed across restarts: the keys of the items already handled
 * (article ids; origins of dead-lettered entries), the HTTP validators ({@code ETag}, {@code
 * Last-Modified}) and the SHA-256 of the last body fully handled.
 *
 * <p>Stored as a small text file {@code <state-dir>/<feed-id>.state}, replaced atomically on save
 * (write to a temporary file, then rename), so a crash leaves the old or the new state, never a
 * torn one. Bounded: the {@value #MAX_SEEN} most recently seen keys are kept (a feed shows far
 * fewer items; older keys have left it). Not thread-safe.
 */
public final class FeedState {

    /** Keys kept: far more than any feed shows at once. */
    public static final int MAX_SEEN = 10_000;

    private final Path file;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private String etag;
    private String lastModified;
    private String bodyHash;

    private FeedState(Path file) {
        this.file = file;
    }

    /** The state of the feed, empty when it was never saved. */
    public static FeedState load(Path stateDir, String feedId) {
        FeedState state = new FeedState(stateDir.resolve(feedId + ".state"));
        if (!Files.exists(state.file)) {
            return state;
        }
        try {
            for (String line : Files.readAllLines(state.file, StandardCharsets.UTF_8)) {
                int sp = line.indexOf(' ');
                if (line.startsWith("#") || sp <= 0) {
                    continue;
                }
                String value = line.substring(sp + 1);
                switch (line.substring(0, sp)) {
                    case "etag" -> state.etag = value;
                    case "last-modified" -> state.lastModified = value;
                    case "body-sha256" -> state.bodyHash = value;
                    case "seen" -> state.seen.add(value);
                    default -> {
                        // a line of a later version: ignored
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the feed state "
                            + state.file
                            + ": "
                            + e.getMessage()
                            + ". Fix its permissions, or delete it to start the feed afresh"
                            + " (its items will be published again).",
                    e);
        }
        return state;
    }

    public boolean seen(String key) {
        return seen.contains(key);
    }

    /** Remembers a key (as the most recent). */
    public void markSeen(String key) {
        if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            key = key.replaceAll("[\\r\\n]+", " ");
        }
        seen.remove(key);
        seen.add(key);
        Iterator<String> oldest = seen.iterator();
        while (seen.size() > MAX_SEEN && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    public int seenCount() {
        return seen.size();
    }

    public String etag() {
        return etag;
    }

    public String lastModified() {
        return lastModified;
    }

    public String bodyHash() {
        return bodyHash;
    }

    /** Sets the validators and body hash of a response fully handled (nulls clear them). */
    public void validators(String newEtag, String newLastModified, String newBodyHash) {
        this.etag = oneLine(newEtag);
        this.lastModified = oneLine(newLastModified);
        this.bodyHash = newBodyHash;
    }

    /** Writes the state atomically. */
    public void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# newsstream producer feed state: delete to publish the feed's items again");
        if (etag != null) {
            lines.add("etag " + etag);
        }
        if (lastModified != null) {
            lines.add("last-modified " + lastModified);
        }
        if (bodyHash != null) {
            lines.add("body-sha256 " + bodyHash);
        }
        for (String key : seen) {
            lines.add("seen " + key);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot save the feed state "
                            + file
                            + ": "
                            + e.getMessage()
                            + ". Check producer.state-dir is writable.",
                    e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? null : s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
