package dev.switchgear.adapter.rest;

import static dev.switchgear.adapter.rest.JsonFields.account;
import static dev.switchgear.adapter.rest.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.credit.PowerLevelUseCase;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.AccountId;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An account's routing preferences over REST: its power level and its BYOK preference (its own key, or the administrator). */
@RestController
public class AccountPreferencesController {

    private final PowerLevelUseCase preferences;
    private final ObjectMapper json;

    public AccountPreferencesController(PowerLevelUseCase preferences, ObjectMapper json) {
        this.preferences = preferences;
        this.json = json;
    }

    @GetMapping("/api/v1/llm/users/{accountId}/power-level")
    Map<String, Object> powerLevel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                   @PathVariable String accountId) {
        AccountId account = account(accountId);
        PowerLevel level = preferences.powerLevel(caller, account);
        return Map.of("user_id", accountId, "power_level", level.code(),
                "multiplier", level.multiplierBasisPoints() / 10_000.0);
    }

    @PutMapping("/api/v1/llm/users/{accountId}/power-level")
    Map<String, Object> choosePowerLevel(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                         @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        AccountId account = account(accountId);
        PowerLevel level = PowerLevel.fromCode(text(JsonBodies.object(json, body), "power_level", true))
                .orElseThrow(() -> new BadRequestException("power_level is eco, balanced or precision", "power_level"));
        preferences.choosePowerLevel(caller, account, level);
        return powerLevel(caller, accountId);
    }

    @GetMapping("/api/v1/llm/users/{accountId}/byok")
    Map<String, Object> byokPreference(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @PathVariable String accountId) {
        return Map.of("user_id", accountId, "prefer_byok", preferences.prefersByok(caller, account(accountId)));
    }

    @PutMapping("/api/v1/llm/users/{accountId}/byok")
    Map<String, Object> setByokPreference(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                          @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        JsonNode prefer = JsonBodies.object(json, body).get("prefer_byok");
        if (prefer == null || !prefer.isBoolean()) {
            throw new BadRequestException("`prefer_byok` must be true or false", "prefer_byok");
        }
        preferences.setByokPreference(caller, account(accountId), prefer.asBoolean());
        return byokPreference(caller, accountId);
    }
}
