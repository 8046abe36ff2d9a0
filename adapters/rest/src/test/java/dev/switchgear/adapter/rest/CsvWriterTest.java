package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** CSV cells as RFC 4180 and OWASP's CSV-injection advice want them. */
class CsvWriterTest {

    @Test
    void textIsQuotedWhenItMustBeAndQuotesAreDoubled() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", null, "");
        csv.flush();
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,\r\n");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralisedButNumbersAreNot() throws Exception {
        assertThat(CsvWriter.text("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvWriter.text("+cmd")).isEqualTo("'+cmd");
        assertThat(CsvWriter.text("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.text("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.text("=HYPERLINK(\"x\"),y")).isEqualTo("\"'=HYPERLINK(\"\"x\"\"),y\"");
        assertThat(CsvWriter.text("a=b")).isEqualTo("a=b");
        StringWriter out = new StringWriter();
        new CsvWriter(out).row(-5L, new BigDecimal("-0.000001"), new BigDecimal("1E+3").setScale(6), true, 0.25);
        assertThat(out.toString()).isEqualTo("-5,-0.000001,1000.000000,true,0.25\r\n");
    }
}
