import HuopanCatalog

/// One filter a search may carry: its name, what kind of value it takes, and (for closed
/// lists) the values it accepts. `OfferFilters.fields` is the one list of them: JSON
/// bodies, URL parameters (`filter.<name>=`), the CLI's `--filter` and `GET /v1/schema`
/// (which the console reads) all go by it.
public struct FilterField: Sendable {
    public enum Kind: String, Sendable, Codable {
        /// Any of several values; in a URL repeated or comma-separated.
        case list
        case number
        case integer
        case boolean
    }

    public let name: String
    public let kind: Kind
    /// The values a closed list accepts (supplier kinds, customization options).
    public let values: [String]?
    public let summary: String
    let binding: Binding

    enum Binding: Sendable {
        case strings(WritableKeyPath<OfferFilters, [String]> & Sendable)
        case kinds
        case customization
        case number(WritableKeyPath<OfferFilters, Double?> & Sendable)
        case integer(WritableKeyPath<OfferFilters, Int?> & Sendable)
        case boolean(WritableKeyPath<OfferFilters, Bool?> & Sendable)
    }

    init(_ name: String, _ binding: Binding, _ summary: String) {
        self.name = name
        self.binding = binding
        self.summary = summary
        switch binding {
        case .strings: (kind, values) = (.list, nil)
        case .kinds: (kind, values) = (.list, SupplierKind.allCases.map(\.rawValue))
        case .customization: (kind, values) = (.list, Customization.allCases.map(\.rawValue))
        case .number: (kind, values) = (.number, nil)
        case .integer: (kind, values) = (.integer, nil)
        case .boolean: (kind, values) = (.boolean, nil)
        }
    }

    /// A value of this filter, parsed and checked.
    public enum Value: Sendable, Hashable {
        case list([String])
        case number(Double)
        case integer(Int)
        case boolean(Bool)
    }

    /// Parses one URL or CLI value (`region=义乌,温州`, `price_max=5`, `dropship=true`).
    public func parse(text: String) throws(FieldIssue) -> Value {
        let field = "filters.\(name)"
        switch kind {
        case .list:
            let values = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw FieldIssue(field: field, reason: "needs a value (\(name)=…)") }
            return .list(values)
        case .number:
            guard let n = Double(text), n.isFinite else { throw FieldIssue(field: field, reason: "expected a number, got \"\(text)\"") }
            return .number(n)
        case .integer:
            guard let n = Int(text) else { throw FieldIssue(field: field, reason: "expected an integer, got \"\(text)\"") }
            return .integer(n)
        case .boolean:
            guard let b = ["true": true, "1": true, "false": false, "0": false][text.lowercased()] else {
                throw FieldIssue(field: field, reason: "expected true or false, got \"\(text)\"")
            }
            return .boolean(b)
        }
    }

    /// Sets this filter in `filters`; a list value adds to what is there.
    public func apply(_ value: Value, to filters: inout OfferFilters) throws(FieldIssue) {
        let field = "filters.\(name)"
        switch (binding, value) {
        case (.strings(let path), .list(let values)):
            filters[keyPath: path] += values
        case (.kinds, .list(let values)):
            for v in values {
                guard let k = SupplierKind(rawValue: v) else {
                    throw FieldIssue(field: field, reason: "must be one of \(self.values!.joined(separator: ", ")), got \"\(v)\"")
                }
                filters.kinds.append(k)
            }
        case (.customization, .list(let values)):
            for v in values {
                guard let c = Customization(rawValue: v) else {
                    throw FieldIssue(field: field, reason: "must be one of \(self.values!.joined(separator: ", ")), got \"\(v)\"")
                }
                filters.customization.append(c)
            }
        case (.number(let path), .number(let n)):
            filters[keyPath: path] = n
        case (.number(let path), .integer(let n)):
            filters[keyPath: path] = Double(n)
        case (.integer(let path), .integer(let n)):
            filters[keyPath: path] = n
        case (.boolean(let path), .boolean(let b)):
            filters[keyPath: path] = b
        default:
            throw FieldIssue(
                field: field,
                reason: "expected \(kind == .list ? "a list of strings" : kind == .boolean ? "true or false" : "a \(kind.rawValue)")")
        }
    }

    /// The filter's value in `filters`, nil when unset (lists: when empty).
    public func value(in filters: OfferFilters) -> Value? {
        switch binding {
        case .strings(let path): filters[keyPath: path].isEmpty ? nil : .list(filters[keyPath: path])
        case .kinds: filters.kinds.isEmpty ? nil : .list(filters.kinds.map(\.rawValue))
        case .customization: filters.customization.isEmpty ? nil : .list(filters.customization.map(\.rawValue))
        case .number(let path): filters[keyPath: path].map { .number($0) }
        case .integer(let path): filters[keyPath: path].map { .integer($0) }
        case .boolean(let path): filters[keyPath: path].map { .boolean($0) }
        }
    }
}

