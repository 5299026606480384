#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread that runs one closure and lets go of it, and of everything it captured, before
/// the thread ends.
///
/// Foundation's `Thread` keeps its closure until the thread's thread-specific data is torn
/// down. On Linux, libdispatch tears down its own per-thread data first and leaves a dangling
/// pointer to the thread's cache of freed dispatch continuations. A `deinit` run after that —
/// the last reference to the OCR cache's database queue, say, dropped with the closure — that
/// hands work to dispatch builds it in freed memory, and the heap is found corrupt later,
/// anywhere ("malloc(): unaligned fastbin chunk detected"). A thread that has run
/// `DispatchQueue.concurrentPerform` (OCR of a PDF's pages) holds such a cache.
///
/// ```swift
/// WorkerThread.start(stackSize: 8 << 20) { parse(files) }
/// ```
public enum WorkerThread {
    /// Starts a detached thread running `body`; `body` is released before the thread ends.
    /// Returns false, and never runs `body`, when the system cannot start a thread.
    @discardableResult
    public static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            // Taken (and so released) in this frame: while dispatch's per-thread data is intact.
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        if status != 0 { Unmanaged<Body>.fromOpaque(box).release() }
        return status == 0
    }

    /// Lowers the calling thread's scheduling priority by `steps` nice levels (Linux, where a
    /// nice value belongs to a thread; elsewhere nothing). A thread cannot raise it again: call
    /// it only on a thread of its own, such as one started by ``start(stackSize:_:)``.
    static func lowerPriority(by steps: Int32) {
        #if os(Linux)
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + steps))
        #endif
    }

    /// The calling thread's nice value (Linux; 0 elsewhere).
    static var priority: Int32 {
        #if os(Linux)
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
