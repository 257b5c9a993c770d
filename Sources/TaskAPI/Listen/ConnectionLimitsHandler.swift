// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import NIOHTTPTypes

/// Enforces `ConnectionLimits` on one connection, between the HTTP decoder
/// and the request handling.
///
/// The connection waits on its client from accept, and again after each
/// answer on a kept-alive connection, until a request has arrived whole;
/// meanwhile it must keep the `RequestPace` (deadlines, not idle timers: a
/// client trickling a byte now and then is cut off as surely as a silent
/// one) and may be chosen to make room for a newcomer. Once a request is
/// whole it is neither timed nor evicted: time spent answering is ours.
final class ConnectionLimitsHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private var started = false
    /// The place in `limits`; nil before admission, or when refused.
    private var id: UInt64?
    /// A request head has been read and its end not yet.
    private var receiving = false
    /// Requests whose head was read and whose answer is not yet written.
    private var unanswered = 0
    private var answeredAny = false
    /// When the connection started waiting on its client; nil while answering.
    private var waitingSince: NIODeadline?
    private var headAt: NIODeadline?
    private var bodyBytes = 0
    private var timer: Scheduled<Void>?
    private var timerDue: NIODeadline?

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
        stopTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            if answeredAny, let id, unanswered == 0 { limits.requestStarted(id) }
            receiving = true
            unanswered += 1
            headAt = .now()
            bodyBytes = 0
            // The body's deadline may come before the head's did (a grace
            // shorter than the header timeout): then the timer is set afresh.
            if let waitingSince, let timerDue,
               limits.pace.deadline(waitingSince: waitingSince, headAt: headAt, bodyBytes: 0).at < timerDue {
                stopTimer()
                armTimer(context)
            }
        case .body(let part):
            bodyBytes += part.readableBytes
        case .end:
            receiving = false
            headAt = nil
        }
        updateWaiting(context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            answeredAny = true
            updateWaiting(context)
        }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        let peer = context.channel.remoteAddress?.ipAddress ?? "unknown"
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let evictor: ConnectionLimits.Evictor = {
            bound.eventLoop.execute {
                let (handler, context) = bound.value
                handler.evictIfStillWaiting(context)
            }
        }
        guard let id = limits.admit(peer: peer, evictor: evictor) else {
            // Closed at once rather than left unread in the accept queue,
            // where it would wait behind the connections being answered.
            context.close(promise: nil)
            return
        }
        self.id = id
        let limits = limits
        context.channel.closeFuture.whenComplete { _ in limits.release(id) }
        waitingSince = .now()
        armTimer(context)
    }

    /// Tells `limits` when the connection stops or starts waiting on its
    /// client, and times it only while it waits.
    private func updateWaiting(_ context: ChannelHandlerContext) {
        guard let id, context.channel.isActive else { return }
        let waitingOnClient = receiving || unanswered == 0
        if waitingOnClient, waitingSince == nil {
            waitingSince = .now()
            limits.waitingAgain(id)
            armTimer(context)
        } else if !waitingOnClient, waitingSince != nil {
            waitingSince = nil
            limits.requestComplete(id)
            stopTimer()
        }
    }

    private func armTimer(_ context: ChannelHandlerContext) {
        guard timer == nil, let waitingSince else { return }
        var due = limits.pace.deadline(waitingSince: waitingSince, headAt: headAt, bodyBytes: bodyBytes).at
        // Before the head, wake no later than the earliest a body could be
        // due (a head arriving at once): the head then never needs the timer
        // moved, and a whole request cancels the one timer it had.
        let early = waitingSince + limits.pace.bodyGrace
        if headAt == nil, early > .now() { due = min(due, early) }
        timerDue = due
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: due) {
            self.timer = nil
            self.timerDue = nil
            self.deadlinePassed(context)
        }
    }

    /// The deadline set earlier passed: bytes that arrived since may have
    /// moved it later (within a head or a body, deadlines only move later);
    /// if not, the request is cut off.
    private func deadlinePassed(_ context: ChannelHandlerContext) {
        guard let waitingSince, context.channel.isActive else { return }
        let due = limits.pace.deadline(waitingSince: waitingSince, headAt: headAt, bodyBytes: bodyBytes)
        guard due.at <= .now() else {
            armTimer(context)
            return
        }
        // A kept-alive connection left idle after its answers is closed the
        // same way, but that is no client's fault and not counted.
        if receiving || !answeredAny { limits.cut(due.cut) }
        context.close(promise: nil)
    }

    /// Chosen to make room for a newcomer: closed unless a whole request
    /// arrived meanwhile (then `ConnectionTable` gave it its place back).
    private func evictIfStillWaiting(_ context: ChannelHandlerContext) {
        guard let id, context.channel.isActive, waitingSince != nil, limits.isEvicting(id) else { return }
        limits.evicted()
        stopTimer()
        context.close(promise: nil)
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
        timerDue = nil
    }
}
