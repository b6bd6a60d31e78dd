package org.strowger.sip.testcall.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Offer/answer for the test application (RFC 3264), pure and thread-safe: answers an SDP offer
 * (RFC 8866 syntax) or, for an INVITE without one, makes the offer.
 *
 * <p>The answer (§6): one {@code m=} line per offered one, in the same order. An audio stream over
 * {@code RTP/AVP} to a unicast address is accepted when it offers at least one codec we take
 * ({@link AudioFormat}: PCMU, PCMA, G722, plus telephone-event); the answer lists the offered
 * payload types we take, in the offer's order and with the offer's numbers (§6.1), with their
 * {@code a=rtpmap}, the offer's {@code a=fmtp} for telephone-event, its {@code a=ptime} if it had
 * one, and the mirrored direction (§6.1: sendonly → recvonly, recvonly → sendonly, inactive →
 * inactive, otherwise sendrecv). Our {@code c=} address and port go in; a second accepted audio
 * stream gets port + 2, and so on. Every other stream — video, port 0, another protocol, multicast,
 * no common codec — is rejected with port 0 and the offered formats (§6). The {@code t=} line is the
 * offer's (§6), the {@code o=} line ours with the given session id and version (§5, RFC 8866 §5.2).
 *
 * <p>Media does not flow yet: the address and port are only announced (a later issue adds RTP).
 *
 * <p>When no stream can be accepted the result is {@link NotAcceptable}: the caller answers 488
 * with a Warning (RFC 3261 §20.43, §21.4.26) whose code says why. A garbled offer is
 * {@code NotAcceptable} too (code 399 naming the problem); nothing here throws on bad input.
 */
final class SdpAnswer {

    /** Where a stream was refused, in order of how much it tells the offerer (most first). */
    enum Refusal {
        /** Audio over RTP/AVP, but no codec we take (RFC 3261 §20.43 code 305). */
        FORMAT(305, "Incompatible media format"),
        /** Audio, but over another transport protocol such as RTP/SAVP (code 302). */
        TRANSPORT(302, "Incompatible transport protocol"),
        /** Audio, but the network type is not IN (code 300). */
        NETWORK(300, "Incompatible network protocol"),
        /** Audio to a multicast address (code 330). */
        MULTICAST(330, "Multicast not available"),
        /** Not audio, or offered with port 0 (code 304). */
        MEDIA_TYPE(304, "Media type not available");

        final int warnCode;
        final String warnText;

        Refusal(int warnCode, String warnText) {
            this.warnCode = warnCode;
            this.warnText = warnText;
        }
    }

    /** What {@link #answer} decided. */
    sealed interface Outcome permits Accepted, NotAcceptable {
    }

    /**
     * The answer to send.
     *
     * @param sdp    the session description
     * @param codecs the voice codecs accepted in the first accepted audio stream, in order
     */
    record Accepted(String sdp, List<AudioFormat> codecs) implements Outcome {
        Accepted {
            codecs = List.copyOf(codecs);
        }
    }

    /**
     * Nothing acceptable: answer 488 with {@code Warning: <warnCode> <agent> "<warnText>"}.
     *
     * @param warnCode RFC 3261 §20.43 warn-code
     * @param warnText what was wrong, plain ASCII
     */
    record NotAcceptable(int warnCode, String warnText) implements Outcome {
    }

    /**
     * The {@code o=} line's session id and version (RFC 8866 §5.2): the id stays for the call, the
     * version goes up by one with each changed description (RFC 3264 §8).
     */
    record Origin(long sessionId, long version) {
        Origin {
            if (sessionId < 0 || version < 0) {
                throw new IllegalArgumentException("o= numbers must not be negative");
            }
        }

        Origin next() {
            return new Origin(sessionId, version + 1);
        }
    }

    /** Payload type we offer telephone-event on (dynamic range, RFC 3551 §6). */
    static final int OFFERED_EVENT_PAYLOAD_TYPE = 101;

    private final String address;
    private final String addressType;
    private final int port;

    /**
     * @param address an IPv4 or IPv6 literal announced in {@code c=} and {@code o=}
     * @param port    the RTP port of the first audio stream (1–65533)
     */
    SdpAnswer(String address, int port) {
        if (port < 1 || port > 65533) {
            throw new IllegalArgumentException("media port " + port + " is not in 1..65533");
        }
        this.address = address;
        this.addressType = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        this.port = port;
    }

