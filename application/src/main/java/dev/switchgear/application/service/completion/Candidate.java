package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.ModelPrice;

/**
 * One model a request may be sent to: its provider, the price and multiplier it is charged at, and
 * whether it runs on the caller's own key.
 */
record Candidate(CatalogModel model, CompletionProvider provider, boolean own, ModelPrice price,
                 int multiplierBasisPoints) {
}
