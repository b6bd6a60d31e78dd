package ${package}.internal;

import static ${package}.internal.ConfigFixture.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class E164NormalizerTest {

    /** Defaults: country code 49, national prefix 0, international prefix 00. */
    private final E164Normalizer germany = new E164Normalizer(config(NormalizerConfig.class, Map.of()));

    /** North American numbering plan: country code 1, national prefix 1, international prefix 011. */
    private final E164Normalizer nanp = new E164Normalizer(config(NormalizerConfig.class,
            Map.of("country_code", "1", "national_prefix", "1", "international_prefix", "011")));

    @Test
    void globalNumberKeepsItsDigitsAndLosesVisualSeparators() {
        assertEquals(Optional.of("+493012345678"), germany.toE164("+49 (30) 1234-5678"));
        assertEquals(Optional.of("+442079460000"), germany.toE164("+44.20.7946.0000"));
    }

    @Test
    void internationalPrefixIsReplacedByPlus() {
        assertEquals(Optional.of("+442079460000"), germany.toE164("0044 20 7946 0000"));
        assertEquals(Optional.of("+442079460000"), nanp.toE164("011 44 20 7946 0000"));
    }

    @Test
    void nationalPrefixIsReplacedByTheCountryCode() {
        assertEquals(Optional.of("+49301234567"), germany.toE164("030 1234567"));
        assertEquals(Optional.of("+12125550100"), nanp.toE164("1 (212) 555-0100"));
    }

    @Test
    void extensionsShortCodesAndLettersAreNotPublicNumbers() {
        assertEquals(Optional.empty(), germany.toE164("1234"));
        assertEquals(Optional.empty(), germany.toE164("0800-FLOWERS"));
        assertEquals(Optional.empty(), germany.toE164("49+30"));
        assertEquals(Optional.empty(), germany.toE164("+"));
        assertEquals(Optional.empty(), germany.toE164(""));
        assertEquals(Optional.empty(), germany.toE164("+0301234"));
    }

    @Test
    void atMostFifteenDigits() {
        assertEquals(Optional.of("+123456789012345"), germany.toE164("+123456789012345"));
        assertEquals(Optional.empty(), germany.toE164("+1234567890123456"));
        assertEquals(Optional.of("+493456789012345"), germany.toE164("0 3456 7890 1234 5"));
        assertEquals(Optional.empty(), germany.toE164("0 3456 7890 1234 56"));
    }

    @Test
    void emptyNationalPrefixMeansOnlyInternationalFormsAreGlobal() {
        E164Normalizer italy = new E164Normalizer(config(NormalizerConfig.class,
                Map.of("country_code", "39", "national_prefix", "")));
        assertEquals(Optional.empty(), italy.toE164("06 1234 5678"));
        assertEquals(Optional.of("+390612345678"), italy.toE164("0039 06 1234 5678"));
    }

    @Test
    void unusableConfigurationFailsNamingPropertyAndFile() {
        assertInvalid("country.code", Map.of("country_code", "0"));
        assertInvalid("country.code", Map.of("country_code", "1234"));
        assertInvalid("country.code", Map.of("country_code", "4x"));
        assertInvalid("national.prefix", Map.of("national_prefix", "00001"));
        assertInvalid("international.prefix", Map.of("international_prefix", ""));
        assertInvalid("national.prefix", Map.of("national_prefix", "00", "international_prefix", "0"));
    }

    private static void assertInvalid(String property, Map<String, String> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new E164Normalizer(config(NormalizerConfig.class, values)));
        assertTrue(e.getMessage().contains(property + "="), e.getMessage());
        assertTrue(e.getMessage().contains("etc/" + E164Normalizer.PID + ".cfg"), e.getMessage());
    }
}
