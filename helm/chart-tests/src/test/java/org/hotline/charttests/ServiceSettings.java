package org.hotline.charttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service's source says it reads, found from the repository: its gRPC clients ({@code quarkus.grpc.clients.*}
 * in application.properties and every {@code @GrpcClient}, which includes the channels of the feeds it consumes), the
 * variables its configuration files reference ({@code ${HOTLINE_DB_HOST:...}}), the keys they set and the members of
 * its {@code @ConfigMapping} interfaces. Files of the libraries it depends on (hotline-common, hotline-events) count.
 */
final class ServiceSettings {

    private static final Pattern CLIENT_KEY = Pattern.compile("^quarkus\\.grpc\\.clients\\.(\"[^\"]+\"|[^.]+)\\.");
    private static final Pattern GRPC_CLIENT = Pattern.compile("@GrpcClient\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MEMBER = Pattern.compile("^\\s*[\\w<>,.? \\[\\]]+\\s+(\\w+)\\(\\)\\s*;", Pattern.MULTILINE);

    final String service;
    final Path module;
    final Set<String> grpcClients = new TreeSet<>();
    final Set<String> referencedVariables = new TreeSet<>();
    final Set<String> propertyKeys = new TreeSet<>();
    private final List<Mapping> mappings = new ArrayList<>();

    private record Mapping(String prefix, Set<String> members) {
    }

    private ServiceSettings(String service, Path module) {
        this.service = service;
        this.module = module;
    }

    /** The module services/{@code service}, or null when the repository has none. */
    static ServiceSettings of(String service) {
        Path services = RepositoryLayout.root().resolve("services");
        Path module = services.resolve(service);
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            return null;
        }
        ServiceSettings settings = new ServiceSettings(service, module);
        String pom = read(module.resolve("pom.xml"));
        List<Path> sources = new ArrayList<>(List.of(module));
        for (String library : List.of("common", "events")) {
            if (pom.contains("<artifactId>hotline-" + library + "</artifactId>")) {
                sources.add(services.resolve(library));
            }
        }
        for (Path source : sources) {
            settings.readConfigFile(source.resolve("src/main/resources/application.properties"), source == module);
            settings.readConfigFile(source.resolve("src/main/resources/META-INF/microprofile-config.properties"), false);
            settings.readJava(source.resolve("src/main/java"), source == module);
        }
        return settings;
    }

    private void readConfigFile(Path file, boolean ownClients) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String raw : read(file).split("\n")) {
            String line = raw.strip();
            // %test. and %dev. lines never apply in a pod (QUARKUS_PROFILE=prod); comments are not settings.
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("%") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1);
            propertyKeys.add(key);
            Matcher client = CLIENT_KEY.matcher(key);
            if (client.find() && ownClients) {
                grpcClients.add(client.group(1).replace("\"", ""));
            }
            Matcher variable = VARIABLE.matcher(value);
            while (variable.find()) {
                referencedVariables.add(variable.group(1));
            }
        }
    }

    private void readJava(Path dir, boolean ownClients) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = read(file);
                if (ownClients) {
                    Matcher client = GRPC_CLIENT.matcher(text);
                    while (client.find()) {
                        grpcClients.add(client.group(1));
                    }
                }
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    Set<String> members = new TreeSet<>();
                    Matcher member = MEMBER.matcher(text);
                    while (member.find()) {
                        members.add(environmentName(kebab(member.group(1))));
                    }
                    mappings.add(new Mapping(mapping.group(1), members));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the service reads the environment variable {@code name}: its configuration references it
     * ({@code ${NAME:...}}), sets the property it stands for, or a {@code @ConfigMapping} has that property (the
     * remainder after the prefix is a chain of the interface's members, e.g. HOTLINE_INTAKE_SERVICE_HOURS_ZONE is
     * serviceHours().zone() of the mapping with prefix hotline.intake).
     */
    boolean reads(String name) {
        if (referencedVariables.contains(name)) {
            return true;
        }
        if (propertyKeys.stream().map(ServiceSettings::environmentName).anyMatch(name::equals)) {
            return true;
        }
        for (Mapping mapping : mappings) {
            String prefix = environmentName(mapping.prefix()) + "_";
            if (name.startsWith(prefix) && chainOfMembers(name.substring(prefix.length()), mapping.members())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the service has a setting named {@code ...zone} (a key or a mapping member). */
    boolean hasZoneSetting() {
        return propertyKeys.stream().anyMatch(k -> k.endsWith(".zone"))
                || mappings.stream().anyMatch(m -> m.members().contains("ZONE"));
    }

    private static boolean chainOfMembers(String rest, Set<String> members) {
        if (members.contains(rest)) {
            return true;
        }
        for (String member : members) {
            if (rest.startsWith(member + "_") && chainOfMembers(rest.substring(member.length() + 1), members)) {
                return true;
            }
        }
        return false;
    }

    /** The environment variable Quarkus reads a property from: upper case, every other character as "_". */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
