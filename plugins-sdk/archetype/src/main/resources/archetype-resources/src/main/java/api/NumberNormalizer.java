package ${package}.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a number as a user dialled it into a global number: "+" followed by the E.164 digits,
 * the form of a tel URI's {@code global-number} (RFC 3966 §5.1.4).
 *
 * <p>Implementations are thread-safe.
 */
@ProviderType
public interface NumberNormalizer {

    /**
     * Normalises a dialled number.
     *
     * @param dialled the digits as dialled; the visual separators of RFC 3966 §5.1.1
     *     ({@code - . ( )}) and spaces are ignored
     * @return {@code "+"} followed by 3 to 15 digits, or empty when {@code dialled} is not a public
     *     number (an extension, a short code, letters, or too many digits)
     */
    Optional<String> toE164(String dialled);
}
