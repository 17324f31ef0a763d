// HuopanCorpus: the generated marketplace: its taxonomy (data files under
// Corpora/taxonomy), the catalog generator, and the lexicon derived from the taxonomy.
import Foundation
import HuopanCatalog
import HuopanText

/// The marketplace's product taxonomy: industries, their leaf product types, industrial
/// belts and the value lists titles are written from. The generator builds catalogs from
/// it; the search engine never reads it (it learns words from the lexicon).
///
/// The files' format is described in `Corpora/taxonomy/README.md`; `load` checks every
/// rule it states and names the file and line of the first broken one.
public struct Taxonomy: Sendable {
    public let industries: [Industry]
    public let productTypes: [ProductType]
    public let belts: [Belt]
    /// Value lists shared by every industry (`colors`, `marketing_any`, …).
    public let lists: [String: [String]]
    private let typeIndex: [String: Int]
    private let beltIndex: [String: Int]

    public func productType(_ key: String) -> ProductType? { typeIndex[key].map { productTypes[$0] } }
    public func belt(_ key: String) -> Belt? { beltIndex[key].map { belts[$0] } }
    public func industry(of type: ProductType) -> Industry { industries.first { $0.key == type.industry }! }
    /// A shared value list; empty when the files do not define it.
    public func list(_ name: String) -> [String] { lists[name] ?? [] }

    /// Every product word (canonical words, aliases, related and host words), once.
    public var productWords: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for t in productTypes {
            for w in t.productWords + t.related + t.of where seen.insert(w).inserted { out.append(w) }
        }
        return out
    }

    /// Reads `belts.jsonl`, `common.jsonl` and every other `*.jsonl` (one industry each) of `directory`.
    public static func load(_ directory: URL) throws -> Taxonomy {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw TaxonomyError("cannot read the taxonomy directory \(directory.path)")
        }
        func lines(_ file: String) throws -> [(Int, Data)] {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                throw TaxonomyError("cannot read \(directory.appendingPathComponent(file).path)")
            }
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { ($0.offset + 1, Data($0.element.utf8)) }
        }
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ file: String, _ line: Int) throws -> T {
            do {
                return try decoder.decode(T.self, from: data)
            } catch {
                throw TaxonomyError(
                    file, line, FieldIssue(decoding: data, error: error) { _ = try decoder.decode(T.self, from: $0) }.description)
            }
        }

        var belts: [Belt] = []
        for (n, data) in try lines("belts.jsonl") { belts.append(try decode(Belt.self, data, "belts.jsonl", n)) }
        var lists: [String: [String]] = [:]
        for (n, data) in try lines("common.jsonl") {
            let l = try decode(ListLine.self, data, "common.jsonl", n)
            guard lists[l.list] == nil else { throw TaxonomyError("common.jsonl", n, "list \(l.list) is defined twice") }
            lists[l.list] = l.values
        }
        let beltIndex = Dictionary(belts.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
        guard beltIndex.count == belts.count else { throw TaxonomyError("belts.jsonl: a belt key is used twice") }

        var industries: [Industry] = []
        var types: [ProductType] = []
        var typeIndex: [String: Int] = [:]
        for file in names.filter({ $0.hasSuffix(".jsonl") && $0 != "belts.jsonl" && $0 != "common.jsonl" }).sorted() {
            let content = try lines(file)
            guard let (_, first) = content.first else { throw TaxonomyError(file, 1, "the file is empty") }
            let header = try decode(IndustryLine.self, first, file, 1)
            var own = lists
            var members: [Int] = []
            for (n, data) in content.dropFirst() {
                if let l = try? decoder.decode(ListLine.self, from: data) {
                    guard l.list.hasPrefix(header.industry + ".") else {
                        throw TaxonomyError(file, n, "list \(l.list): the name must start with \"\(header.industry).\"")
                    }
                    own[l.list] = l.values
                    continue
                }
                let line = try decode(TypeLine.self, data, file, n)
                let type = try line.productType(industry: header, lists: own, belts: beltIndex, rank: members.count) {
                    TaxonomyError(file, n, "\(line.key): \($0)")
                }
                guard typeIndex[type.key] == nil else { throw TaxonomyError(file, n, "key \(type.key) is used twice") }
                typeIndex[type.key] = types.count
                members.append(types.count)
                types.append(type)
            }
            industries.append(Industry(key: header.industry, name: header.name, supplierWord: header.supplierWord, types: members))
        }
        guard !types.isEmpty else { throw TaxonomyError("\(directory.path) holds no product types") }
        return Taxonomy(
            industries: industries, productTypes: types, belts: belts, lists: lists, typeIndex: typeIndex, beltIndex: beltIndex)
    }
}

