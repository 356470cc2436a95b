package dev.fleetsynth.engine.ingest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * A workbook sheet streamed row by row (POI's event API: the sheet is never held in memory) into a
 * CSV file that DuckDB then types. Dates become ISO timestamps and numbers their plain value, not
 * the text Excel shows.
 */
final class Workbooks {
    /**
     * A data sheet of a 500 MB workbook expands to gigabytes of XML, far past the 50 MB that profile
     * workbooks are held to; the guard against zip bombs is POI's inflate ratio (at most 100x), kept.
     */
    private static final long MAX_SHEET_BYTES = 4L * 1024 * 1024 * 1024;

    private Workbooks() {}

    record Sheet(String name, long rows) {}

    static Sheet toCsv(Path workbook, String wanted, Path csv, int maxColumns) throws IOException, IngestException {
        // POI's guard is process-wide; data workbooks need the larger entry size (see MAX_SHEET_BYTES).
        ZipSecureFile.setMaxEntrySize(Math.max(ZipSecureFile.getMaxEntrySize(), MAX_SHEET_BYTES));
        ZipSecureFile.setMinInflateRatio(Math.max(ZipSecureFile.getMinInflateRatio(), 0.01));
        List<String> names = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    String name = it.getSheetName();
                    names.add(name);
                    if (wanted == null || wanted.equals(name)) {
                        long rows = stream(in, styles, strings, csv, maxColumns);
                        return new Sheet(name, rows);
                    }
                }
            }
        } catch (OpenXML4JException | SAXException | RuntimeException e) {
            if (e instanceof RuntimeException r && r.getCause() instanceof IngestException ie) {
                throw ie;
            }
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (reason.toLowerCase(Locale.ROOT).contains("zip bomb")
                    || reason.toLowerCase(Locale.ROOT).contains("inflate ratio")
                    || reason.toLowerCase(Locale.ROOT).contains("max entry size")) {
                throw IngestException.of(
                        "file",
                        null,
                        "the workbook expands far beyond its size (a zip bomb) and was refused",
                        "save the sheet as CSV and upload that");
            }
            throw IngestException.of(
                    "file",
                    null,
                    "the workbook is damaged or not an .xlsx file",
                    "save it again from Excel or LibreOffice as .xlsx, or as CSV");
        } catch (IOException e) {
            throw IngestException.of(
                    "file",
                    null,
                    "the workbook cannot be read: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "save it again from Excel or LibreOffice as .xlsx, or as CSV");
        }
        if (wanted != null) {
            throw IngestException.of(
                    "--sheet", null, "the workbook has no sheet named '" + wanted + "'", "use one of " + names);
        }
        throw IngestException.of("file", null, "the workbook has no sheet", "save the data in a sheet");
    }

    private static long stream(
            InputStream sheet, StylesTable styles, ReadOnlySharedStringsTable strings, Path csv, int maxColumns)
            throws IOException, SAXException {
        CsvMapper mapper = new CsvMapper();
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                SequenceWriter rows = mapper.writerFor(String[].class)
                        .with(CsvSchema.emptySchema())
                        .writeValues(out)) {
            Rows handler = new Rows(rows, maxColumns);
            XMLReader parser;
            try {
                parser = XMLHelper.newXMLReader();
            } catch (javax.xml.parsers.ParserConfigurationException e) {
                throw new IOException(e);
            }
            parser.setContentHandler(
                    new XSSFSheetXMLHandler(styles, null, strings, handler, new PlainFormatter(), false));
            parser.parse(new InputSource(sheet));
            return handler.rows;
        }
    }

    /** Collects a row's cells by column letter (empty cells are absent from the XML) and writes it. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SequenceWriter out;
        private final int maxColumns;
        private final List<String> cells = new ArrayList<>();
        private int width = -1;
        long rows;

        Rows(SequenceWriter out, int maxColumns) {
            this.out = out;
            this.maxColumns = maxColumns;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(String::isEmpty)) {
                return;
            }
            if (width < 0) {
                width = cells.size();
            }
            while (cells.size() < width) {
                cells.add("");
            }
            try {
                out.write(cells.subList(0, Math.max(width, cells.size())).toArray(String[]::new));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rows++;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= maxColumns) {
                throw new IllegalStateException(IngestException.of(
                        "file",
                        rows + 1,
                        "a row with more than " + maxColumns + " columns",
                        "keep the columns that describe the machine"));
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }

    /** Numbers as their value ("1551", "298.1"), dates and times as ISO timestamps. */
    private static final class PlainFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toString().replace('T', ' ');
            }
            return NumberToTextConverter.toText(value);
        }
    }
}
