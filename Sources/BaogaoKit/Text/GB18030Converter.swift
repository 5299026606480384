#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A GB18030 → UTF-8 converter backed by the C library's iconv.
///
/// swift-corelibs-foundation cannot decode GB18030 (`String(data:encoding:)` has no such
/// encoding on Linux), so Baogao goes through iconv. GB18030 is a superset of GBK and GB2312,
/// so one converter reads all three. The converter owns its descriptor and closes it on
/// deinit. It is not thread-safe (iconv keeps state); open one per decode.
final class GB18030Converter {
    /// Why a conversion stopped.
    enum Failure: Error, Equatable {
        /// An invalid or unmapped byte sequence starts at `offset` (EILSEQ).
        case invalid(offset: Int)
        /// The input ends inside a multi-byte sequence starting at `offset` (EINVAL).
        case truncated(offset: Int)
        /// iconv failed for another reason (its errno).
        case system(errno: Int32)
    }

    private let descriptor: iconv_t

    /// Opens the converter, or returns `nil` when the C library has no GB18030 module.
    init?() {
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts all of `input` and appends the UTF-8 result to `output`.
    ///
    /// Strict: the first invalid or truncated sequence stops the conversion, `output` is left
    /// as it was, and the failure says where. The converter is reset before every call, so a
    /// failed call does not disturb the next one.
    func convert(_ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) -> Failure? {
        guard let inputBase = input.baseAddress, !input.isEmpty else { return nil }
        _ = iconv(descriptor, nil, nil, nil, nil)

        let originalCount = output.count
        // GB18030 → UTF-8 grows at most 1.5× (two bytes become three), so this first guess
        // normally suffices; E2BIG grows the buffer anyway.
        var spare = input.count + input.count / 2 + 16
        var produced = originalCount
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count

        while true {
            if output.count - produced < spare {
                output.append(contentsOf: repeatElement(0, count: spare - (output.count - produced)))
            }
            let (result, error, written) = output.withUnsafeMutableBufferPointer { buffer in
                let room = buffer.count - produced
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = room
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let error = result == -1 ? errno : 0
                return (result, error, room - outLeft)
            }
            produced += written
            if result != -1 { break }
            switch error {
            case E2BIG:
                spare = max(spare * 2, 64)
                continue
            case EILSEQ:
                output.removeSubrange(originalCount...)
                return .invalid(offset: input.count - inLeft)
            case EINVAL:
                output.removeSubrange(originalCount...)
                return .truncated(offset: input.count - inLeft)
            default:
                output.removeSubrange(originalCount...)
                return .system(errno: error)
            }
        }
        output.removeSubrange(produced...)
        return nil
    }
}
