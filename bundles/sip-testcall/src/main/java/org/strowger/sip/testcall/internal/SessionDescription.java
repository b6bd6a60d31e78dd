package org.strowger.sip.testcall.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an SDP session description (RFC 8866) that offer/answer (RFC 3264) needs: the
 * timing line, the session-level connection and attributes, and each media description with its
 * port, protocol, formats, connection and attributes. Everything else (bandwidth, keys, time zones,
 * ICE, SSRC …) is skipped, since the answer does not repeat it.
 *
 * <p>{@link #parse} is defensive: whatever the input, it returns a description or throws
 * {@link MalformedSdpException} whose message names the problem, fit to be a SIP warn-text.
 *
 * @param timing       the value of the first {@code t=} line (RFC 8866 §5.9), e.g. {@code 0 0}
 * @param connection   the session-level {@code c=} value (§5.7), or {@code null}
 * @param attributes   session-level {@code a=} values (§5.13), in order
 * @param media        the media descriptions (§5.14), in order
 */
record SessionDescription(String timing, String connection, List<String> attributes, List<Media> media) {

    /** Upper bound on lines, so a hostile body costs bounded work. */
    static final int MAX_LINES = 2000;

    SessionDescription {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * One media description: {@code m=<media> <port>[/<count>] <proto> <fmt> ...} (RFC 8866 §5.14)
     * and the lines under it.
     *
     * @param type        media type ({@code audio}, {@code video} …), lower case as on the wire
     * @param port        transport port, 0 = stream offered but not to be used (RFC 3264 §5.1)
     * @param protocol    transport protocol, e.g. {@code RTP/AVP}
     * @param formats     media formats in offer order (payload type numbers for RTP)
     * @param connection  the media-level {@code c=} value, or {@code null}
     * @param attributes  media-level {@code a=} values, in order
     */
    record Media(String type, int port, String protocol, List<String> formats, String connection,
            List<String> attributes) {

        Media {
            formats = List.copyOf(formats);
            attributes = List.copyOf(attributes);
        }

        /** Whether the protocol is RTP, whose formats are payload type numbers (RFC 8866 §5.14). */
        boolean isRtp() {
            return isRtp(protocol);
        }

        static boolean isRtp(String protocol) {
            return protocol.toUpperCase(java.util.Locale.ROOT).contains("RTP/");
        }

        /** The connection in effect: media level, else session level (RFC 8866 §5.7). */
        String effectiveConnection(SessionDescription session) {
            return connection != null ? connection : session.connection();
        }

        /** The value of the first media-level attribute {@code name}, e.g. {@code ptime} → "20". */
        Optional<String> attribute(String name) {
            return SessionDescription.attribute(attributes, name);
        }

        /** Every value of the media-level attribute {@code name} (e.g. all {@code rtpmap}s). */
        List<String> attributes(String name) {
            List<String> out = new ArrayList<>();
            String prefix = name + ":";
            for (String a : attributes) {
                if (a.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    out.add(a.substring(prefix.length()).trim());
                }
            }
            return out;
        }
    }

    /** The value of the first session-level attribute {@code name}, flags giving "". */
    Optional<String> attribute(String name) {
        return attribute(attributes, name);
    }

    private static Optional<String> attribute(List<String> attributes, String name) {
        for (String a : attributes) {
            if (a.equalsIgnoreCase(name)) {
                return Optional.of("");
            }
            if (a.length() > name.length() && a.charAt(name.length()) == ':'
                    && a.regionMatches(true, 0, name, 0, name.length())) {
                return Optional.of(a.substring(name.length() + 1).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a session description. Lines end in CRLF or LF (RFC 8866 §5 asks for CRLF and lets
     * parsers accept LF); each is {@code <type>=<value>} with a one-letter type and no space around
     * the {@code =}. Checked: the first line is {@code v=0} (§5.1); an {@code o=} (§5.2) and a
     * {@code t=} (§5.9) line are present; each {@code m=} line has a media type, a port (0–65535)
     * with an optional port count, a protocol and at least one format, and, for RTP, formats that are
     * payload type numbers 0–127; every media description has a connection, its own or the
     * session's (§5.7), unless its port is 0. Unknown line types are skipped (§5).
     *
     * @throws MalformedSdpException naming the first problem found
     */
    static SessionDescription parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedSdpException("empty session description");
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES) {
            throw new MalformedSdpException("session description longer than " + MAX_LINES + " lines");
        }
        String timing = null;
        String sessionConnection = null;
        boolean origin = false;
        List<String> sessionAttributes = new ArrayList<>();
        List<Media> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean version = false;
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isEmpty()) {
                continue; // trailing CRLF, or a blank line some agents add
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !isTypeLetter(line.charAt(0))) {
                throw new MalformedSdpException("line " + number + " is not <type>=<value>");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!version) {
                if (type != 'v' || !value.trim().equals("0")) {
                    throw new MalformedSdpException("first line is not v=0");
                }
                version = true;
                continue;
            }
            switch (type) {
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build(sessionConnection));
                    }
                    current = MediaBuilder.parse(value, number);
                }
                case 'c' -> {
                    checkConnection(value, number);
                    if (current != null) {
                        current.connection = value.trim();
                    } else {
                        sessionConnection = value.trim();
                    }
                }
                case 'a' -> {
                    if (current != null) {
                        current.attributes.add(value.trim());
                    } else {
                        sessionAttributes.add(value.trim());
                    }
                }
                case 'o' -> origin = true;
                case 't' -> {
                    if (current == null && timing == null) {
                        timing = value.trim();
                    }
                }
                default -> {
                    // s, i, u, e, p, b, r, z, k and unknown types: not needed for the answer (§5)
                }
            }
        }
        if (current != null) {
            media.add(current.build(sessionConnection));
        }
        if (!origin) {
            throw new MalformedSdpException("no o= line");
        }
        if (timing == null) {
            throw new MalformedSdpException("no t= line");
        }
        return new SessionDescription(timing, sessionConnection, sessionAttributes, media);
    }

    private static boolean isTypeLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). */
    private static void checkConnection(String value, int number) {
        String[] f = value.trim().split(" +");
        if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
            throw new MalformedSdpException("line " + number + ": c= needs <nettype> <addrtype> <address>");
        }
    }

    /** Collects one media description while its lines are read. */
    private static final class MediaBuilder {
        final String type;
        final int port;
        final String protocol;
        final List<String> formats;
        final int line;
        String connection;
        final List<String> attributes = new ArrayList<>();

        private MediaBuilder(String type, int port, String protocol, List<String> formats, int line) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
            this.line = line;
        }

        static MediaBuilder parse(String value, int number) {
            String[] f = value.trim().split(" +");
            if (f.length < 4 || f[0].isEmpty()) {
                throw new MalformedSdpException("line " + number
                        + ": m= needs <media> <port> <proto> <fmt> ...");
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            int port = number(slash < 0 ? portField : portField.substring(0, slash), 65535, number, "port");
            if (slash >= 0) {
                number(portField.substring(slash + 1), 65535, number, "port count");
            }
            List<String> formats = List.of(f).subList(3, f.length);
            MediaBuilder m = new MediaBuilder(f[0], port, f[2], formats, number);
            if (Media.isRtp(m.protocol)) {
                for (String pt : formats) {
                    number(pt, 127, number, "RTP payload type");
                }
            }
            return m;
        }

        Media build(String sessionConnection) {
            if (port != 0 && connection == null && sessionConnection == null) {
                throw new MalformedSdpException("line " + line + ": m=" + type
                        + " has no c= line and the session has none");
            }
            return new Media(type, port, protocol, formats, connection, attributes);
        }

        private static int number(String s, int max, int line, String what) {
            if (s.isEmpty() || s.length() > 5) {
                throw new MalformedSdpException("line " + line + ": bad " + what + " '" + clip(s) + "'");
            }
            int v = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new MalformedSdpException("line " + line + ": bad " + what + " '" + clip(s) + "'");
                }
                v = v * 10 + (c - '0');
            }
            if (v > max) {
                throw new MalformedSdpException("line " + line + ": " + what + " " + v + " above " + max);
            }
            return v;
        }
    }

    /** Keeps a quoted piece of input short and printable for a warn-text. */
    static String clip(String s) {
        return clip(s, 24);
    }

    /** At most {@code max} characters of {@code s}, non-printable ones, quotes and backslashes as '?'. */
    static String clip(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return s.length() > max ? b + "..." : b.toString();
    }
}
