package org.strowger.bench;

import java.nio.charset.StandardCharsets;

/**
 * The SIP messages the codec benchmarks parse and encode: what a desk phone really sends, not a
 * minimal message. Both are built with CRLF line ends (RFC 3261 §7) and an exact Content-Length
 * (RFC 3261 §20.14), so the parser takes its success path.
 */
public final class SampleMessages {

    /**
     * An initial INVITE as a desk phone sends it over UDP: 15 header fields including a long
     * Allow list and User-Agent, and an SDP offer (RFC 4566) with five audio codecs and
     * telephone-event (RFC 4733). No To tag: it creates a dialog (RFC 3261 §12.1).
     */
    public static final byte[] INVITE = build("""
            INVITE sip:1002@192.0.2.10:5060 SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.101:5062;branch=z9hG4bK1672391528;rport
            From: "Alice Liddell" <sip:1001@192.0.2.10:5060>;tag=2839145862
            To: <sip:1002@192.0.2.10:5060>
            Call-ID: 3948572910@192.0.2.101
            CSeq: 1 INVITE
            Contact: <sip:1001@192.0.2.101:5062;transport=udp>
            Content-Type: application/sdp
            Allow: INVITE, INFO, PRACK, ACK, BYE, CANCEL, OPTIONS, NOTIFY, REGISTER, SUBSCRIBE, REFER, PUBLISH, UPDATE, MESSAGE
            Max-Forwards: 70
            User-Agent: Yealink SIP-T46S 66.86.0.15
            Supported: replaces, timer, 100rel
            Allow-Events: talk,hold,conference,refer,check-sync
            Session-Expires: 1800
            Min-SE: 90
            """, """
            v=0
            o=- 20019 20019 IN IP4 192.0.2.101
            s=SDP data
            c=IN IP4 192.0.2.101
            t=0 0
            m=audio 11790 RTP/AVP 0 8 18 9 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:9 G722/8000
            a=fmtp:101 0-15
            a=rtpmap:101 telephone-event/8000
            a=ptime:20
            a=sendrecv
            """);

    /** The Call-ID of {@link #INVITE}. */
    public static final String INVITE_CALL_ID = "3948572910@192.0.2.101";
    /** The top Via branch of {@link #INVITE}. */
    public static final String INVITE_BRANCH = "z9hG4bK1672391528";

    /**
     * A REGISTER answering a digest challenge (RFC 3261 §22.4, RFC 2617 §3.2.2): Authorization
     * with qop=auth, a Contact with a +sip.instance (RFC 5626 §4.1) and no body.
     */
    public static final byte[] REGISTER = build("""
            REGISTER sip:192.0.2.10 SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.101:5062;branch=z9hG4bK2001833471;rport
            From: "Alice Liddell" <sip:1001@192.0.2.10>;tag=1934087715
            To: "Alice Liddell" <sip:1001@192.0.2.10>
            Call-ID: 0_2384756123@192.0.2.101
            CSeq: 2 REGISTER
            Contact: <sip:1001@192.0.2.101:5062>;reg-id=1;+sip.instance="<urn:uuid:00000000-0000-1000-8000-805ec0a1b2c3>"
            Authorization: Digest username="1001", realm="strowger", nonce="5f2a8c1e9b3d47a6b0e1c2d3f4a5b6c7", uri="sip:192.0.2.10", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001
            Max-Forwards: 70
            User-Agent: Yealink SIP-T46S 66.86.0.15
            Expires: 3600
            Allow: INVITE, INFO, PRACK, ACK, BYE, CANCEL, OPTIONS, NOTIFY, REGISTER, SUBSCRIBE, REFER, PUBLISH, UPDATE, MESSAGE
            """, "");

    private SampleMessages() {
    }

    /**
     * Joins header lines and a body into wire bytes: LF becomes CRLF, a Content-Length with
     * the body's octet count is appended, then the empty line and the body.
     */
    static byte[] build(String headers, String body) {
        byte[] bodyBytes = body.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        String head = headers.replace("\n", "\r\n")
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] wire = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, wire, headBytes.length, bodyBytes.length);
        return wire;
    }
}
