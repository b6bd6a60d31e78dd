package org.strowger.sip.transaction.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;

/** {@code sip:transactions} formats what {@code TransactionLayer.transactions()} returns. */
class TransactionsCommandTest {

    @Test
    void printsOneRowPerTransactionAndTheCount() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TransactionsCommand.print(List.of(
                new TransactionInfo(TransactionKind.INVITE_CLIENT, TransactionState.PROCEEDING, "z9hG4bK-1", "INVITE",
                        "call-1@example.com", "UDP 192.0.2.1:5060", Duration.ofMillis(1250), 180),
                new TransactionInfo(TransactionKind.NON_INVITE_SERVER, TransactionState.TRYING, "z9hG4bK-2", "REGISTER",
                        "call-2@example.com", "TCP 192.0.2.2:5070", Duration.ofSeconds(125), 0)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        for (String s : new String[] {"Kind", "State", "Method", "Branch", "Call-ID", "Peer", "Age", "Status",
                "INVITE_CLIENT", "PROCEEDING", "z9hG4bK-1", "call-1@example.com", "UDP 192.0.2.1:5060", "1.250s", "180",
                "NON_INVITE_SERVER", "REGISTER", "TCP 192.0.2.2:5070", "2m05s", "2 transactions"}) {
            assertTrue(out.contains(s), s + " missing in\n" + out);
        }
    }

    @Test
    void age() {
        assertEquals("0.000s", TransactionsCommand.age(Duration.ZERO));
        assertEquals("59.999s", TransactionsCommand.age(Duration.ofMillis(59_999)));
        assertEquals("1m00s", TransactionsCommand.age(Duration.ofMinutes(1)));
    }
}
