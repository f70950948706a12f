package io.newsstream.common.newstopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsstream.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured news topics (the news subjects, such as the airspace deal), as every application
 * sees them: id, display name, description, and the raw definition node that the classifier reads.
 *
 * <p>Loaded from a YAML file ({@code newsTopics: [...]}); the bundled default is {@link
 * #DEFAULT_RESOURCE}. Adding a news topic is adding an entry to that file.
 */
public final class NewsTopicCatalog {

    /** Classpath location of the bundled definitions. */
    public static final String DEFAULT_RESOURCE = "newsstream/news-topics.yaml";

    /** Id reserved for articles that match no news topic. */
    public static final String UNCLASSIFIED = "unclassified";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<NewsTopicInfo> newsTopics;
    private final String origin;

    private NewsTopicCatalog(List<NewsTopicInfo> newsTopics, String origin) {
        this.newsTopics = List.copyOf(newsTopics);
        this.origin = origin;
    }

    /** Loads the file, or the bundled default when {@code file} is null. */
    public static NewsTopicCatalog load(Path file) {
        if (file == null) {
            return loadDefault();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read news topic definitions " + file + ": " + e.getMessage(), e);
        }
    }

    public static NewsTopicCatalog loadDefault() {
        try (InputStream in =
                NewsTopicCatalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("Bundled " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new ConfigException("Cannot read bundled " + DEFAULT_RESOURCE, e);
        }
    }

    public static NewsTopicCatalog parse(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigException(
                    "News topic definitions " + origin + " are not valid YAML: " + e.getMessage(),
                    e);
        }
        JsonNode list = root == null ? null : root.get("newsTopics");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException(
                    "News topic definitions " + origin + " need a non-empty 'newsTopics:' list");
        }
        List<NewsTopicInfo> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode n : list) {
            String id = text(n, "id");
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new ConfigException(
                        "News topic id '"
                                + id
                                + "' in "
                                + origin
                                + " is invalid: use lower-case letters, digits and '-'");
            }
            if (id.equals(UNCLASSIFIED) || !ids.add(id)) {
                throw new ConfigException(
                        "News topic id '" + id + "' in " + origin + " is reserved or repeated");
            }
            String name = Optional.ofNullable(text(n, "name")).orElse(id);
            out.add(new NewsTopicInfo(id, name, text(n, "description"), n));
        }
        return new NewsTopicCatalog(out, origin);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public List<NewsTopicInfo> newsTopics() {
        return newsTopics;
    }

    public List<String> ids() {
        return newsTopics.stream().map(NewsTopicInfo::id).toList();
    }

    public Optional<NewsTopicInfo> find(String id) {
        return newsTopics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Where the definitions came from (a path or {@code classpath:...}). */
    public String origin() {
        return origin;
    }

    /**
     * One news topic.
     *
     * @param definition the whole YAML node, for the classifier's own fields
     */
    public record NewsTopicInfo(String id, String name, String description, JsonNode definition) {}
}
