package dev.switchgear.adapter.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * HttpClient 5's classic (blocking) API over its async transport, so that upstreams reached over
 * TLS are spoken to in HTTP/2 when they offer it (ALPN), HTTP/1.1 otherwise (ADR 0005, amended).
 * Every provider keeps its blocking code unchanged: the request goes out through the async client,
 * the response body arrives as an {@link InputStream} fed by the transport as data comes in (so
 * streams are relayed as they arrive), and cancelling the classic request (the deadline watchdog,
 * a caller who left) cancels the exchange, which fails a blocked read.
 */
final class NegotiatingHttpClient extends CloseableHttpClient {

    private final CloseableHttpAsyncClient async;

    NegotiatingHttpClient(CloseableHttpAsyncClient async) {
        this.async = async;
        async.start();
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
            throws IOException {
        AsyncEntityProducer body = null;
        if (request.getEntity() != null) {
            String type = request.getEntity().getContentType();
            body = AsyncEntityProducers.create(EntityUtils.toByteArray(request.getEntity()),
                    type == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(type));
        }
        AsyncRequestBuilder builder;
        try {
            builder = AsyncRequestBuilder.create(request.getMethod()).setUri(request.getUri());
        } catch (URISyntaxException e) {
            throw new IOException("not a valid request URI", e);
        }
        for (Header header : request.getHeaders()) {
            builder.addHeader(header);
        }
        builder.setEntity(body);
        StreamingConsumer consumer = new StreamingConsumer();
        Future<Void> exchange = async.execute(builder.build(), consumer, null, context, null);
        if (request instanceof CancellableDependency cancellable) {
            cancellable.setDependency(() -> {
                boolean cancelled = exchange.cancel(true);
                consumer.failed(new InterruptedIOException("the exchange was cancelled"));
                return cancelled;
            });
        }
        HttpResponse head;
        try {
            head = consumer.head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new InterruptedIOException("interrupted while waiting for the response");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the exchange failed", e.getCause());
        }
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(head.getCode(), head.getReasonPhrase());
        response.setVersion(head.getVersion());
        response.setHeaders(head.getHeaders());
        if (consumer.hasBody) {
            Header type = head.getFirstHeader("Content-Type");
            response.setEntity(new InputStreamEntity(consumer.body, -1,
                    type == null ? null : ContentType.parse(type.getValue())));
        }
        return CloseableHttpResponse.adapt(response);
    }

    @Override
    public void close(CloseMode closeMode) {
        async.close(closeMode);
    }

    @Override
    public void close() throws IOException {
        async.close();
    }

    /** Hands the response head over at once and the body as a blocking stream, chunk by chunk. */
    private static final class StreamingConsumer implements AsyncResponseConsumer<Void> {

        private static final byte[] END = new byte[0];

        final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
        final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
        final QueueStream body = new QueueStream(chunks);
        volatile boolean hasBody;
        private volatile FutureCallback<Void> done;

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                    FutureCallback<Void> resultCallback) {
            this.done = resultCallback;
            hasBody = entity != null;
            if (entity == null) {
                chunks.add(END);
                resultCallback.completed(null);
            }
            head.complete(response);
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
            // 1xx responses carry nothing the providers need
        }

        @Override
        public void failed(Exception cause) {
            IOException failure = cause instanceof IOException io ? io : new IOException("the exchange failed", cause);
            if (!head.completeExceptionally(failure)) {
                chunks.add(failure);
            }
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            capacityChannel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) {
            byte[] data = new byte[src.remaining()];
            src.get(data);
            chunks.add(data);
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            chunks.add(END);
            FutureCallback<Void> callback = done;
            if (callback != null) {
                callback.completed(null);
            }
        }

        @Override
        public void releaseResources() {
            // the queue is drained or abandoned by the reader
        }
    }

    /** An InputStream over the consumer's chunks: blocks for the next, ends at the end marker, fails with the failure. */
    private static final class QueueStream extends InputStream {

        private final LinkedBlockingQueue<Object> chunks;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        QueueStream(LinkedBlockingQueue<Object> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                Object next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the response");
                }
                if (next instanceof IOException failure) {
                    throw failure;
                }
                current = (byte[]) next;
                position = 0;
                if (current.length == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
