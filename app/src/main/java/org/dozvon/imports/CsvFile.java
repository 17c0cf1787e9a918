package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A delimited text file, parsed by Commons CSV from text decoded strictly and kept within the cell limit by
 * {@link CsvFieldGuard}. Row numbers are Commons CSV's record numbers, blank lines included, so they are the
 * rows Excel shows when it opens the file (a value with line breaks inside quotes stays one row).
 */
final class CsvFile extends RowReadingFile {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    /** The delimiters detection chooses among, in order of preference when two fit equally well. */
    static final List<Character> DELIMITERS = List.of(';', ',', '\t', '|');

    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final int SAMPLE_RECORDS = 20;

    private final String fileName;
    private final Charset charset;
    private final char delimiter;
    private final int maxCellLength;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CsvFieldGuard guard;

    private CsvFile(String fileName, Charset charset, char delimiter, int maxCellLength, CSVParser parser,
            CsvFieldGuard guard) {
        this.fileName = fileName;
        this.charset = charset;
        this.delimiter = delimiter;
        this.maxCellLength = maxCellLength;
        this.parser = parser;
        this.records = parser.iterator();
        this.guard = guard;
    }

    static CsvFile open(Path file, String fileName, byte[] head, ReadOptions options) throws IOException {
        ByteOrderMark bom = ByteOrderMark.of(head);
        Charset charset = chooseCharset(file, bom, options.charset());
        int skip = bom == null ? 0 : bom.length();
        Sample sample = Sample.read(file, skip, charset);
        char delimiter = options.delimiter() != null
                ? options.delimiter()
                : detectDelimiter(sample, preferTab(fileName));

        InputStream in = Files.newInputStream(file);
        CSVParser parser = null;
        try {
            in.skipNBytes(skip);
            var decoded = new StrictDecodingReader(in, charset,
                    line -> notValidIn(file, charset, skip, options.charset() != null, line));
            var guard = new CsvFieldGuard(decoded, delimiter, options.maxCellLength());
            parser = CSVParser.builder().setReader(guard).setFormat(format(delimiter)).get();
            CsvFile csv = new CsvFile(fileName, charset, delimiter, options.maxCellLength(), parser, guard);
            csv.readHeader("the file is empty");
            if (options.delimiter() != null) {
                csv.checkExplicitDelimiter(sample, preferTab(fileName));
            }
            return csv;
        } catch (RuntimeException | IOException e) {
            if (parser != null) {
                parser.close();
            }
            in.close();
            throw e;
        }
    }

    private static CSVFormat format(char delimiter) {
        // blank lines are records here, so that row numbers count them as Excel does; next() skips them
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    }

    private void checkExplicitDelimiter(Sample sample, boolean preferTab) {
        if (header().size() != 1) {
            return;
        }
        String name = header().get(0);
        char better = detectDelimiter(sample, preferTab);
        if (better == delimiter || name.indexOf(better) < 0) {
            better = 0;
            for (char candidate : DELIMITERS) {
                if (candidate != delimiter && name.indexOf(candidate) >= 0) {
                    better = candidate;
                    break;
                }
            }
        }
        if (better != 0) {
            throw new TabularFileException("the header has only one column '" + name + "': is the delimiter "
                    + describe(better) + " rather than " + describe(delimiter) + "?");
        }
    }

