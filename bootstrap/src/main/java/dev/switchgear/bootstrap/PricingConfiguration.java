package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.eventstore.UsageChargedPartsUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Prices that match the provider's bill (ADR 0023): charges written before the usage's parts (cache
 * reads and writes, reasoning) were recorded are read as charges without parts, at the rates they
 * were in effect charged at. Axon picks the upcaster up with the others.
 */
@Configuration(proxyBeanMethods = false)
public class PricingConfiguration {

    @Bean
    UsageChargedPartsUpcaster usageChargedPartsUpcaster() {
        return new UsageChargedPartsUpcaster();
    }
}
