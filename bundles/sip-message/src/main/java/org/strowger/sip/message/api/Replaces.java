package org.strowger.sip.message.api;

/** The Replaces header (RFC 3891 §6.1): dialog to replace and whether only an early dialog may be. */
public record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {
}
