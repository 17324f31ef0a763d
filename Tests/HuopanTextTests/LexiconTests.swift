import HuopanTestSupport
import Testing

@testable import HuopanText

@Suite struct LexiconTests {
    @Test func tagsAndLookups() {
        var lex = Lexicon()
        lex.insert("连衣裙", tag: .product)
        lex.insert("米", tag: .unit)
        lex.insert("连衣裙", tag: .style)
        #expect(lex.count == 2)
        #expect(lex.tags(of: "连衣裙") == [.product, .style])
        #expect(lex.tags(of: "连衣") == [])
        #expect(lex.words(tagged: .unit) == ["米"])
        #expect(lex.maxLength == 3)
    }

    /// The fingerprint is recorded in every index's manifest and compared across processes
    /// and machines, so it is a fixed function of the entries (FNV-1a), not Swift's seeded hash.
    @Test func fingerprintIsStableAndChangesWithContent() {
        #expect(Lexicon().fingerprint == 0xcbf2_9ce4_8422_2325)
        var a = Lexicon()
        a.insert("连衣裙", tag: .product)
        a.insert("米", tag: .unit)
        #expect(a.fingerprint == Self.goldenFingerprint, "\(String(a.fingerprint, radix: 16))")
        var same = a
        same.insert("连衣裙", tag: .product)
        #expect(same.fingerprint == a.fingerprint, "an entry already there changes nothing")
        var b = a
        b.insert("牛仔裤", tag: .product)
        #expect(a.fingerprint != b.fingerprint)
        var c = a
        c.insert("连衣裙", tag: .style)
        #expect(c.fingerprint != a.fingerprint, "a new tag for a known word is new content")
    }

    static let goldenFingerprint: UInt64 = 7_631_810_158_648_400_394

    @Test func committedLexiconHasEveryTag() {
        for tag in [Lexicon.Tag.product, .material, .brand, .unit, .place, .style, .single] {
            #expect(!Fixtures.lexicon.words(tagged: tag).isEmpty, "no \(tag) words")
        }
    }
}
