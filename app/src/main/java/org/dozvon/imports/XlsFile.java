package org.dozvon.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The first sheet of an Excel 97–2003 workbook. POI reads a BIFF8 workbook only whole, into memory; that is
 * acceptable because such a sheet has at most 65 536 rows, and the file's size is capped
 * ({@link ReadOptions#xlsMaxFileSize()}) so that a crafted one cannot exhaust the memory.
 */
final class XlsFile extends RowReadingFile {

    private final String fileName;
    private final int maxCellLength;
    private final POIFSFileSystem container;
    private final HSSFWorkbook workbook;
    private final Iterator<Row> rows;
    private final CellFormatter formatter = new CellFormatter();

    private XlsFile(String fileName, int maxCellLength, POIFSFileSystem container, HSSFWorkbook workbook,
            Sheet sheet) {
        this.fileName = fileName;
        this.maxCellLength = maxCellLength;
        this.container = container;
        this.workbook = workbook;
        this.rows = sheet.rowIterator();
    }

    static XlsFile open(Path file, String fileName, ReadOptions options) throws IOException {
        long size = Files.size(file);
        if (size > options.xlsMaxFileSize()) {
            throw new TabularFileException("the Excel 97–2003 workbook (.xls) is " + ZipDirectory.size(size)
                    + ", larger than the " + ZipDirectory.size(options.xlsMaxFileSize())
                    + " allowed: save it as an Excel workbook (.xlsx) or as CSV");
        }
        POIFSFileSystem container;
        try {
            container = new POIFSFileSystem(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new TabularFileException("the file looks like an Excel 97–2003 workbook (.xls) but is damaged",
                    e);
        }
        HSSFWorkbook workbook = null;
        try {
            DirectoryNode root = container.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptionInfo")) {
                // a password-protected XLSX is an OLE2 container too
                throw passwordProtected();
            }
            if (!root.hasEntryCaseInsensitive("Workbook") && root.hasEntryCaseInsensitive("Book")) {
                throw oldFormat();
            }
            if (!root.hasEntryCaseInsensitive("Workbook")) {
                throw new TabularFileException(
                        "the file is a Microsoft Office document but not an Excel workbook (.xls)");
            }
            workbook = new HSSFWorkbook(root, false);
            if (workbook.getNumberOfSheets() == 0) {
                throw new TabularFileException("the workbook has no sheet");
            }
            XlsFile xls = new XlsFile(fileName, options.maxCellLength(), container, workbook,
                    workbook.getSheetAt(0));
            xls.readHeader("the workbook's first sheet '" + workbook.getSheetName(0) + "' is empty");
            return xls;
        } catch (TabularFileException e) {
            closeQuietly(workbook, container);
            throw e;
        } catch (EncryptedDocumentException e) {
            closeQuietly(workbook, container);
            throw passwordProtected();
        } catch (OldExcelFormatException e) {
            closeQuietly(workbook, container);
            throw oldFormat();
        } catch (IOException | RuntimeException e) {
            closeQuietly(workbook, container);
            throw new TabularFileException("the Excel 97–2003 workbook (.xls) cannot be read: it may be damaged ("
                    + e.getMessage() + ")", e);
        }
    }

    private static TabularFileException passwordProtected() {
        return new TabularFileException(
                "the workbook is protected by a password: save it without the password and upload it again");
    }

    private static TabularFileException oldFormat() {
        return new TabularFileException("the workbook is in the Excel 5.0/95 format, which cannot be imported: "
                + "save it as an Excel workbook (.xlsx) or as CSV");
    }

    @Override
    RawRow readRaw() {
        if (!rows.hasNext()) {
            return null;
        }
        Row row = rows.next();
        List<String> cells = new ArrayList<>();
        Map<Integer, String> problems = new HashMap<>();
        for (Cell cell : row) {
            int column = cell.getColumnIndex();
            String text;
            try {
                text = text(cell);
            } catch (RuntimeException e) {
                problems.put(column, "the cell cannot be read (" + e.getMessage() + ")");
                text = "";
            }
            if (text.length() > maxCellLength) {
                problems.put(column, Header.tooLong(text.length(), maxCellLength));
                text = text.substring(0, maxCellLength);
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, text);
        }
        return new RawRow(row.getRowNum() + 1L, cells, problems);
    }

    private String text(Cell cell) {
        return switch (cell.getCellType()) {
            case FORMULA -> "=" + cell.getCellFormula();
            case NUMERIC -> {
                CellStyle style = cell.getCellStyle();
                yield formatter.formatRawCellContents(cell.getNumericCellValue(), style.getDataFormat(),
                        style.getDataFormatString());
            }
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> "";
        };
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.XLS;
    }

    @Override
    public void close() {
        closeQuietly(workbook, container);
    }

    private static void closeQuietly(HSSFWorkbook workbook, POIFSFileSystem container) {
        try {
            if (workbook != null) {
                workbook.close();
            }
            if (container != null) {
                container.close();
            }
        } catch (IOException e) {
            // read only: nothing to lose
        }
    }
}
