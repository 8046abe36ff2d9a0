package dev.switchgear.domain.routing.api;

/** What a model can do beyond plain chat; a request needing one skips models without it. */
public enum Capability {
    TOOLS,
    JSON,
    VISION
}
