import HuopanCatalog

/// Everything second-phase ranking reads about an offer, packed into one value
/// slot so a candidate window of 1,000 costs 1,000 value reads, not 20,000.
/// Little-endian, versioned; `decode` returns nil for bytes it does not understand.
public struct RankRecord: Sendable, Hashable {
    public var kind: SupplierKind
    public var supplierYears: Int
    public var dropship: Bool
    public var customization: Set<Customization>
    public var moq: Int
    public var capacity: Int
    public var sales: Int
    public var buyers: Int
    public var reviews: Int
    public var repurchaseRate: Double
    public var rating: Double
    public var ship72hRate: Double
    public var replyRate: Double
    public var replyMinutes: Double
    public var disputeRate: Double
    public var returnRate: Double
    public var listedDay: Int
    public var tiers: [PriceTier]
    public var supplierID: String
    /// The offer's id: ties in ranking are broken by it, so the order does not
    /// depend on docids (which differ between one database and several shards).
    public var offerID: String
    /// Category path joined with ">".
    public var category: String
    public var region: String
    public var province: String
    public var belt: String
    /// The normalised title (analyzer output) without spaces, for phrase and
    /// prefix matching ("iphone 16" in a title matches the query "iphone16").
    public var normalizedTitle: [UInt8]

    static let version: UInt8 = 2

    public init(offer: Offer, normalizedTitle: [UInt8]) {
        kind = offer.supplier.kind
        supplierYears = offer.supplier.years
        dropship = offer.dropship
        customization = Set(offer.customization)
        moq = offer.moq
        capacity = offer.monthlyCapacity
        sales = offer.stats.sales30d
        buyers = offer.stats.buyers30d
        reviews = offer.stats.reviews
        repurchaseRate = offer.stats.repurchaseRate
        rating = offer.stats.rating
        ship72hRate = offer.stats.ship72hRate
        replyRate = offer.stats.replyRate
        replyMinutes = offer.stats.replyMinutes
        disputeRate = offer.stats.disputeRate
        returnRate = offer.stats.returnRate
        listedDay = offer.listedEpochDay
        tiers = offer.priceTiers
        supplierID = offer.supplier.id
        offerID = offer.id
        category = offer.category.joined(separator: ">")
        region = offer.supplier.region ?? ""
        province = offer.supplier.province ?? ""
        belt = offer.supplier.belt ?? ""
        self.normalizedTitle = normalizedTitle.filter { $0 != 0x20 }
    }

    /// Statistics in the shape the catalog uses, for the shared signal formulas.
    public var stats: OfferStats {
        OfferStats(
            sales30d: sales, buyers30d: buyers, repurchaseRate: repurchaseRate, rating: rating, reviews: reviews,
            ship72hRate: ship72hRate, replyRate: replyRate, replyMinutes: replyMinutes,
            disputeRate: disputeRate, returnRate: returnRate)
    }

    public func unitPrice(at qty: Int) -> Double { PriceTier.unitPrice(in: tiers, at: qty) }

