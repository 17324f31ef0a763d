import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanIndex

/// The C++ shim against a real Xapian database: every feature the issue names,
/// and every failure turned into a Swift error with Xapian's message.
@Suite struct XapianShimTests {
    let dir = TemporaryDirectory("xapian")

    func doc(
        _ terms: [(String, UInt32, UInt32)], values: [(UInt32, Double)] = [], strings: [(UInt32, String)] = [], data: String = ""
    ) -> XapianDocument {
        var d = XapianDocument()
        for (t, wdf, pos) in terms { d.addTerm(t, wdf: wdf, position: pos) }
        for (slot, v) in values { d.setValue(slot, v) }
        for (slot, s) in strings { d.setValue(slot, s) }
        d.data = Array(data.utf8)
        return d
    }

    func sampleDatabase() throws -> String {
        let path = dir.path("db").path
        let w = try XapianWritableDatabase(path: path)
        try w.replace(
            idTerm: "Qa",
            with: doc(
                [("Qa", 0, 0), ("red", 1, 1), ("dress", 1, 2), ("XKfactory", 0, 0)],
                values: [(10, 5)], strings: [(0, "s1")], data: "A"))
        try w.replace(
            idTerm: "Qb",
            with: doc(
                [("Qb", 0, 0), ("dress", 1, 1), ("red", 1, 2), ("XKstall", 0, 0)],
                values: [(10, 15)], strings: [(0, "s1")], data: "B"))
        try w.replace(
            idTerm: "Qc",
            with: doc(
                [("Qc", 0, 0), ("red", 3, 1), ("shoe", 1, 2), ("XKfactory", 0, 0)],
                values: [(10, 25)], strings: [(0, "s2")], data: "C"))
        try w.commit()
        try w.close()
        return path
    }

    func ids(_ r: XapianResults, _ db: XapianDatabase) throws -> [String] {
        try db.data(of: r.hits.map(\.docid)).map { String(decoding: $0 ?? [], as: UTF8.self) }
    }

    @Test func addReplaceDeleteByIdTerm() throws {
        let path = try sampleDatabase()
        let w = try XapianWritableDatabase(path: path, options: [])
        try w.replace(idTerm: "Qa", with: doc([("Qa", 0, 0), ("blue", 1, 1)], data: "A2"))
        #expect(try w.delete(idTerm: "Qb"))
        #expect(try !w.delete(idTerm: "Qzz"))
        try w.commit()
        #expect(try w.documentCount() == 2)
        try w.close()
        let db = try XapianDatabase(path: path)
        func count(_ term: String) throws -> Int {
            var s = XapianSearch(query: .term(term), limit: 0)
            s.checkAtLeast = 10
            return try db.search(s).matchesEstimated
        }
        #expect(try ["red", "blue", "dress"].map(count) == [1, 1, 0])
        let hit = try db.search(XapianSearch(query: .term("blue")))
        #expect(try ids(hit, db) == ["A2"])
    }

    @Test func queryOperatorsPhraseFilterAndValueRange() throws {
        let db = try XapianDatabase(path: try sampleDatabase())
        func run(_ q: XapianQuery) throws -> Set<String> { Set(try ids(db.search(XapianSearch(query: q, limit: 10)), db)) }
        #expect(try run(.and([.term("red"), .term("dress")])) == ["A", "B"])
        #expect(try run(.or([.term("shoe"), .term("dress")])) == ["A", "B", "C"])
        #expect(try run(.combine(.phrase, [.term("red"), .term("dress")])) == ["A"])
        #expect(try run(.combine(.near, [.term("red"), .term("dress")], window: 2)) == ["A", "B"])
        #expect(try run(.term("red").filtered(by: [.term("XKfactory")])) == ["A", "C"])
        #expect(try run(.term("red").filtered(by: [.valueRange(slot: 10, lower: 10, upper: 20)])) == ["B"])
        #expect(try run(.term("red").filtered(by: [.valueRange(slot: 10, lower: nil, upper: 15)])) == ["A", "B"])
        #expect(try run(.combine(.andNot, [.term("red"), .term("dress")])) == ["C"])
        #expect(try run(.combine(.andMaybe, [.term("dress"), .term("shoe")])) == ["A", "B"])
        #expect(try run(.synonym([.term("shoe"), .term("nothing")])) == ["C"])
    }

    @Test func windowWithValuesInOneCallAndBM25Parameters() throws {
        let db = try XapianDatabase(path: try sampleDatabase())
        var s = XapianSearch(query: .term("red"), limit: 10)
        s.numericSlots = [10, 99]
        s.rawSlots = [0]
        s.includeData = true
        let r = try db.search(s)
        #expect(r.hits.count == 3)
        #expect(r.exactCount == 3)
        #expect(Set(r.hits.map { $0.numbers[0] }) == [5, 15, 25])
        #expect(r.hits.allSatisfy { $0.numbers[1].isNaN })
        #expect(Set(r.hits.map { String(decoding: $0.raw[0], as: UTF8.self) }) == ["s1", "s2"])
        // C has wdf 3 for "red": with k1 > 0 it ranks first; with k1 = 0 wdf is ignored and all tie.
        #expect(String(decoding: r.hits[0].data ?? [], as: UTF8.self) == "C")
        s.weighting = .bm25(BM25Parameters(k1: 0, b: 0))
        let flat = try db.search(s)
        #expect(Set(flat.hits.map(\.weight)).count == 1)
    }

