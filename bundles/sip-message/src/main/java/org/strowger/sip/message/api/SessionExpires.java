package org.strowger.sip.message.api;

import java.util.Map;

/**
 * The Session-Expires header (RFC 4028 §4): delta-seconds and the optional refresher ("uac" or
 * "uas", lower case, null when absent) plus any other parameters.
 */
public record SessionExpires(long seconds, String refresher, Map<String, String> params) {
}
