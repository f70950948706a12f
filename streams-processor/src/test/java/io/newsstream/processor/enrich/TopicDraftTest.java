package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicDraftTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<String> rules(ObjectNode draft, String field) {
        List<String> out = new ArrayList<>();
        draft.path(field)
                .forEach(
                        r -> {
                            List<String> groups = new ArrayList<>();
                            r.forEach(g -> groups.add(g.asText()));
                            out.add(String.join("+", groups));
                        });
        return out;
    }

    @Test
    void draftsTheWordsGeneralNewsRarelyUsesAndPairsEachWithTheRarestOfItsClause() {
        ObjectNode draft =
                new TopicDraft(BackgroundWords.bundled())
                        .draft(
                                "Polio vaccination campaigns in Pakistan, the teams that run them;"
                                        + " attacks on vaccinators.",
                                "Other diseases such as dengue and measles; polio in Nigeria.");

        List<String> groups = new ArrayList<>();
        draft.path("groups").fieldNames().forEachRemaining(groups::add);
        assertThat(groups)
                .contains("polio", "vaccination", "vaccinators", "dengue", "measles", "nigeria")
                .doesNotContain("the", "that", "them", "in", "other", "such", "said");
        // one group for a word and its plural: phrases match either
        assertThat(groups).doesNotContain("campaign");
        assertThat(rules(draft, "together"))
                .contains("polio+vaccination", "polio+campaigns")
                .allSatisfy(r -> assertThat(r).doesNotContain("dengue"));
        // "polio" is said in the notes' in-text: not a word against
        assertThat(rules(draft, "against"))
                .contains("dengue", "measles", "nigeria")
                .doesNotContain("polio");
    }

    @Test
    void draftsOnlyForADefinitionWithoutGroupsRulesOrTermsAndWithNotes() throws Exception {
        JsonNode notesOnly = YAML.readTree("scope: {in: Polio vaccination campaigns.}");
        JsonNode withGroups =
                YAML.readTree(
                        "scope: {in: Polio vaccination campaigns.}\n"
                                + "groups: {polio: [polio]}\ntogether: [[polio]]");
        JsonNode noNotes = YAML.readTree("name: Polio");

        assertThat(TopicDraft.of(notesOnly)).isPresent();
        assertThat(TopicDraft.of(withGroups)).isEmpty();
        assertThat(TopicDraft.of(noNotes)).isEmpty();
        // the same notes, the same draft: the processor drafts what training trained on
        assertThat(TopicDraft.of(notesOnly)).isEqualTo(TopicDraft.of(notesOnly.deepCopy()));
    }
}
