package dev.switchgear.bootstrap;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters {@link StrictHttpFirewall} allows in header names, header values and parameter names,
 * by default — assigned Unicode code points that are not control characters (a tab too in a header
 * value) — checked one code point at a time instead of by the default's regular expression, which
 * allocated a matcher for every header of every request (issue #13's allocation profile). The same
 * rule: {@code HeaderCharactersTest} compares both over every code point. Parameter values, which
 * the default lets through whole, are held to the same rule, so no NUL reaches a parser or the
 * database. The firewall checks parameters when a handler first reads them, so its refusal surfaces
 * there; {@code RestErrorHandling} answers it with a 400.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** No unassigned code point, no control character. */
    static boolean plain(String text) {
        return allowed(text, false);
    }

    /** As {@link #plain}, and a horizontal tab allowed (header values). */
    static boolean headerValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean control = Character.getType(codePoint) == Character.CONTROL;
            if (Character.getType(codePoint) == Character.UNASSIGNED || control && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /** Spring Security's strict firewall with these checks. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::plain);
        firewall.setAllowedHeaderValues(HeaderCharacters::headerValue);
        firewall.setAllowedParameterNames(HeaderCharacters::plain);
        firewall.setAllowedParameterValues(HeaderCharacters::plain);
        return firewall;
    }
}
