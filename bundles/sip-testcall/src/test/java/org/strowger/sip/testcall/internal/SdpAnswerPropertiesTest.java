package org.strowger.sip.testcall.internal;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever the offer, {@link SdpAnswer#answer} returns an outcome and never throws; when it accepts,
 * the answer parses and has as many m= lines as the offer (RFC 3264 §6).
 */
class SdpAnswerPropertiesTest {

    private static final List<String> OFFERS = List.of("offers/sipp-uac.sdp", "offers/baresip.sdp",
            "offers/asterisk.sdp", "offers/linphone-video-ipv6.sdp", "offers/webrtc.sdp", "offers/pjsua.sdp",
            "rfc3264/10.1-offer.sdp", "rfc3264/10.2-offer.sdp");

    private final SdpAnswer sdp = new SdpAnswer("127.0.0.1", 4000);

    @Property(tries = 2000)
    void rfc3264_6_randomTextNeverThrows(@ForAll @StringLength(max = 400) String offer) {
        check(offer);
    }

    @Property(tries = 3000)
    void rfc3264_6_mutatedRealOffersNeverThrowAndAnswersMatchTheOffer(@ForAll("offers") String offer,
            @ForAll @IntRange(min = 0, max = 2000) int position, @ForAll("pieces") String piece,
            @ForAll @IntRange(min = 0, max = 8) int cut) {
        int at = Math.min(position, offer.length());
        int end = Math.min(offer.length(), at + cut);
        check(offer.substring(0, at) + piece + offer.substring(end));
    }

    private void check(String offer) {
        SdpAnswer.Outcome outcome = sdp.answer(offer, new SdpAnswer.Origin(1, 1));
        if (outcome instanceof SdpAnswer.Accepted accepted) {
            int offered = SessionDescription.parse(offer).media().size();
            int answered = SessionDescription.parse(accepted.sdp()).media().size();
            if (offered != answered) {
                throw new AssertionError(offered + " m= lines offered, " + answered + " answered:\n" + offer);
            }
        } else if (!(outcome instanceof SdpAnswer.NotAcceptable n) || n.warnText().chars().anyMatch(c -> c < 0x20)) {
            throw new AssertionError("bad outcome " + outcome);
        }
    }

    @Provide
    Arbitrary<String> offers() {
        return Arbitraries.of(OFFERS).map(Sdp::resource);
    }

    @Provide
    Arbitrary<String> pieces() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\r\n", "\n", "=", "/", ":", "m=audio 0 RTP/AVP 0\r\n", "m=video",
                        "c=IN IP4 224.1.1.1\r\n", "a=rtpmap:0 PCMA/8000\r\n", "a=sendonly\r\n", "99999", "-1",
                        "RTP/SAVP", "\u0000", "\u00ff", "a=fmtp:101 \"\\\r\n", "c=\r\n", "m=\r\n", "t=\r\n"),
                Arbitraries.strings().ofMaxLength(12));
    }
}
