package io.newsstream.producer.feed;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The feed types the producer knows, by name: the built-in ones ({@code rss}, with {@code atom} as
 * a second name, and {@code article-file}), those found by {@link ServiceLoader} ({@code
 * META-INF/services/io.newsstream.producer.feed.FeedType}), and those configured as {@code
 * name=fully.qualified.ClassName} (setting {@code producer.feed-types}). A later registration of a
 * name replaces an earlier one, so configuration wins.
 *
 * <p>{@link #AUTO} is not a type but a choice: the first type (other than article-file) whose
 * {@link FeedType#recognises} accepts the document, else article-file. Immutable.
 */
public final class FeedTypes {

    /** The type name that means "detect it from the document". */
    public static final String AUTO = "auto";

    private final Map<String, FeedType> byName;

    private FeedTypes(Map<String, FeedType> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Only the built-in types. */
    public static FeedTypes builtIn() {
        return new FeedTypes(builtInMap());
    }

    /**
     * The built-in types, then service-loaded ones, then the configured ones.
     *
     * @param configured type name to the class implementing {@link FeedType}
     * @throws IllegalArgumentException naming the class when one cannot be loaded or instantiated
     */
    public static FeedTypes load(Map<String, String> configured, ClassLoader loader) {
        Map<String, FeedType> types = builtInMap();
        for (FeedType t : ServiceLoader.load(FeedType.class, loader)) {
            types.put(t.name(), t);
        }
        configured.forEach(
                (name, className) -> types.put(name, instantiate(name, className, loader)));
        return new FeedTypes(types);
    }

    /** Parses {@code name=class} pairs as the {@code producer.feed-types} setting gives them. */
    public static Map<String, String> parsePairs(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "Feed type '"
                                + pair
                                + "' should be name=fully.qualified.ClassName, e.g."
                                + " json=com.example.JsonFeedType");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    private static Map<String, FeedType> builtInMap() {
        Map<String, FeedType> types = new LinkedHashMap<>();
        RssAtomFeedType rss = new RssAtomFeedType();
        types.put(RssAtomFeedType.NAME, rss);
        types.put("atom", rss);
        types.put(ArticleFileFeedType.NAME, new ArticleFileFeedType());
        return types;
    }

    private static FeedType instantiate(String name, String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, true, loader);
            if (!FeedType.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(
                        "Feed type '"
                                + name
                                + "': class "
                                + className
                                + " does not implement "
                                + FeedType.class.getName());
            }
            return (FeedType) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "Feed type '"
                            + name
                            + "': class "
                            + className
                            + " is not on the classpath; add its jar or fix the name",
                    e);
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalArgumentException(
                    "Feed type '"
                            + name
                            + "': cannot create "
                            + className
                            + " ("
                            + e
                            + "); it needs a public no-argument constructor",
                    e);
        }
    }

    /** The names known, in registration order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * The type of the name.
     *
     * @throws IllegalArgumentException listing the known names when there is none
     */
    public FeedType get(String name) {
        FeedType t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "Unknown feed type '"
                            + name
                            + "': known are "
                            + String.join(", ", names())
                            + " and "
                            + AUTO);
        }
        return t;
    }

    /** Whether the name is a type or {@link #AUTO}. */
    public boolean knows(String name) {
        return AUTO.equals(name) || byName.containsKey(name);
    }

    /**
     * The type to read the document with when its type is {@code name} (possibly {@link #AUTO}).
     */
    public FeedType forDocument(String name, FeedDocument document) {
        if (!AUTO.equals(name)) {
            return get(name);
        }
        List<FeedType> candidates = new ArrayList<>();
        for (FeedType t : byName.values()) {
            if (!candidates.contains(t) && !(t instanceof ArticleFileFeedType)) {
                candidates.add(t);
            }
        }
        for (FeedType t : candidates) {
            if (t.recognises(document)) {
                return t;
            }
        }
        return byName.getOrDefault(ArticleFileFeedType.NAME, new ArticleFileFeedType());
    }
}
