package dev.switchgear.bootstrap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson's read and write buffers recycled across threads. Its default pool keeps them per thread, and a
 * request here runs on a virtual thread of its own, so nothing was ever recycled: every request body parsed
 * and every upstream body written allocated fresh 8–16 KB buffers — the largest allocation site of the
 * streamed path in issue #13's profile. A shared concurrent pool keeps them for the next request.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer recycledJsonBuffers() {
        return builder -> builder.factory(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build());
    }
}
