package io.sinkline.emulator.maxcompute.http;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import io.sinkline.emulator.maxcompute.faults.Faults;
import io.sinkline.emulator.maxcompute.faults.InjectedFault;

/**
 * The HTTP server in front of the emulator (Netty, so response header names keep the case the SDK looks up).
 * It decodes requests, checks signatures in strict mode, applies injected faults, hands the request to the
 * {@link Dispatcher} and writes answers and errors the way the service does (XML for REST, JSON for Tunnel,
 * always with {@code x-odps-request-id}). Storage calls block, so there are many event loops (a connection
 * is served by one loop; a slow request holds up only the connections that share its loop).
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** The REST endpoint is {@code http://host:port/api}; the Tunnel endpoint is the bare {@code http://host:port}. */
    public static final String API_PREFIX = "/api";
    private static final int MAX_BODY = 512 * 1024 * 1024;

    private final Dispatcher dispatcher;
    private final SignatureVerifier verifier;
    private final Faults faults;
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup io = new NioEventLoopGroup(16);
    private final Channel channel;

    public HttpFront(String host, int port, Dispatcher dispatcher, SignatureVerifier verifierOrNull, Faults faults)
            throws InterruptedException {
        this.dispatcher = dispatcher;
        this.verifier = verifierOrNull;
        this.faults = faults;
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                                new HttpObjectAggregator(MAX_BODY), new RequestHandler());
                    }
                });
        try {
            this.channel = bootstrap.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
            String requestId = UUID.randomUUID().toString().replace("-", "");
            boolean json = false;
            ServiceResponse response;
            try {
                ServiceRequest request = decode(http);
                json = dispatcher.jsonErrors(request);
                if (dispatcher.isAdmin(request)) {
                    write(ctx, http, dispatcher.serve(request), requestId);
                    return;
                }
                if (verifier != null) {
                    verifier.verify(request);
                }
                long latency = faults.latencyMillis();
                if (latency > 0) {
                    Thread.sleep(latency);
                }
                Optional<InjectedFault> fault = faults.next(dispatcher.classify(request));
                if (fault.isPresent() && fault.get() instanceof InjectedFault.Drop) {
                    LOG.debug("dropping connection for {} {}", request.method(), request.path());
                    ctx.close();
                    return;
                }
                if (fault.isPresent()) {
                    InjectedFault.Error e = (InjectedFault.Error) fault.get();
                    throw new OdpsError(e.status(), e.code(), e.message());
                }
                response = dispatcher.serve(request);
            } catch (OdpsError e) {
                LOG.debug("{} {} -> {} {}", http.method(), http.uri(), e.status(), e.code());
                response = error(e.status(), e.code(), e.getMessage(), requestId, json);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.close();
                return;
            } catch (Exception e) {
                LOG.warn("{} {} failed", http.method(), http.uri(), e);
                response = error(500, "InternalServerError", String.valueOf(e.getMessage()), requestId, json);
            }
            write(ctx, http, response, requestId);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("connection error", cause);
            ctx.close();
        }
    }

    private static ServiceRequest decode(FullHttpRequest http) {
        String uri = http.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? null : uri.substring(q + 1);
        if (rawPath.startsWith(API_PREFIX + "/") || rawPath.equals(API_PREFIX)) {
            rawPath = rawPath.substring(API_PREFIX.length());
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : http.headers()) {
            headers.putIfAbsent(h.getKey(), h.getValue());
        }
        return new ServiceRequest(http.method().name(), QueryString.decode(rawPath), QueryString.parse(rawQuery),
                headers, new ByteBufInputStream(http.content()));
    }

    private static ServiceResponse error(int status, String code, String message, String requestId, boolean json) {
        if (json) {
            return ServiceResponse.json(status, "{\"Code\":\"" + jsonEscape(code) + "\",\"Message\":\""
                    + jsonEscape(message) + "\",\"RequestId\":\"" + requestId + "\"}");
        }
        return ServiceResponse.xml(status, Xml.error(code, message, requestId));
    }

    private static String jsonEscape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest http, ServiceResponse response, String requestId) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        out.headers().set("x-odps-request-id", requestId);
        out.headers().set("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        response.headers().forEach((k, v) -> out.headers().set(k, v));
        out.headers().set("Content-Length", response.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (keepAlive) {
            ctx.writeAndFlush(out);
        } else {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown();
    }
}
