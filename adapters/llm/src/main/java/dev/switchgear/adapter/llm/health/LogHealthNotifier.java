package dev.switchgear.adapter.llm.health;

import dev.switchgear.application.port.out.routing.HealthNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Announces provider health transitions in the log (WARN going down, INFO coming back). */
public final class LogHealthNotifier implements HealthNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(LogHealthNotifier.class);

    @Override
    public void changed(Transition t) {
        String what = t.model() == null ? t.provider() : t.provider() + "/" + t.model();
        if ("down".equals(t.to())) {
            LOG.warn("provider {} is down (was {}): {}", what, t.from(), t.reason());
        } else {
            LOG.info("provider {} is {} (was {}): {}", what, t.to(), t.from(), t.reason());
        }
    }
}
