package org.hotline.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.common.security.ServiceTokens;

/** Adds this service's bearer token to every outgoing gRPC call, since every gRPC method requires one. */
@ApplicationScoped
@GlobalInterceptor
public class ServiceTokenClientInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceTokens tokens;

    public ServiceTokenClientInterceptor(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(AUTHORIZATION, "Bearer " + tokens.current());
                super.start(listener, headers);
            }
        };
    }
}
