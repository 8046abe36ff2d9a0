package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.audit.QueryAuditUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit} (ADR 0018): who changed what, when and from where, newest first. The
 * administrator sees every entry, an account its own (naming another account is a 404). Filters:
 * {@code account}, {@code actor}, {@code action} (repeated or comma-separated), {@code from}
 * (inclusive) and {@code to} (exclusive) as RFC 3339 times; {@code limit} 1 to 200 (50); {@code cursor}
 * continues where a page's {@code next} said. A bad value is a 400 naming its parameter.
 */
@RestController
public class AuditController {

    private final QueryAuditUseCase audit;

    public AuditController(QueryAuditUseCase audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    PageView audit(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                   @RequestParam(required = false) String account,
                   @RequestParam(required = false) String actor,
                   @RequestParam(required = false) List<String> action,
                   @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to,
                   @RequestParam(required = false) String cursor,
                   @RequestParam(required = false) String limit) {
        AuditQuery query = AuditParameters.query(account, actor, action, from, to, cursor, limit);
        AuditPage page = audit.audit(caller, query);
        return new PageView(page.entries().stream().map(EntryView::of).toList(),
                page.next().map(AuditParameters::cursor).orElse(null));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PageView(List<EntryView> data, String next) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntryView(String id, String at, String accountId, String actor, String actorRole, String action,
                     String target, Map<String, Object> details, String clientAddress, String userAgent) {
        static EntryView of(AuditEntry e) {
            return new EntryView(e.id(), e.at().toString(), e.accountId() == null ? null : e.accountId().value(), e.actor(),
                    e.actorRole(), e.action().code(), e.target(), e.details(), e.clientAddress(), e.userAgent());
        }
    }
}
