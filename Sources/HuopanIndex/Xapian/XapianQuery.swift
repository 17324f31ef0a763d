import CXapian

/// A Xapian query tree as a value. It is encoded to a compact bytecode and
/// rebuilt inside the shim, so queries need no C++ handles on the Swift side.
public indirect enum XapianQuery: Sendable, Hashable {
    public enum Operator: UInt8, Sendable {
        case and = 0, or = 1, andNot = 2, xor = 3, andMaybe = 4, filter = 5
        case near = 6, phrase = 7, eliteSet = 8, synonym = 9, max = 10
    }

    case term(String, wqf: UInt32 = 1, position: UInt32 = 0)
    /// `window` is the NEAR/PHRASE window or the ELITE_SET size; 0 lets Xapian choose.
    case combine(Operator, [XapianQuery], window: UInt32 = 0)
    /// Numeric value range over a slot written with sortable_serialise; nil ends are open.
    case valueRange(slot: UInt32, lower: Double?, upper: Double?)
    case scale(Double, XapianQuery)
    /// Static prior: the slot's number becomes the weight (ValueWeightPostingSource).
    case prior(slot: UInt32)
    case all
    case nothing

    public static func and(_ qs: [XapianQuery]) -> XapianQuery { qs.count == 1 ? qs[0] : .combine(.and, qs) }
    public static func or(_ qs: [XapianQuery]) -> XapianQuery { qs.count == 1 ? qs[0] : .combine(.or, qs) }
    public static func synonym(_ qs: [XapianQuery]) -> XapianQuery { qs.count == 1 ? qs[0] : .combine(.synonym, qs) }

    /// `self` restricted to documents matching every filter, which adds no weight.
    public func filtered(by filters: [XapianQuery]) -> XapianQuery {
        filters.isEmpty ? self : .combine(.filter, [self, .and(filters)])
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    private func encode(into out: inout [UInt8]) {
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func str(_ s: String) { u32(UInt32(s.utf8.count)); out.append(contentsOf: s.utf8) }
        switch self {
        case let .term(t, wqf, pos):
            out.append(UInt8(CX_Q_TERM)); str(t); u32(wqf); u32(pos)
        case let .combine(op, children, window):
            out.append(UInt8(CX_Q_COMBINE)); out.append(op.rawValue); u32(window); u32(UInt32(children.count))
            for c in children { c.encode(into: &out) }
        case let .valueRange(slot, lower, upper):
            out.append(UInt8(CX_Q_VALUE_RANGE)); u32(slot)
            out.append((lower != nil ? 1 : 0) | (upper != nil ? 2 : 0))
            f64(lower ?? 0); f64(upper ?? 0)
        case let .scale(factor, child):
            out.append(UInt8(CX_Q_SCALE)); f64(factor); child.encode(into: &out)
        case let .prior(slot):
            out.append(UInt8(CX_Q_PRIOR)); u32(slot)
        case .all: out.append(UInt8(CX_Q_ALL))
        case .nothing: out.append(UInt8(CX_Q_NOTHING))
        }
    }
}
