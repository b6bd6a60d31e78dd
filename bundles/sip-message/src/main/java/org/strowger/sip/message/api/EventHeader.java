package org.strowger.sip.message.api;

import java.util.Map;

/** The Event header (RFC 6665 §8.2.1): event package (with template), optional id, other parameters. */
public record EventHeader(String eventPackage, String id, Map<String, String> params) {
}
