package org.strowger.sip.testcall.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test helpers: load SDP vectors, split descriptions into lines. */
final class Sdp {

    private Sdp() {
    }

    static String resource(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String path) {
        try (InputStream in = Sdp.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a description, which must all end in CRLF (RFC 8866 §5). */
    static List<String> lines(String sdp) {
        if (!sdp.endsWith("\r\n") || sdp.replace("\r\n", "").contains("\n")) {
            throw new AssertionError("not CRLF-terminated lines: " + sdp);
        }
        return Arrays.asList(sdp.split("\r\n"));
    }

    static List<String> mLines(String sdp) {
        return lines(sdp).stream().filter(l -> l.startsWith("m=")).toList();
    }

    /** The lines of the {@code index}-th media description (its m= line first). */
    static List<String> media(String sdp, int index) {
        List<String> all = lines(sdp);
        int seen = -1;
        int start = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("m=")) {
                seen++;
                if (seen == index) {
                    start = i;
                } else if (seen == index + 1) {
                    return all.subList(start, i);
                }
            }
        }
        if (start < 0) {
            throw new AssertionError("no media description " + index + " in " + sdp);
        }
        return all.subList(start, all.size());
    }
}
