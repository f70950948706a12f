package io.newsstream.producer.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches directories for files that arrive (created, or written) and hands each one out once it
 * has settled: its size and modification time unchanged for a quiet period, so a file still being
 * copied is not read half-written. A file written again later is handed out again (re-publishing is
 * idempotent per article id). Only files matching the glob, not hidden. Not thread-safe, except
 * {@link #close()}.
 */
public final class DirectoryWatcher implements AutoCloseable {

    private record Seen(long size, FileTime modified, long sinceNanos) {}

    private final WatchService watch;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final PathMatcher matcher;
    private final Duration quiet;
    private final Map<Path, Seen> pending = new HashMap<>();

    /**
     * @param directories the directories to watch (not their subdirectories)
     * @param filePattern glob the file names must match
     * @param quiet how long a file must stay unchanged before it is handed out
     */
    public DirectoryWatcher(List<Path> directories, String filePattern, Duration quiet) {
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + filePattern);
        this.quiet = quiet;
        try {
            this.watch = FileSystems.getDefault().newWatchService();
            for (Path dir : directories) {
                WatchKey key =
                        dir.register(
                                watch,
                                StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY);
                dirs.put(key, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot watch " + directories + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@code timeout} for events, then returns the files that have settled, sorted by
     * name; empty when none has (yet), or when the watcher was closed.
     */
    public List<Path> poll(Duration timeout) throws InterruptedException {
        try {
            WatchKey key = watch.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (key != null) {
                Path dir = dirs.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && dir != null) {
                        Path file = dir.resolve(name);
                        if (!name.toString().startsWith(".") && matcher.matches(name)) {
                            pending.put(file, null);
                        }
                    }
                }
                key.reset();
                key = watch.poll();
            }
        } catch (ClosedWatchServiceException e) {
            return List.of();
        }
        return settled();
    }

    /** Whether files are waiting to settle. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    private List<Path> settled() {
        List<Path> ready = new ArrayList<>();
        long now = System.nanoTime();
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Path file = e.getKey();
            if (!Files.isRegularFile(file)) {
                if (!Files.exists(file)) {
                    it.remove();
                }
                continue;
            }
            try {
                long size = Files.size(file);
                FileTime modified = Files.getLastModifiedTime(file);
                Seen before = e.getValue();
                if (before == null
                        || before.size() != size
                        || !before.modified().equals(modified)) {
                    e.setValue(new Seen(size, modified, now));
                } else if (now - before.sinceNanos() >= quiet.toNanos()) {
                    ready.add(file);
                    it.remove();
                }
            } catch (IOException ex) {
                // vanished or unreadable meanwhile: the next event (or none) decides
            }
        }
        ready.sort(null);
        return ready;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
