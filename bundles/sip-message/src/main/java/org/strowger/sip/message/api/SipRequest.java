package org.strowger.sip.message.api;

/** A SIP request (RFC 3261 §7.1): {@code Method SP Request-URI SP SIP/2.0}. */
public final class SipRequest extends SipMessage {
    private final SipMethod method;
    private Uri requestUri;

    public SipRequest(SipMethod method, Uri requestUri) {
        if (method == null || requestUri == null) {
            throw new IllegalArgumentException("method and Request-URI are required");
        }
        this.method = method;
        this.requestUri = requestUri;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    public SipMethod method() {
        return method;
    }

    public Uri requestUri() {
        return requestUri;
    }

    /** Replaces the Request-URI (a proxy retargeting, RFC 3261 §16.5). */
    public void setRequestUri(Uri uri) {
        if (uri == null) {
            throw new IllegalArgumentException("Request-URI is required");
        }
        this.requestUri = uri;
    }

    @Override
    public String startLine() {
        return method.name() + " " + requestUri + " SIP/2.0";
    }
}
