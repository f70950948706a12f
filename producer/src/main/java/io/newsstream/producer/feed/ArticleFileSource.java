package io.newsstream.producer.feed;

import io.newsstream.producer.parse.ArticleFileParser;
import io.newsstream.producer.parse.ArticleHints;
import io.newsstream.producer.parse.ArticleParseException;
import io.newsstream.producer.parse.ParsedArticle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Article text files (like the seeds) as an {@link ArticleSource}: source type {@value
 * #SOURCE_TYPE}.
 *
 * <p>Inputs are files or directories. A directory stands for the regular, non-hidden files directly
 * in it whose names match a glob (default {@code *.txt}, which leaves out a README.md beside them),
 * sorted by name; files named explicitly are always read. Each file is read and parsed when
 * iteration reaches it; an unreadable, empty, binary or headline-less file yields a {@link
 * SourceItem.Rejected} with the file's bytes (up to {@link #MAX_FILE_BYTES}).
 */
public final class ArticleFileSource implements ArticleSource {

    /** The {@code RawArticle.sourceType} of article files. */
    public static final String SOURCE_TYPE = "article-file";

    /** Larger files are rejected unread: no article file is this big. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final List<Path> files;
    private final ArticleFileParser parser;
    private final String outlet;

    /**
     * @param files the files to read, in order
     * @param parser the parser
     * @param outlet the outlet of every file, winning over what the text says; {@code null} to let
     *     the parser work it out
     */
    public ArticleFileSource(List<Path> files, ArticleFileParser parser, String outlet) {
        this.files = List.copyOf(files);
        this.parser = parser;
        this.outlet = outlet;
    }

    /** A source over the files the inputs name ({@link #expand(List, String)}). */
    public static ArticleFileSource of(List<Path> inputs, String filePattern, String outlet) {
        return new ArticleFileSource(expand(inputs, filePattern), new ArticleFileParser(), outlet);
    }

    /**
     * The files the inputs stand for, in order: each file as given, each directory as its matching
     * files sorted by name.
     *
     * @throws IllegalArgumentException when an input does not exist or the pattern is not a glob
     */
    public static List<Path> expand(List<Path> inputs, String filePattern) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + filePattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "File pattern '" + filePattern + "' is not a valid glob such as *.txt", e);
        }
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
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
                out.addAll(inDir);
            } else if (Files.exists(input)) {
                out.add(input);
            } else {
                throw new IllegalArgumentException(
                        "Input "
                                + input.toAbsolutePath()
                                + " does not exist: give article files or directories of them.");
            }
        }
        return List.copyOf(out);
    }

    /** The files this source reads, in order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public String sourceType() {
        return SOURCE_TYPE;
    }

    @Override
    public int expectedCount() {
        return files.size();
    }

    @Override
    public Iterator<SourceItem> iterator() {
        Iterator<Path> paths = files.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return paths.hasNext();
            }

            @Override
            public SourceItem next() {
                if (!paths.hasNext()) {
                    throw new NoSuchElementException();
                }
                return read(paths.next());
            }
        };
    }

    /** Reads and parses one file; never throws. */
    SourceItem read(Path file) {
        String origin = file.toAbsolutePath().normalize().toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return new SourceItem.Rejected(
                        origin,
                        "File is "
                                + size
                                + " bytes, more than the "
                                + MAX_FILE_BYTES
                                + " an article file may have: it is not an article.",
                        null,
                        null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return new SourceItem.Rejected(
                    origin,
                    "Cannot read the file: "
                            + e.getMessage()
                            + ". Check it exists and is readable.",
                    e.getClass().getName(),
                    null);
        }
        Path name = file.getFileName();
        ArticleHints hints =
                new ArticleHints(name == null ? origin : name.toString(), outlet, null);
        try {
            ParsedArticle article = parser.parse(bytes, hints);
            return new SourceItem.Parsed(origin, article);
        } catch (ArticleParseException e) {
            return new SourceItem.Rejected(
                    origin, e.reason() + ": " + e.getMessage(), e.getClass().getName(), bytes);
        }
    }
}
