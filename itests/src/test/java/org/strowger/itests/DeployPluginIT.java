package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.strowger.itests.SipClient.SipResponse;

/**
 * Hot deployment of a third-party plugin (plugins-sdk/example-plugin): its jar copied into
 * deploy/ of the running distribution comes up and registers its service, sees SIP traffic
 * through the transport's observer SPI, shows it in its shell command, and goes away when the
 * jar is deleted, without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployPluginIT extends StrowgerTestSupport {

    private static final String MESSAGE_COUNTS = "org.strowger.example.plugin.api.MessageCounts";
    private static final String PLUGIN_BUNDLE = "org.strowger.example.plugin";
    private static final Pattern OPTIONS_IN = Pattern.compile("in\\.request\\.OPTIONS\\D+?(\\d+)");

    @Test
    public void pluginDroppedIntoDeployComesUpCountsAndGoesAway() throws Exception {
        awaitSipReady();
        File jar = new File(System.getProperty(EXAMPLE_PLUGIN_PROPERTY));
        assertTrue("example plugin jar " + jar + ": build plugins-sdk/example-plugin first", jar.isFile());
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", jar.getName());

        Files.copy(jar.toPath(), deployed, StandardCopyOption.REPLACE_EXISTING);
        try {
            assertServiceAvailable(MESSAGE_COUNTS, SERVICE_TIMEOUT);

            SipClient sip = sipClient();
            long before = optionsCounted(executeCommand("example:counts"));
            SipResponse answer = sip.udp(sip.options(), SIP_TIMEOUT);
            assertEquals("OPTIONS answer:\n" + answer, 200, answer.status());
            await("example:counts shows the OPTIONS received (was " + before + ")", Duration.ofSeconds(10),
                    () -> optionsCounted(executeCommand("example:counts")) > before);
        } finally {
            Files.deleteIfExists(deployed);
        }
        awaitServiceGone(MESSAGE_COUNTS, SERVICE_TIMEOUT);
        await("the plugin bundle is uninstalled", SERVICE_TIMEOUT, () -> Arrays.stream(bundleContext.getBundles())
                .noneMatch(b -> PLUGIN_BUNDLE.equals(b.getSymbolicName())));
        awaitRefreshQueueDrained();
    }

    /**
     * Fileinstall refreshes the framework after it uninstalls the jar, holding the framework's
     * global lock. Refreshes run one after another on the framework's refresh thread, so when one
     * requested now has finished, so has that one: the container can then be stopped cleanly.
     */
    private void awaitRefreshQueueDrained() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        bundleContext.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("framework refresh finished", refreshed.await(SERVICE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    /** The count of OPTIONS requests received in the output of example:counts; 0 when not listed yet. */
    private static long optionsCounted(String output) {
        Matcher matcher = OPTIONS_IN.matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
