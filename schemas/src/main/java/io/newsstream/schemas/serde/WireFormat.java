package io.newsstream.schemas.serde;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1..4 the schema id as a
 * big-endian int, then the Avro binary encoding of the record with that schema.
 *
 * <p>Only constants and pure helpers; the serde classes do the framing.
 */
public final class WireFormat {

    /** The only magic byte this format defines. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    /**
     * Whether {@code payload} starts like a Confluent-framed record (long enough, magic byte 0).
     */
    public static boolean isFramed(byte[] payload) {
        return payload != null && payload.length >= HEADER_LENGTH && payload[0] == MAGIC_BYTE;
    }

    /**
     * The schema id in the header of a framed payload.
     *
     * @throws IllegalArgumentException if the payload is not framed (check {@link #isFramed} first)
     */
    public static int schemaId(byte[] payload) {
        if (!isFramed(payload)) {
            throw new IllegalArgumentException(
                    "Not a Confluent-framed payload: it needs at least "
                            + HEADER_LENGTH
                            + " bytes starting with magic byte 0");
        }
        return readInt(payload, 1);
    }

    /**
     * A one-line description of a payload's framing for logs and dead letters, without decoding
     * it: {@code "1234 bytes, Confluent-framed Avro, schema id 7"}, {@code "12 bytes, not
     * Confluent-framed (starts with 0x7b '{')"}, {@code "null (tombstone)"}.
     */
    public static String describe(byte[] payload) {
        if (payload == null) {
            return "null (tombstone)";
        }
        String size = payload.length + (payload.length == 1 ? " byte" : " bytes");
        if (isFramed(payload)) {
            return size + ", Confluent-framed Avro, schema id " + schemaId(payload);
        }
        if (payload.length == 0) {
            return size;
        }
        int first = payload[0] & 0xff;
        String shown = first >= 0x20 && first < 0x7f ? " '" + (char) first + "'" : "";
        return size
                + ", not Confluent-framed (starts with "
                + String.format("0x%02x", first)
                + shown
                + ")";
    }

    static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
