package org.strowger.sip.dialog.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message body with its Content-Type. The dialog layer never looks inside (SDP offer/answer is
 * the session layer's job) except to note that a body is present for offer/answer bookkeeping.
 *
 * @param contentType e.g. {@code application/sdp}
 * @param content     the bytes, not copied
 */
public record Body(String contentType, byte[] content) {

    public static final String SDP = "application/sdp";

    public Body {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    public static Body sdp(String sdp) {
        return new Body(SDP, sdp.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isSdp() {
        return contentType.regionMatches(true, 0, SDP, 0, SDP.length());
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
