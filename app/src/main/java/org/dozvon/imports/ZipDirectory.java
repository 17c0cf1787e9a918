package org.dozvon.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Looks at an XLSX file's ZIP central directory before anything is inflated: the sizes every part
 * declares, and the names that tell an Excel workbook from other ZIP-based documents. A zip bomb that
 * declares its size honestly is refused here without a byte being expanded; one that lies is caught by
 * POI's inflate guard ({@link XlsxFile.ZipLimits#applyToPoi()}).
 */
final class ZipDirectory {

    private ZipDirectory() {
    }

    static void check(Path file, XlsxFile.ZipLimits limits) throws IOException {
        boolean contentTypes = false;
        boolean workbook = false;
        boolean binaryWorkbook = false;
        boolean openDocument = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                contentTypes |= name.equals("[Content_Types].xml");
                workbook |= name.startsWith("xl/") && name.endsWith(".xml");
                binaryWorkbook |= name.equals("xl/workbook.bin");
                openDocument |= name.equals("mimetype") || name.equals("content.xml");
                checkSize(entry, limits);
            }
        } catch (ZipException e) {
            throw new TabularFileException("the file is a damaged ZIP archive, so it cannot be read as an Excel "
                    + "workbook (.xlsx): " + e.getMessage(), e);
        }
        if (binaryWorkbook) {
            throw new TabularFileException("the workbook is an Excel binary workbook (.xlsb), which cannot be "
                    + "imported: save it as an Excel workbook (.xlsx) or as CSV");
        }
        if (openDocument && !contentTypes) {
            throw new TabularFileException("the file is an OpenDocument file (.ods), which cannot be imported: "
                    + "save it as an Excel workbook (.xlsx) or as CSV");
        }
        if (!contentTypes || !workbook) {
            throw new TabularFileException("the file is a ZIP archive but not an Excel workbook (.xlsx)");
        }
    }

    private static void checkSize(ZipEntry entry, XlsxFile.ZipLimits limits) {
        long expanded = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (expanded < 0 || compressed < 0) {
            // not declared: POI's guard counts while inflating
            return;
        }
        // like POI's guard, small parts may compress as well as they like
        boolean tooCompressed = expanded > ZipSecureFile.getGraceEntrySize()
                && compressed < expanded * limits.minInflateRatio();
        if (expanded > limits.maxEntrySize() || tooCompressed) {
            throw bomb(expanded, compressed, false);
        }
        if (entry.getName().endsWith("sharedStrings.xml") && expanded > limits.maxSharedStringsSize()) {
            throw sharedStringsTooLarge(expanded, limits.maxSharedStringsSize());
        }
    }

    /**
     * @param expanded the size the table declares, or -1 when it is known only to be over the limit
     */
    static TabularFileException sharedStringsTooLarge(long expanded, long limit) {
        return new TabularFileException("the workbook's table of texts (shared strings) takes "
                + (expanded < 0 ? "" : size(expanded) + ", ") + "more than the " + size(limit)
                + " that can be held in memory: save the sheet as CSV and import that");
    }

    static TabularFileException bomb(long expanded, long compressed, boolean atLeast) {
        String ratio = compressed <= 0 ? "unlimited" : "1:" + Math.round(expanded / (double) compressed);
        return new TabularFileException("the workbook expands to " + (atLeast ? "more than " : "") + size(expanded)
                + " (ratio " + ratio + "): refused as a possible zip bomb");
    }

    /** A size as a file manager shows it: 1024-byte units. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value)))
                + " " + units[unit];
    }
}
