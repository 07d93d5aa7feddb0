package org.doorstep.notifications.webhook.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.scheduler.Schedulers;

/**
 * The name resolution of the webhook client's connections: the system resolver (as the guard's check uses), off
 * the event loop, and a name that resolves to any address the guard does not permit fails to resolve, so the
 * connection is never opened. This closes the gap between the guard's check and the connection, in which a name
 * could change its answer (DNS rebinding) to an inside address.
 */
final class PermittedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final Predicate<InetAddress> permitted;

    PermittedAddressResolverGroup(Predicate<InetAddress> permitted) {
        this.permitted = permitted;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new PermittedNameResolver(executor, permitted).asAddressResolver();
    }

    private static final class PermittedNameResolver extends InetNameResolver {

        private final Predicate<InetAddress> permitted;

        PermittedNameResolver(EventExecutor executor, Predicate<InetAddress> permitted) {
            super(executor);
            this.permitted = permitted;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookUp(host, addresses -> promise.trySuccess(addresses.get(0)), promise::tryFailure);
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookUp(host, promise::trySuccess, promise::tryFailure);
        }

        /** The JDK's lookup blocks: it runs on a worker, and completes the promise from there. */
        private void lookUp(String host, Consumer<List<InetAddress>> found, Consumer<Throwable> failed) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
                    InetAddress refused = addresses.stream().filter(permitted.negate()).findFirst().orElse(null);
                    if (refused != null) {
                        failed.accept(new UnknownHostException(host + " resolves to " + refused.getHostAddress()
                                + ", an address webhooks may not reach"));
                    } else {
                        found.accept(addresses);
                    }
                } catch (UnknownHostException | RuntimeException e) {
                    failed.accept(e);
                }
            });
        }
    }
}
