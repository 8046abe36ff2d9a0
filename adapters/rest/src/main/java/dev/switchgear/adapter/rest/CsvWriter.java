package dev.switchgear.adapter.rest;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes CSV rows (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled;
 * lines end with CRLF). Text cells that a spreadsheet would read as a formula — starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return — get a leading apostrophe
 * (OWASP's CSV injection advice); numbers are written as they are.
 */
final class CsvWriter {

    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    /** One row; each value is a text cell unless it is a {@link Number} or {@link Boolean}. */
    void row(Object... values) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof java.math.BigDecimal decimal) {
                line.append(decimal.toPlainString());
            } else if (value instanceof Number || value instanceof Boolean) {
                line.append(value);
            } else {
                line.append(text(value.toString()));
            }
        }
        line.append("\r\n");
        out.write(line.toString());
    }

    /** A text cell, neutralised and quoted as needed. */
    static String text(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    void flush() throws IOException {
        out.flush();
    }
}
