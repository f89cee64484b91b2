package org.hotline.testing.security;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.testing.TestTokens;

/**
 * The authentication and role matrix of every gRPC method a service serves (its event feed included), taken from
 * the service descriptors of its {@link BindableService} beans: no token and each of {@link BadTokens} answer
 * UNAUTHENTICATED, each role outside the implementation's {@code @RolesAllowed} answers PERMISSION_DENIED. Each
 * call sends an empty message, so what is checked is the door, not the method.
 */
public final class GrpcAuthenticationMatrix {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private final List<BindableService> services;
    private final ManagedChannel channel;
    private int checked;
    private final List<String> methods = new ArrayList<>();

    private GrpcAuthenticationMatrix(List<BindableService> services, String host, int port) {
        this.services = services;
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    }

    /**
     * The matrix of the suite's own gRPC implementations among {@code services}, served at {@code host:port}:
     * Quarkus' gRPC health service (open to probes by design), beans generated from the contracts and the tests'
     * stand-ins of other services ({@code StandIn...}) are not the service's doors and are left out.
     */
    public static GrpcAuthenticationMatrix of(List<BindableService> services, String host, int port) {
        return new GrpcAuthenticationMatrix(services.stream()
                .filter(s -> implementation(s).getClass().getName().startsWith("org.hotline.")
                        && !implementation(s).getClass().getSimpleName().startsWith("StandIn"))
                .toList(), host, port);
    }

    /** Calls made by the last {@link #violations()}. */
    public int checked() {
        return checked;
    }

    /** Full names of the methods checked. */
    public List<String> methods() {
        return methods;
    }

    /** Every cell of the matrix that did not answer as it must. */
    public List<String> violations() {
        List<String> out = new ArrayList<>();
        try {
            for (BindableService service : services) {
                Set<String> roles = rolesOf(implementation(service).getClass());
                for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
                    MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
                            .setType(method.getMethodDescriptor().getType())
                            .setFullMethodName(method.getMethodDescriptor().getFullMethodName())
                            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
                    methods.add(descriptor.getFullMethodName());
                    expect(descriptor, null, "no token", Status.Code.UNAUTHENTICATED, out);
                    for (Map.Entry<String, String> token : BadTokens.all().entrySet()) {
                        expect(descriptor, token.getValue(), token.getKey(), Status.Code.UNAUTHENTICATED, out);
                    }
                    for (Map.Entry<String, String> role : BadTokens.staffRoles().entrySet()) {
                        if (!roles.contains(role.getKey())) {
                            expect(descriptor, TestTokens.bearer(role.getKey(), role.getValue()), "role " + role.getKey(),
                                    Status.Code.PERMISSION_DENIED, out);
                        }
                    }
                }
            }
        } finally {
            channel.shutdownNow();
        }
        return out;
    }

    /**
     * The class that implements a service: a bean generated from the contracts ({@code XxxBean}) delegates to the
     * service's implementation of the Mutiny interface, which carries the {@code @RolesAllowed}.
     */
    private static Object implementation(BindableService service) {
        for (Class<?> c = service.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field delegate = c.getDeclaredField("delegate");
                delegate.setAccessible(true);
                Object target = delegate.get(service);
                return target == null ? service : target;
            } catch (NoSuchFieldException e) {
                // not a generated bean at this level
            } catch (ReflectiveOperationException | RuntimeException e) {
                return service;
            }
        }
        return service;
    }

    private static Set<String> rolesOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            RolesAllowed allowed = c.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                return Set.copyOf(Arrays.asList(allowed.value()));
            }
        }
        throw new IllegalStateException(type + " has no @RolesAllowed: every gRPC service must say who may call it");
    }

    private void expect(MethodDescriptor<byte[], byte[]> method, String authorization, String what, Status.Code code,
            List<String> out) {
        checked++;
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(AUTHORIZATION, authorization);
        }
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
                // A message means the door was open: the status below tells.
                closed.complete(Status.OK.withDescription("a message was answered"));
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, headers);
        call.request(1);
        call.sendMessage(new byte[0]);
        call.halfClose();
        Status status;
        try {
            status = closed.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            status = Status.UNKNOWN.withDescription("no status: " + e);
        }
        call.cancel("checked", null);
        if (status.getCode() != code) {
            out.add(method.getFullMethodName() + " with " + what + ": " + status.getCode() + " " + status.getDescription()
                    + " (expected " + code + ")");
        }
    }
}
