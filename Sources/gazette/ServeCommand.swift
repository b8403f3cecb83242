import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel
import GazetteBuild
import GazetteServe
import Logging

/// `gazette serve`: the editors' preview. Builds into memory, serves, rebuilds and reloads as files change.
struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: Help.text("help.serve.abstract"),
            discussion: Help.text("help.serve.discussion")
        )
    }

    @Option(name: .long, help: Help.text("help.serve.host"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: Help.text("help.serve.port"))
    var port: Int = 8000

    @Option(name: .long, help: Help.text("help.serve.content"))
    var content: String = "content"

    @Option(name: .long, help: Help.text("help.serve.templates"))
    var templates: String = "templates"

    @Flag(name: .long, help: Help.text("help.serve.drafts"))
    var drafts = false

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds after which a connection that sends nothing is closed.", visibility: .hidden))
    var idleTimeout: Double = 30

    @OptionGroup var lang: LanguageOption

    func run() async throws {
        let contentDirectory = try ContentDirectory.resolve(content, language: lang.early)
        let templatesDirectory = try ContentDirectory.resolve(templates, what: "templates", language: lang.early)
        let language = lang.language(content: contentDirectory)
        guard (0...65535).contains(port) else {
            Say.error("cli.serve.badPort", language)
            throw ExitCode(2)
        }
        if port != 0, let problem = PortCheck.problem(host: host, port: port, language: language) {
            Say.error("cli.serve.cannotListen", language, ["host": .text(host), "port": .number(port), "reason": .text(problem)])
            throw ExitCode(2)
        }
        let options = PreviewServer.Options(
            build: Build.Options(content: contentDirectory, templates: templatesDirectory,
                                 output: URL(fileURLWithPath: "site"), drafts: drafts),
            host: host, port: port, shownContent: content.hasSuffix("/") ? String(content.dropLast()) : content,
            shownTemplates: templates.hasSuffix("/") ? String(templates.dropLast()) : templates,
            idleTimeout: max(0.1, idleTimeout), language: language)
        let server = PreviewServer(
            options, logger: ServeLog.logger(),
            log: { line in Console.line(Say.text("cli.serve.line", language, ["line": .text(line)])) },
            // Each rebuild's new diagnostics, in full (the first build's errors included), once.
            report: { text in FileHandle.standardError.write(Data(text.utf8)) })
        _ = await server.buildFirst()
        do {
            try await server.run { url in Console.line(Say.text("serve.serving", language, ["url": .text(url)])) }
        } catch {
            Say.error("cli.serve.stopped", language, ["reason": .text("\(error)")])
            throw ExitCode(2)
        }
    }
}

/// Tells whether a port can be listened on, before the server tries: a plain sentence instead of a trace.
enum PortCheck {
    static func problem(host: String, port: Int, language: Language) -> String? {
        var hints = addrinfo(ai_flags: AI_PASSIVE, ai_family: AF_UNSPEC, ai_socktype: Int32(SOCK_STREAM.rawValue),
                             ai_protocol: 0, ai_addrlen: 0, ai_addr: nil, ai_canonname: nil, ai_next: nil)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            return Message("cli.serve.notAnAddress", ["host": .text(host)]).text(in: language)
        }
        defer { freeaddrinfo(result) }
        let socketDescriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard socketDescriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(socketDescriptor) }
        var yes: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if bind(socketDescriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
            return errno == EADDRINUSE ? Message("cli.serve.portInUse", ["next": .number(port + 1)]).text(in: language)
                : String(cString: strerror(errno))
        }
        return nil
    }
}

/// The server's operational lines (listening, watching, stopping, what the HTTP server and the service group
/// say), through swift-log to standard error: only warnings and errors unless `GAZETTE_LOG_LEVEL` (trace,
/// debug, info, notice, warning, error, critical) asks for more. The editor's lines are `Console`'s.
enum ServeLog {
    static func logger(environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        var logger = Logger(label: "gazette.serve", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = environment["GAZETTE_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        return logger
    }
}

/// Unbuffered lines on standard output, so that a program reading them (a test, a script) sees each at once.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
