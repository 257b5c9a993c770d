import Synchronization

/// What the listener allows its clients, shared by all their connections:
/// how many may be open at once, and how long a request may take to arrive.
///
/// The listener faces the internet, so a client that opens connections and
/// never finishes a request must not be able to hold it: connections over
/// the cap are closed as soon as they are accepted, and a request not whole
/// within the timeout has its connection closed.
final class ConnectionLimits: Sendable {
    let maxConnections: Int
    let requestTimeout: Duration
    private let intake: CallbackIntake
    private let open = Atomic<Int>(0)

    init(maxConnections: Int, requestTimeout: Duration, intake: CallbackIntake) {
        precondition(maxConnections > 0, "a listener that admits no connection answers nothing")
        precondition(requestTimeout > .zero, "a zero timeout would close every connection")
        self.maxConnections = maxConnections
        self.requestTimeout = requestTimeout
        self.intake = intake
    }

    /// Takes a place for a new connection, or says there is none (and counts
    /// the refusal). Each place taken must be given back by `release()`.
    func admit() -> Bool {
        let now = open.wrappingAdd(1, ordering: .relaxed).newValue
        guard now <= maxConnections else {
            open.wrappingSubtract(1, ordering: .relaxed)
            intake.countConnectionRefused()
            return false
        }
        return true
    }

    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    func requestTimedOut() {
        intake.countRequestTimedOut()
    }
}
