package org.strowger.sip.dialog.command;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP offer {@code sip:call} sends when given none (RFC 8866 syntax, RFC 3264 offer): PCMU, PCMA
 * and telephone-event. Media arrives in a later issue, so nothing listens on the port yet.
 */
final class DefaultOffer {

    private DefaultOffer() {
    }

    static String sdp() {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        return "v=0\r\n"
                + "o=strowger " + id + " " + id + " IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio 4002 RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=sendrecv\r\n";
    }
}
