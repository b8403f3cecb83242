import GazetteContent
import GazetteModel

/// The sample content, read once.
enum GazetteContentCheck {
    static let sample: Content = ContentCheck.run(contentDirectory: Fixture.sample).content
}