    @Override
    RawRow readRaw() {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw new TabularFileException("the file cannot be read as CSV: " + e.getCause().getMessage(), e);
        }
        String[] values = record.values();
        Map<Integer, String> problems = Map.of();
        for (int i = 0; i < values.length; i++) {
            if (values[i].length() > maxCellLength) {
                if (problems.isEmpty()) {
                    problems = new HashMap<>();
                }
                problems.put(i, Header.tooLong(guard.takeOversizedLength(), maxCellLength));
                values[i] = values[i].substring(0, maxCellLength);
            }
        }
        return new RawRow(record.getRecordNumber(), Arrays.asList(values), problems);
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.CSV;
    }

    @Override
    public Optional<Charset> charset() {
        return Optional.of(charset);
    }

    @Override
    public Optional<Character> delimiter() {
        return Optional.of(delimiter);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- encoding

    private static Charset chooseCharset(Path file, ByteOrderMark bom, Charset given) throws IOException {
        if (bom != null) {
            if (given != null && !bom.fits(given)) {
                throw new TabularFileException("the file starts with the byte order mark of " + bom.charset().name()
                        + ", not " + displayName(given) + ": choose " + bom.charset().name()
                        + " or let the encoding be detected");
            }
            return bom.charset();
        }
        if (given != null) {
            return given;
        }
        return isValidUtf8(file, 0) ? StandardCharsets.UTF_8 : WINDOWS_1251;
    }

    /**
     * Whether all the bytes of the file decode as UTF-8. The whole file is checked, not a sample: a
     * Windows-1251 file often has only Latin letters and digits in its first lines.
     */
    static boolean isValidUtf8(Path file, int skip) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            boolean end = false;
            while (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                if (!end) {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                while (true) {
                    var result = decoder.decode(bytes, chars, end);
                    if (result.isError()) {
                        return false;
                    }
                    chars.clear();
                    if (result.isUnderflow()) {
                        break;
                    }
                }
                bytes.compact();
            }
            return !decoder.flush(chars).isError();
        }
    }

    private static TabularFileException notValidIn(Path file, Charset charset, int skip, boolean given, long line) {
        String message = "the file is not valid " + displayName(charset) + " (line " + line + ")";
        if (given) {
            try {
                Charset likely = isValidUtf8(file, skip) ? StandardCharsets.UTF_8 : WINDOWS_1251;
                if (!likely.equals(charset)) {
                    message += ": it looks like " + displayName(likely);
                }
            } catch (IOException e) {
                // the suggestion is a courtesy; the message stands without it
            }
        }
        return new TabularFileException(message);
    }

    static String displayName(Charset charset) {
        String name = charset.name();
        return name.startsWith("windows-") ? "Windows-" + name.substring("windows-".length()) : name;
    }

    // ---- delimiter

    static String describe(char delimiter) {
        return delimiter == '\t' ? "TAB" : "'" + delimiter + "'";
    }

    private static boolean preferTab(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab");
    }

    /**
     * The candidate that splits the first records of the file into the same number of columns, at least
     * two; the header's count decides what "the same" is. With none, the file has a single column and the
     * delimiter does not matter.
     */
    static char detectDelimiter(Sample sample, boolean preferTab) {
        List<Character> candidates = new ArrayList<>(DELIMITERS);
        if (preferTab) {
            candidates.remove(Character.valueOf('\t'));
            candidates.add(0, '\t');
        }
        char best = candidates.get(0);
        double bestAgreement = 0;
        int bestColumns = 1;
        for (char candidate : candidates) {
            List<Integer> counts = sample.columnCounts(format(candidate));
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int columns = counts.get(0);
            double agreement = counts.stream().filter(count -> count == columns).count() / (double) counts.size();
            if (agreement > bestAgreement || agreement == bestAgreement && columns > bestColumns) {
                best = candidate;
                bestAgreement = agreement;
                bestColumns = columns;
            }
        }
        return best;
    }

    /** The beginning of the file, decoded leniently, for detection only. */
    record Sample(String text, boolean complete) {

        static Sample read(Path file, int skip, Charset charset) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(skip);
                byte[] bytes = in.readNBytes(SAMPLE_BYTES);
                boolean complete = in.read() < 0;
                return new Sample(new String(bytes, charset), complete);
            }
        }

        List<Integer> columnCounts(CSVFormat format) {
            List<Integer> counts = new ArrayList<>();
            try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(format)
                    .get()) {
                for (CSVRecord record : parser) {
                    if (!Header.isBlank(Arrays.asList(record.values()))) {
                        counts.add(record.size());
                    }
                    if (counts.size() > SAMPLE_RECORDS) {
                        break;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a quoted value running past the end of the sample: the records before it are enough
            }
            if (!complete && counts.size() > 1) {
                // the last record may be cut in the middle
                counts.remove(counts.size() - 1);
            }
            return counts;
        }
    }

    // ---- byte order marks

    record ByteOrderMark(Charset charset, int length) {

        static ByteOrderMark of(byte[] head) {
            if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
                return new ByteOrderMark(StandardCharsets.UTF_8, 3);
            }
            if (startsWith(head, 0xFF, 0xFE)) {
                return new ByteOrderMark(StandardCharsets.UTF_16LE, 2);
            }
            if (startsWith(head, 0xFE, 0xFF)) {
                return new ByteOrderMark(StandardCharsets.UTF_16BE, 2);
            }
            return null;
        }

        boolean fits(Charset given) {
            return given.equals(charset) || given.equals(StandardCharsets.UTF_16) && charset.name().startsWith("UTF-16");
        }

        private static boolean startsWith(byte[] head, int... bytes) {
            if (head.length < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((head[i] & 0xFF) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
