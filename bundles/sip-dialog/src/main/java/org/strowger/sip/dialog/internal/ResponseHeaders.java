package org.strowger.sip.dialog.internal;

import java.util.List;

import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;

/**
 * Lenient reads of the headers a UAC core uses from responses. The parser checks only the mandatory
 * headers of a response; the rest are parsed on first access and throw when malformed. A request
 * with such a header is refused 400 (§8.2), but a response cannot be refused: it is read as if the
 * broken header were absent (Allow, Require, RSeq), or, where that would change the dialog
 * (Record-Route), reported as {@code null} so the caller can end that dialog cleanly.
 */
final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** The Record-Route values, or {@code null} when one is malformed. */
    static List<NameAddr> recordRoutes(SipResponse r) {
        try {
            return r.recordRoutes();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean allows(SipResponse r, SipMethod method) {
        try {
            return r.allow().contains(method);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean requires(SipResponse r, String optionTag) {
        try {
            return r.require().contains(optionTag);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The RSeq, or {@code null} when absent or malformed (the provisional is then unreliable). */
    static Long rseq(SipResponse r) {
        try {
            return r.rseq();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
