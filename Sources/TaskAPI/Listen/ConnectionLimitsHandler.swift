import NIOCore
import NIOHTTPTypes

/// Enforces `ConnectionLimits` on one connection, between the HTTP decoder
/// and the request handling.
///
/// The request timeout is a deadline, not an idle timer: it starts when the
/// connection begins waiting on its client (on accept, and after each answer
/// on a kept-alive connection) and stops only once a request has arrived
/// whole, so a client trickling a byte now and then is cut off as surely as
/// one that went silent. Time spent answering is ours and never counted.
final class ConnectionLimitsHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private var started = false
    /// A request head has been read and its end not yet.
    private var receiving = false
    /// Requests whose head was read and whose answer is not yet written.
    private var unanswered = 0
    private var answeredAny = false
    private var deadline: Scheduled<Void>?

    init(_ limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Accepted connections become active after their pipeline is built,
        // so this is only for a handler added to a live channel.
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        start(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopDeadline()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            receiving = true
            unanswered += 1
        case .body:
            break
        case .end:
            receiving = false
        }
        updateDeadline(context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            answeredAny = true
            updateDeadline(context)
        }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard limits.admit() else {
            // Closed at once rather than left unread in the accept queue,
            // where it would wait behind the connections holding the places.
            context.close(promise: nil)
            return
        }
        let limits = limits
        context.channel.closeFuture.whenComplete { _ in limits.release() }
        updateDeadline(context)
    }

    /// Runs the deadline while the connection waits on its client, and only then.
    private func updateDeadline(_ context: ChannelHandlerContext) {
        guard started, context.channel.isActive else { return }
        let waitingOnClient = receiving || unanswered == 0
        if waitingOnClient, deadline == nil {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(limits.requestTimeout)) {
                self.deadline = nil
                // A kept-alive connection left idle after its answers is
                // closed the same way, but that is no client's fault.
                if self.receiving || !self.answeredAny { self.limits.requestTimedOut() }
                context.close(promise: nil)
            }
        } else if !waitingOnClient {
            stopDeadline()
        }
    }

    private func stopDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