extension OfferFilters {
    /// Every filter, in the order responses and the schema list them.
    public static let fields: [FilterField] = [
        FilterField("category", .strings(\.categories), "category path, top level first (女装>连衣裙); an offer in any of them"),
        FilterField("price_min", .number(\.priceMin), "unit price at the planned quantity, at least (CNY)"),
        FilterField("price_max", .number(\.priceMax), "unit price at the planned quantity, at most (CNY)"),
        FilterField("max_moq", .integer(\.maxMOQ), "minimum order quantity, at most"),
        FilterField("province", .strings(\.provinces), "supplier's province"),
        FilterField("region", .strings(\.regions), "supplier's region (city)"),
        FilterField("belt", .strings(\.belts), "supplier's industrial belt (产业带)"),
        FilterField("place", .strings(\.places), "a place word in the supplier's province, region or belt (义乌, 十三行)"),
        FilterField("supplier_kind", .kinds, "factory, trading company or market stall"),
        FilterField("supplier", .strings(\.suppliers), "supplier id"),
        FilterField("dropship", .boolean(\.dropship), "ships single pieces to the buyer's customers (一件代发)"),
        FilterField("customization", .customization, "customisation options the offer supports, every one listed"),
        FilterField("min_ship_72h", .number(\.minShip72h), "share of orders shipped within 72 hours, at least (0 to 1)"),
        FilterField("min_capacity", .integer(\.minCapacity), "monthly capacity, at least"),
    ]

    public static func field(named name: String) -> FilterField? { fields.first { $0.name == name } }

    /// Filters from `name=value` pairs (URL `filter.<name>=value`, CLI `--filter`): list
    /// filters may repeat or use commas.
    public init(parameters pairs: [(String, String)]) throws(FieldIssue) {
        self.init()
        for (name, text) in pairs {
            guard let field = Self.field(named: name) else {
                throw FieldIssue(
                    field: "filters.\(name)", reason: "unknown filter (known: \(Self.fields.map(\.name).joined(separator: ", ")))")
            }
            try field.apply(try field.parse(text: text), to: &self)
        }
    }
}

extension OfferFilters: Codable {
    /// From JSON: each filter by its name; a list filter takes an array or a single string.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in c.allKeys {
            guard let field = Self.field(named: key.stringValue) else {
                throw UnknownFieldError(field: key.stringValue, path: decoder.codingPath.map(\.stringValue))
            }
            let value: FilterField.Value
            switch field.kind {
            case .list:
                if let one = try? c.decode(String.self, forKey: key) {
                    value = .list([one])
                } else {
                    value = .list(try c.decode([String].self, forKey: key))
                }
            case .number: value = .number(try c.decode(Double.self, forKey: key))
            case .integer: value = .integer(try c.decode(Int.self, forKey: key))
            case .boolean: value = .boolean(try c.decode(Bool.self, forKey: key))
            }
            do {
                try field.apply(value, to: &self)
            } catch {
                // Named relative to this object; the caller adds its own path (filters.).
                throw FieldIssue(field: field.name, reason: error.reason)
            }
        }
    }

    /// To JSON: every list (empty or not) and every value that is set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        for field in Self.fields {
            let key = AnyCodingKey(stringValue: field.name)
            switch field.value(in: self) {
            case .list(let values): try c.encode(values, forKey: key)
            case .number(let n): try c.encode(n, forKey: key)
            case .integer(let n): try c.encode(n, forKey: key)
            case .boolean(let b): try c.encode(b, forKey: key)
            case nil: if field.kind == .list { try c.encode([String](), forKey: key) }
            }
        }
    }
}
