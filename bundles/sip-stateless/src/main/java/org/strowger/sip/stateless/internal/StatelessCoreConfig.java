package org.strowger.sip.stateless.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the stateless core, PID {@code org.strowger.sip.stateless}. */
@ObjectClassDefinition(
        id = StatelessCoreConfig.PID,
        name = "Strowger SIP stateless core",
        description = "Answers OPTIONS with 200 and every other request with 501 until the transaction "
                + "and dialog layers are installed.")
public @interface StatelessCoreConfig {

    String PID = "org.strowger.sip.stateless";

    @AttributeDefinition(name = "Allow", description = "Methods listed in Allow (RFC 3261 §20.5).")
    String[] allow() default {"OPTIONS"};

    @AttributeDefinition(name = "Accept", description = "Body types listed in Accept (RFC 3261 §20.1).")
    String[] accept() default {"application/sdp"};

    @AttributeDefinition(name = "Supported",
            description = "Option tags listed in Supported (RFC 3261 §20.37); empty lists none.")
    String[] supported() default {};

    @AttributeDefinition(name = "Server", description = "Value of the Server header; empty omits it.")
    String server() default "Strowger";
}
