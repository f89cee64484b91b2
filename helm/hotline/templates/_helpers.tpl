{{/* Prefix of every resource name: the release name unless fullnameOverride says otherwise. */}}
{{- define "hotline.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one service's resources: <prefix>-<service>. Call with (dict "root" $ "name" "intake"). */}}
{{- define "hotline.svcName" -}}
{{- printf "%s-%s" (include "hotline.fullname" .root) .name -}}
{{- end -}}

{{/* Labels every resource carries. */}}
{{- define "hotline.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: hotline
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: hotline
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
hotline.gov.cn/tenant: {{ include "hotline.tenantLabel" . }}
{{- end -}}

{{/* Tenant as a label value ("*" is not allowed in labels). */}}
{{- define "hotline.tenantLabel" -}}
{{- if eq .Values.tenant.code "*" }}national{{ else }}{{ .Values.tenant.code | quote }}{{ end -}}
{{- end -}}

{{/* Labels selecting the pods of one service. Call with (dict "root" $ "name" "intake"). */}}
{{- define "hotline.selectorLabels" -}}
app.kubernetes.io/name: hotline
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Labels of one service's resources. Call with (dict "root" $ "name" "intake"). */}}
{{- define "hotline.svcLabels" -}}
{{ include "hotline.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/*
One service's effective settings as YAML: serviceDefaults overridden by services.<name>.
mergeOverwrite keeps false/0/[] from the service block, so a service can switch a default off.
*/}}
{{- define "hotline.svc" -}}
{{- $block := get .root.Values.services .name | default dict -}}
{{- mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $block) | toYaml -}}
{{- end -}}

{{/* Every service the chart knows, in a fixed order, as a JSON list. */}}
{{- define "hotline.allServices" -}}
{{- toJson (list "intake" "routing" "knowledge" "evaluation" "appraisal" "console") -}}
{{- end -}}

{{/* Names of the enabled services, in a fixed order, as a JSON list. */}}
{{- define "hotline.enabledServices" -}}
{{- $out := list -}}
{{- range $name := include "hotline.allServices" . | fromJsonArray -}}
{{- $svc := include "hotline.svc" (dict "root" $ "name" $name) | fromYaml -}}
{{- if $svc.enabled }}{{ $out = append $out $name }}{{ end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Name of the CloudNativePG Cluster. */}}
{{- define "hotline.cnpgName" -}}
{{- printf "%s-postgres" (include "hotline.fullname" .) -}}
{{- end -}}

{{/* Database host the services connect to. */}}
{{- define "hotline.dbHost" -}}
{{- if eq .Values.database.mode "cnpg" -}}
{{- printf "%s-rw" (include "hotline.cnpgName" .) -}}
{{- else -}}
{{- .Values.database.external.host -}}
{{- end -}}
{{- end -}}

{{/* Database port the services connect to. */}}
{{- define "hotline.dbPort" -}}
{{- if eq .Values.database.mode "cnpg" }}5432{{ else }}{{ .Values.database.external.port }}{{ end -}}
{{- end -}}

{{/* Secret with keys username/password. */}}
{{- define "hotline.dbSecret" -}}
{{- if eq .Values.database.mode "cnpg" -}}
{{- printf "%s-app" (include "hotline.cnpgName" .) -}}
{{- else -}}
{{- .Values.database.credentials.existingSecret | default (printf "%s-db" (include "hotline.fullname" .)) -}}
{{- end -}}
{{- end -}}

{{/* Secret with keys publicKey.pem/privateKey.pem. */}}
{{- define "hotline.jwtSecret" -}}
{{- .Values.jwt.existingSecret | default (printf "%s-jwt" (include "hotline.fullname" .)) -}}
{{- end -}}

{{/* Image of one service. Call with (dict "root" $ "name" "intake"). */}}
{{- define "hotline.image" -}}
{{- printf "%s/hotline-%s:%s" (.root.Values.image.registry | trimSuffix "/") .name (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* HPA behavior shared by the HPAs and KEDA's ScaledObject. Call with a service's autoscaling block. */}}
{{- define "hotline.hpaBehavior" -}}
scaleUp:
  stabilizationWindowSeconds: {{ .scaleUpStabilizationSeconds }}
  selectPolicy: Max
  policies:
    - type: Percent
      value: 100
      periodSeconds: 15
    - type: Pods
      value: {{ .scaleUpPods }}
      periodSeconds: 15
scaleDown:
  stabilizationWindowSeconds: {{ .scaleDownStabilizationSeconds }}
  selectPolicy: Min
  policies:
    - type: Percent
      value: {{ .scaleDownPercent }}
      periodSeconds: 60
    - type: Pods
      value: 1
      periodSeconds: 60
{{- end -}}

{{/*
The environment variable of one gRPC client setting, by the one naming rule (docs/deploy.md): the client is named after
the service it calls or whose feed it reads, and Quarkus reads quarkus.grpc.clients.<name>.host|port from
QUARKUS_GRPC_CLIENTS_<NAME>_HOST|PORT (upper case, every character that is not a letter or digit as "_").
Call with (dict "client" "evaluation" "setting" "HOST").
*/}}
{{- define "hotline.grpcClientVar" -}}
{{- printf "QUARKUS_GRPC_CLIENTS_%s_%s" (regexReplaceAll "[^A-Z0-9]" (upper .client) "_") .setting -}}
{{- end -}}

{{/*
Where the others reach one service over gRPC, as YAML {host, port}: its grpcAddress when set (a service run
elsewhere, or a test on localhost), else its Service in this release on service.grpcPort. Call with (dict "root" $ "name" "routing").
*/}}
{{- define "hotline.grpcAddress" -}}
{{- $target := include "hotline.svc" . | fromYaml -}}
{{- $address := $target.grpcAddress | default dict -}}
{{- if $address.host -}}
{{- dict "host" $address.host "port" ($address.port | default $target.port) | toYaml -}}
{{- else -}}
{{- dict "host" (include "hotline.svcName" .) "port" .root.Values.service.grpcPort | toYaml -}}
{{- end -}}
{{- end -}}

{{/*
The setting through which each service reads the tenant's zone (working days, hours, deadlines); services absent
here compute nothing in local time. The chart test checks that each one is a setting the service reads.
*/}}
{{- define "hotline.zoneVariables" -}}
{{- toJson (dict "intake" "HOTLINE_INTAKE_SERVICE_HOURS_ZONE" "routing" "HOTLINE_ROUTING_ZONE" "evaluation" "HOTLINE_EVALUATION_ZONE") -}}
{{- end -}}

{{/*
Data of one service's ConfigMap (also hashed into the pod annotation): the chart's settings, then the service's
env over them (so a release can override any, e.g. QUARKUS_PROFILE). Call with (dict "root" $ "name" "intake").
*/}}
{{- define "hotline.configData" -}}
{{- $data := include "hotline.configBase" . | fromYaml -}}
{{- $svc := include "hotline.svc" . | fromYaml -}}
{{- range $key, $value := $svc.env }}{{ $_ := set $data $key ($value | toString) }}{{ end -}}
{{- toYaml $data -}}
{{- end -}}

{{/* The chart's own settings of one service, before its env. */}}
{{- define "hotline.configBase" -}}
{{- $root := .root }}
{{- $name := .name }}
{{- $svc := include "hotline.svc" . | fromYaml }}
QUARKUS_PROFILE: prod
QUARKUS_HTTP_PORT: {{ $svc.port | quote }}
QUARKUS_SHUTDOWN_TIMEOUT: {{ printf "%ds" (sub (int $svc.terminationGracePeriodSeconds) 15 | max 5) | quote }}
{{- with get (include "hotline.zoneVariables" $root | fromJson) $name }}
{{ . }}: {{ $root.Values.tenant.zone | quote }}
{{- end }}
{{- if $svc.database }}
HOTLINE_DB_HOST: {{ include "hotline.dbHost" $root | quote }}
HOTLINE_DB_PORT: {{ include "hotline.dbPort" $root | quote }}
HOTLINE_DB_POOL_SIZE: {{ $root.Values.database.poolSize | quote }}
HOTLINE_DB_CACHE_PREPARED_STATEMENTS: {{ ternary "true" "false" (ne $root.Values.database.cachePreparedStatements false) | quote }}
{{- $dbName := printf "%s%s%s" $root.Values.database.namePrefix $name ($root.Values.database.nameSuffix | default "") }}
{{- if or (ne $dbName (printf "hotline_%s" $name)) $root.Values.database.external.parameters }}
{{- /* The services derive the database name from hotline.db.name; other names need the full URLs. */}}
{{- $params := ternary (printf "?%s" $root.Values.database.external.parameters) "" (and (eq $root.Values.database.mode "external") (ne $root.Values.database.external.parameters "")) }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s:%s/%s%s" (include "hotline.dbHost" $root) (include "hotline.dbPort" $root) $dbName $params | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s:%s/%s%s" (include "hotline.dbHost" $root) (include "hotline.dbPort" $root) $dbName $params | quote }}
{{- end }}
{{- end }}
HOTLINE_JWT_ISSUER: {{ $root.Values.jwt.issuer | quote }}
HOTLINE_JWT_PRIVATE_KEY: /etc/hotline/jwt/privateKey.pem
{{- if $svc.verifiesTokens }}
HOTLINE_JWT_PUBLIC_KEY: {{ ternary "/etc/hotline/jwt/publicKeys.json" "/etc/hotline/jwt/publicKey.pem" (eq $root.Values.jwt.verificationKeys "jwks") }}
HOTLINE_JWT_KEY_ID: {{ $root.Values.jwt.signingKeyId | quote }}
{{- end }}
{{- range $peer := $svc.httpClients | default list }}
{{- $target := include "hotline.svc" (dict "root" $root "name" $peer) | fromYaml }}
{{- /* REST clients (the console): HOTLINE_<PEER>_URL, the peer's Service on its http port. */}}
HOTLINE_{{ upper $peer }}_URL: {{ printf "http://%s:%v" (include "hotline.svcName" (dict "root" $root "name" $peer)) $target.port | quote }}
{{- end }}
{{- range $client := $svc.grpcClients }}
{{- $target := include "hotline.svc" (dict "root" $root "name" $client) | fromYaml }}
{{- $address := include "hotline.grpcAddress" (dict "root" $root "name" $client) | fromYaml }}
{{- if not (or $target.enabled ($target.grpcAddress | default dict).host) }}
{{- fail (printf "services.%s.grpcClients names %s, which is disabled (give services.%s.grpcAddress to reach one run elsewhere)" $name $client $client) }}
{{- end }}
{{ include "hotline.grpcClientVar" (dict "client" $client "setting" "HOST") }}: {{ $address.host | quote }}
{{ include "hotline.grpcClientVar" (dict "client" $client "setting" "PORT") }}: {{ $address.port | quote }}
{{- end }}
{{- if and (eq $name "intake") $root.Values.ingress.enabled }}
{{- /* Client addresses for the public look-up limit come from X-Forwarded-For, trusted only from the ingress controller. */}}
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: "true"
QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED: "true"
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: {{ join "," $root.Values.ingress.trustedProxies | quote }}
{{- end }}
JAVA_TOOL_OPTIONS: {{ $svc.javaOptions | quote }}
{{- end -}}
