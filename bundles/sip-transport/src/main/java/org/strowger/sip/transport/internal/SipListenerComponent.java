package org.strowger.sip.transport.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP listener per factory configuration {@code org.strowger.sip.transport.listener}: activated
 * when a configuration appears (binds the socket), reactivated when it changes (rebinds), deactivated
 * when it is deleted (closes the socket and its connections).
 */
@Component(configurationPid = ListenerConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = ListenerConfig.class, factory = true)
public final class SipListenerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SipListenerComponent.class);

    private final ListenerHost host;
    private final Listener listener;

    @Activate
    public SipListenerComponent(ListenerConfig config, @Reference(name = "host") ListenerHost host) {
        this.host = host;
        ListenerSettings settings = ListenerSettings.from(config);
        try {
            this.listener = host.open(settings);
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        host.close(listener);
    }
}
