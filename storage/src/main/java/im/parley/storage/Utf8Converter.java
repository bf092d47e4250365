package im.parley.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.nio.charset.StandardCharsets;

/**
 * Stores a JID, a JID part or another exactly compared key (a roster group) as its UTF-8 bytes.
 * Binary columns compare exactly (JIDs are already prepped, so no collation may fold them) and sort
 * by code point on every backend, and MariaDB can index two 1023-byte parts together, which it
 * cannot do for utf8mb4 text of that length.
 */
@Converter
final class Utf8Converter implements AttributeConverter<String, byte[]> {
    /** Longest bare JID in bytes: a 1023-byte localpart, '@' and a 1023-byte domain (RFC 7622 §3.2, §3.3). */
    static final int MAX_BARE_JID_BYTES = 2 * AccountEntity.MAX_PART_BYTES + 1;

    @Override
    public byte[] convertToDatabaseColumn(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String convertToEntityAttribute(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
