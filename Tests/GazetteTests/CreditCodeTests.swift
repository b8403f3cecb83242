import GazetteModel
import Testing

@Suite("The unified social credit code (GB 32100-2015)")
struct CreditCodeTests {
    @Test func knownValid() throws {
        let code = try CreditCode.validate("91110000600037341L").get()
        #expect(code.authority == "9")
        #expect(code.kind == "1")
        #expect(code.region == "110000")
        #expect(code.body == "600037341")
        #expect(code.check == "L")
    }

    @Test func weightsArePowersOfThree() {
        #expect(CreditCode.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
    }

    @Test func sampleOrganizationDecodes() throws {
        let code = try CreditCode.validate("52630102MJ6EARAG66").get()
        #expect(code.authority == "5")
        #expect(CreditCode.authorityNames[code.authority]?.zh == "民政")
        #expect(CreditCode.civilAffairsKindNames[code.kind]?.zh == "民办非企业单位")
        #expect(code.region == "630102")
    }

    @Test("known invalid", arguments: [
        ("91110000600037341M", CreditCode.Problem.wrongCheckCharacter(found: "M", expected: "L")),
        ("91110000600037341", .wrongLength(17)),
        ("911100006000373410L", .wrongLength(19)),
        ("9111000060003734IL", .badCharacter(position: 17, character: "I")),
        ("91110000600037341l", .badCharacter(position: 18, character: "l")),
        ("O1110000600037341L", .badCharacter(position: 1, character: "O")),
        ("", .wrongLength(0)),
    ])
    func invalid(_ text: String, _ problem: CreditCode.Problem) {
        #expect(throws: problem) { try CreditCode.validate(text).get() }
    }

    /// Every symbol, at every position, is accepted with the right check character and refused with any other.
    @Test func everyPositionOfTheAlphabet() throws {
        let base = Array("91110000600037341")
        for position in 0..<17 {
            for symbol in CreditCode.alphabet {
                var first17 = base
                first17[position] = symbol
                let check = try #require(CreditCode.checkCharacter(for: first17))
                #expect((try? CreditCode.validate(String(first17) + String(check)).get()) != nil)
                let wrong = CreditCode.alphabet[(CreditCode.value(of: check)! + 1) % 31]
                #expect((try? CreditCode.validate(String(first17) + String(wrong)).get()) == nil)
            }
        }
        for excluded in "IOZSV" {
            #expect(CreditCode.value(of: excluded) == nil)
        }
        #expect(CreditCode.alphabet.count == 31)
    }
}
