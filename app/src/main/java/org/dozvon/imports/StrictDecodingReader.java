package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.function.LongFunction;

/**
 * Decodes bytes that must be valid in their charset, counting lines so that a bad byte is reported on the
 * line a text editor would show. {@link java.io.InputStreamReader} either replaces bad bytes silently or
 * throws without saying where, and it loses the characters decoded just before the bad byte.
 */
final class StrictDecodingReader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final LongFunction<RuntimeException> invalidAtLine;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean invalid;
    private long line = 1;
    private boolean afterCarriageReturn;

    /**
     * @param invalidAtLine makes the exception for bytes that are not valid in the charset, given the line
     */
    StrictDecodingReader(InputStream in, Charset charset, LongFunction<RuntimeException> invalidAtLine) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.invalidAtLine = invalidAtLine;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset && !flushed) {
            if (invalid) {
                throw invalidAtLine.apply(line);
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                // hand out what was decoded before the bad bytes first, so that the line count is right
                invalid = true;
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    if (decoder.flush(out).isUnderflow()) {
                        flushed = true;
                    }
                } else {
                    fill();
                }
            }
        }
        int count = out.position() - offset;
        if (count == 0) {
            return -1;
        }
        countLines(buffer, offset, count);
        return count;
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLines(char[] buffer, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            char c = buffer[i];
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
                afterCarriageReturn = false;
            } else if (c == '\r') {
                line++;
                afterCarriageReturn = true;
            } else {
                afterCarriageReturn = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
