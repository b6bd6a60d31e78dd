package org.strowger.sip.message.api;

import org.strowger.sip.message.internal.HeaderTable;

/** Canonical header names (RFC 3261 §20 and extensions) and compact-form resolution (§7.3.3). */
public final class HeaderNames {
    public static final String ACCEPT = "Accept";
    public static final String ALLOW = "Allow";
    public static final String AUTHORIZATION = "Authorization";
    public static final String CALL_ID = "Call-ID";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CSEQ = "CSeq";
    public static final String DATE = "Date";
    public static final String EVENT = "Event";
    public static final String EXPIRES = "Expires";
    public static final String FROM = "From";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String MIN_SE = "Min-SE";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String PROXY_REQUIRE = "Proxy-Require";
    public static final String RACK = "RAck";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String REFER_TO = "Refer-To";
    public static final String REPLACES = "Replaces";
    public static final String REQUIRE = "Require";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROUTE = "Route";
    public static final String RSEQ = "RSeq";
    public static final String SERVER = "Server";
    public static final String SESSION_EXPIRES = "Session-Expires";
    public static final String SUPPORTED = "Supported";
    public static final String TO = "To";
    public static final String UNSUPPORTED = "Unsupported";
    public static final String USER_AGENT = "User-Agent";
    public static final String VIA = "Via";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private HeaderNames() {
    }

    /** The canonical long name for any spelling of a known header ("v", "VIA" → "Via"); unknown names unchanged. */
    public static String canonical(String name) {
        return HeaderTable.canonical(name);
    }
}
