package dev.switchgear.application.port.in.keyring;

import java.util.Map;

/**
 * A caller's BYOK picture: keys stored (per provider), keys due for a test, keys whose last test
 * failed, and the completions made with the caller's own keys against those made on platform keys.
 */
public record ByokStats(int keys, Map<String, Integer> keysByProvider, int keysNeedingTest, int keysFailing,
                        long byokRequests, long byokInputTokens, long byokOutputTokens, long platformRequests) {
}
