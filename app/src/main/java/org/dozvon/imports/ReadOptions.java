package org.dozvon.imports;

import java.nio.charset.Charset;

/**
 * How to read a contact file. {@link #DEFAULTS} suits files as users export them from Excel.
 *
 * @param charset                  the CSV file's encoding, or {@code null} to detect it (UTF-8 when the bytes
 *                                 are valid UTF-8, Windows-1251 otherwise)
 * @param delimiter                the CSV delimiter, or {@code null} to detect it among {@code ;} {@code ,}
 *                                 TAB {@code |}
 * @param maxCellLength            the longest cell value, in characters; a longer cell makes its row a
 *                                 problem row and is never held whole in memory when the file is a CSV
 * @param xlsxMaxEntrySize         the largest uncompressed part of an XLSX file, in bytes (at most 4 GiB)
 * @param xlsxMaxSharedStringsSize the largest uncompressed shared-strings part of an XLSX file, in bytes:
 *                                 unlike the sheet, that table is held in memory while the sheet is read
 * @param xlsxMinInflateRatio      the smallest compressed-to-uncompressed size ratio of an XLSX part;
 *                                 0.01 refuses parts that expand more than a hundredfold
 * @param xlsMaxFileSize           the largest XLS file, in bytes: XLS workbooks are read whole into memory
 */
record ReadOptions(
        Charset charset,
        Character delimiter,
        int maxCellLength,
        long xlsxMaxEntrySize,
        long xlsxMaxSharedStringsSize,
        double xlsxMinInflateRatio,
        long xlsMaxFileSize) {

    static final long MIB = 1024L * 1024;

    static final ReadOptions DEFAULTS = new ReadOptions(null, null, 65_536, 1024 * MIB, 256 * MIB, 0.01, 64 * MIB);

    ReadOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("a quote or a line break cannot be the delimiter");
        }
        if (maxCellLength < 1) {
            throw new IllegalArgumentException("maxCellLength must be positive: " + maxCellLength);
        }
        // POI's own inflate guard cannot count beyond 4 GiB per entry
        if (xlsxMaxEntrySize < 1 || xlsxMaxEntrySize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("xlsxMaxEntrySize must be between 1 byte and 4 GiB: " + xlsxMaxEntrySize);
        }
        if (xlsxMaxSharedStringsSize < 1) {
            throw new IllegalArgumentException("xlsxMaxSharedStringsSize must be positive: " + xlsxMaxSharedStringsSize);
        }
        if (!(xlsxMinInflateRatio > 0 && xlsxMinInflateRatio < 1)) {
            throw new IllegalArgumentException("xlsxMinInflateRatio must be between 0 and 1: " + xlsxMinInflateRatio);
        }
        if (xlsMaxFileSize < 1) {
            throw new IllegalArgumentException("xlsMaxFileSize must be positive: " + xlsMaxFileSize);
        }
    }

    ReadOptions withCharset(Charset charset) {
        return new ReadOptions(charset, delimiter, maxCellLength, xlsxMaxEntrySize, xlsxMaxSharedStringsSize,
                xlsxMinInflateRatio, xlsMaxFileSize);
    }

    ReadOptions withDelimiter(Character delimiter) {
        return new ReadOptions(charset, delimiter, maxCellLength, xlsxMaxEntrySize, xlsxMaxSharedStringsSize,
                xlsxMinInflateRatio, xlsMaxFileSize);
    }

    ReadOptions withMaxCellLength(int maxCellLength) {
        return new ReadOptions(charset, delimiter, maxCellLength, xlsxMaxEntrySize, xlsxMaxSharedStringsSize,
                xlsxMinInflateRatio, xlsMaxFileSize);
    }

    ReadOptions withXlsxLimits(long maxEntrySize, long maxSharedStringsSize, double minInflateRatio) {
        return new ReadOptions(charset, delimiter, maxCellLength, maxEntrySize, maxSharedStringsSize,
                minInflateRatio, xlsMaxFileSize);
    }

    ReadOptions withXlsMaxFileSize(long xlsMaxFileSize) {
        return new ReadOptions(charset, delimiter, maxCellLength, xlsxMaxEntrySize, xlsxMaxSharedStringsSize,
                xlsxMinInflateRatio, xlsMaxFileSize);
    }
}
