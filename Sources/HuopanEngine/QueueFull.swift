/// Work refused because its queue was full; the caller may try again after `retryAfter`
/// seconds. Nothing of the refused work was done.
public struct QueueFull: Error, Sendable, CustomStringConvertible {
    public let queue: String
    public let capacity: Int
    public let retryAfter: Int

    public init(queue: String, capacity: Int, retryAfter: Int) {
        self.queue = queue
        self.capacity = capacity
        self.retryAfter = retryAfter
    }

    public var description: String { "the \(queue) queue is full (\(capacity) requests waiting or running); retry after \(retryAfter) s" }
}
