package dev.switchgear.domain.routing.api;

import java.util.Objects;

/**
 * A provider in the catalog: its id (the one configured connections and BYOK keys use), a display
 * name, its wire format, and whether it runs locally (only local providers serve the privacy chain).
 */
public record ProviderDefinition(String id, String name, String type, boolean local) {

    public ProviderDefinition {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        type = type == null || type.isBlank() ? "openai" : type;
    }
}
