import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Accepts URLs with raw UTF-8 in them (`/v1/search?q=保温杯`, as curl sends what was typed),
/// as Elasticsearch and Meilisearch do. NIO's HTTP parser refuses any byte over 0x7F in the
/// request line with an empty 400; this handler, in front of the parser, percent-encodes
/// those bytes in request lines only (never in headers or bodies), and a second handler
/// behind the parser says when a request has ended, so the next request line is found.
struct RawUTF8URLChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let escaper = RequestLineEscaper()
            try channel.pipeline.syncOperations.addHandler(escaper, position: .first)
            return escaper
        }.flatMap { escaper in
            base.setup(channel: channel, logger: logger).flatMapThrowing { value in
                try channel.pipeline.syncOperations.addHandler(RequestEndObserver(escaper: escaper), position: .last)
                return value
            }
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 that also accepts raw UTF-8 in request lines (see `RawUTF8URLChannel`).
    static func http1AcceptingUTF8URLs(configuration: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        .init { responder in RawUTF8URLChannel(base: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}

/// Percent-encodes bytes over 0x7F in a request line, and answers a request the HTTP parser
/// refuses with the API's JSON error instead of an empty 400.
final class RequestLineEscaper: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    /// True from the start of a request until its request line's end has been passed on.
    var inRequestLine = true
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes a 400 with the JSON error shape straight to the socket and closes.
    func refuse(_ error: any Error) {
        guard let context else { return }
        let body = #"{"error":{"code":"malformed_request","message":"the request is not valid HTTP/1.1 (\#(error))","request_id":"-"}}"#
        var out = context.channel.allocator.buffer(capacity: body.utf8.count + 160)
        out.writeString("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n")
        out.writeString("Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n")
        out.writeString(body)
        context.writeAndFlush(NIOAny(out)).whenComplete { _ in context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard inRequestLine else { return context.fireChannelRead(data) }
        let buffer = unwrapInboundIn(data)
        let bytes = buffer.readableBytesView
        let lineEnd = bytes.firstIndex(of: 0x0A)
        let line = bytes[..<(lineEnd ?? bytes.endIndex)]
        guard line.contains(where: { $0 >= 0x80 }) else {
            if lineEnd != nil { inRequestLine = false }
            return context.fireChannelRead(data)
        }
        var out = context.channel.allocator.buffer(capacity: buffer.readableBytes + 2 * line.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for b in line {
            if b >= 0x80 {
                out.writeBytes([UInt8(ascii: "%"), digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
            } else {
                out.writeInteger(b)
            }
        }
        if let lineEnd {
            out.writeBytes(bytes[lineEnd...])
            inRequestLine = false
        }
        context.fireChannelRead(wrapInboundOut(out))
    }
}

/// Tells the escaper when a request has ended: the next bytes start a request line.
final class RequestEndObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    let escaper: RequestLineEscaper

    init(escaper: RequestLineEscaper) { self.escaper = escaper }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { escaper.inRequestLine = true }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        escaper.refuse(error)
    }
}
