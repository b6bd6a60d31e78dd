package org.strowger.sip.message.api;

/**
 * Parses one complete SIP message (RFC 3261 §7, §25): a UDP datagram, or one frame cut by a stream
 * framer. Thread-safe and reusable; holds only its {@link SipCodecConfig}.
 *
 * <p>Never throws: malformed input becomes a {@link ParseFailure} with the status code the RFCs ask
 * for (400; 413/414/513 past a limit; 505 for another SIP version; 501 for an unknown method whose
 * CSeq does not match, RFC 4475 §3.1.2.18) and a reason naming the problem.
 *
 * <p>Body framing (§18.3): with Content-Length the body is that many bytes (more than received is a
 * 400, extra bytes are discarded); without Content-Length the body is the rest of the input.
 */
public final class SipParser {
    private final SipCodecConfig config;

    public SipParser(SipCodecConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required (use SipCodecConfig.DEFAULTS)");
        }
        this.config = config;
    }

    public SipCodecConfig config() {
        return config;
    }

    /** Parses exactly one complete message. Never throws. */
    public ParseResult parse(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            return ParseResult.failure(new ParseFailure(StatusCodes.BAD_REQUEST, "Empty or out-of-range input", false, null));
        }
        try {
            return new MessageScanner(config, data, offset, length).scan();
        } catch (RuntimeException e) {
            // defensive: a parser bug must not escape into the pipeline
            return ParseResult.failure(new ParseFailure(StatusCodes.BAD_REQUEST,
                    "Unparseable message (" + e.getClass().getSimpleName() + ")", false, null));
        }
    }

    /** Parses a whole array. */
    public ParseResult parse(byte[] data) {
        return parse(data, 0, data == null ? 0 : data.length);
    }
}
