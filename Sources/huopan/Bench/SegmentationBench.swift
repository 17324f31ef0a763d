import ArgumentParser
import Foundation
import HuopanText

struct SegmentationBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmentation", abstract: "Segmentation P/R/F1 on the SIGHAN 2005 PKU gold set, with and without the lexicon.")

    @OptionGroup var lexiconOptions: LexiconOptions
    @Option(help: "Gold file (words separated by spaces).") var gold = "../shared/data/segmentation/pku_test_gold.utf8"
    @Option(help: "PKU training word list, for the closed-track configuration.") var trainingWords =
        "../shared/data/segmentation/pku_training_words.utf8"
    @Option(help: "Write the training words that the domain lexicon alone splits (how Corpora/lexicon/general.txt is derived) and exit.")
    var deriveGeneral: String?

    func run() throws {
        warnIfDebug()
        let lines = try readDataFile(gold).split(whereSeparator: \.isNewline).map(String.init)
        let shipped = try lexiconOptions.lexicon()
        // The domain part alone: every shipped word except the general vocabulary.
        var domain = Lexicon()
        for tag in Lexicon.Tag.allCases where tag != .general {
            for w in shipped.words(tagged: tag) { domain.insert(w, tag: tag) }
        }
        if let output = deriveGeneral {
            try derive(domain: domain, into: output)
            return
        }
        var configurations: [(String, Lexicon)] = [
            ("no lexicon (ICU + rules)", Lexicon()), ("domain lexicon only", domain),
            ("shipped (domain + general)", shipped),
        ]
        if let words = try? String(contentsOfFile: trainingWords, encoding: .utf8) {
            let normalizer = try Analyzer(lexicon: Lexicon())
            var withTraining = domain
            for w in words.split(whereSeparator: \.isNewline) { withTraining.insert(try normalizer.normalize(String(w)), tag: .general) }
            configurations.append(("domain + PKU training words (closed track)", withTraining))
        }
        let chars = lines.reduce(0) { $0 + $1.unicodeScalars.count }
        print("\(lines.count) gold lines, \(chars) characters")
        for (name, lexicon) in configurations {
            let analyzer = try Analyzer(lexicon: lexicon)
            var score = SegmentationScore()
            for line in lines { try score.add(goldLine: line, analyzer: analyzer) }
            let raw = lines.map { $0.replacingOccurrences(of: " ", with: "") }
            let start = Date()
            for text in raw { _ = try analyzer.analyze(text) }
            let rate = Double(chars) / Date().timeIntervalSince(start)
            print(
                String(
                    format: "%-44@ P %.4f  R %.4f  F1 %.4f   %.2f M chars/s", name as NSString, score.precision, score.recall, score.f1,
                    rate / 1e6))
        }
        let analyzer = try Analyzer(lexicon: shipped)
        let kept = domain.words(tagged: .product).filter { w in (try? analyzer.analyze("新款\(w)批发").words.contains(w)) == true }.count
        print("product words of the lexicon kept whole in a title (shipped): \(kept) of \(domain.words(tagged: .product).count)")
    }

    /// Keeps the multi-character training words that the domain lexicon's analyzer does not
    /// already return whole: only those change a segmentation, so the file stays small.
    private func derive(domain: Lexicon, into output: String) throws {
        let analyzer = try Analyzer(lexicon: domain)
        let normalizer = try Analyzer(lexicon: Lexicon())
        var kept: [String] = []
        for line in try String(contentsOfFile: trainingWords, encoding: .utf8).split(whereSeparator: \.isNewline) {
            let word = try normalizer.normalize(String(line))
            guard word.unicodeScalars.count >= 2, word.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) else { continue }
            if try analyzer.analyze(word).words != [word] { kept.append(word) }
        }
        let header =
            "# General Chinese vocabulary: the SIGHAN 2005 PKU training words that ICU and the domain\n"
            + "# lexicon split. Derived by `huopan bench segmentation --derive-general`; do not edit by hand.\n"
        try (header + kept.sorted().joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(kept.count) words to \(output)")
    }
}
