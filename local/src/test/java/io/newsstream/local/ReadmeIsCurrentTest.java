package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.config.SettingsTable;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.Comment;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The reference pages' configuration and event tables ({@code docs/settings.md}, {@code
 * docs/events.md}) are rendered from the code (the {@code SETTINGS} of each application, the Avro
 * schemas) between {@code <!-- BEGIN generated:NAME -->} and {@code <!-- END generated:NAME -->}
 * markers. This test fails when they drift; run it with {@code -Dnewsstream.readme.write=true} to
 * rewrite them. The README itself must name every Kafka topic.
 */
class ReadmeIsCurrentTest {

    private static final Path REPO = Path.of(System.getProperty("newsstream.repo.dir", ".."));
    private static final Path README = REPO.resolve("README.md");
    private static final Path SETTINGS = REPO.resolve("docs/settings.md");
    private static final Path EVENTS = REPO.resolve("docs/events.md");

    /** The page each generated section lives in. */
    private static Path pageOf(String section) {
        return section.startsWith("settings-") ? SETTINGS : EVENTS;
    }

    static Map<String, String> sections() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("settings-shared", SettingsTable.markdown(SharedSettings.ALL));
        s.put("settings-producer", SettingsTable.markdown(ProducerAppConfig.OWN_SETTINGS));
        s.put("settings-processor", SettingsTable.markdown(ProcessorConfig.OWN_SETTINGS));
        s.put("settings-consumer", SettingsTable.markdown(ViewAppConfig.OWN_SETTINGS));
        s.put("event-RawArticle", eventTable(RawArticle.getClassSchema()));
        s.put("event-Comment", eventTable(Comment.getClassSchema()));
        s.put("event-EnrichedArticle", eventTable(EnrichedArticle.getClassSchema()));
        s.put("event-DuplicateLink", eventTable(DuplicateLink.getClassSchema()));
        s.put("event-DeadLetter", eventTable(DeadLetter.getClassSchema()));
        return s;
    }

    @Test
    void generatedTablesMatchTheCode() throws Exception {
        for (Path page : List.of(SETTINGS, EVENTS)) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            String updated = text;
            for (var e : sections().entrySet()) {
                if (!pageOf(e.getKey()).equals(page)) {
                    continue;
                }
                Pattern p =
                        Pattern.compile(
                                "(<!-- BEGIN generated:"
                                        + Pattern.quote(e.getKey())
                                        + " -->\n)(.*?)(<!-- END generated:"
                                        + Pattern.quote(e.getKey())
                                        + " -->)",
                                Pattern.DOTALL);
                Matcher m = p.matcher(updated);
                assertThat(m.find()).as("%s has a section generated:%s", page, e.getKey()).isTrue();
                updated =
                        m.replaceFirst(
                                Matcher.quoteReplacement(m.group(1) + e.getValue() + m.group(3)));
            }
            if (Boolean.getBoolean("newsstream.readme.write")) {
                Files.writeString(page, updated, StandardCharsets.UTF_8);
                text = updated;
            }
            assertThat(text)
                    .as(
                            "%s tables are out of date: run ./mvnw test -pl local -am"
                                    + " -Dtest=ReadmeIsCurrentTest -Dnewsstream.readme.write=true"
                                    + " -Dsurefire.failIfNoSpecifiedTests=false",
                            page)
                    .isEqualTo(updated);
        }
    }

    @Test
    void theReadmeStaysShort() throws Exception {
        assertThat(Files.readAllLines(README, StandardCharsets.UTF_8))
                .as("README.md is the front page: reference material goes under docs/")
                .hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void everyKafkaTopicIsDocumented() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (String name : KafkaTopics.all(NewsTopicCatalog.loadDefault().ids())) {
            assertThat(readme)
                    .as("README documents Kafka topic %s", name)
                    .contains("`" + name + "`");
        }
    }

    static String eventTable(Schema schema) {
        StringBuilder sb = new StringBuilder();
        sb.append("| field | type | meaning |\n|---|---|---|\n");
        for (Schema.Field f : schema.getFields()) {
            sb.append("| `")
                    .append(f.name())
                    .append("` | ")
                    .append(typeName(f.schema()))
                    .append(" | ")
                    .append(f.doc() == null ? "" : f.doc().replace("|", "\\|"))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String typeName(Schema s) {
        LogicalType lt = s.getLogicalType();
        if (lt != null) {
            return lt.getName();
        }
        return switch (s.getType()) {
            case UNION -> {
                StringBuilder b = new StringBuilder();
                boolean optional = false;
                for (Schema t : s.getTypes()) {
                    if (t.getType() == Schema.Type.NULL) {
                        optional = true;
                    } else {
                        b.append(b.isEmpty() ? "" : " \\| ").append(typeName(t));
                    }
                }
                yield b + (optional ? " (optional)" : "");
            }
            case ARRAY -> "array of " + typeName(s.getElementType());
            case MAP -> "map of " + typeName(s.getValueType());
            case RECORD -> s.getName();
            case ENUM -> s.getName() + " (" + String.join(", ", s.getEnumSymbols()) + ")";
            default -> s.getType().getName();
        };
    }
}
