package org.strowger.sip.transport.api;

/** A message could not be sent: no listener, no route, connection failed or limit reached. */
public final class SipTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public SipTransportException(String message) {
        super(message);
    }

    public SipTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
