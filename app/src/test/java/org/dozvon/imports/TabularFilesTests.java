package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dozvon.imports.TestFiles.open;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a file is comes from its content; the name never decides.
 */
class TabularFilesTests {

    @TempDir
    Path folder;

    @Test
    void refusesABinaryFileNamedCsv() {
        byte[] png = new byte[4096];
        new Random(7).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13}, 0, png, 0, 12);
        Path file = TestFiles.bytes(folder, "contacts.csv", png);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the file is not a text (CSV) file nor an Excel workbook: it looks binary");
    }

    @Test
    void refusesAPdfNamedCsv() {
        byte[] pdf = ("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Length 100 /Filter /FlateDecode >>\nstream\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] content = new byte[pdf.length + 2048];
        System.arraycopy(pdf, 0, content, 0, pdf.length);
        new Random(11).ints(2048, 0, 256).forEach(new java.util.function.IntConsumer() {
            int i = pdf.length;

            @Override
            public void accept(int value) {
                content[i++] = (byte) value;
            }
        });
        Path file = TestFiles.bytes(folder, "contacts.csv", content);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the file is not a text (CSV) file nor an Excel workbook: it looks binary");
    }

    @Test
    void refusesAnEmptyFileWhateverItsName() {
        Path file = TestFiles.bytes(folder, "contacts.xlsx", new byte[0]);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the file is empty");
    }
}
