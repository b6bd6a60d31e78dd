package org.strowger.sip.testcall.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpAnswerTest {

    private static final SdpAnswer.Origin ORIGIN = new SdpAnswer.Origin(42, 7);
    private final SdpAnswer sdp = new SdpAnswer("127.0.0.1", 4000);

    private SdpAnswer.Accepted accept(String offer) {
        SdpAnswer.Outcome o = sdp.answer(offer, ORIGIN);
        return assertInstanceOf(SdpAnswer.Accepted.class, o, () -> "not accepted: " + o);
    }

    private SdpAnswer.NotAcceptable refuse(String offer) {
        SdpAnswer.Outcome o = sdp.answer(offer, ORIGIN);
        return assertInstanceOf(SdpAnswer.NotAcceptable.class, o, () -> "accepted: " + o);
    }

    private static String crlf(String lfText) {
        return lfText.replace("\n", "\r\n");
    }

    // --- real offers ---

    @Test
    void rfc3264_6_sippDefaultUacOfferGetsExactAnswer() {
        SdpAnswer.Accepted a = accept(Sdp.resource("offers/sipp-uac.sdp"));
        assertEquals(crlf("""
                v=0
                o=- 42 7 IN IP4 127.0.0.1
                s=-
                c=IN IP4 127.0.0.1
                t=0 0
                m=audio 4000 RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                a=sendrecv
                """), a.sdp());
        assertEquals(List.of(AudioFormat.PCMU), a.codecs());
    }

    @Test
    void rfc3264_6_1_baresipOfferKeepsOurCodecsInOfferOrderWithTheirNumbersFmtpAndPtime() {
        SdpAnswer.Accepted a = accept(Sdp.resource("offers/baresip.sdp"));
        assertEquals(List.of("m=audio 4000 RTP/AVP 9 0 8 101", "a=rtpmap:9 G722/8000", "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20",
                "a=sendrecv"), Sdp.media(a.sdp(), 0));
        assertEquals(List.of(AudioFormat.G722, AudioFormat.PCMU, AudioFormat.PCMA), a.codecs());
    }

    @Test
    void rfc3264_6_1_asteriskOfferAlawFirstGsmDropped() {
        SdpAnswer.Accepted a = accept(Sdp.resource("offers/asterisk.sdp"));
        assertEquals(List.of("m=audio 4000 RTP/AVP 8 0 101", "a=rtpmap:8 PCMA/8000", "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv"),
                Sdp.media(a.sdp(), 0));
    }

    @Test
    void rfc3264_6_1_sendonlyHoldOfferIsAnsweredRecvonly() {
        SdpAnswer.Accepted a = accept(Sdp.resource("offers/asterisk-hold.sdp"));
        List<String> m = Sdp.media(a.sdp(), 0);
        assertEquals("a=recvonly", m.get(m.size() - 1));
    }

    @Test
    void rfc3264_6_1_recvonlyOfferIsAnsweredSendonly() {
        String offer = Sdp.resource("offers/asterisk-hold.sdp").replace("a=sendonly", "a=recvonly");
        List<String> m = Sdp.media(accept(offer).sdp(), 0);
        assertEquals("a=sendonly", m.get(m.size() - 1));
    }

    @Test
    void rfc3264_6_1_sessionLevelDirectionAppliesWhenTheStreamHasNone() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n");
        assertTrue(Sdp.media(accept(offer).sdp(), 0).contains("a=recvonly"));
    }

    @Test
    void rfc3264_6_1_mediaLevelDirectionOverridesSessionLevel() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")
                + "a=inactive\r\n";
        List<String> m = Sdp.media(accept(offer).sdp(), 0);
        assertTrue(m.contains("a=inactive"), m::toString);
        assertTrue(!m.contains("a=recvonly"), m::toString);
    }

    @Test
    void rfc3264_6_1_pjsuaOfferWithDirectionBetweenRtpmaps() {
        assertEquals(List.of("m=audio 4000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "a=sendrecv"), Sdp.media(accept(Sdp.resource("offers/pjsua.sdp")).sdp(), 0));
    }

    @Test
    void rfc3264_6_linphoneIpv6AudioAcceptedOnlyTelephoneEvent8000KeptVideoRejected() {
        String answer = accept(Sdp.resource("offers/linphone-video-ipv6.sdp")).sdp();
        assertEquals(List.of("m=audio 4000 RTP/AVP 0 8 100", "m=video 0 RTP/AVP 96"), Sdp.mLines(answer));
        assertTrue(Sdp.media(answer, 0).contains("a=rtpmap:100 telephone-event/8000"));
        assertEquals(List.of("m=video 0 RTP/AVP 96"), Sdp.media(answer, 1), "a rejected stream carries no attributes");
    }

    @Test
    void rfc8866_5_7_ipv6MediaAddressGivesIp6Lines() {
        String answer = ((SdpAnswer.Accepted) new SdpAnswer("2001:db8::1", 5000)
                .answer(Sdp.resource("offers/sipp-uac.sdp"), ORIGIN)).sdp();
        assertTrue(Sdp.lines(answer).contains("c=IN IP6 2001:db8::1"));
        assertTrue(Sdp.lines(answer).contains("o=- 42 7 IN IP6 2001:db8::1"));
        assertTrue(Sdp.lines(answer).contains("m=audio 5000 RTP/AVP 0"));
    }

    // --- RFC 3264 §10 examples ---

    @Test
    void rfc3264_10_1_bothVideoStreamsRejectedWithPortZeroAudioAccepted() {
        String answer = accept(Sdp.resource("rfc3264/10.1-offer.sdp")).sdp();
        assertEquals(List.of("m=audio 4000 RTP/AVP 0", "m=video 0 RTP/AVP 31", "m=video 0 RTP/AVP 32"),
                Sdp.mLines(answer));
        assertTrue(Sdp.lines(answer).contains("t=0 0"));
    }

    @Test
    void rfc3264_10_1_reofferKeepsFourStreamsAndRejectsTheUnregisteredTelephoneEventsName() {
        // The RFC's example spells the format "telephone-events"; RFC 4733 §7.1.1 registers
        // "telephone-event", so the added stream has no format we know and is rejected (§6).
        String answer = accept(Sdp.resource("rfc3264/10.1-reoffer.sdp")).sdp();
        assertEquals(List.of("m=audio 4000 RTP/AVP 0", "m=video 0 RTP/AVP 31", "m=video 0 RTP/AVP 32",
                "m=audio 0 RTP/AVP 110"), Sdp.mLines(answer));
    }

    @Test
    void rfc3264_10_1_recvonlyEventStreamWithRegisteredNameIsStillRejectedWithoutAVoiceCodec() {
        String offer = Sdp.resource("rfc3264/10.1-reoffer.sdp").replace("telephone-events", "telephone-event");
        assertEquals("m=audio 0 RTP/AVP 110", Sdp.mLines(accept(offer).sdp()).get(3));
    }

    @Test
    void rfc3264_10_2_inactiveOfferAnsweredInactiveWithPcmuOnly() {
        String answer = accept(Sdp.resource("rfc3264/10.2-offer.sdp")).sdp();
        assertEquals(List.of("m=audio 4000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=inactive"), Sdp.media(answer, 0));
    }

    @Test
    void rfc3264_10_2_g723OnlyReofferIsNotAcceptable305() {
        SdpAnswer.NotAcceptable n = refuse(Sdp.resource("rfc3264/10.2-reoffer.sdp"));
        assertEquals(305, n.warnCode());
        assertTrue(n.warnText().startsWith("Incompatible media format: "), n.warnText());
        assertTrue(n.warnText().contains("G723/8000"), n.warnText());
    }

    // --- streams and formats ---

    @Test
    void rfc3264_6_secondAudioStreamGetsThePortAfterTheFirstPair() {
        String offer = Sdp.resource("offers/sipp-uac.sdp") + "m=audio 6002 RTP/AVP 8\r\n";
        assertEquals(List.of("m=audio 4000 RTP/AVP 0", "m=audio 4002 RTP/AVP 8"), Sdp.mLines(accept(offer).sdp()));
    }

    @Test
    void rfc3264_5_1_streamOfferedWithPortZeroIsAnsweredWithPortZero() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("m=audio 6000", "m=audio 0")
                + "m=audio 6002 RTP/AVP 8\r\n";
        assertEquals(List.of("m=audio 0 RTP/AVP 0", "m=audio 4000 RTP/AVP 8"), Sdp.mLines(accept(offer).sdp()));
    }

    @Test
    void rfc3551_6_dynamicPayloadTypeMappedToPcmuIsAcceptedWithItsNumber() {
        String offer = crlf("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                m=audio 5004 RTP/AVP 97
                a=rtpmap:97 pcmu/8000/1
                """);
        assertEquals(List.of("m=audio 4000 RTP/AVP 97", "a=rtpmap:97 PCMU/8000", "a=sendrecv"),
                Sdp.media(accept(offer).sdp(), 0));
    }

    @ParameterizedTest(name = "rfc3551_4_1 rtpmap {0} is not taken")
    @ValueSource(strings = {"0 PCMU/8000/2", "0 opus/48000/2", "0 PCMU/16000", "0 PCMU"})
    void rfc3551_4_1_rtpmapDecidesOverTheStaticNumber(String rtpmap) {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:" + rtpmap);
        assertEquals(305, refuse(offer).warnCode());
    }

    @Test
    void rfc4733_7_1_1_telephoneEventAloneIsNotAcceptable() {
        String offer = Sdp.resource("offers/opus-g729-only.sdp").replace("96 18 101", "101");
        assertEquals(305, refuse(offer).warnCode());
    }

    @Test
    void rfc3264_6_tLineIsCopiedFromTheOffer() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("t=0 0", "t=3034423619 3042462419");
        assertTrue(Sdp.lines(accept(offer).sdp()).contains("t=3034423619 3042462419"));
    }

    @Test
    void rfc8866_5_lfOnlyOfferIsAccepted() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("\r\n", "\n");
        assertEquals(List.of("m=audio 4000 RTP/AVP 0"), Sdp.mLines(accept(offer).sdp()));
    }

    @Test
    void rfc8866_6_4_malformedPtimeIsLeftOut() {
        String offer = Sdp.resource("offers/sipp-uac.sdp") + "a=ptime:twenty\r\n";
        assertTrue(Sdp.media(accept(offer).sdp(), 0).stream().noneMatch(l -> l.startsWith("a=ptime")));
    }

    // --- not acceptable ---

    @Test
    void rfc3261_20_43_opusAndG729OnlyIs305NamingTheOfferedFormats() {
        SdpAnswer.NotAcceptable n = refuse(Sdp.resource("offers/opus-g729-only.sdp"));
        assertEquals(305, n.warnCode());
        assertTrue(n.warnText().contains("opus/48000/2") && n.warnText().contains("G729/8000"), n.warnText());
    }

    @Test
    void rfc3261_20_43_srtpOfferIs302IncompatibleTransport() {
        SdpAnswer.NotAcceptable n = refuse(Sdp.resource("offers/baresip-srtp.sdp"));
        assertEquals(302, n.warnCode());
        assertTrue(n.warnText().contains("RTP/SAVP"), n.warnText());
    }

    @Test
    void rfc3261_20_43_webrtcOfferIs302IncompatibleTransport() {
        assertEquals(302, refuse(Sdp.resource("offers/webrtc.sdp")).warnCode());
    }

    @Test
    void rfc3261_20_43_nonInternetNetworkTypeIs300() {
        String offer = Sdp.resource("offers/sipp-uac.sdp").replace("c=IN IP4 127.0.0.1", "c=ATM NSAP 47.0091.8100");
        assertEquals(300, refuse(offer).warnCode());
    }

    @Test
    void rfc3261_20_43_multicastAudioIs330() {
        assertEquals(330, refuse(Sdp.resource("offers/multicast.sdp")).warnCode());
    }

    @Test
    void rfc3261_20_43_videoOnlyIs304MediaTypeNotAvailable() {
        String offer = crlf("""
                v=0
                o=- 1 1 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                m=video 5006 RTP/AVP 96
                a=rtpmap:96 H264/90000
                """);
        SdpAnswer.NotAcceptable n = refuse(offer);
        assertEquals(304, n.warnCode());
        assertTrue(n.warnText().contains("video"), n.warnText());
    }

    @Test
    void rfc3264_6_offerWithoutMediaIs304() {
        assertEquals(304, refuse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n")).warnCode());
    }

    @Test
    void rfc3261_20_43_formatMismatchOutranksOtherRefusalsInTheWarning() {
        String offer = Sdp.resource("offers/opus-g729-only.sdp") + "m=video 5006 RTP/AVP 96\r\n";
        assertEquals(305, refuse(offer).warnCode());
    }

    @ParameterizedTest(name = "rfc8866 malformed: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                                                         | empty session description",
        "hello                                                      | line 1 is not <type>=<value>",
        "o=- 1 1 IN IP4 h\\nt=0 0                                    | first line is not v=0",
        "v=1\\no=- 1 1 IN IP4 h\\nt=0 0                               | first line is not v=0",
        "v=0\\ns=-\\nt=0 0                                             | no o= line",
        "v=0\\no=- 1 1 IN IP4 h\\ns=-                                  | no t= line",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio abc RTP/AVP 0 | line 5: bad port 'abc'",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio 70000 RTP/AVP 0 | line 5: port 70000 above 65535",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio 4000 RTP/AVP | line 5: m= needs <media> <port> <proto> <fmt> ...",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio 4000 RTP/AVP 128 | line 5: RTP payload type 128 above 127",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio 4000 RTP/AVP PCMU | line 5: bad RTP payload type 'PCMU'",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4 h\\nt=0 0\\nm=audio 4000/x RTP/AVP 0 | line 5: bad port count 'x'",
        "v=0\\no=- 1 1 IN IP4 h\\nt=0 0\\nm=audio 4000 RTP/AVP 0      | line 4: m=audio has no c= line and the session has none",
        "v=0\\no=- 1 1 IN IP4 h\\nc=IN IP4\\nt=0 0\\nm=audio 4000 RTP/AVP 0 | line 3: c= needs <nettype> <addrtype> <address>",
        "v=0\\no=- 1 1 IN IP4 h\\nt=0 0\\n m=audio 4000 RTP/AVP 0     | line 4 is not <type>=<value>",
        "v=0\\no=- 1 1 IN IP4 h\\nt=0 0\\nM=audio 4000 RTP/AVP 0      | line 4 is not <type>=<value>",
        "v=0\\no=- 1 1 IN IP4 h\\nt=0 0\\nm = audio 4000 RTP/AVP 0    | line 4 is not <type>=<value>",
    })
    void rfc8866_5_garbledOfferIsNotAcceptable399NamingTheProblem(String offer, String problem) {
        SdpAnswer.NotAcceptable n = refuse(offer.replace("\\n", "\r\n"));
        assertEquals(399, n.warnCode());
        assertEquals("Malformed SDP offer: " + problem, n.warnText());
    }

    @Test
    void rfc8866_5_binaryGarbageIsNotAcceptable() {
        byte[] junk = new byte[512];
        new java.util.Random(7).nextBytes(junk);
        assertEquals(399, refuse(new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1)).warnCode());
    }

    @Test
    void rfc8866_5_tooManyLinesIsNotAcceptable() {
        String offer = Sdp.resource("offers/sipp-uac.sdp") + "a=x\r\n".repeat(SessionDescription.MAX_LINES);
        assertEquals("Malformed SDP offer: session description longer than 2000 lines", refuse(offer).warnText());
    }

    // --- our offer (offerless INVITE) ---

    @Test
    void rfc3264_5_offerForOfferlessInviteHasPcmuPcmaAndTelephoneEvent() {
        assertEquals(crlf("""
                v=0
                o=- 42 7 IN IP4 127.0.0.1
                s=-
                c=IN IP4 127.0.0.1
                t=0 0
                m=audio 4000 RTP/AVP 0 8 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                a=ptime:20
                a=sendrecv
                """), sdp.offer(ORIGIN));
    }

    @Test
    void rfc3264_6_ourOfferIsAcceptableToOurOwnAnswerer() {
        SdpAnswer.Accepted a = accept(sdp.offer(new SdpAnswer.Origin(1, 1)));
        assertEquals(List.of("m=audio 4000 RTP/AVP 0 8 101"), Sdp.mLines(a.sdp()));
    }

    @Test
    void rfc3264_6_1_answerToOurOfferMustKeepPcmuOrPcma() {
        assertEquals(Optional.empty(), SdpAnswer.problemWithAnswer(Sdp.resource("offers/sipp-uac.sdp")));
        assertEquals(Optional.empty(), SdpAnswer.problemWithAnswer(Sdp.resource("offers/asterisk.sdp")));
        assertEquals(Optional.of("audio stream rejected in the answer"), SdpAnswer.problemWithAnswer(
                Sdp.resource("offers/sipp-uac.sdp").replace("m=audio 6000", "m=audio 0")));
        assertEquals(Optional.of("answer keeps neither PCMU nor PCMA"), SdpAnswer.problemWithAnswer(
                Sdp.resource("offers/sipp-uac.sdp").replace("RTP/AVP 0", "RTP/AVP 101")));
        assertTrue(SdpAnswer.problemWithAnswer("garbage").orElseThrow().startsWith("malformed SDP answer"));
        assertTrue(SdpAnswer.problemWithAnswer(Sdp.resource("rfc3264/10.1-offer.sdp")).orElseThrow()
                .contains("3 m= lines"));
    }

    // --- values ---

    @Test
    void rfc3264_8_originNextKeepsTheIdAndBumpsTheVersion() {
        assertEquals(new SdpAnswer.Origin(42, 8), ORIGIN.next());
    }

    @Test
    void mediaPortOutsideRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SdpAnswer("127.0.0.1", 0));
        assertThrows(IllegalArgumentException.class, () -> new SdpAnswer("127.0.0.1", 65534));
    }

    @ParameterizedTest(name = "rfc8866_5_7 multicast {0} {1} = {2}")
    @CsvSource({"IP4, 224.0.0.1, true", "IP4, 239.255.255.255, true", "IP4, 233.252.0.1/127, true",
        "IP4, 223.255.255.255, false", "IP4, 240.0.0.1, false", "IP4, 192.0.2.1, false", "IP4, host.example.com, false",
        "IP6, ff0e::101, true", "IP6, FF02::1, true", "IP6, 2001:db8::1, false"})
    void rfc8866_5_7_multicastAddresses(String type, String address, boolean multicast) {
        assertEquals(multicast, SdpAnswer.isMulticast(type, address));
    }
}
