package org.strowger.sip.message.api;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and the request method.
 */
public record CSeq(long sequence, SipMethod method) {
    @Override
    public String toString() {
        return sequence + " " + method.name();
    }
}
