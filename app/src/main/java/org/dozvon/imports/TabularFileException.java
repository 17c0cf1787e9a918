package org.dozvon.imports;

/**
 * A contact file that cannot be read as a whole (empty, binary, wrong encoding, broken quoting, duplicate
 * column names, a possible zip bomb...). The message is written for the person who uploaded the file: it
 * says what is wrong and, where it can, where ({@code the file is not valid UTF-8 (line 3): it looks like
 * Windows-1251}). It starts in lower case so that a caller can put the file name in front of it.
 * <p>
 * It may be thrown by {@link TabularFiles#open} and, for problems found only further down the file, by
 * {@link TabularFile#next()}. Problems of a single row are not exceptions but {@link TabularRow#problem()}.
 */
class TabularFileException extends RuntimeException {

    TabularFileException(String message) {
        super(message);
    }

    TabularFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
