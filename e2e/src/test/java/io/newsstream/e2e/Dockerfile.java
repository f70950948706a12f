package io.newsstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's multi-stage {@code Dockerfile}, read for what the process-level tests must
 * reproduce: the base image of each stage and the environment ({@code ENV}) a target stage ends up
 * with, inherited through {@code FROM <earlier stage>} (e.g. {@code JAVA_OPTS} with the heap limit
 * and the logging configuration of each application).
 *
 * <p>Only the forms this repository uses are understood: {@code FROM image [AS name]} and one
 * {@code ENV NAME=value} or {@code ENV NAME="value"} per instruction.
 */
final class Dockerfile {

    private static final Pattern FROM =
            Pattern.compile("(?i)FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*");
    private static final Pattern ENV = Pattern.compile("(?i)ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern RUN = Pattern.compile("(?i)RUN\\s+(.*)");
    private static final Pattern USER = Pattern.compile("(?i)USER\\s+(\\S+)\\s*");

    /**
     * One build stage: what it starts from, the variables it sets itself, its RUN commands and the
     * USER it switches to (the key {@code USER} of {@code user}, absent when it does not).
     */
    record Stage(
            String name,
            String from,
            Map<String, String> env,
            List<String> runs,
            Map<String, String> user) {}

    private final Map<String, Stage> stages;

    private Dockerfile(Map<String, Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile load(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static Dockerfile ofRepository() {
        return load(ComposeFile.repoDir().resolve("Dockerfile"));
    }

    static Dockerfile parse(List<String> lines) {
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage current = null;
        int index = 0;
        for (String raw : joinContinuations(lines)) {
            String line = raw.strip();
            Matcher from = FROM.matcher(line);
            Matcher env = ENV.matcher(line);
            Matcher run = RUN.matcher(line);
            Matcher user = USER.matcher(line);
            if (from.matches()) {
                String name = from.group(2) != null ? from.group(2) : Integer.toString(index);
                current =
                        new Stage(
                                name,
                                from.group(1),
                                new LinkedHashMap<>(),
                                new ArrayList<>(),
                                new LinkedHashMap<>());
                stages.put(name.toLowerCase(Locale.ROOT), current);
                index++;
            } else if (env.matches() && current != null) {
                current.env().put(env.group(1), unquote(env.group(2).strip()));
            } else if (run.matches() && current != null) {
                current.runs().add(run.group(1));
            } else if (user.matches() && current != null) {
                current.user().put("USER", user.group(1));
            }
        }
        return new Dockerfile(stages);
    }

    List<String> stageNames() {
        return stages.values().stream().map(Stage::name).toList();
    }

    Stage stage(String name) {
        Stage s = stages.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("The Dockerfile has no stage '" + name + "'");
        }
        return s;
    }

    /** The environment of a target: its own ENV over those of the stages it is built FROM. */
    Map<String, String> environment(String target) {
        Stage s = stage(target);
        Map<String, String> env = new LinkedHashMap<>();
        Stage parent = stages.get(s.from().toLowerCase(Locale.ROOT));
        if (parent != null) {
            env.putAll(environment(parent.name()));
        }
        env.putAll(s.env());
        return env;
    }

    /** The stages a target is built from, the first stage first, the target last. */
    private List<Stage> chain(String target) {
        Stage s = stage(target);
        Stage parent = stages.get(s.from().toLowerCase(Locale.ROOT));
        List<Stage> out = parent == null ? new ArrayList<>() : chain(parent.name());
        out.add(s);
        return out;
    }

    /** The user a target runs as (its last USER instruction along its stages), or root. */
    String user(String target) {
        String user = "root";
        for (Stage s : chain(target)) {
            user = s.user().getOrDefault("USER", user);
        }
        return user;
    }

    /**
     * Directories the target's RUN commands create ({@code mkdir}) and hand to the user ({@code
     * chown user[:group] dir}, or a {@code chown -R} of a parent, after the {@code mkdir}).
     */
    Set<String> directoriesOwnedBy(String target, String user) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> owned = new LinkedHashSet<>();
        for (Stage s : chain(target)) {
            for (String run : s.runs()) {
                for (String command : run.split("&&|;")) {
                    List<String> words = List.of(command.strip().split("\\s+"));
                    if (words.isEmpty()) {
                        continue;
                    }
                    if (words.get(0).equals("mkdir")) {
                        words.stream()
                                .skip(1)
                                .filter(w -> !w.startsWith("-"))
                                .forEach(created::add);
                    } else if (words.get(0).equals("chown")) {
                        boolean recursive = words.contains("-R");
                        List<String> args =
                                words.stream().skip(1).filter(w -> !w.startsWith("-")).toList();
                        if (args.size() < 2 || !args.get(0).split(":")[0].equals(user)) {
                            continue;
                        }
                        for (String path : args.subList(1, args.size())) {
                            for (String dir : created) {
                                if (dir.equals(path) || recursive && dir.startsWith(path + "/")) {
                                    owned.add(dir);
                                }
                            }
                        }
                    }
                }
            }
        }
        return owned;
    }

    /** The image a target ultimately starts from (following earlier stages). */
    String baseImage(String target) {
        Stage s = stage(target);
        Stage parent = stages.get(s.from().toLowerCase(Locale.ROOT));
        return parent == null ? s.from() : baseImage(parent.name());
    }

    /** Every external image a stage starts from. */
    List<String> externalImages() {
        List<String> images = new ArrayList<>();
        for (Stage s : stages.values()) {
            if (!stages.containsKey(s.from().toLowerCase(Locale.ROOT))) {
                images.add(s.from());
            }
        }
        return images;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                ? v.substring(1, v.length() - 1)
                : v;
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.strip().startsWith("#") && current.length() == 0) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                joined.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            joined.add(current.toString());
        }
        return joined;
    }
}
