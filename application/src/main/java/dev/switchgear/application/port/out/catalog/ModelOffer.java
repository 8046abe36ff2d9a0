package dev.switchgear.application.port.out.catalog;

import dev.switchgear.domain.shared.ModelPrice;

/**
 * A model as offered: the name callers use, the provider and the provider's own model id, the
 * price, and the output cap applied when a request sets none (it bounds the admission hold).
 */
public record ModelOffer(String model, String provider, String upstreamModel, ModelPrice price,
                         int defaultMaxOutputTokens) {

    public ModelOffer {
        if (defaultMaxOutputTokens <= 0) {
            throw new IllegalArgumentException("a model needs a positive default output cap");
        }
    }
}
