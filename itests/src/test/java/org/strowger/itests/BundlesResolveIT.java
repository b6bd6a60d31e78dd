package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.features.Feature;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Every Strowger bundle of the distribution resolves and starts: bundles ACTIVE, fragments
 * RESOLVED (attached); the boot feature strowger-sip is installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundlesResolveIT extends StrowgerTestSupport {

    private static final Set<String> EXPECTED = Set.of(
            "org.strowger.platform",
            "org.strowger.sip.message",
            "org.strowger.sip.transport",
            "org.strowger.sip.dns",
            "org.strowger.sip.transaction",
            "org.strowger.sip.dialog",
            "org.strowger.sip.testcall");

    @Test
    public void everyStrowgerBundleIsActive() throws Exception {
        awaitSipReady();
        Set<String> found = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith("org.strowger")) {
                continue;
            }
            found.add(name);
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                problems.add(name + " is " + state(bundle.getState()) + ", expected " + state(expected));
            }
        }
        assertTrue("Strowger bundles " + found + " include " + EXPECTED, found.containsAll(EXPECTED));
        assertEquals("Strowger bundles not started:\n" + executeCommand("bundle:diag"), List.of(), problems);
    }

    @Test
    public void nettyEpollFragmentIsAttached() {
        Bundle fragment = null;
        for (Bundle bundle : bundleContext.getBundles()) {
            if ("io.netty.transport-native-epoll.linux-x86_64".equals(bundle.getSymbolicName())) {
                fragment = bundle;
            }
        }
        assertNotNull("the epoll native fragment is installed (feature strowger-netty)", fragment);
        assertEquals("epoll fragment state", state(Bundle.RESOLVED), state(fragment.getState()));
    }

    @Test
    public void strowgerSipFeatureIsInstalled() throws Exception {
        Feature sip = featuresService.getFeature("strowger-sip");
        assertNotNull("feature strowger-sip in the repositories", sip);
        assertTrue("feature strowger-sip installed", featuresService.isInstalled(sip));
        Feature all = featuresService.getFeature("strowger");
        assertNotNull("feature strowger in the repositories", all);
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }
}
