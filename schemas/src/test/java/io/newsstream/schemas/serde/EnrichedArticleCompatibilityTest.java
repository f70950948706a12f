package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.event.EnrichedArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The current {@code EnrichedArticle} schema against the previous one released (kept whole in
 * {@code schema-history/EnrichedArticle-v1.avsc}): new readers read old records and old readers
 * read new records (full compatibility), so existing consumers keep working.
 */
class EnrichedArticleCompatibilityTest {

    static Schema previous() throws IOException {
        try (InputStream in =
                EnrichedArticleCompatibilityTest.class.getResourceAsStream(
                        "/schema-history/EnrichedArticle-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void newReadersReadRecordsOfThePreviousSchema() throws IOException {
        assertThat(
                        SchemaCompatibility.checkReaderWriterCompatibility(
                                        EnrichedArticle.getClassSchema(), previous())
                                .getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void previousReadersReadRecordsOfTheNewSchema() throws IOException {
        assertThat(
                        SchemaCompatibility.checkReaderWriterCompatibility(
                                        previous(), EnrichedArticle.getClassSchema())
                                .getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void anOldRecordReadsAsNoMatchedNewsTopicsAndNoProbability() throws IOException {
        EnrichedArticle current = Events.enrichedArticle();
        // Write with the new schema, read as an old consumer would, write that back in the old
        // schema and read it with the new class: the old record carries no new field.
        Schema old = previous();
        GenericRecord asOld = roundTrip(current, old);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(old, GenericData.get()).write(asOld, enc);
        enc.flush();
        EnrichedArticle read =
                new SpecificDatumReader<EnrichedArticle>(old, EnrichedArticle.getClassSchema())
                        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(asOld.get("primaryNewsTopic").toString())
                .isEqualTo(current.getPrimaryNewsTopic());
        assertThat(read.getMatchedNewsTopics()).isEqualTo(List.of());
        assertThat(read.getNewsTopics())
                .allSatisfy(
                        s -> {
                            assertThat(s.getProbability()).isNull();
                            assertThat(s.getThreshold()).isNull();
                        });
        assertThat(read.getPrimaryNewsTopic()).isEqualTo(current.getPrimaryNewsTopic());
    }

    private static GenericRecord roundTrip(EnrichedArticle article, Schema readerSchema)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(EnrichedArticle.class).write(article, enc);
        enc.flush();
        return new GenericDatumReader<GenericRecord>(EnrichedArticle.getClassSchema(), readerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
