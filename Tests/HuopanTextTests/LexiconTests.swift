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

    @Test func fingerprintChangesWithContent() {
        var a = Lexicon()
        a.insert("连衣裙", tag: .product)
        var b = a
        b.insert("牛仔裤", tag: .product)
        #expect(a.fingerprint != b.fingerprint)
    }

    @Test func committedLexiconHasEveryTag() {
        for tag in [Lexicon.Tag.product, .material, .brand, .unit, .place, .style, .single] {
            #expect(!Fixtures.lexicon.words(tagged: tag).isEmpty, "no \(tag) words")
        }
    }
}
