import Foundation

/// OCR for one indexing run: Tesseract, the cache, the bounds, and the count of pages read.
///
/// Pages are read in parallel, at most one Tesseract per core whatever the number of files in
/// flight (``ParsePipeline``'s workers share the slots), each page with its own time limit
/// (``Tesseract/pageTimeout``); a file has at most ``pageLimit`` pages read. Every page goes
/// through the ``OCRCache`` first.
///
/// ```swift
/// let ocr = OCRReading(tesseract: tesseract, cache: OCRCache.open(forIndex: indexURL))
/// let pages = try ocr.image(URL(filePath: "scan.png"), data: bytes)
/// ocr.counts.read   // pages read by Tesseract so far
/// ```
final class OCRReading: @unchecked Sendable {
    let tesseract: Tesseract
    let cache: OCRCache?
    /// At most this many pages of one file are read.
    let pageLimit: Int
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var _counts = Counts()

    /// Pages OCR'd by Tesseract, pages found in the cache, and Tesseract's seconds (rendering included).
    struct Counts: Sendable, Hashable {
        var read = 0
        var cached = 0
        var seconds = 0.0
    }

    static let defaultPageLimit = 500
    /// Images larger than this are not read (a 600-dpi A4 page is 35 megapixels).
    static let maximumPixels = 80_000_000
    static let maximumSide = 30_000

    init(tesseract: Tesseract, cache: OCRCache?, pageLimit: Int = OCRReading.defaultPageLimit,
         parallel: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.tesseract = tesseract
        self.cache = cache
        self.pageLimit = max(1, pageLimit)
        self.slots = DispatchSemaphore(value: max(1, parallel))
    }

    var counts: Counts { lock.withLock { _counts } }

    /// OCR for a run in `mode`, with the cache of the index at `index`; or why there is none.
    static func start(_ mode: OCRMode, forIndex index: URL, pageLimit: Int = defaultPageLimit) -> Result<OCRReading, BaogaoError> {
        guard mode == .auto else { return .failure(ReadingOptions.ocrOff) }
        return Tesseract.find().map { OCRReading(tesseract: $0, cache: OCRCache.open(forIndex: index), pageLimit: pageLimit) }
    }

    /// Whether a file of this name may need OCR (a PDF or an image).
    static func mayNeedOCR(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return PDFReader.extensions.contains(ext) || ImageReader.extensions.contains(ext)
    }

    /// The layout text of each page of an image file (several for a multi-page TIFF).
    func image(_ url: URL, data: Data) throws(BaogaoError) -> [String] {
        let header = try ImageHeader.read(data)
        guard header.width <= Self.maximumSide, header.height <= Self.maximumSide, header.pixels <= Self.maximumPixels else {
            throw BaogaoError("image of \(header.width) × \(header.height) pixels is too large to OCR "
                              + "(at most \(Self.maximumPixels / 1_000_000) megapixels); scale it down")
        }
        let key = cacheKey("image", content: Self.contentKey(data), page: 0, dpi: 0)
        let text = try cached(key) { () throws(BaogaoError) -> String in
            try tesseract.recognize(url).joined(separator: "\u{0C}")
        }
        return text.components(separatedBy: "\u{0C}")
    }

    /// The layout text of the given 1-based pages of a PDF, rendered at their resolution with
    /// pdftoppm and read in parallel; a page that fails has its reason instead.
    func pdfPages(_ url: URL, data: Data, pages: [(page: Int, dpi: Int)],
                  pdftoppm: URL) -> [Int: Result<String, BaogaoError>] {
        let results = Results()
        let content = Self.contentKey(data)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            let (page, dpi) = pages[i]
            let key = cacheKey("pdf", content: content, page: page, dpi: dpi)
            do throws(BaogaoError) {
                let text = try cached(key) { () throws(BaogaoError) -> String in
                    try render(url, page: page, dpi: dpi, pdftoppm: pdftoppm) { (image: URL) throws(BaogaoError) -> String in
                        try tesseract.recognize(image, dpi: dpi).first ?? ""
                    }
                }
                results.set(page, .success(text))
            } catch {
                results.set(page, .failure(error))
            }
        }
        return results.value
    }

    /// `read` in a slot, unless the cache holds the key.
    private func cached(_ key: String, _ read: () throws(BaogaoError) -> String) throws(BaogaoError) -> String {
        if let text = cache?.text(for: key) {
            lock.withLock { _counts.cached += 1 }
            return text
        }
        slots.wait()
        defer { slots.signal() }
        let started = Date()
        let text = try read()
        let seconds = Date().timeIntervalSince(started)
        cache?.store(text, for: key, seconds: seconds)
        lock.withLock {
            _counts.read += 1
            _counts.seconds += seconds
        }
        return text
    }

    /// Renders one page to a grey PNG in a temporary folder and hands it to `body`.
    private func render(_ url: URL, page: Int, dpi: Int, pdftoppm: URL,
                        _ body: (URL) throws(BaogaoError) -> String) throws(BaogaoError) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baogao-ocr-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BaogaoError("cannot create a temporary folder for OCR (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appendingPathComponent("page")
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(pdftoppm, ["-r", String(dpi), "-f", String(page), "-l", String(page),
                                                      "-gray", "-png", "-singlefile", url.path, base.path],
                                           timeout: Tesseract.pageTimeout)
        } catch {
            switch error {
            case .cannotStart(let why): throw BaogaoError("pdftoppm could not be started (\(why))")
            case .timedOut: throw BaogaoError("rendering page \(page) took longer than \(Int(Tesseract.pageTimeout)) seconds; stopped")
            case .tooMuchOutput: throw BaogaoError("pdftoppm printed too much; stopped")
            }
        }
        let image = base.appendingPathExtension("png")
        guard result.status == 0, FileManager.default.fileExists(atPath: image.path) else {
            throw BaogaoError("page \(page) could not be rendered for OCR")
        }
        return try body(image)
    }

    /// What the cache knows a page by: its bytes, the page, and how it is read. The layout
    /// version (`layout-N`) goes up whenever ``OCRLayout`` or ``OCRSpacing`` change what they
    /// make of the same words.
    func cacheKey(_ kind: String, content: String, page: Int, dpi: Int) -> String {
        "\(kind):\(content):\(page):\(dpi):\(tesseract.languages):\(tesseract.version):layout-1"
    }

    /// A file's bytes, as the cache knows them: their hash and size.
    static func contentKey(_ data: Data) -> String {
        "\(ContentHash.hex(of: data)):\(data.count)"
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Int: Result<String, BaogaoError>] = [:]
        var value: [Int: Result<String, BaogaoError>] { lock.withLock { results } }
        func set(_ page: Int, _ result: Result<String, BaogaoError>) { lock.withLock { results[page] = result } }
    }
}