    @Test func collapseAndFacets() throws {
        let db = try XapianDatabase(path: try sampleDatabase())
        var s = XapianSearch(query: .term("red"), limit: 10)
        s.collapse = (slot: 0, max: 1)
        let collapsed = try db.search(s)
        #expect(collapsed.hits.count == 2)
        #expect(collapsed.hits.map(\.collapseCount).reduce(0, +) == 1)
        var f = XapianSearch(query: .term("red"), limit: 0)
        f.facetSlots = [0]
        f.checkAtLeast = 100
        let facets = try db.search(f).facets[0]
        #expect(facets.map(\.value) == ["s1", "s2"])
        #expect(facets.map(\.count) == [2, 1])
    }

    @Test func priorAddsValueWeight() throws {
        let db = try XapianDatabase(path: try sampleDatabase())
        let r = try db.search(XapianSearch(query: .combine(.andMaybe, [.term("dress"), .scale(1, .prior(slot: 10))]), limit: 10))
        // B has value 15 > A's 5, and otherwise they tie on BM25.
        #expect(try ids(r, db) == ["B", "A"])
        #expect(r.hits[0].weight - r.hits[1].weight > 9.9)
    }

    @Test func multiDatabaseSearchesAsOne() throws {
        let a = dir.path("a").path, b = dir.path("b").path
        for (path, id) in [(a, "x"), (b, "y")] {
            let w = try XapianWritableDatabase(path: path)
            try w.replace(idTerm: "Q" + id, with: doc([("Q" + id, 0, 0), ("cup", 1, 1)], data: id))
            try w.close()
        }
        let db = try XapianDatabase(paths: [a, b])
        #expect(try db.stats().documentCount == 2)
        #expect(Set(try ids(db.search(XapianSearch(query: .term("cup"))), db)) == ["x", "y"])
    }

    @Test func compactMergesDatabases() throws {
        let a = dir.path("a").path, b = dir.path("b").path, out = dir.path("merged").path
        for (path, id) in [(a, "x"), (b, "y")] {
            let w = try XapianWritableDatabase(path: path)
            try w.add(doc([("Q" + id, 0, 0), ("cup", 1, 1)], data: id))
            try w.close()
        }
        try XapianWritableDatabase.compact([a, b], into: out)
        #expect(try XapianDatabase(path: out).stats().documentCount == 2)
    }

    /// Each failure arrives with the kind it maps to and Xapian's own text (not the shim's
    /// prefix alone): a missing, a corrupt and a locked database, a query Xapian itself
    /// refuses, bytecode the shim refuses, and a closed handle.
    @Test func errorsCarryXapiansMessage() throws {
        let missingPath = dir.path("missing").path
        let missing = #expect(throws: XapianError.self) { try XapianDatabase(path: missingPath) }
        #expect(missing?.kind == .databaseNotFound)
        #expect(missing?.message == "DatabaseNotFoundError: Couldn't stat '\(missingPath)'", "\(String(describing: missing))")

        let path = try sampleDatabase()
        let writer = try XapianWritableDatabase(path: path, options: [])
        let locked = #expect(throws: XapianError.self) { try XapianWritableDatabase(path: path, options: []) }
        #expect(locked?.kind == .databaseLocked)
        #expect(
            locked?.message.hasPrefix("DatabaseLockError: Unable to get write lock on \(path)") == true, "\(String(describing: locked))")
        try writer.close()

        let corrupt = dir.path("corrupt")
        try FileManager.default.createDirectory(at: corrupt, withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: corrupt.appendingPathComponent("iamglass"))
        let damaged = #expect(throws: XapianError.self) { try XapianDatabase(path: corrupt.path) }
        #expect(damaged?.kind == .databaseCorrupt)
        #expect(damaged?.message == "DatabaseCorruptError: Couldn't read enough (EOF)", "\(String(describing: damaged))")

        let db = try XapianDatabase(path: path)
        let refused = #expect(throws: XapianError.self) {
            try db.search(XapianSearch(query: .combine(.phrase, [.and([.term("red"), .term("dress")]), .term("shoe")])))
        }
        #expect(refused?.kind == .unimplemented)
        #expect(refused?.message == "UnimplementedError: OP_NEAR and OP_PHRASE only currently support leaf subqueries")
        let bad = #expect(throws: XapianError.self) { try db.search(XapianSearch(query: .scale(-1, .term("red")))) }
        #expect(bad?.kind == .badQuery)
        #expect(bad?.message == "BadQuery: scale factor must be finite and >= 0")
        db.close()
        #expect(throws: XapianError.self) { try db.stats() }
    }
}
