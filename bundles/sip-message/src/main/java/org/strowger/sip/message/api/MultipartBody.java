package org.strowger.sip.message.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multipart body (RFC 2046 §5.1.1, used by SIP per RFC 5621) at its boundary
 * delimiters. Work is linear in the body size; parts are at most {@link #MAX_PARTS}.
 */
public final class MultipartBody {
    /** Upper bound on the number of parts accepted. */
    public static final int MAX_PARTS = 64;

    private MultipartBody() {
    }

    /**
     * @param contentType a multipart/* type with a boundary parameter
     * @throws MalformedHeaderException when the type has no boundary or the body does not contain
     *                                  well-formed delimiters
     */
    public static List<BodyPart> parse(MediaType contentType, byte[] body) {
        if (!"multipart".equals(contentType.type())) {
            throw new MalformedHeaderException("Bad Content-Type: not a multipart type");
        }
        String boundary = contentType.param("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new MalformedHeaderException("Bad Content-Type: multipart without a valid boundary");
        }
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int p = findDelimiter(body, dash, 0);
        if (p < 0) {
            throw new MalformedHeaderException("Bad multipart body: no boundary delimiter");
        }
        List<BodyPart> parts = new ArrayList<>();
        while (true) {
            int after = p + dash.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts; // close-delimiter
            }
            int lineEnd = indexOf(body, (byte) '\n', after);
            if (lineEnd < 0) {
                throw new MalformedHeaderException("Bad multipart body: missing close delimiter");
            }
            int partStart = lineEnd + 1;
            int next = findDelimiter(body, dash, partStart);
            if (next < 0) {
                throw new MalformedHeaderException("Bad multipart body: missing close delimiter");
            }
            int partEnd = next;
            if (partEnd > partStart && body[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > partStart && body[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            parts.add(part(body, partStart, partEnd));
            if (parts.size() > MAX_PARTS) {
                throw new MalformedHeaderException("Bad multipart body: more than " + MAX_PARTS + " parts");
            }
            p = next;
        }
    }

    private static BodyPart part(byte[] body, int start, int end) {
        List<SipHeader> headers = new ArrayList<>(2);
        int p = start;
        while (p < end) {
            int eol = indexOf(body, (byte) '\n', p);
            if (eol < 0 || eol > end) {
                eol = end;
            }
            int lineEnd = eol > p && body[eol - 1] == '\r' ? eol - 1 : eol;
            if (lineEnd == p) {
                p = Math.min(eol + 1, end);
                byte[] content = new byte[end - p];
                System.arraycopy(body, p, content, 0, content.length);
                return new BodyPart(headers, content);
            }
            String line = new String(body, p, lineEnd - p, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedHeaderException("Bad multipart body: malformed part header");
            }
            headers.add(new SipHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            p = eol + 1;
        }
        return new BodyPart(headers, new byte[0]); // headers only, no content
    }

    /** A delimiter is "--boundary" at the start of the body or right after a line end. */
    private static int findDelimiter(byte[] body, byte[] dash, int from) {
        for (int i = from; i + dash.length <= body.length; i++) {
            if ((i == 0 || body[i - 1] == '\n') && regionEquals(body, i, dash)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(byte[] body, int at, byte[] dash) {
        for (int j = 0; j < dash.length; j++) {
            if (body[at + j] != dash[j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