    /** Answers an offer; never throws on what the offer contains. */
    Outcome answer(String offer, Origin origin) {
        SessionDescription session;
        try {
            session = SessionDescription.parse(offer);
        } catch (MalformedSdpException e) {
            return new NotAcceptable(399, "Malformed SDP offer: " + e.getMessage());
        }
        StringBuilder body = header(origin, session.timing());
        Set<Refusal> refusals = EnumSet.noneOf(Refusal.class);
        List<AudioFormat> firstCodecs = null;
        int accepted = 0;
        for (SessionDescription.Media m : session.media()) {
            List<Integer> chosen = new ArrayList<>();
            Refusal refusal = judge(session, m, chosen);
            if (refusal != null) {
                refusals.add(refusal);
                line(body, "m=" + m.type() + " 0 " + m.protocol() + " " + String.join(" ", m.formats()));
                continue;
            }
            List<AudioFormat> codecs = new ArrayList<>();
            appendAudio(body, session, m, chosen, port + 2 * accepted, codecs);
            if (firstCodecs == null) {
                firstCodecs = codecs;
            }
            accepted++;
        }
        if (accepted == 0) {
            Refusal why = refusals.isEmpty() ? Refusal.MEDIA_TYPE : refusals.iterator().next();
            return new NotAcceptable(why.warnCode, why.warnText + ": " + detail(why, session));
        }
        return new Accepted(body.toString(), firstCodecs);
    }

    /** An offer for an INVITE that had none (RFC 3261 §13.2.1, RFC 3264 §5): PCMU, PCMA, events. */
    String offer(Origin origin) {
        StringBuilder b = header(origin, "0 0");
        int ev = OFFERED_EVENT_PAYLOAD_TYPE;
        line(b, "m=audio " + port + " RTP/AVP 0 8 " + ev);
        line(b, "a=rtpmap:" + AudioFormat.PCMU.rtpmap(0));
        line(b, "a=rtpmap:" + AudioFormat.PCMA.rtpmap(8));
        line(b, "a=rtpmap:" + AudioFormat.TELEPHONE_EVENT.rtpmap(ev));
        line(b, "a=fmtp:" + ev + " 0-16");
        line(b, "a=ptime:20");
        line(b, "a=sendrecv");
        return b.toString();
    }

    /**
     * Checks the answer to our {@link #offer} (e.g. in the ACK, RFC 3261 §13.2.1): it must keep an
     * audio stream with a non-zero port and PCMU or PCMA (RFC 3264 §6.1: formats from the offer).
     *
     * @return the problem, or empty when the answer is usable
     */
    static Optional<String> problemWithAnswer(String answer) {
        SessionDescription session;
        try {
            session = SessionDescription.parse(answer);
        } catch (MalformedSdpException e) {
            return Optional.of("malformed SDP answer: " + e.getMessage());
        }
        if (session.media().size() != 1) {
            return Optional.of("answer has " + session.media().size() + " m= lines for our 1 (RFC 3264 §6)");
        }
        SessionDescription.Media m = session.media().get(0);
        if (m.port() == 0 || !m.type().equalsIgnoreCase("audio")) {
            return Optional.of("audio stream rejected in the answer");
        }
        for (String pt : m.formats()) {
            if (pt.equals("0") || pt.equals("8")) {
                return Optional.empty();
            }
        }
        return Optional.of("answer keeps neither PCMU nor PCMA");
    }

    /** Why a stream is refused, or null when accepted; fills {@code chosen} with its payload types. */
    private static Refusal judge(SessionDescription session, SessionDescription.Media m, List<Integer> chosen) {
        if (m.port() == 0 || !m.type().equalsIgnoreCase("audio")) {
            return Refusal.MEDIA_TYPE;
        }
        if (!m.protocol().equalsIgnoreCase("RTP/AVP")) {
            return Refusal.TRANSPORT;
        }
        String[] c = m.effectiveConnection(session).split(" +");
        if (!c[0].equalsIgnoreCase("IN")) {
            return Refusal.NETWORK;
        }
        if (isMulticast(c[1], c[2])) {
            return Refusal.MULTICAST;
        }
        boolean voice = false;
        for (String f : m.formats()) {
            int pt = Integer.parseInt(f); // checked 0..127 by the parser for RTP
            Optional<AudioFormat> format = AudioFormat.of(pt, rtpmap(m, pt));
            if (format.isPresent()) {
                chosen.add(pt);
                voice |= format.get().isVoice();
            }
        }
        return voice ? null : Refusal.FORMAT;
    }

