package org.strowger.sip.testcall.internal;

/**
 * A session description that does not follow RFC 8866 closely enough to answer. The message names
 * the problem in plain ASCII, short enough for a SIP warn-text (RFC 3261 §20.43).
 */
final class MalformedSdpException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MalformedSdpException(String message) {
        super(message);
    }
}
