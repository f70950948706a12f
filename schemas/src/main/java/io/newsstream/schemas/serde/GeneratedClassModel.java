package io.newsstream.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model of one generated class: its logical-type conversions, plus the classes of
 * every named type reachable from its schema, looked up once up front.
 *
 * <p>Why: Avro 1.12 refuses to load classes named in schemas unless {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} trusts them, a JVM-wide setting every application would
 * have to remember. That check guards against classes named by an untrusted <em>writer</em> schema;
 * the classes resolved here come only from the reader's own generated code, so they are trusted by
 * construction. Names outside that set still go through Avro's check.
 */
final class GeneratedClassModel extends SpecificData {

    private final Map<String, Class<?>> generatedClasses;

    private GeneratedClassModel(ClassLoader loader, Map<String, Class<?>> generatedClasses) {
        super(loader);
        this.generatedClasses = Map.copyOf(generatedClasses);
    }

    static GeneratedClassModel of(Class<? extends SpecificRecord> type, Schema schema) {
        ClassLoader loader = type.getClassLoader();
        Map<String, Class<?>> classes = new HashMap<>();
        collect(schema, loader, classes);
        GeneratedClassModel model = new GeneratedClassModel(loader, classes);
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getClass(Schema schema) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                Class<?> known = generatedClasses.get(schema.getFullName());
                if (known != null) {
                    return known;
                }
            }
            default -> {}
        }
        return super.getClass(schema);
    }

    private static void collect(Schema schema, ClassLoader loader, Map<String, Class<?>> classes) {
        switch (schema.getType()) {
            case RECORD -> {
                if (load(schema, loader, classes)) {
                    for (Schema.Field field : schema.getFields()) {
                        collect(field.schema(), loader, classes);
                    }
                }
            }
            case ENUM, FIXED -> load(schema, loader, classes);
            case ARRAY -> collect(schema.getElementType(), loader, classes);
            case MAP -> collect(schema.getValueType(), loader, classes);
            case UNION -> schema.getTypes().forEach(s -> collect(s, loader, classes));
            default -> {}
        }
    }

    /** Adds the class of a named schema; false if already seen (recursive types) or absent. */
    private static boolean load(Schema schema, ClassLoader loader, Map<String, Class<?>> classes) {
        if (classes.containsKey(schema.getFullName())) {
            return false;
        }
        try {
            classes.put(
                    schema.getFullName(),
                    Class.forName(SpecificData.getClassName(schema), false, loader));
            return true;
        } catch (ClassNotFoundException e) {
            return false; // no generated class: Avro falls back to generic records as usual
        }
    }
}
