package io.newsstream.schemas.serde;

/**
 * The first byte of a record is not the Confluent wire format's magic byte {@code 0}: the record
 * was written by something else (plain JSON, a string serializer, Apicurio serdes with ids in
 * headers...).
 */
public final class UnknownMagicByteException extends InvalidPayloadException {

    private static final long serialVersionUID = 1L;

    private final byte magicByte;

    public UnknownMagicByteException(String kafkaTopic, byte magicByte, String message) {
        super(kafkaTopic, message);
        this.magicByte = magicByte;
    }

    /** The byte found where the magic byte {@code 0} was expected. */
    public byte magicByte() {
        return magicByte;
    }
}
