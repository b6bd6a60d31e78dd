package org.strowger.sip.message.api;

/** The outcome of {@link SipParser#parse}: a message or a failure, never both. */
public final class ParseResult {
    private final SipMessage message;
    private final ParseFailure failure;

    private ParseResult(SipMessage message, ParseFailure failure) {
        this.message = message;
        this.failure = failure;
    }

    public static ParseResult success(SipMessage message) {
        return new ParseResult(message, null);
    }

    public static ParseResult failure(ParseFailure failure) {
        return new ParseResult(null, failure);
    }

    public boolean isSuccess() {
        return message != null;
    }

    /** @throws IllegalStateException when parsing failed */
    public SipMessage message() {
        if (message == null) {
            throw new IllegalStateException("parse failed: " + failure.statusCode() + " " + failure.reason());
        }
        return message;
    }

    /** @throws IllegalStateException when parsing succeeded */
    public ParseFailure failure() {
        if (failure == null) {
            throw new IllegalStateException("parse succeeded");
        }
        return failure;
    }

    @Override
    public String toString() {
        return message != null ? "ParseResult[success]" : "ParseResult[" + failure + "]";
    }
}
