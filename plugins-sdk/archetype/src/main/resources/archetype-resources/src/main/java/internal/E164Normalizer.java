package ${package}.internal;

import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ${package}.api.NumberNormalizer;

/**
 * Normalises dialled numbers with a country code and the national and international prefixes
 * of one numbering plan.
 *
 * <ul>
 *   <li>{@code +} and digits: already global (RFC 3966 §5.1.4);</li>
 *   <li>international prefix, then digits: the digits are country code and national number;</li>
 *   <li>national prefix, then digits: the configured country code is put in front;</li>
 *   <li>anything else (extensions, short codes) is not a public number.</li>
 * </ul>
 * A global number has at most 15 digits (ITU-T E.164 §6) and never starts with 0.
 *
 * <p>Immediate, so that a bad configuration is reported when it is applied rather than at first use.
 */
@Component(configurationPid = E164Normalizer.PID, service = NumberNormalizer.class, immediate = true)
@Designate(ocd = NormalizerConfig.class)
public final class E164Normalizer implements NumberNormalizer {

    /** Configuration PID: {@code etc/${package}.cfg}. */
    public static final String PID = "${package}";

    static final int MIN_DIGITS = 3;
    static final int MAX_DIGITS = 15;

    private static final Logger LOG = LoggerFactory.getLogger(E164Normalizer.class);

    private final String countryCode;
    private final String nationalPrefix;
    private final String internationalPrefix;

    /**
     * @throws IllegalArgumentException when the configuration is unusable; the message names the
     *     property, its value and what to change
     */
    @Activate
    public E164Normalizer(NormalizerConfig config) {
        countryCode = digits("country.code", config.country_code(), 1, 3);
        if (countryCode.startsWith("0")) {
            throw invalid("country.code", countryCode, "a country code never starts with 0");
        }
        nationalPrefix = digits("national.prefix", config.national_prefix(), 0, 4);
        internationalPrefix = digits("international.prefix", config.international_prefix(), 1, 4);
        if (!nationalPrefix.isEmpty() && nationalPrefix.startsWith(internationalPrefix)) {
            throw invalid("national.prefix", nationalPrefix,
                    "it starts with international.prefix=" + internationalPrefix + ", so it could never match");
        }
        LOG.debug("pid={} country.code={} national.prefix={} international.prefix={} active",
                PID, countryCode, nationalPrefix, internationalPrefix);
    }

    @Override
    public Optional<String> toE164(String dialled) {
        Objects.requireNonNull(dialled, "dialled");
        String compact = withoutSeparators(dialled);
        if (compact == null || compact.isEmpty()) {
            return Optional.empty();
        }
        String global;
        if (compact.charAt(0) == '+') {
            global = compact.substring(1);
        } else if (compact.startsWith(internationalPrefix)) {
            global = compact.substring(internationalPrefix.length());
        } else if (!nationalPrefix.isEmpty() && compact.startsWith(nationalPrefix)) {
            global = countryCode + compact.substring(nationalPrefix.length());
        } else {
            return Optional.empty();
        }
        if (global.length() < MIN_DIGITS || global.length() > MAX_DIGITS
                || global.charAt(0) == '0' || !allDigits(global)) {
            return Optional.empty();
        }
        return Optional.of("+" + global);
    }

    /** Drops visual separators (RFC 3966 §5.1.1) and spaces; null when another character occurs. */
    private static String withoutSeparators(String dialled) {
        StringBuilder out = new StringBuilder(dialled.length());
        for (int i = 0; i < dialled.length(); i++) {
            char c = dialled.charAt(i);
            if (c >= '0' && c <= '9' || c == '+' && out.length() == 0) {
                out.append(c);
            } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                return null;
            }
        }
        return out.toString();
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String digits(String property, String value, int minLength, int maxLength) {
        String v = value == null ? "" : value.trim();
        if (v.length() < minLength || v.length() > maxLength || !allDigits(v)) {
            throw invalid(property, v, "expected " + minLength + " to " + maxLength + " digits");
        }
        return v;
    }

    private static IllegalArgumentException invalid(String property, String value, String why) {
        return new IllegalArgumentException("pid=" + PID + " " + property + "=\"" + value + "\" is invalid: " + why
                + "; fix it in etc/" + PID + ".cfg");
    }
}
