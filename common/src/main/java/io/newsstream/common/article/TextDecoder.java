package io.newsstream.common.article;

import io.newsstream.common.article.ArticleParseException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an article file into text.
 *
 * <p>A byte-order mark decides the encoding (UTF-8, UTF-16BE, UTF-16LE) and is dropped. Without
 * one, strict UTF-8 is tried first, then windows-1252 (the superset of Latin-1 that text copied
 * from Western web pages uses), then ISO-8859-1. Bytes that are not text (NUL bytes, many control
 * characters) are refused rather than guessed at.
 */
final class TextDecoder {

    /** Decoded text and the name of the charset that decoded it. */
    record Decoded(String text, String charset) {}

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {}

    static Decoded decode(byte[] bytes) throws ArticleParseException {
        if (bytes.length == 0) {
            throw new ArticleParseException(
                    Reason.EMPTY, "The file is empty (0 bytes): there is no article to read.");
        }
        Decoded decoded = decodeText(bytes);
        checkIsText(decoded);
        return decoded;
    }

    private static Decoded decodeText(byte[] b) throws ArticleParseException {
        if (b.length >= 3
                && (b[0] & 0xff) == 0xEF
                && (b[1] & 0xff) == 0xBB
                && (b[2] & 0xff) == 0xBF) {
            return strict(b, 3, StandardCharsets.UTF_8, "UTF-8 with a byte-order mark");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE, "UTF-16BE with a byte-order mark");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE, "UTF-16LE with a byte-order mark");
        }
        String text = tryDecode(b, StandardCharsets.UTF_8);
        if (text != null) {
            return new Decoded(text, "UTF-8");
        }
        text = tryDecode(b, WINDOWS_1252);
        if (text != null) {
            return new Decoded(text, "windows-1252");
        }
        return new Decoded(new String(b, StandardCharsets.ISO_8859_1), "ISO-8859-1");
    }

    private static Decoded strict(byte[] b, int skip, Charset cs, String what)
            throws ArticleParseException {
        byte[] rest = java.util.Arrays.copyOfRange(b, skip, b.length);
        String text = tryDecode(rest, cs);
        if (text == null) {
            throw new ArticleParseException(
                    Reason.UNDECODABLE,
                    "The file starts like "
                            + what
                            + " but its bytes are not valid "
                            + cs.name()
                            + ": re-save it as UTF-8.");
        }
        return new Decoded(text, cs.name());
    }

    private static String tryDecode(byte[] b, Charset cs) {
        try {
            CharBuffer chars =
                    cs.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Refuses binary content: a NUL, or more than 1 in 100 control characters. */
    private static void checkIsText(Decoded d) throws ArticleParseException {
        String t = d.text();
        int controls = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= ' ' && c < '\u007F') {
                continue; // printable ASCII, most of any text
            }
            if (c == 0) {
                throw new ArticleParseException(
                        Reason.UNDECODABLE,
                        "The file contains a NUL byte (character "
                                + i
                                + "): it is binary data, not an article text file. Article files"
                                + " must be plain text, preferably UTF-8.");
            }
            if (Character.getType(c) == Character.CONTROL
                    && c != '\n'
                    && c != '\r'
                    && c != '\t'
                    && c != '\f') {
                controls++;
            }
        }
        if (controls > 0 && controls * 100 > t.length()) {
            throw new ArticleParseException(
                    Reason.UNDECODABLE,
                    "The file has "
                            + controls
                            + " control characters in "
                            + t.length()
                            + ": it is binary data or an unsupported encoding, not an article text"
                            + " file. Article files must be plain text, preferably UTF-8.");
        }
    }
}