private struct ListLine: Decodable {
    let list: String
    let values: [String]
}

private struct IndustryLine: Decodable {
    let industry: String
    let name: String
    let supplierWord: String

    enum CodingKeys: String, CodingKey { case industry, name, supplierWord = "supplier_word" }
}

/// A product type line as written; `productType` resolves its list references and checks it.
private struct TypeLine: Decodable {
    let key: String
    let name: String
    let aliases: [String]?
    let sub: String
    let attrs: [String: AttributeValues]
    let price: [Double]
    let unit: String
    let moq: [Int]
    let capacity: [Int]
    let intents: [String]
    let belts: [String]
    let brands: [String]?
    let audiences: [String]?
    let words: [String]?
    let related: [String]?
    let of: [String]?
    let model: String?

    /// Either a list of values or `"@list"`.
    enum AttributeValues: Decodable {
        case values([String])
        case reference(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .reference(s) } else { self = .values(try c.decode([String].self)) }
        }
    }

    func productType(
        industry: IndustryLine, lists: [String: [String]], belts: [String: Int], rank: Int,
        error: (String) -> TaxonomyError
    ) throws -> ProductType {
        guard key.range(of: "^[a-z0-9_]+$", options: .regularExpression) != nil else { throw error("key must be [a-z0-9_]+") }
        guard !name.isEmpty, !name.contains(" ") else { throw error("name must be one word") }
        guard price.count == 2, price[0] > 0, price[0] <= price[1] else { throw error("price must be [low, high] with 0 < low <= high") }
        guard moq.count == 2, moq[0] >= 1, moq[0] <= moq[1] else { throw error("moq must be [low, high] with 1 <= low <= high") }
        guard capacity.count == 2, capacity[0] >= 1, capacity[0] <= capacity[1] else { throw error("capacity must be [low, high]") }
        let intents = try self.intents.map { word -> BuyerIntent in
            guard let i = BuyerIntent(rawValue: word) else { throw error("intents: unknown intent \"\(word)\"") }
            return i
        }
        guard !intents.isEmpty else { throw error("intents must name at least one intent") }
        for b in self.belts where belts[b] == nil { throw error("belts: unknown belt \"\(b)\"") }
        guard !self.belts.isEmpty else { throw error("belts must name at least one belt") }
        var attributes: [ProductType.Attribute] = []
        for (attribute, values) in attrs.sorted(by: { $0.key < $1.key }) {
            switch values {
            case .values(let v):
                guard !v.isEmpty else { throw error("attrs.\(attribute): no values") }
                attributes.append(.init(name: attribute, values: v))
            case .reference(let ref):
                guard ref.hasPrefix("@"), let v = lists[String(ref.dropFirst())], !v.isEmpty else {
                    throw error("attrs.\(attribute): \"\(ref)\" is not a defined list (\"@name\")")
                }
                attributes.append(.init(name: attribute, values: v))
            }
        }
        return ProductType(
            key: key, name: name, aliases: aliases ?? [], industry: industry.industry, category: [industry.name, sub, name],
            attributes: attributes, price: price[0]...price[1], unit: unit, moq: moq[0]...moq[1], capacity: capacity[0]...capacity[1],
            intents: intents, belts: self.belts, brands: brands ?? [], audiences: audiences ?? [], words: words ?? [],
            related: related ?? [], of: of ?? [], model: model, rank: rank)
    }
}
