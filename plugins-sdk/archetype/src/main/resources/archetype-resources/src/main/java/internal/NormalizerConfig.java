package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of {@link E164Normalizer}, PID {@value E164Normalizer#PID}
 * (file {@code etc/${package}.cfg}). Each method {@code a_b()} is the property {@code a.b}.
 */
@ObjectClassDefinition(name = "Number normalizer",
        description = "How numbers dialled on this PBX are turned into E.164 global numbers.")
public @interface NormalizerConfig {

    @AttributeDefinition(name = "Country code",
            description = "E.164 country code of the numbers dialled nationally: 1 to 3 digits, not starting with 0.")
    String country_code() default "49";

    @AttributeDefinition(name = "National prefix",
            description = "Digits dialled before a national number (trunk prefix), 0 to 4 digits; empty when there is none.")
    String national_prefix() default "0";

    @AttributeDefinition(name = "International prefix",
            description = "Digits dialled before a country code, 1 to 4 digits; \"+\" is always accepted too.")
    String international_prefix() default "00";
}
