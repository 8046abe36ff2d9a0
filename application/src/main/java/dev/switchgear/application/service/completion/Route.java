package dev.switchgear.application.service.completion;

import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.shared.MicroCredits;
import java.util.List;

/**
 * A request's route: the router's decision, the candidates to try in order (at most the rules'
 * attempt limit), the worst case of what any of them may cost, and whether all run on own keys.
 */
record Route(Router.Decision decision, List<Candidate> candidates, MicroCredits estimate, boolean allOwn) {
}
