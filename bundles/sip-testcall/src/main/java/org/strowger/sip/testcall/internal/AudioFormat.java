package org.strowger.sip.testcall.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The RTP audio formats the test application accepts: the static payload types of RFC 3551 §6
 * (0 PCMU, 8 PCMA, 9 G722, whose RTP clock is 8000 Hz by §4.5.2) and telephone-event (RFC 4733
 * §7.1.1), which only has a dynamic payload type. A format is recognised by its {@code a=rtpmap}
 * (RFC 8866 §6.6) when it has one, else by its static payload type number.
 */
enum AudioFormat {
    PCMU(0, "PCMU", true),
    PCMA(8, "PCMA", true),
    G722(9, "G722", true),
    /** DTMF events (RFC 4733); not a voice codec, so it never makes a stream acceptable alone. */
    TELEPHONE_EVENT(-1, "telephone-event", false);

    /** The RTP clock rate of every format here (RFC 3551 §6; G.722's is 8000 by §4.5.2). */
    static final int CLOCK_RATE = 8000;

    private final int staticPayloadType;
    private final String encodingName;
    private final boolean voice;

    AudioFormat(int staticPayloadType, String encodingName, boolean voice) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
        this.voice = voice;
    }

    String encodingName() {
        return encodingName;
    }

    /** Whether it carries voice (a codec) rather than events. */
    boolean isVoice() {
        return voice;
    }

    /** The {@code a=rtpmap} value for {@code payloadType}, e.g. {@code 0 PCMU/8000}. */
    String rtpmap(int payloadType) {
        return payloadType + " " + encodingName + "/" + CLOCK_RATE;
    }

    /**
     * The format an offered payload type stands for.
     *
     * @param payloadType the number in the {@code m=} line
     * @param rtpmap      the rest of its {@code a=rtpmap:<pt>} line ({@code <name>/<rate>[/<channels>]}),
     *                    or {@code null} when there is none (then only static numbers are known)
     */
    static Optional<AudioFormat> of(int payloadType, String rtpmap) {
        if (rtpmap == null) {
            for (AudioFormat f : values()) {
                if (f.staticPayloadType == payloadType) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
        String[] parts = rtpmap.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[1].trim().equals(Integer.toString(CLOCK_RATE))) {
            return Optional.empty();
        }
        if (parts.length == 3 && !parts[2].trim().equals("1")) {
            return Optional.empty(); // RFC 3551 §4.1: these formats are mono
        }
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        for (AudioFormat f : values()) {
            if (f.encodingName.toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
