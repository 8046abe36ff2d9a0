package dev.switchgear.domain.routing.api;

/** The routing policy's aggregate identifier: there is one, the platform's. */
public enum PolicyIds {
    ;

    public static final String PLATFORM = "routing-policy";
}