    public func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + normalizedTitle.count + supplierID.utf8.count + category.utf8.count)
        func u8(_ v: Int) { out.append(UInt8(clamping: v)) }
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(clamping: v).littleEndian) { out.append(contentsOf: $0) } }
        func i32(_ v: Int) { withUnsafeBytes(of: Int32(clamping: v).littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Double) { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func bytes<C: Collection>(_ b: C) where C.Element == UInt8 {
            let n = min(b.count, Int(UInt16.max))
            withUnsafeBytes(of: UInt16(n).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: b.prefix(n))
        }
        u8(Int(Self.version))
        u8(SupplierKind.allCases.firstIndex(of: kind)!)
        u8(supplierYears)
        u8(dropship ? 1 : 0)
        var bits = 0
        for (i, c) in Customization.allCases.enumerated() where customization.contains(c) { bits |= 1 << i }
        u8(bits)
        u32(moq); u32(capacity); u32(sales); u32(buyers); u32(reviews)
        f32(repurchaseRate); f32(rating); f32(ship72hRate); f32(replyRate); f32(replyMinutes); f32(disputeRate); f32(returnRate)
        i32(listedDay)
        u8(tiers.count)
        for t in tiers { u32(t.minQty); f32(t.unitPrice) }
        bytes(supplierID.utf8); bytes(offerID.utf8); bytes(category.utf8); bytes(region.utf8); bytes(province.utf8); bytes(belt.utf8)
        bytes(normalizedTitle)
        return out
    }

    public static func decode(_ data: [UInt8]) -> RankRecord? {
        data.withUnsafeBytes { decode(raw: $0) }
    }

    public static func decode(raw: UnsafeRawBufferPointer) -> RankRecord? {
        var r = Reader(data: raw)
        guard let version = r.u8(), version == Self.version,
            let kindIndex = r.u8(), Int(kindIndex) < SupplierKind.allCases.count,
            let years = r.u8(), let flags = r.u8(), let bits = r.u8(),
            let moq = r.u32(), let capacity = r.u32(), let sales = r.u32(), let buyers = r.u32(), let reviews = r.u32(),
            let repurchase = r.f32(), let rating = r.f32(), let ship = r.f32(), let reply = r.f32(),
            let replyMinutes = r.f32(), let dispute = r.f32(), let returns = r.f32(),
            let listed = r.i32(), let tierCount = r.u8()
        else { return nil }
        var tiers: [PriceTier] = []
        tiers.reserveCapacity(Int(tierCount))
        for _ in 0..<tierCount {
            guard let q = r.u32(), let p = r.f32() else { return nil }
            tiers.append(PriceTier(minQty: q, unitPrice: p))
        }
        guard let supplier = r.string(), let offerID = r.string(), let category = r.string(), let region = r.string(),
            let province = r.string(),
            let belt = r.string(), let title = r.bytes()
        else { return nil }
        var custom = Set<Customization>()
        for (i, c) in Customization.allCases.enumerated() where Int(bits) & (1 << i) != 0 { custom.insert(c) }
        var rec = RankRecord(empty: ())
        rec.kind = SupplierKind.allCases[Int(kindIndex)]
        rec.supplierYears = Int(years)
        rec.dropship = flags & 1 != 0
        rec.customization = custom
        rec.moq = moq; rec.capacity = capacity; rec.sales = sales; rec.buyers = buyers; rec.reviews = reviews
        rec.repurchaseRate = repurchase; rec.rating = rating; rec.ship72hRate = ship; rec.replyRate = reply
        rec.replyMinutes = replyMinutes; rec.disputeRate = dispute; rec.returnRate = returns
        rec.listedDay = listed
        rec.tiers = tiers
        rec.supplierID = supplier
        rec.offerID = offerID
        rec.category = category
        rec.region = region
        rec.province = province
        rec.belt = belt
        rec.normalizedTitle = title
        return rec
    }

    private init(empty: ()) {
        kind = .factory; supplierYears = 0; dropship = false; customization = []
        moq = 0; capacity = 0; sales = 0; buyers = 0; reviews = 0
        repurchaseRate = 0; rating = 0; ship72hRate = 0; replyRate = 0; replyMinutes = 0; disputeRate = 0; returnRate = 0
        listedDay = 0; tiers = []; supplierID = ""; offerID = ""; category = ""; region = ""; province = ""; belt = ""; normalizedTitle = []
    }

    private struct Reader {
        let data: UnsafeRawBufferPointer
        var i = 0
        mutating func u8() -> UInt8? {
            guard i < data.count else { return nil }
            defer { i += 1 }
            return data[i]
        }
        mutating func u32() -> Int? {
            guard i + 4 <= data.count else { return nil }
            defer { i += 4 }
            return Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        }
        mutating func i32() -> Int? { u32().map { Int(Int32(bitPattern: UInt32($0))) } }
        mutating func f32() -> Double? { u32().map { Double(Float(bitPattern: UInt32($0))) } }
        mutating func bytes() -> [UInt8]? {
            guard i + 2 <= data.count else { return nil }
            let n = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
            guard i + 2 + n <= data.count else { return nil }
            defer { i += 2 + n }
            return Array(data[(i + 2)..<(i + 2 + n)])
        }
        mutating func string() -> String? {
            guard i + 2 <= data.count else { return nil }
            let n = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
            guard i + 2 + n <= data.count else { return nil }
            defer { i += 2 + n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: data[(i + 2)..<(i + 2 + n)]), as: UTF8.self)
        }
    }
}
