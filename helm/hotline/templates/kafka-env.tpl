{{- /*
Settings of the event feeds' transport (docs/events.md), included by the Deployment of every service. Nothing is
rendered with `events.transport: grpc`, the default. Call with (dict "root" $ "name" "intake").
*/ -}}

{{/* The Strimzi cluster's name (its bootstrap Service is <name>-kafka-bootstrap). */}}
{{- define "hotline.kafkaCluster" -}}
{{ include "hotline.fullname" . }}-kafka
{{- end }}

{{/* Brokers the services bootstrap from: the value, or the rendered Strimzi cluster's bootstrap Service. */}}
{{- define "hotline.kafkaBootstrap" -}}
{{- $k := .Values.kafka }}
{{- if $k.bootstrapServers }}
{{- $k.bootstrapServers }}
{{- else if $k.strimzi.enabled }}
{{- $tls := or (eq $k.securityProtocol "SSL") (eq $k.securityProtocol "SASL_SSL") }}
{{- printf "%s-kafka-bootstrap:%d" (include "hotline.kafkaCluster" .) (ternary 9093 9092 $tls) }}
{{- else }}
{{- fail "events.transport kafka needs kafka.bootstrapServers (or kafka.strimzi.enabled)" }}
{{- end }}
{{- end }}

{{/* Secret with the brokers' CA (key ca.crt), or empty. */}}
{{- define "hotline.kafkaCaSecret" -}}
{{- $k := .Values.kafka }}
{{- if $k.caSecret }}
{{- $k.caSecret }}
{{- else if and $k.strimzi.enabled (or (eq $k.securityProtocol "SSL") (eq $k.securityProtocol "SASL_SSL")) }}
{{- include "hotline.kafkaCluster" . }}-cluster-ca-cert
{{- end }}
{{- end }}

{{/* Environment of a service's container for the kafka transport (entries of `env:`). */}}
{{- define "hotline.kafkaEnv" -}}
{{- $root := .root }}
{{- $k := $root.Values.kafka }}
{{- if and (eq $root.Values.events.transport "kafka") (include "hotline.svc" . | fromYaml).events }}
- name: HOTLINE_EVENTS_TRANSPORT
  value: kafka
- name: HOTLINE_EVENTS_KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "hotline.kafkaBootstrap" $root | quote }}
- name: HOTLINE_EVENTS_KAFKA_TOPIC_PREFIX
  value: {{ $k.topicPrefix | quote }}
- name: HOTLINE_EVENTS_KAFKA_KEY
  value: {{ $k.key | quote }}
- name: HOTLINE_EVENTS_KAFKA_TOPIC_PARTITIONS
  value: {{ $k.partitions | quote }}
- name: HOTLINE_EVENTS_KAFKA_CREATE_TOPICS
  value: {{ and $k.createTopics (not $k.strimzi.enabled) | quote }}
- name: HOTLINE_EVENTS_KAFKA_SECURITY_PROTOCOL
  value: {{ $k.securityProtocol | quote }}
{{- if $k.saslMechanism }}
- name: HOTLINE_EVENTS_KAFKA_SASL_MECHANISM
  value: {{ $k.saslMechanism | quote }}
{{- end }}
{{- if $k.saslSecret }}
- name: HOTLINE_EVENTS_KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $k.saslSecret }}
      key: sasl.jaas.config
{{- end }}
{{- if include "hotline.kafkaCaSecret" $root }}
- name: HOTLINE_EVENTS_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/hotline/kafka/ca.crt
- name: HOTLINE_EVENTS_KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
{{- end }}
{{- end }}
{{- end }}

{{/* The brokers' CA mounted read-only (entries of the container's `volumeMounts:`). */}}
{{- define "hotline.kafkaVolumeMounts" -}}
{{- if and (eq .root.Values.events.transport "kafka") (include "hotline.kafkaCaSecret" .root) (include "hotline.svc" . | fromYaml).events }}
- name: kafka-ca
  mountPath: /etc/hotline/kafka
  readOnly: true
{{- end }}
{{- end }}

{{/* The Secret behind that mount (entries of the pod's `volumes:`). */}}
{{- define "hotline.kafkaVolumes" -}}
{{- if and (eq .root.Values.events.transport "kafka") (include "hotline.kafkaCaSecret" .root) (include "hotline.svc" . | fromYaml).events }}
- name: kafka-ca
  secret:
    secretName: {{ include "hotline.kafkaCaSecret" .root }}
    items:
      - key: ca.crt
        path: ca.crt
    defaultMode: 0444
{{- end }}
{{- end }}
