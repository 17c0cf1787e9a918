package org.dozvon.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.SharedFormula;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The first sheet of an XLSX workbook, streamed: POI's {@link XSSFSheetXMLHandler} turns the sheet's XML
 * into cell values (shared strings, styles, number formats), and this class feeds it from a StAX reader one
 * event at a time, so that {@link #next()} can stop after each row instead of being pushed the whole sheet.
 * Only the shared-strings table is held in memory, and its size is limited.
 * <p>
 * The handler can give formula text instead of results, but it gives nothing for a formula cell without a
 * cached value and an empty text for a copy of a shared formula (what Excel writes when a formula is filled
 * down). So formulas are taken from the XML here: the text as written, or for a copy the original formula
 * moved to the copy's cell by POI's own formula parser, the way Excel shows it.
 */
final class XlsxFile extends RowReadingFile {

    private static final String TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    private final String fileName;
    private final int maxCellLength;
    private final OPCPackage workbook;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final Contents contents = new Contents();
    private final XSSFSheetXMLHandler handler;
    private final List<String> sheetNames;
    private final ZipLimits limits;
    private final boolean unstyled;

    // the row being read, filled by the handler's callbacks
    private long rowNumber;
    private List<String> cells;
    private Map<Integer, String> problems;
    private int nextColumn;
    private RawRow completed;

    // the cell being read, as seen in the XML next to the handler
    private String cellReference;
    private boolean cellHasFormula;
    private boolean cellNumeric;
    private boolean cellWritten;
    private boolean inFormula;
    private final StringBuilder formula = new StringBuilder();
    private String sharedFormulaIndex;
    private String sharedFormulaRange;
    private final Map<String, FormulaOrigin> sharedFormulas = new HashMap<>();
    private XSSFEvaluationWorkbook formulaParsingWorkbook;

    private XlsxFile(String fileName, ReadOptions options, OPCPackage workbook, InputStream sheet,
            StylesTable styles, SharedStrings strings, List<String> sheetNames, ZipLimits limits)
            throws XMLStreamException {
        this.fileName = fileName;
        this.maxCellLength = options.maxCellLength();
        this.workbook = workbook;
        this.sheet = sheet;
        this.sheetNames = sheetNames;
        this.limits = limits;
        this.unstyled = styles == null;
        this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheet);
        // formulas are taken from the XML here (see above), so the handler may as well give results: asked for
        // formulas, it would log a warning for every copy of a shared formula
        this.handler = new XSSFSheetXMLHandler(styles, null, strings, contents, new CellFormatter(), false);
    }

    static XlsxFile open(Path file, String fileName, ReadOptions options) throws IOException {
        ZipLimits limits = ZipLimits.check(file, options);
        OPCPackage workbook = null;
        InputStream first = null;
        try {
            limits.applyToPoi();
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            SharedStrings strings = sharedStrings(workbook, options.xlsxMaxSharedStringsSize());
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                InputStream sheet = sheets.next();
                names.add(sheets.getSheetName());
                if (first == null) {
                    first = sheet;
                } else {
                    sheet.close();
                }
            }
            if (first == null) {
                throw new TabularFileException("the workbook has no sheet");
            }
            XlsxFile xlsx = new XlsxFile(fileName, options, workbook, first, styles, strings, names, limits);
            xlsx.readHeader("the workbook's first sheet '" + names.get(0) + "' is empty");
            return xlsx;
        } catch (TabularFileException e) {
            closeQuietly(first, workbook);
            throw e;
        } catch (Exception e) {
            closeQuietly(first, workbook);
            throw limits.translate(e);
        }
    }

    private static SharedStrings sharedStrings(OPCPackage workbook, long limit) throws IOException, SAXException {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(workbook, false);
        }
        // the table is held in memory, so its size is counted while it is read, whatever the ZIP declares
        try (InputStream in = new LimitedInputStream(parts.get(0).getInputStream(), limit)) {
            return new ReadOnlySharedStringsTable(in, false);
        }
    }

    @Override
    RawRow readRaw() {
        try {
            while (completed == null && xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.END_ELEMENT -> endElement();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            characters();
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException | SAXException | RuntimeException e) {
            if (e instanceof TabularFileException tabular) {
                throw tabular;
            }
            throw limits.translate(e);
        }
        RawRow row = completed;
        completed = null;
        return row;
    }

    // ---- StAX events to SAX calls, with formulas noted on the way

    private void startElement() throws SAXException {
        String uri = namespace();
        String name = xml.getLocalName();
        AttributesImpl attributes = new AttributesImpl();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String prefix = xml.getAttributePrefix(i);
            String local = xml.getAttributeLocalName(i);
            String namespace = xml.getAttributeNamespace(i);
            attributes.addAttribute(namespace == null ? "" : namespace, local,
                    prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, "CDATA",
                    xml.getAttributeValue(i));
        }
        if (TRANSITIONAL.equals(uri)) {
            if ("c".equals(name)) {
                cellReference = attributes.getValue("r");
                String type = attributes.getValue("t");
                cellNumeric = type == null || "n".equals(type);
                cellHasFormula = false;
                cellWritten = false;
                sharedFormulaIndex = null;
                sharedFormulaRange = null;
                formula.setLength(0);
            } else if ("f".equals(name)) {
                cellHasFormula = true;
                inFormula = true;
                if ("shared".equals(attributes.getValue("t"))) {
                    sharedFormulaIndex = attributes.getValue("si");
                    sharedFormulaRange = attributes.getValue("ref");
                }
            }
        }
        handler.startElement(uri, name, qualifiedName(), attributes);
    }

    private void endElement() throws SAXException {
        String uri = namespace();
        String name = xml.getLocalName();
        handler.endElement(uri, name, qualifiedName());
        if (TRANSITIONAL.equals(uri)) {
            if ("f".equals(name)) {
                inFormula = false;
                if (sharedFormulaIndex != null && sharedFormulaRange != null && !formula.isEmpty()) {
                    CellRangeAddress range = CellRangeAddress.valueOf(sharedFormulaRange);
                    sharedFormulas.put(sharedFormulaIndex,
                            new FormulaOrigin(formula.toString(), range.getFirstRow(), range.getFirstColumn()));
                }
            } else if ("c".equals(name) && cellHasFormula && !cellWritten) {
                // a formula without a cached value: the handler wrote nothing
                contents.cell(cellReference, "", null);
            }
        }
    }

    private void characters() throws SAXException {
        if (inFormula) {
            formula.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
        }
        handler.characters(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
    }

    private String namespace() {
        String uri = xml.getNamespaceURI();
        // Strict Open XML names the same elements in another namespace
        return STRICT.equals(uri) ? TRANSITIONAL : uri == null ? "" : uri;
    }

    private String qualifiedName() {
        String prefix = xml.getPrefix();
        return prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
    }

    // ---- cells

    private final class Contents implements SheetContentsHandler {

        @Override
        public void startRow(int rowNum) {
            rowNumber = rowNum + 1L;
            cells = new ArrayList<>();
            problems = new HashMap<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            completed = new RawRow(rowNumber, cells, problems);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int row = (int) rowNumber - 1;
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            cellWritten = true;
            String text = value == null ? "" : value;
            if (cellHasFormula) {
                text = formulaText(row, column);
            } else if (unstyled && cellNumeric && text.contains("E")) {
                // without a styles part the handler passes the XML's number on as written (7.9123456789E10)
                text = generalNumber(text);
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            if (text.length() > maxCellLength) {
                problems.put(column, Header.tooLong(text.length(), maxCellLength));
                text = text.substring(0, maxCellLength);
            }
            cells.set(column, text);
        }

        private String formulaText(int row, int column) {
            if (!formula.isEmpty()) {
                return "=" + formula;
            }
            FormulaOrigin origin = sharedFormulaIndex == null ? null : sharedFormulas.get(sharedFormulaIndex);
            if (origin == null) {
                problems.put(column, "the cell's formula cannot be found in the file");
                return "";
            }
            try {
                return "=" + moved(origin, row, column);
            } catch (RuntimeException e) {
                problems.put(column, "the cell's formula is a copy of the one in "
                        + new CellReference(origin.row(), origin.column()).formatAsString()
                        + " and cannot be written out as text (" + e.getMessage() + "): paste the values instead");
                return "";
            }
        }
    }

    private static String generalNumber(String raw) {
        try {
            return new CellFormatter().formatRawCellContents(Double.parseDouble(raw), 0, "General");
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private String moved(FormulaOrigin origin, int row, int column) {
        if (formulaParsingWorkbook == null) {
            // an empty workbook with the same sheet names is all the parser needs to resolve references
            XSSFWorkbook names = new XSSFWorkbook();
            sheetNames.forEach(names::createSheet);
            formulaParsingWorkbook = XSSFEvaluationWorkbook.create(names);
        }
        Ptg[] parsed = FormulaParser.parse(origin.text(), formulaParsingWorkbook, FormulaType.CELL, 0, origin.row());
        Ptg[] moved = new SharedFormula(SpreadsheetVersion.EXCEL2007)
                .convertSharedFormulas(parsed, row - origin.row(), column - origin.column());
        return FormulaRenderer.toFormulaString(formulaParsingWorkbook, moved);
    }

    private record FormulaOrigin(String text, int row, int column) {
    }

    // ---- the rest of the contract

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.XLSX;
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing was being written
        }
        closeQuietly(sheet, workbook);
    }

    private static void closeQuietly(InputStream sheet, OPCPackage workbook) {
        try {
            if (sheet != null) {
                sheet.close();
            }
        } catch (IOException e) {
            // read only: nothing to lose
        }
        if (workbook != null) {
            // revert, not close: close() means "save" to OPCPackage
            workbook.revert();
        }
    }

    /** Fails a read with an exception POI's inflate guard recognises as its own. */
    private static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws IOException {
            count += read;
            if (count > limit) {
                throw new SharedStringsTooLargeException(limit);
            }
        }
    }

    static final class SharedStringsTooLargeException extends IOException {

        final long limit;

        SharedStringsTooLargeException(long limit) {
            super("shared strings larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    /**
     * The ZIP limits of one XLSX file: checked first against what the ZIP's central directory declares, then
     * enforced by POI while inflating, for files whose declarations lie.
     */
    record ZipLimits(long maxEntrySize, long maxSharedStringsSize, double minInflateRatio) {

        private static final Pattern POI_FIGURES = Pattern.compile(
                "Uncompressed size: (\\d+), Raw/compressed size: (\\d+)");

        static ZipLimits check(Path file, ReadOptions options) throws IOException {
            ZipLimits limits = new ZipLimits(options.xlsxMaxEntrySize(), options.xlsxMaxSharedStringsSize(),
                    options.xlsxMinInflateRatio());
            ZipDirectory.check(file, limits);
            return limits;
        }

        /**
         * POI's limits are static, for the whole JVM, and POI reads them while it inflates; so they are set
         * before every workbook is opened, to this file's limits. Dozvon reads every import with the same
         * options, so concurrent imports set the same values.
         */
        void applyToPoi() {
            synchronized (ZipSecureFile.class) {
                ZipSecureFile.setMaxEntrySize(maxEntrySize);
                ZipSecureFile.setMinInflateRatio(minInflateRatio);
            }
        }

        TabularFileException translate(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SharedStringsTooLargeException) {
                    return ZipDirectory.sharedStringsTooLarge(-1, maxSharedStringsSize);
                }
                String message = cause.getMessage();
                if (message != null && message.contains("Zip bomb detected")) {
                    Matcher figures = POI_FIGURES.matcher(message);
                    if (figures.find()) {
                        long expanded = Long.parseLong(figures.group(1));
                        long compressed = Long.parseLong(figures.group(2));
                        return ZipDirectory.bomb(expanded, compressed, true);
                    }
                    return new TabularFileException("the workbook expands beyond its limits ("
                            + ZipDirectory.size(maxEntrySize) + ", ratio 1:" + Math.round(1 / minInflateRatio)
                            + "): refused as a possible zip bomb");
                }
            }
            String reason = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
            return new TabularFileException("the file is a ZIP archive but cannot be read as an Excel workbook "
                    + "(.xlsx): it may be damaged (" + reason + ")", failure);
        }
    }
}
