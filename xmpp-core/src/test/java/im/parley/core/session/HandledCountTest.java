package im.parley.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The count a client sees in the server's {@code <a h/>} (XEP-0198) covers only stanzas handled
 * with every one before them: one that waits (a message handed to another node) holds back the
 * count, and a {@code <r/>} sent meanwhile is answered once the count reaches it.
 */
class HandledCountTest {

    private static String ack(long h) {
        return "<a xmlns='urn:xmpp:sm:3' h='" + h + "'/>";
    }

    @Test
    void aStanzaThatWaitsHoldsBackTheCountAndTheAnswer() {
        StreamManagement sm = new StreamManagement(null);
        long first = sm.receivedOne();
        long second = sm.receivedOne();
        long third = sm.receivedOne();
        assertFalse(sm.handled(second), "nothing owed yet");
        assertFalse(sm.handled(third), "nothing owed yet");
        assertNull(sm.answerOrOwe(), "the <r/> waits for the first stanza");
        assertEquals(ack(0), sm.answer(), "the later stanzas are not counted ahead of the first");
        assertTrue(sm.handled(first), "the owed answer is due");
        assertEquals(ack(3), sm.answer());
        assertEquals(ack(3), sm.answerOrOwe(), "answered at once when nothing waits");
    }

    @Test
    void repeatedRequestsShareOneAnswerAndLaterOnesWaitForLaterStanzas() {
        StreamManagement sm = new StreamManagement(null);
        long first = sm.receivedOne();
        assertNull(sm.answerOrOwe());
        assertNull(sm.answerOrOwe());
        long second = sm.receivedOne();
        assertNull(sm.answerOrOwe());
        assertTrue(sm.handled(first), "the first two requests are due");
        assertEquals(ack(1), sm.answer());
        assertTrue(sm.handled(second), "the third request is due");
        assertEquals(ack(2), sm.answer());
        assertFalse(sm.handled(second), "a stanza counted twice changes nothing");
        assertEquals(ack(2), sm.answer());
    }
}