    private static void appendAudio(StringBuilder b, SessionDescription session, SessionDescription.Media m,
            List<Integer> chosen, int streamPort, List<AudioFormat> codecs) {
        StringBuilder mline = new StringBuilder("m=audio ").append(streamPort).append(" RTP/AVP");
        chosen.forEach(pt -> mline.append(' ').append(pt));
        line(b, mline.toString());
        for (int pt : chosen) {
            AudioFormat f = AudioFormat.of(pt, rtpmap(m, pt)).orElseThrow();
            line(b, "a=rtpmap:" + f.rtpmap(pt));
            if (f == AudioFormat.TELEPHONE_EVENT) {
                fmtp(m, pt).ifPresent(p -> line(b, "a=fmtp:" + pt + " " + p));
            } else {
                codecs.add(f);
            }
        }
        m.attribute("ptime").filter(SdpAnswer::isPtime).ifPresent(p -> line(b, "a=ptime:" + p));
        line(b, "a=" + mirror(direction(session, m)));
    }

    /** The stream's direction: its own attribute, else the session's, else sendrecv (RFC 3264 §5.1). */
    static String direction(SessionDescription session, SessionDescription.Media m) {
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (m.attribute(d).isPresent()) {
                return d;
            }
        }
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (session.attribute(d).isPresent()) {
                return d;
            }
        }
        return "sendrecv";
    }

    /** RFC 3264 §6.1: the answer's direction for an offered one. */
    static String mirror(String offered) {
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    private StringBuilder header(Origin origin, String timing) {
        StringBuilder b = new StringBuilder(256);
        line(b, "v=0");
        line(b, "o=- " + origin.sessionId() + " " + origin.version() + " IN " + addressType + " " + address);
        line(b, "s=-");
        line(b, "c=IN " + addressType + " " + address);
        line(b, "t=" + timing);
        return b;
    }

    private static void line(StringBuilder b, String line) {
        b.append(line).append("\r\n");
    }

    /** The rtpmap value ({@code name/rate[/channels]}) for a payload type, or null. */
    private static String rtpmap(SessionDescription.Media m, int pt) {
        return valueFor(m.attributes("rtpmap"), pt);
    }

    private static Optional<String> fmtp(SessionDescription.Media m, int pt) {
        return Optional.ofNullable(valueFor(m.attributes("fmtp"), pt)).filter(v -> !v.isEmpty());
    }

    private static String valueFor(List<String> values, int pt) {
        String prefix = pt + " ";
        for (String v : values) {
            if (v.startsWith(prefix)) {
                return v.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** RFC 8866 §6.4: ptime is a positive number of milliseconds, possibly with a fraction. */
    private static boolean isPtime(String v) {
        if (v.isEmpty() || v.length() > 8) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '1' && c <= '9') {
                digit = true;
            } else if (c != '0' && c != '.') {
                return false;
            }
        }
        return digit && v.indexOf('.') == v.lastIndexOf('.');
    }

    /** IPv4 224.0.0.0/4 or IPv6 ff00::/8 (RFC 8866 §5.7: multicast connection addresses). */
    static boolean isMulticast(String addressType, String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (addressType.equalsIgnoreCase("IP6")) {
            return a.startsWith("ff");
        }
        int dot = a.indexOf('.');
        if (dot <= 0 || dot > 3) {
            return false;
        }
        try {
            int first = Integer.parseInt(a.substring(0, dot));
            return first >= 224 && first <= 239;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String detail(Refusal why, SessionDescription session) {
        List<String> offered = new ArrayList<>();
        for (SessionDescription.Media m : session.media()) {
            switch (why) {
                case FORMAT -> {
                    if (m.type().equalsIgnoreCase("audio") && m.isRtp()) {
                        for (String f : m.formats()) {
                            String map = rtpmap(m, Integer.parseInt(f));
                            offered.add(map == null ? f : map);
                        }
                    }
                }
                case TRANSPORT -> offered.add(m.type() + " over " + m.protocol());
                default -> offered.add(m.type() + (m.port() == 0 ? " (port 0)" : ""));
            }
        }
        String list = offered.isEmpty() ? "no m= lines" : SessionDescription.clip(String.join(", ", offered), 120);
        return switch (why) {
            case FORMAT -> "we take PCMU, PCMA, G722; offered " + list;
            case TRANSPORT -> "we take audio over RTP/AVP; offered " + list;
            case NETWORK -> "we take IN connections only";
            case MULTICAST -> "we take unicast audio only";
            case MEDIA_TYPE -> "we take audio only; offered " + list;
        };
    }
}
