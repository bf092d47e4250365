package im.parley.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.nio.charset.StandardCharsets;

/**
 * Stores a JID part as its UTF-8 bytes. Binary columns compare exactly (the parts are already
 * prepped, so no collation may fold them) and sort by code point on every backend, and MariaDB can
 * index two 1023-byte parts together, which it cannot do for utf8mb4 text of that length.
 */
@Converter
final class Utf8Converter implements AttributeConverter<String, byte[]> {

    @Override
    public byte[] convertToDatabaseColumn(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String convertToEntityAttribute(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
