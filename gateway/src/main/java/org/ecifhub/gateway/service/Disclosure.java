package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.Role;
import org.ecifhub.gateway.persistence.AccessAuditRepository;

import java.util.EnumSet;
import java.util.Set;

/**
 * Decides whether an answer goes out masked or whole. Whole only for a caller whose role is cleared and who says
 * why (the reason header); every such answer that holds personal data is audited first (who, whom, when, why),
 * and if the audit cannot be written the answer does not go out. Blocking: call off the event loop.
 */
@ApplicationScoped
public class Disclosure {

    private final PersonalDataMasker masker;
    private final AccessAuditRepository audit;
    private final Set<Role> cleared;

    public Disclosure(PersonalDataMasker masker, AccessAuditRepository audit, GatewayConfig config) {
        this.masker = masker;
        this.audit = audit;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        config.security().clearedRoles().forEach(r -> Role.parse(r).ifPresent(roles::add));
        this.cleared = roles;
    }

    /** Whether the caller may have unmasked data for the given reason. */
    public boolean mayUnmask(Caller caller, String reason) {
        return caller.hasAny(cleared) && reason != null && !reason.isBlank();
    }

    /**
     * Prepares {@code answer} (in place) for the caller: masked, or whole and audited.
     *
     * @return whether the answer went out unmasked
     */
    public boolean disclose(Caller caller, String reason, String method, String path, JsonNode answer) {
        if (!mayUnmask(caller, reason)) {
            masker.mask(answer);
            return false;
        }
        PersonalDataMasker.Findings findings = masker.inspect(answer);
        if (findings.personalData()) {
            audit.record(caller, findings.customers(), reason.strip(), method, path);
        }
        return true;
    }
}
