package org.strowger.sip.testcall.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.message.api.BodyPart;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.MultipartBody;

/**
 * What an INVITE (or re-INVITE, UPDATE) offers: no session description (an offerless INVITE, RFC
 * 3261 §13.2.1), an SDP (the body itself, or the {@code application/sdp} part of a multipart body,
 * RFC 5621 §3), or a body we cannot read (answered 415 with Accept, RFC 3261 §21.4.13).
 *
 * @param kind   which of the three
 * @param sdp    the SDP text for {@link Kind#SDP}, else {@code null}
 * @param reason why the body is unusable, for {@link Kind#UNSUPPORTED}, else {@code null}
 */
record Offer(Kind kind, String sdp, String reason) {

    enum Kind {
        NONE,
        SDP,
        UNSUPPORTED
    }

    static final Offer NONE = new Offer(Kind.NONE, null, null);

    static Offer of(Optional<Body> body) {
        if (body.isEmpty() || body.get().content().length == 0) {
            return NONE;
        }
        Body b = body.get();
        if (b.isSdp()) {
            return sdp(b.text());
        }
        MediaType type;
        try {
            type = MediaType.parse(b.contentType());
        } catch (MalformedHeaderException e) {
            return unsupported("unreadable Content-Type");
        }
        if (!"multipart".equals(type.type())) {
            return unsupported("body type " + SessionDescription.clip(type.mimeType(), 40) + " is not SDP");
        }
        List<BodyPart> parts;
        try {
            parts = MultipartBody.parse(type, b.content());
        } catch (MalformedHeaderException e) {
            return unsupported(e.getMessage());
        }
        for (BodyPart part : parts) {
            MediaType partType;
            try {
                partType = part.contentType();
            } catch (MalformedHeaderException e) {
                continue;
            }
            if (partType != null && Body.SDP.equals(partType.mimeType())) {
                return sdp(new String(part.content(), StandardCharsets.UTF_8));
            }
        }
        return unsupported("multipart body without an application/sdp part");
    }

    private static Offer sdp(String text) {
        return new Offer(Kind.SDP, text, null);
    }

    private static Offer unsupported(String reason) {
        return new Offer(Kind.UNSUPPORTED, null, reason);
    }
}
