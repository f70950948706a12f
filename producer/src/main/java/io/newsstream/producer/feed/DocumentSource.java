package io.newsstream.producer.feed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files, directories and HTTP(S) URLs as an {@link ArticleSource}: each location is read (a file)
 * or fetched once (a URL) when iteration reaches it, and handed to its {@link FeedType} (the
 * configured one, or the one {@link FeedTypes#forDocument detected}); the items it yields follow.
 *
 * <p>Directories stand for their matching files, sorted ({@link #expand}). A location that cannot
 * be read (unreachable host, HTTP error, I/O error, larger than the limit) yields one {@link
 * SourceItem.Rejected} and iteration goes on. Source type: the feed type's name; RSS/Atom items say
 * which they are.
 */
public final class DocumentSource implements ArticleSource {

    private static final Logger log = LoggerFactory.getLogger(DocumentSource.class);

    private final List<String> locations;
    private final FeedTypes types;
    private final String typeName;
    private final FeedContext context;
    private final HttpFetcher fetcher;
    private final long maxBytes;
    private final int parallelism;
    private ExecutorService readers;

    /**
     * As {@link #DocumentSource(List, FeedTypes, String, FeedContext, HttpFetcher, long, int)},
     * reading one document at a time.
     */
    public DocumentSource(
            List<String> locations,
            FeedTypes types,
            String typeName,
            FeedContext context,
            HttpFetcher fetcher,
            long maxBytes) {
        this(locations, types, typeName, context, fetcher, maxBytes, 1);
    }

    /**
     * @param locations files and URLs (directories already expanded: see {@link #expand})
     * @param types the feed types
     * @param typeName the type of every location, or {@link FeedTypes#AUTO}
     * @param context outlet and page fetcher handed to the feed type
     * @param fetcher fetches URLs
     * @param maxBytes larger files are rejected unread
     * @param parallelism how many documents are read and parsed at once, ahead of the one being
     *     published (items still come out in location order); 1 reads them one by one
     */
    public DocumentSource(
            List<String> locations,
            FeedTypes types,
            String typeName,
            FeedContext context,
            HttpFetcher fetcher,
            long maxBytes,
            int parallelism) {
        this.locations = List.copyOf(locations);
        this.types = types;
        this.typeName = typeName;
        this.context = context;
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
        this.parallelism = Math.max(1, parallelism);
        if (!types.knows(typeName)) {
            types.get(typeName); // throws, naming the known types
        }
    }

    /** Whether a location is an http(s) URL rather than a path. */
    public static boolean isUrl(String location) {
        return location.matches("(?i)https?://.+");
    }

    /**
     * The locations with each directory replaced by its files matching the glob, sorted.
     *
     * @throws IllegalArgumentException when a path does not exist
     */
    public static List<String> expand(List<String> inputs, String filePattern) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + filePattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "File pattern '" + filePattern + "' is not a valid glob such as *.txt", e);
        }
        List<String> out = new ArrayList<>();
        for (String input : inputs) {
            if (isUrl(input)) {
                out.add(input);
            } else {
                for (Path p : files(Path.of(input), matcher)) {
                    out.add(p.toString());
                }
            }
        }
        return out;
    }

    /**
     * A file as given; a directory as its regular, non-hidden files matching the glob, sorted by
     * name (so a README.md beside {@code *.txt} articles is left out).
     */
    private static List<Path> files(Path input, PathMatcher matcher) {
        if (!Files.isDirectory(input)) {
            if (!Files.exists(input)) {
                throw new IllegalArgumentException(
                        "Input "
                                + input.toAbsolutePath()
                                + " does not exist: give article files or directories of them.");
            }
            return List.of(input);
        }
        List<Path> inDir = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(input)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p)
                        && !name.startsWith(".")
                        && matcher.matches(p.getFileName())) {
                    inDir.add(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot list directory " + input + ": " + e.getMessage(), e);
        }
        inDir.sort(null);
        return inDir;
    }

    /** The locations read, in order. */
    public List<String> locations() {
        return locations;
    }

    @Override
    public String sourceType() {
        return FeedTypes.AUTO.equals(typeName) ? "feed" : types.get(typeName).name();
    }

    /**
     * The number of locations when each yields exactly one item (article files), else -1: a feed
     * yields as many items as it has entries.
     */
    @Override
    public int expectedCount() {
        boolean oneEach =
                ArticleFileFeedType.NAME.equals(typeName)
                        || FeedTypes.AUTO.equals(typeName)
                                && locations.stream()
                                        .allMatch(l -> !isUrl(l) && l.endsWith(".txt"));
        return oneEach ? locations.size() : -1;
    }

    @Override
    public Iterator<SourceItem> iterator() {
        Iterator<String> next = locations.iterator();
        Deque<SourceItem> buffered = new ArrayDeque<>();
        Deque<Future<List<SourceItem>>> ahead = new ArrayDeque<>();
        ExecutorService pool = parallelism > 1 ? readers() : null;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (buffered.isEmpty() && (next.hasNext() || !ahead.isEmpty())) {
                    if (pool == null) {
                        buffered.addAll(read(next.next()));
                        continue;
                    }
                    // Keep a few documents being read and parsed ahead, in order.
                    while (ahead.size() < 2 * parallelism && next.hasNext()) {
                        String location = next.next();
                        ahead.addLast(pool.submit(() -> read(location)));
                    }
                    buffered.addAll(await(ahead.removeFirst()));
                }
                return !buffered.isEmpty();
            }

            @Override
            public SourceItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.removeFirst();
            }
        };
    }

    private synchronized ExecutorService readers() {
        if (readers == null) {
            AtomicInteger n = new AtomicInteger();
            readers =
                    Executors.newFixedThreadPool(
                            parallelism,
                            r -> {
                                Thread t = new Thread(r, "document-reader-" + n.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
        }
        return readers;
    }

    private static List<SourceItem> await(Future<List<SourceItem>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading documents", e);
        } catch (ExecutionException e) {
            // read() never throws; an Error (out of memory...) ends the run.
            throw new IllegalStateException("Reading a document failed", e.getCause());
        }
    }

    /** Stops the reader threads, if any. */
    @Override
    public synchronized void close() {
        if (readers != null) {
            readers.shutdownNow();
        }
    }

    /** Reads one location into items; never throws. */
    List<SourceItem> read(String location) {
        FeedDocument document;
        if (isUrl(location)) {
            try {
                HttpFetcher.Response r = fetcher.get(URI.create(location));
                if (!r.ok()) {
                    return List.of(
                            new SourceItem.Rejected(
                                    location,
                                    "UNREACHABLE: HTTP "
                                            + r.status()
                                            + " from "
                                            + location
                                            + ": check the URL (it may have moved) and try again.",
                                    null,
                                    r.body().length == 0 ? null : r.body()));
                }
                document =
                        new FeedDocument(
                                location, r.body(), r.contentType(), lastSegment(location));
            } catch (IOException | IllegalArgumentException e) {
                return List.of(
                        new SourceItem.Rejected(
                                location,
                                (e instanceof HttpFetcher.TooLargeException
                                                ? "TOO_LARGE: "
                                                : "UNREACHABLE: ")
                                        + "Cannot fetch "
                                        + location
                                        + ": "
                                        + e
                                        + ". Check the URL, the network and the host, then run again.",
                                e.getClass().getName(),
                                null));
            }
        } else {
            Path file = Path.of(location);
            String origin = file.toAbsolutePath().normalize().toString();
            try {
                long size = Files.size(file);
                if (size > maxBytes) {
                    return List.of(
                            new SourceItem.Rejected(
                                    origin,
                                    "TOO_LARGE: the file is "
                                            + size
                                            + " bytes, more than producer.max-document-bytes ("
                                            + maxBytes
                                            + "): not a feed or article file the producer reads.",
                                    null,
                                    null));
                }
                Path name = file.getFileName();
                document =
                        new FeedDocument(
                                origin,
                                Files.readAllBytes(file),
                                null,
                                name == null ? null : name.toString());
            } catch (IOException | RuntimeException e) {
                return List.of(
                        new SourceItem.Rejected(
                                origin,
                                "UNREADABLE: cannot read the file: "
                                        + e.getMessage()
                                        + ". Check it exists and is readable.",
                                e.getClass().getName(),
                                null));
            }
        }
        FeedType type = types.forDocument(typeName, document);
        try {
            List<SourceItem> items = typed(type.read(document, context), type);
            if (items.isEmpty()) {
                log.warn(
                        "{}: read as '{}', it holds no entry: nothing to publish from it",
                        document.origin(),
                        type.name());
            }
            return items;
        } catch (RuntimeException e) {
            // A feed type broke its contract: report the document, keep going.
            return List.of(
                    new SourceItem.Rejected(
                            document.origin(),
                            "Feed type '" + type.name() + "' failed on this document: " + e,
                            e.getClass().getName(),
                            document.bytes()));
        }
    }

    /** The items with the type's name as source type where the type gave none. */
    public static List<SourceItem> typed(List<SourceItem> items, FeedType type) {
        List<SourceItem> out = new ArrayList<>(items.size());
        for (SourceItem item : items) {
            if (item instanceof SourceItem.Parsed p && p.sourceType() == null) {
                out.add(new SourceItem.Parsed(p.origin(), p.article(), type.name()));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
