package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.switchgear.application.port.in.audit.QueryAuditUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code GET /api/v1/audit} over a recording use case: parameters read strictly (each bad value a 400
 * naming it, nothing asked of the log), the page in its documented shape, the cursor round trip.
 */
class AuditControllerTest {

    private static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    private static final AccountId BOB = AccountId.of(UUID.randomUUID());
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");

    private final List<AuditQuery> asked = new ArrayList<>();
    private final QueryAuditUseCase audit = (caller, query) -> {
        if (!caller.admin() && query.account().filter(a -> !a.equals(caller.account())).isPresent()) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        asked.add(query);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("power_level", "eco");
        details.put("previous", null);
        AuditEntry entry = new AuditEntry("evt-1", AT, ALICE, "key:k1", "user", AuditAction.POWER_LEVEL_CHANGED, null,
                details, "127.0.0.1", "agent/1");
        AuditEntry platform = new AuditEntry("evt-0", AT, null, "admin", "admin", AuditAction.MODEL_DEFINED, "m1",
                Map.of(), null, null);
        return new AuditPage(List.of(entry, platform), Optional.of(new AuditCursor(AT, "evt-0")));
    };
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new AuditController(audit))
            .setControllerAdvice(new RestErrorHandling()).build();

    private static MockHttpServletRequestBuilder as(Caller caller, String query) {
        return get(java.net.URI.create("/api/v1/audit" + query)).requestAttr(BearerAuthenticationFilter.CALLER, caller);
    }

    @Test
    void filtersAreReadAndThePageHasItsDocumentedShape() throws Exception {
        String body = mvc.perform(as(Caller.administrator(), "?account=" + ALICE + "&actor=key:k1"
                        + "&action=power_level.changed,credits.granted&action=provider_key.added"
                        + "&from=2026-12-01T00:00:00Z&to=2026-12-02T01:00:00%2B01:00&limit=2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].id").value("evt-1"))
                .andExpect(jsonPath("$.data[0].at").value("2026-12-01T10:00:00.123456Z"))
                .andExpect(jsonPath("$.data[0].account_id").value(ALICE.value()))
                .andExpect(jsonPath("$.data[0].actor").value("key:k1"))
                .andExpect(jsonPath("$.data[0].actor_role").value("user"))
                .andExpect(jsonPath("$.data[0].action").value("power_level.changed"))
                .andExpect(jsonPath("$.data[0].details.power_level").value("eco"))
                .andExpect(jsonPath("$.data[0].client_address").value("127.0.0.1"))
                .andExpect(jsonPath("$.data[0].user_agent").value("agent/1"))
                .andExpect(jsonPath("$.data[1].account_id").isEmpty())
                .andExpect(jsonPath("$.data[1].target").value("m1"))
                .andExpect(jsonPath("$.next").isString())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("\"target\":null", "\"client_address\":null", "\"previous\":null");

        AuditQuery query = asked.get(0);
        assertThat(query.account()).contains(ALICE);
        assertThat(query.actor()).contains("key:k1");
        assertThat(query.actions()).isEqualTo(Set.of(AuditAction.POWER_LEVEL_CHANGED, AuditAction.CREDITS_GRANTED,
                AuditAction.PROVIDER_KEY_ADDED));
        assertThat(query.from()).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.to()).contains(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(query.limit()).isEqualTo(2);
        assertThat(query.after()).isEmpty();
    }

    @Test
    void theNextCursorLeadsToThePageAfterTheLastEntry() throws Exception {
        String next = com.jayway.jsonpath.JsonPath.read(mvc.perform(as(Caller.of(ALICE), ""))
                .andReturn().getResponse().getContentAsString(), "$.next");
        mvc.perform(as(Caller.of(ALICE), "?cursor=" + next)).andExpect(status().isOk());

        assertThat(asked.get(0).limit()).as("the default page").isEqualTo(50);
        assertThat(asked.get(1).after()).contains(new AuditCursor(AT, "evt-0"));
    }

    @Test
    void eachBadValueIsA400NamingItsParameterAndAsksNothing() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("?account=not-a-uuid", "account");
        bad.put("?actor=", "actor");
        bad.put("?actor=" + "a".repeat(301), "actor");
        bad.put("?actor=admin%00", "actor");
        bad.put("?actor=admin%01", "actor");
        bad.put("?action=provider_key.stolen", "action");
        bad.put("?action=power_level.changed,nope", "action");
        bad.put("?from=yesterday", "from");
        bad.put("?from=1969-12-31T23:59:59Z", "from");
        bad.put("?to=%2B999999999-12-31T00:00:00Z", "to");
        bad.put("?to=2026-12-01T00:00:00", "to");
        bad.put("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to");
        bad.put("?limit=0", "limit");
        bad.put("?limit=201", "limit");
        bad.put("?limit=abc", "limit");
        bad.put("?limit=1.5", "limit");
        bad.put("?cursor=!!!", "cursor");
        bad.put("?cursor=bm8tYmFy", "cursor");
        bad.put("?cursor=eWVzdGVyZGF5fGV2dC0x", "cursor");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            org.springframework.mock.web.MockHttpServletResponse response = mvc.perform(
                    as(Caller.administrator(), e.getKey())).andReturn().getResponse();
            assertThat(response.getStatus()).as(e.getKey() + ": " + response.getContentAsString()).isEqualTo(400);
            mvc.perform(as(Caller.administrator(), e.getKey()))
                    .andExpect(jsonPath("$.error.type").value("invalid_request_error"))
                    .andExpect(jsonPath("$.error.param").value(e.getValue()));
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void anAccountNamingAnotherAccountGetsA404() throws Exception {
        mvc.perform(as(Caller.withKey(ALICE, "k1"), "?account=" + BOB))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("account_not_found"));
        assertThat(asked).isEmpty();
    }
}
