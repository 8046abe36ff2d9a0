package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.MicroCredits;

/** Sums over a range of the usage read model. */
public record UsageTotals(long requests, long inputTokens, long outputTokens, MicroCredits cost,
                          MicroCredits charged) {
}
