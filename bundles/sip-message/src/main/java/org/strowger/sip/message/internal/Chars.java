package org.strowger.sip.message.internal;

/**
 * Character classes of the RFC 3261 §25.1 ABNF as lookup tables (no regular expressions on the hot path).
 */
public final class Chars {
    private static final int TOKEN = 1;
    private static final int WORD = 2;
    private static final int UNRESERVED = 4;
    private static final int USER = 8;
    private static final int PASSWORD = 16;
    /** Character class of {@code paramchar} without escapes, for {@link #is(int, int)}. */
    static final int PARAM = 32;
    /** Character class of URI header name/value characters, for {@link #is(int, int)}. */
    static final int HNV = 64;
    private static final int HOST = 128;
    private static final int[] TABLE = new int[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TABLE[c] = TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | HOST;
            TABLE[c - 32] = TABLE[c];
        }
        for (int c = '0'; c <= '9'; c++) {
            TABLE[c] = TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | HOST;
        }
        mark("-.!%*_+`'~", TOKEN | WORD);
        mark("()<>:\\\"/[]?{}", WORD);
        mark("-_.!~*'()", UNRESERVED | USER | PASSWORD | PARAM | HNV);
        mark("&=+$,;?/", USER);
        mark("&=+$,", PASSWORD);
        mark("[]/:&+$", PARAM);
        mark("[]/?:+$", HNV);
        mark("-.", HOST);
    }

    private Chars() {
    }

    private static void mark(String chars, int flags) {
        for (int i = 0; i < chars.length(); i++) {
            TABLE[chars.charAt(i)] |= flags;
        }
    }

    /** Whether {@code c} is in the character class {@code flag}. */
    static boolean is(int c, int flag) {
        return c >= 0 && c < 128 && (TABLE[c] & flag) != 0;
    }

    /** {@code token} character (RFC 3261 §25.1). */
    public static boolean isToken(int c) {
        return is(c, TOKEN);
    }

    /** {@code word} character (RFC 3261 §25.1), used by Call-ID. */
    public static boolean isWord(int c) {
        return is(c, WORD);
    }

    /** {@code unreserved} URI character (RFC 3261 §25.1). */
    public static boolean isUnreserved(int c) {
        return is(c, UNRESERVED);
    }

    /** Characters allowed unescaped in a SIP URI user part. */
    public static boolean isUser(int c) {
        return is(c, USER);
    }

    /** Characters allowed unescaped in a SIP URI password. */
    public static boolean isPassword(int c) {
        return is(c, PASSWORD);
    }

    /** Hostname characters: alphanumerics, '-' and '.'. */
    public static boolean isHost(int c) {
        return is(c, HOST);
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static int hexValue(int c) {
        if (isDigit(c)) {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    /** SP or HTAB. */
    public static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** True when every character of {@code s} is a token character and {@code s} is not empty. */
    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
