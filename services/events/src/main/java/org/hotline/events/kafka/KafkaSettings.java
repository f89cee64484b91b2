package org.hotline.events.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.hotline.events.config.EventsConfig;

/** The Kafka client properties every client of the library shares: brokers, TLS and SASL, and extra properties. */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /** Topic of {@code feed}: the configured prefix and the feed name. */
    public static String topic(EventsConfig.Kafka kafka, String feed) {
        return kafka.topicPrefix() + feed;
    }

    /** Connection and security properties, plus {@code client.id}. */
    public static Map<String, Object> common(EventsConfig.Kafka kafka, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol());
        kafka.saslMechanism().ifPresent(v -> p.put(SaslConfigs.SASL_MECHANISM, v));
        kafka.saslJaasConfig().ifPresent(v -> p.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        kafka.sslTruststoreLocation().ifPresent(v -> p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, v));
        kafka.sslTruststoreType().ifPresent(v -> p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, v));
        kafka.sslTruststorePassword().ifPresent(v -> p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, v));
        p.putAll(kafka.client());
        return p;
    }
}
