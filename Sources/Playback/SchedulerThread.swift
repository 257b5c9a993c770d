#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A named POSIX thread for the scheduler, real-time if the system allows.
///
/// It asks for SCHED_FIFO at creation; where that is refused (no
/// CAP_SYS_NICE, no RLIMIT_RTPRIO: usual in containers) it runs at normal
/// priority and says so once in `notice`. Inside, it lowers its timer slack
/// to 1 ns so the kernel does not batch its wake-ups with others.
final class SchedulerThread: @unchecked Sendable {
    // @unchecked: the handle is immutable; `joined` is touched only by the one
    // caller that takes the thread out of its owner's lock to join it.
    private var handle: pthread_t
    private var joined = false
    /// Why the thread runs without real-time priority, if it does.
    let notice: String?

    /// The Linux thread name: at most 15 bytes.
    static let name = "miditask-sched"
    /// SCHED_FIFO priority: above ordinary threads, below the kernel's own and
    /// the audio servers' (JACK, PipeWire use 60–90), so it never starves a synth.
    static let realTimePriority: Int32 = 30

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread.
    init(realTime: Bool = true, _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let entry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            Syscalls.nameCurrentThread(SchedulerThread.name)
            // Refusal leaves the default 50 µs slack: later wake-ups, nothing worse.
            _ = Syscalls.setTimerSlack(1)
            body.run()
            return nil
        }
        var thread = pthread_t()
        var refused: String?
        var created = false
        if realTime {
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            var param = sched_param()
            param.sched_priority = Self.realTimePriority
            pthread_attr_setinheritsched(&attr, Int32(PTHREAD_EXPLICIT_SCHED))
            pthread_attr_setschedpolicy(&attr, SCHED_FIFO)
            pthread_attr_setschedparam(&attr, &param)
            let result = pthread_create(&thread, &attr, entry, box)
            if result == 0 {
                created = true
            } else if result == EPERM || result == EINVAL {
                refused = "real-time priority refused (\(String(cString: strerror(result)))); the scheduler runs at normal priority"
            } else {
                Unmanaged<Body>.fromOpaque(box).release()
                throw SystemCallError(operation: "start the scheduler thread", code: result)
            }
        }
        if !created {
            let result = pthread_create(&thread, nil, entry, box)
            if result != 0 {
                Unmanaged<Body>.fromOpaque(box).release()
                throw SystemCallError(operation: "start the scheduler thread", code: result)
            }
        }
        handle = thread
        notice = refused
    }

    /// Waits for the thread to end. Called once.
    func join() {
        precondition(!joined, "the scheduler thread was already joined")
        joined = true
        pthread_join(handle, nil)
    }

    deinit {
        // Never joined (the owner gave up on it): let it finish on its own.
        if !joined { pthread_detach(handle) }
    }
}
