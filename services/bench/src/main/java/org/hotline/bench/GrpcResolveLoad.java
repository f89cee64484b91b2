package org.hotline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-model load on routing's {@code RegionResolution.Resolve} over gRPC: requests leave at a constant rate whatever
 * the answers do, and each latency counts from the moment its request was due (no coordinated omission).
 * Gatling's open-source edition has no gRPC protocol, so this small driver does it; the request is encoded by hand
 * (fields 1 and 2 of {@code ResolveRegionRequest}) so the bench needs no generated stubs.
 */
public final class GrpcResolveLoad {

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
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> RESOLVE = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("hotline.routing.v1.RegionResolution/Resolve")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    private GrpcResolveLoad() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("bench.grpc-host", "localhost");
        int port = Integer.parseInt(System.getProperty("bench.grpc-port", "8082"));
        double rate = BenchSettings.rate(10_000);
        int seconds = BenchSettings.seconds(30);
        int maxInFlight = BenchSettings.integer("max-in-flight", 20_000);
        Path out = Path.of(System.getProperty("bench.out", "target/grpc-resolve.json"));

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + BenchSettings.token());
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();

        // Warm-up: JIT and connections, not measured.
        run(channel, Math.min(rate, 2_000), 5, maxInFlight, null);
        Recorder recorder = new Recorder(3);
        Map<String, Object> result = run(channel, rate, seconds, maxInFlight, recorder);
        channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        var histogram = recorder.getIntervalHistogram();
        result.put("p50Ms", histogram.getValueAtPercentile(50) / 1e6);
        result.put("p99Ms", histogram.getValueAtPercentile(99) / 1e6);
        result.put("maxMs", histogram.getMaxValue() / 1e6);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println("grpc-resolve: " + result);
    }

    private static Map<String, Object> run(ManagedChannel channel, double rate, int seconds, int maxInFlight,
            Recorder recorder) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long total = (long) (rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                dropped.incrementAndGet();
                continue;
            }
            inFlight.incrementAndGet();
            ClientCalls.asyncUnaryCall(channel.newCall(RESOLVE, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS)),
                    request(), new StreamObserver<>() {
                        @Override
                        public void onNext(byte[] value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            failed.incrementAndGet();
                            done();
                        }

                        @Override
                        public void onCompleted() {
                            ok.incrementAndGet();
                            done();
                        }

                        private void done() {
                            inFlight.decrementAndGet();
                            if (recorder != null) {
                                recorder.recordValue(Math.max(0, System.nanoTime() - due));
                            }
                        }
                    });
        }
        long sendEnd = System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - sendEnd < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targetRate", rate);
        result.put("seconds", seconds);
        result.put("ok", ok.get());
        result.put("failed", failed.get() + inFlight.get());
        result.put("dropped", dropped.get());
        result.put("achievedRate", ok.get() / ((sendEnd - start) / 1e9));
        return result;
    }

    private static byte[] request() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String dialed = "053" + (1 + random.nextInt(9)) + "-12393";
        String caller = "139" + String.format("%08d", random.nextInt(100_000_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        field(bytes, 1, dialed);
        field(bytes, 2, caller);
        return bytes.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write((number << 3) | 2);
        out.write(utf8.length); // under 128 bytes: a one-byte varint
        out.writeBytes(utf8);
    }
}
