import Foundation

/// Tesseract OCR, run as a separate process with a time limit per page: reads an image file
/// into layout text, one string per page (``OCRLayout``).
///
/// Simplified Chinese is needed (`chi_sim`); English is added when installed, for the Latin
/// words and numbers of reports. Tesseract runs single-threaded (`OMP_THREAD_LIMIT=1`): pages
/// are read in parallel instead, one per core (``OCRReading``).
///
/// ```swift
/// switch Tesseract.find() {
/// case .success(let tesseract): let pages = try tesseract.recognize(URL(filePath: "scan.png"))
/// case .failure(let reason): print(reason.message)   // "… install tesseract-ocr …"
/// }
/// ```
struct Tesseract: Sendable {
    var program: URL
    /// `chi_sim+eng`
    var languages: String
    /// The first line of `tesseract --version`, part of every cache key.
    var version: String

    /// How long one page may take.
    static let pageTimeout: TimeInterval = 60

    static let packages = "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
    static let install = "(Debian/Ubuntu: apt-get install \(packages); macOS: brew install tesseract tesseract-lang)"

    /// Why OCR cannot run without Tesseract.
    static let notInstalled = BaogaoError("OCR needs tesseract, which is not installed: install \(packages) \(install)")

    /// Tesseract with its Chinese data, or why OCR cannot run.
    static func find() -> Result<Tesseract, BaogaoError> {
        guard let program = ProcessRunner.find("tesseract") else { return .failure(notInstalled) }
        guard let listed = try? ProcessRunner.run(program, ["--list-langs"], timeout: 30),
              let shown = try? ProcessRunner.run(program, ["--version"], timeout: 30) else {
            return .failure(BaogaoError("tesseract at \(program.path) does not answer"))
        }
        let langs = Set((String(decoding: listed.stdout + listed.stderr, as: UTF8.self))
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        guard langs.contains("chi_sim") else {
            return .failure(BaogaoError("OCR needs Tesseract's Chinese data, which is not installed: install "
                                        + "tesseract-ocr-chi-sim \(install)"))
        }
        let version = String(decoding: shown.stdout + shown.stderr, as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "tesseract"
        return .success(Tesseract(program: program, languages: langs.contains("eng") ? "chi_sim+eng" : "chi_sim",
                                  version: version))
    }

    /// The layout text of each page of the image at `url` (a multi-page TIFF has several).
    /// `dpi` tells Tesseract the resolution when the image does not.
    func recognize(_ url: URL, dpi: Int? = nil) throws(BaogaoError) -> [String] {
        var arguments = [url.path, "stdout", "-l", languages]
        if let dpi { arguments += ["--dpi", String(dpi)] }
        arguments.append("tsv")
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(program, arguments, timeout: Self.pageTimeout, outputLimit: 64 << 20,
                                           environment: ["OMP_THREAD_LIMIT": "1"])
        } catch {
            switch error {
            case .cannotStart(let why): throw BaogaoError("tesseract could not be started (\(why))")
            case .timedOut: throw BaogaoError("OCR took longer than \(Int(Self.pageTimeout)) seconds for one page; stopped")
            case .tooMuchOutput: throw BaogaoError("OCR printed more than 64 MB for one page; stopped")
            }
        }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first { !$0.hasPrefix("Estimating") && !$0.hasPrefix("Warning") }
            throw BaogaoError("damaged image (tesseract could not read it\(message.map { ": " + $0 } ?? ""))")
        }
        return OCRLayout.pages(tsv: String(decoding: result.stdout, as: UTF8.self))
    }
}
