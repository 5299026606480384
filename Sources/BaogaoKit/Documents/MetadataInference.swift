/// Infers a report's unit, year and title from its file name or, failing that, its text. Pure.
public enum MetadataInference {
    public static func infer(fileName: String, text: String, structure: DocumentStructure) -> ReportMetadata {
        ReportMetadata()
    }
}
