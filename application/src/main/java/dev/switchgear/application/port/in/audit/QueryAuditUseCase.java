package dev.switchgear.application.port.in.audit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;

/**
 * Reads the audit log: the administrator sees every entry, an account only its own (its account is
 * the filter, whatever was asked; naming another account is ACCOUNT_NOT_FOUND, as everywhere).
 */
public interface QueryAuditUseCase {

    AuditPage audit(Caller caller, AuditQuery query);
}
