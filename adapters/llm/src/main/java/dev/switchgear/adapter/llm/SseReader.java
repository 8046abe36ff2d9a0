package dev.switchgear.adapter.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Server-Sent Events from a stream (the WHATWG format): returns each event's data, its
 * {@code data:} lines joined by newlines, when the blank line that ends it arrives. Comments and
 * other fields ({@code event:}, {@code id:}, {@code retry:}) are skipped. Tells the watchdog of
 * every read, so idle deadlines count from the last byte.
 */
final class SseReader {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
    private boolean hasData;

    SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event's data, or null at the end of the stream. */
    byte[] next(UpstreamWatchdog.Watch watch) throws IOException {
        while (true) {
            byte[] current = readLine(watch);
            if (current == null) {
                return hasData ? take() : null;
            }
            if (current.length == 0) {
                if (hasData) {
                    return take();
                }
                continue;
            }
            if (current[0] == ':') {
                continue;
            }
            if (startsWith(current, "data")) {
                int start = 4;
                if (current.length > 4 && current[4] != ':') {
                    continue;
                }
                start = current.length > 4 ? 5 : 4;
                if (start < current.length && current[start] == ' ') {
                    start++;
                }
                if (hasData) {
                    data.write('\n');
                }
                data.write(current, start, current.length - start);
                hasData = true;
            }
        }
    }

    private byte[] take() {
        byte[] event = data.toByteArray();
        data.reset();
        hasData = false;
        return event;
    }

    private byte[] readLine(UpstreamWatchdog.Watch watch) throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return line.size() > 0 ? strip(line.toByteArray()) : null;
                }
                watch.activity();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return strip(line.toByteArray());
            }
            line.write(b);
        }
    }

    private static byte[] strip(byte[] bytes) {
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, shorter.length);
            return shorter;
        }
        return bytes;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
