package org.strowger.sip.message.api;

/** The RAck header (RFC 3262 §7.2): response-num, CSeq-num and method of the acknowledged response. */
public record RAck(long rseq, long cseq, SipMethod method) {
    @Override
    public String toString() {
        return rseq + " " + cseq + " " + method.name();
    }
}
