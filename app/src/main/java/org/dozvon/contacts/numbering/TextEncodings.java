package org.dozvon.contacts.numbering;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of a Russian text file: UTF-8 when it starts with the UTF-8 byte-order mark or is valid
 * UTF-8 throughout, Windows-1251 otherwise (what Excel and the regulator's older files use). Cyrillic
 * text in Windows-1251 is practically never valid UTF-8, so the whole file is checked, not a sample.
 */
final class TextEncodings {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private TextEncodings() {
    }

    /** Reads the stream to its end (without keeping it) and closes it. */
    static Charset detect(InputStream stream) throws IOException {
        try (InputStream in = stream) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            boolean first = true;
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                bytes.position(bytes.position() + read);
                bytes.flip();
                if (first && bytes.remaining() >= 3) {
                    if (startsWithBom(bytes)) {
                        return StandardCharsets.UTF_8;
                    }
                    first = false;
                }
                if (!decode(decoder, bytes, chars, false)) {
                    return WINDOWS_1251;
                }
                bytes.compact();
            }
            bytes.flip();
            if (first && startsWithBom(bytes)) {
                return StandardCharsets.UTF_8;
            }
            return decode(decoder, bytes, chars, true) ? StandardCharsets.UTF_8 : WINDOWS_1251;
        }
    }

    /** Whether the bytes start with the UTF-8 byte-order mark. */
    static boolean startsWithBom(ByteBuffer bytes) {
        return bytes.remaining() >= 3 && (bytes.get(bytes.position()) & 0xFF) == 0xEF
                && (bytes.get(bytes.position() + 1) & 0xFF) == 0xBB && (bytes.get(bytes.position() + 2) & 0xFF) == 0xBF;
    }

    private static boolean decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean end) {
        while (true) {
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                if (end) {
                    chars.clear();
                    return !decoder.flush(chars).isError();
                }
                return true;
            }
        }
    }
}
