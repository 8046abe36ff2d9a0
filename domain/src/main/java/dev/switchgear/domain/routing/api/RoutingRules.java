package dev.switchgear.domain.routing.api;

import dev.switchgear.domain.shared.PowerLevel;
import java.util.List;
import java.util.Map;

/**
 * The routing rules: named fallback chains (the use-case chains — code, chat, long-context, premium,
 * budget, privacy — callable as model aliases, and chains keyed by a model id, tried after that
 * model), each level's quality floor, and how many candidates one request may try.
 */
public record RoutingRules(Map<String, List<String>> chains, Map<PowerLevel, Integer> qualityFloors,
                           int maxAttempts) {

    public RoutingRules {
        chains = chains == null ? Map.of() : Map.copyOf(chains.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
        qualityFloors = qualityFloors == null ? Map.of() : Map.copyOf(qualityFloors);
    }

    public int qualityFloor(PowerLevel level) {
        return qualityFloors.getOrDefault(level, 0);
    }
}
