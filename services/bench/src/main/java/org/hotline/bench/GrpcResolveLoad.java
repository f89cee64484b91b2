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
 * Open-model load on routing's {@code RegionResolution.Resolve} over gRPC, as a ladder of constant rates
 * ({@code bench.rates}, default 1000 2000 4000 6000 8000 10000 12000 calls/s, {@code bench.seconds} each): requests
 * leave at the step's rate whatever the answers do, and each latency counts from the moment its request was due (no
 * coordinated omission). In-flight calls are bounded ({@code bench.max-in-flight}, default 100 per channel, which is
 * what routing's HTTP/2 server admits per connection; {@code bench.channels}, default 2): a request due while the
 * bound is reached is not sent, counts as dropped and as a call that took the whole 5 s deadline, so an overloaded
 * step fails fast instead of queueing for the deadline, cancelling thousands of streams and dragging the next step
 * down. The ladder stops at the first step with a failed call or p99 above {@code bench.p99-limit-ms} (10; more than
 * 1% dropped is above it); {@code heldRate} is the highest step held.
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

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private GrpcResolveLoad() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("bench.grpc-host", "localhost");
        int port = Integer.parseInt(System.getProperty("bench.grpc-port", "8082"));
        String rates = System.getProperty("bench.rates", System.getProperty("bench.rate") != null
                ? System.getProperty("bench.rate") : "1000 2000 4000 6000 8000 10000 12000");
        int seconds = BenchSettings.seconds(15);
        int channels = BenchSettings.integer("channels", 2);
        int maxInFlight = BenchSettings.integer("max-in-flight", 100 * channels);
        double p99Limit = Double.parseDouble(System.getProperty("bench.p99-limit-ms", "10"));
        Path out = Path.of(System.getProperty("bench.out", "target/grpc-resolve.json"));
        // Routing's process, when given: its CPU per call beside the machine's and this driver's (CpuMeter).
        String serverPid = System.getProperty("bench.server-pid", "");
        CpuMeter meter = new CpuMeter(serverPid.isBlank() ? 0 : Long.parseLong(serverPid.trim()));

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + BenchSettings.token());
        ManagedChannel[] pool = new ManagedChannel[channels];
        for (int i = 0; i < channels; i++) {
            pool[i] = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                    .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
        }

        // Warm-up: JIT and connections, not measured.
        double first = Double.parseDouble(rates.trim().split("\\s+")[0]);
        run(pool, Math.min(first, 2_000), 10, maxInFlight, null);
        Thread.sleep(2_000); // the warm-up's last answers
        double atRest = meter.rest(3_000);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("maxInFlight", maxInFlight);
        result.put("channels", channels);
        result.put("p99LimitMs", p99Limit);
        result.put("atRestBusyPct", atRest);
        double held = 0;
        Double heldP99 = null;
        Map<String, Object> summary = null;
        for (String step : rates.trim().split("\\s+")) {
            double rate = Double.parseDouble(step);
            Recorder recorder = new Recorder(3);
            meter.begin();
            Map<String, Object> r = run(pool, rate, seconds, maxInFlight, recorder);
            meter.end((long) r.get("ok") + (long) r.get("failed"), r);
            var histogram = recorder.getIntervalHistogram();
            double p99 = histogram.getValueAtPercentile(99) / 1e6;
            r.put("p50Ms", histogram.getValueAtPercentile(50) / 1e6);
            r.put("p99Ms", p99);
            r.put("maxMs", histogram.getMaxValue() / 1e6);
            String key = "ladder." + (long) rate + ".";
            r.forEach((k, v) -> result.put(key + k, v));
            System.out.println("grpc-resolve " + (long) rate + "/s: " + r);
            boolean ok = (long) r.get("failed") == 0 && p99 <= p99Limit;
            if (summary == null || ok) {
                summary = r;
            }
            if (!ok) {
                break;
            }
            held = rate;
            heldP99 = p99;
            Thread.sleep(2_000); // let the server settle between steps
        }
        for (ManagedChannel channel : pool) {
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        }
        // The report's one-line figures (targetRate, achievedRate, p99Ms, failed ...): the highest step held, else the
        // first step.
        if (summary != null) {
            result.putAll(summary);
        }
        result.put("heldRate", held);
        result.put("heldP99Ms", heldP99 == null ? -1 : heldP99);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println("grpc-resolve: held " + held + "/s at p99 " + heldP99 + " ms");
    }

    private static Map<String, Object> run(ManagedChannel[] pool, double rate, int seconds, int maxInFlight,
            Recorder recorder) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long total = (long) (rate * seconds);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                // Not sent: it counts as a call that took the whole deadline, so a step with more than 1% dropped
                // cannot hold p99.
                dropped.incrementAndGet();
                if (recorder != null) {
                    recorder.recordValue(DEADLINE_NANOS);
                }
                continue;
            }
            inFlight.incrementAndGet();
            ManagedChannel channel = pool[(int) (i % pool.length)];
            ClientCalls.asyncUnaryCall(channel.newCall(RESOLVE, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS)),
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
