package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's character checks say what Spring Security's default regular expressions say, for every code point. */
class HeaderCharactersTest {

    // StrictHttpFirewall's defaults (spring-security-web 6.5)
    static final Pattern PLAIN = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointAloneAndBetweenLettersIsJudgedAsTheDefaultJudgesIt() {
        int refused = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String between = "a" + alone + "z";
            for (String text : new String[] {alone, between}) {
                assertThat(HeaderCharacters.plain(text)).as("U+%04X", codePoint).isEqualTo(PLAIN.matcher(text).matches());
                assertThat(HeaderCharacters.headerValue(text)).as("U+%04X", codePoint)
                        .isEqualTo(HEADER_VALUE.matcher(text).matches());
            }
            refused += HeaderCharacters.plain(alone) ? 0 : 1;
        }
        assertThat(refused).as("code points refused (unassigned or control)").isGreaterThan(800_000);
    }

    @Test
    void loneSurrogatesTabsAndRealHeadersAgreeToo() {
        String[] samples = {"", "Bearer sg-0123456789abcdef", "application/json; charset=utf-8", "a\tb", "a\nb", "a\rb",
            "\u0000", "x\u007f", "caf\u00e9", "\ud83d\ude00 smile", "\ud83d", "lone \ude00 low", "\ud83d\ud83d", "\u0085",
            "text/event-stream", "X-Power-Level", "gzip, deflate, br"};
        for (String text : samples) {
            assertThat(HeaderCharacters.plain(text)).as(text).isEqualTo(PLAIN.matcher(text).matches());
            assertThat(HeaderCharacters.headerValue(text)).as(text).isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
        assertThat(HeaderCharacters.headerValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.plain("a\tb")).isFalse();
        assertThat(HeaderCharacters.headerValue("a\nb")).isFalse();
    }
}
