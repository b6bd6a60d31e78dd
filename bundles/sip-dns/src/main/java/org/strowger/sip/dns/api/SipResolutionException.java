package org.strowger.sip.dns.api;

/**
 * No target could be found for a URI: the name does not exist, has no usable records, or the DNS
 * servers did not answer in time. RFC 3261 §8.1.3.1 / RFC 3263 §4.3 turn this into a 503 for the
 * transaction user.
 */
public class SipResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public SipResolutionException(String message) {
        super(message);
    }

    public SipResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
