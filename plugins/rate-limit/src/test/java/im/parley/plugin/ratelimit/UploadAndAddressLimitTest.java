package im.parley.plugin.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upload bytes per user (XEP-0363 slot requests) and failed logins per address (last: it locks the test's address out). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadAndAddressLimitTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().plugins(new RateLimitModule())
            .yaml("""
                    ratelimit:
                      enabled: true
                      upload_bytes_per_hour: 1000B
                      upload_bytes_burst: 1000B
                      failed_logins_per_hour: 2
                      failed_logins_burst: 2
                    """)
            .build();

    @Test
    @Order(1)
    void uploadSlotRequestsSpendTheUserUploadBudget() {
        TestClient alice = server.newUser();
        IQ first = alice.request(slotOf(600));
        assertNotEquals(StanzaError.Condition.resource_constraint, first.getError() == null ? null : first.getError().getCondition());
        IQ second = alice.request(slotOf(600));
        assertEquals(StanzaError.Condition.resource_constraint, second.getError().getCondition());
        assertTrue(second.getError().getDescriptiveText().contains("1000 bytes of uploads per hour"), second.getError().getDescriptiveText());
        IQ bob = server.newUser().request(slotOf(600));
        assertNotEquals(StanzaError.Condition.resource_constraint, bob.getError() == null ? null : bob.getError().getCondition());
    }

    private static RawIq slotOf(long size) {
        RawIq iq = new RawIq(IQ.Type.get, "upload.localhost", "request", StanzaLimits.UPLOAD_NS, "");
        iq.attribute("filename", "a.jpg");
        iq.attribute("size", Long.toString(size));
        iq.attribute("content-type", "image/jpeg");
        return iq;
    }

    @Test
    @Order(2)
    void tooManyFailedLoginsKeepTheAddressOutForAWhile() {
        Account alice = server.newAccount();
        Account wrong = new Account(alice.username(), alice.domain(), "not-the-password");
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> server.login(wrong));
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> server.login(alice));
        assertTrue(refused.getMessage().contains("policy-violation") || refused.getMessage().contains("policy_violation"),
                refused.getMessage());
    }
}
