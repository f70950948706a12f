package io.newsstream.producer.publish;

import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** A MockProducer that completes or fails each record as it is sent, by a script. */
final class ScriptedProducer<V> extends MockProducer<String, V> {

    private final Function<ProducerRecord<String, V>, RuntimeException> script;

    ScriptedProducer(Function<ProducerRecord<String, V>, RuntimeException> script) {
        super(false, null, new StringSerializer(), (topic, value) -> new byte[0]);
        this.script = script;
    }

    static <V> ScriptedProducer<V> acceptingAll() {
        return new ScriptedProducer<>(r -> null);
    }

    @Override
    public synchronized Future<RecordMetadata> send(
            ProducerRecord<String, V> record, Callback callback) {
        Future<RecordMetadata> f = super.send(record, callback);
        RuntimeException error = script.apply(record);
        if (error == null) {
            completeNext();
        } else {
            errorNext(error);
        }
        return f;
    }
}
