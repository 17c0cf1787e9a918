package org.dozvon.imports;

/**
 * What a contact file turned out to be, judged by its content and never by its name.
 */
enum TabularFormat {

    /** Delimited text: CSV, TXT, TSV exported by Excel or written by hand. */
    CSV,

    /** An Office Open XML workbook (Excel 2007 and later). */
    XLSX,

    /** A BIFF8 workbook in an OLE2 container (Excel 97–2003). */
    XLS
}
