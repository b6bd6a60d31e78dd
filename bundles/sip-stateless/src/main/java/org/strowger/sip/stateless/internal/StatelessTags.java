package org.strowger.sip.stateless.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.Via;

/**
 * To-tags for a stateless UAS. RFC 3261 §8.2.7 requires that "the same tag for the same request
 * consistently" is generated without keeping state, so the tag is a keyed hash of what identifies
 * the request (top Via branch, Call-ID, From tag, CSeq). The per-instance random key keeps tags
 * unpredictable from outside (§19.3).
 */
final class StatelessTags {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long key;

    StatelessTags() {
        this(new SecureRandom().nextLong());
    }

    StatelessTags(long key) {
        this.key = key;
    }

    String tagFor(SipRequest request) {
        long h = 0xcbf29ce484222325L ^ key;
        Via via = request.topVia();
        h = mix(h, via == null ? null : via.branch());
        h = mix(h, request.callId());
        NameAddr from = request.from();
        h = mix(h, from == null ? null : from.tag());
        h = mix(h, request.cseq() == null ? null : Long.toString(request.cseq().sequence()));
        // Final avalanche so that tags of near-identical requests do not share prefixes.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (h & 15)];
            h >>>= 4;
        }
        return new String(out);
    }

    private static long mix(long h, String s) {
        if (s != null) {
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= FNV_PRIME;
            }
        }
        // Separator, so that ("ab","c") and ("a","bc") differ.
        h ^= 0x1f;
        return h * FNV_PRIME;
    }
}
