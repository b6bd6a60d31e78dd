package org.strowger.sip.transaction.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.transaction.spi.ServerTransactionUser;

/**
 * Binds the {@link ServerTransactionUser} (the highest {@code service.ranking}, replaced live when a
 * better one appears) to the running transaction layer.
 *
 * <p>A component of its own, not a reference of {@link TransactionLayerComponent}, for the reason
 * sip-transport's {@code UpperLayerBinding} gives: the user (the UA core) requires
 * {@code TransactionLayer}. Bound while the layer component was being activated, getting the user
 * activated it, which asked for the layer still being activated; Felix SCR reported "ServiceFactory
 * .getService() resulted in a cycle" and left the user unbound for good (seen in about one boot in
 * fourteen: every request then got 503). Here the layer is already active when the user is bound.
 */
@Component(service = {})
public final class TransactionUserBinding {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionUserBinding.class);

    private final TransactionUserHost host;

    @Activate
    public TransactionUserBinding(@Reference(name = "host") TransactionUserHost host) {
        this.host = host;
    }

    @Reference(name = "user", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUser(ServerTransactionUser user) {
        host.setUser(user);
        LOG.debug("server transaction user bound: {}", user.getClass().getName());
    }

    void unbindUser(ServerTransactionUser user) {
        host.clearUser(user);
        LOG.debug("server transaction user unbound: {}", user.getClass().getName());
    }
}
