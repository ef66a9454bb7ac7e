package io.sinkline.maxcompute.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.sinkline.core.record.RecordFormatException;

class CsvLineParserTest {

    private final CsvLineParser comma = new CsvLineParser(',', "\\N");

    @Test
    void splitsPlainFields() {
        assertThat(comma.parse("1103,zhangsan,china")).containsExactly("1103", "zhangsan", "china");
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        assertThat(comma.parse("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"")).containsExactly("a,b", "say \"hi\"", "x\ny");
    }

    @Test
    void unquotedNullTextIsNullButQuotedIsLiteral() {
        assertThat(comma.parse("\\N,\"\\N\",")).isEqualTo(Arrays.asList(null, "\\N", ""));
    }

    @Test
    void otherDelimiters() {
        assertThat(new CsvLineParser('|', "NULL").parse("1|NULL|x,y")).isEqualTo(Arrays.asList("1", null, "x,y"));
    }

    @Test
    void brokenQuotingIsAnError() {
        assertThatThrownBy(() -> comma.parse("\"open,b")).isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("no closing quote");
        assertThatThrownBy(() -> comma.parse("\"a\"b,c")).isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("text after its closing quote");
    }
}
