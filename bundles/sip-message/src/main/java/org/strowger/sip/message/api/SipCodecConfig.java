package org.strowger.sip.message.api;

/**
 * Limits applied by {@link SipParser} (DESIGN: every limit explicit; past a limit the answer is an
 * error response, never an OutOfMemoryError).
 *
 * @param maxMessageSize largest whole message in bytes (default 65535, the largest UDP payload);
 *                       larger gives failure 513 Message Too Large (RFC 3261 §21.5.14)
 * @param maxHeaderCount most header fields (default 256); more gives 513
 * @param maxLineLength  longest start line or header field (with its continuation lines) in bytes
 *                       (default 8192); longer gives 414 Request-URI Too Long for a request line,
 *                       513 otherwise
 * @param maxBodySize    largest body in bytes (default 65535); larger gives 413 Request Entity Too Large
 */
public record SipCodecConfig(int maxMessageSize, int maxHeaderCount, int maxLineLength, int maxBodySize) {
    /** 65535 bytes, 256 header fields, 8192-byte lines, 65535-byte bodies. */
    public static final SipCodecConfig DEFAULTS = new SipCodecConfig(65535, 256, 8192, 65535);

    /** @throws IllegalArgumentException naming the offending limit when one is not positive */
    public SipCodecConfig {
        check("maxMessageSize", maxMessageSize);
        check("maxHeaderCount", maxHeaderCount);
        check("maxLineLength", maxLineLength);
        check("maxBodySize", maxBodySize);
    }

    private static void check(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("SIP codec limit " + name + " must be > 0 but is " + value
                    + "; set a positive number of bytes/fields (default " + defaultOf(name) + ")");
        }
    }

    private static int defaultOf(String name) {
        return switch (name) {
            case "maxHeaderCount" -> 256;
            case "maxLineLength" -> 8192;
            default -> 65535;
        };
    }
}
