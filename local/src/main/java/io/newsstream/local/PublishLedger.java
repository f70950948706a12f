package io.newsstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Remembers which input files the local run has already published (by content hash), so that a
 * second run on the same data directory does not publish them again. Append-only text file, one
 * {@code <sha256> <path>} line per published file.
 */
final class PublishLedger {

    private final Path file;
    private final Set<String> hashes = new HashSet<>();

    PublishLedger(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int sp = line.indexOf(' ');
                    if (sp > 0) {
                        hashes.add(line.substring(0, sp));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    boolean isPublished(Path input) {
        return hashes.contains(hash(input));
    }

    void markPublished(Path input) {
        String h = hash(input);
        if (hashes.add(h)) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(
                        file,
                        h + " " + input.toAbsolutePath() + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }
    }

    static String hash(Path input) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(input)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + input, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
