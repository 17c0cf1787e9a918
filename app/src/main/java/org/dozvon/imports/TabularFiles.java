package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens contact files. What a file is comes from its first bytes, never from its name: a ZIP archive is
 * read as XLSX, an OLE2 container as XLS, anything else as delimited text unless it looks binary. So an
 * XLSX file renamed to {@code .csv} is simply read as XLSX.
 */
final class TabularFiles {

    /** How much of the file decides what it is. */
    static final int HEAD_SIZE = 8192;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};

    private TabularFiles() {
    }

    /**
     * Opens the file and reads its header.
     *
     * @param file             the uploaded file as stored by Dozvon
     * @param originalFileName the name the user gave it, for messages and the journal (it may also tip the
     *                         delimiter detection towards TAB for {@code .tsv}); it never decides the format
     * @throws TabularFileException when the file cannot be read as a whole; the message tells the user why
     * @throws UncheckedIOException when Dozvon cannot read its own stored copy of the file
     */
    static TabularFile open(Path file, String originalFileName, ReadOptions options) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEAD_SIZE);
            }
            if (startsWith(head, ZIP)) {
                return XlsxFile.open(file, originalFileName, options);
            }
            if (startsWith(head, OLE2)) {
                return XlsFile.open(file, originalFileName, options);
            }
            if (CsvFile.ByteOrderMark.of(head) == null) {
                if (head.length == 0) {
                    throw new TabularFileException("the file is empty");
                }
                if (looksBinary(head)) {
                    throw new TabularFileException(
                            "the file is not a text (CSV) file nor an Excel workbook: it looks binary");
                }
            }
            return CsvFile.open(file, originalFileName, head, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stored file " + file + " (" + originalFileName + ")", e);
        }
    }

    /**
     * Text in any single-byte or UTF-8 encoding has no NUL bytes and next to no control characters; images,
     * PDFs, archives and executables have plenty of both. (UTF-16 text has NULs, but Excel writes it with
     * a byte order mark, which is looked for first.)
     */
    static boolean looksBinary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                control++;
            }
        }
        return control > head.length / 10;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
