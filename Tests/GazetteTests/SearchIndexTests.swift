import Foundation
import GazetteMachineFiles
import Testing

@Suite("Search: terms and the index")
struct SearchIndexTests {
    func terms(_ text: String) -> [String] { SearchTokenizer.terms(text).map(\.text) }

    @Test func hanTextBecomesPairsOfNeighbours() {
        #expect(terms("留守儿童") == ["留守", "守儿", "儿童"])
        #expect(terms("城东区") == ["城东", "东区"])
        #expect(terms("县") == ["县"])
        // Punctuation separates runs: a lone character between marks stays a term of its own.
        #expect(terms("城东区、县") == ["城东", "东区", "县"])
        #expect(terms("“四点半课堂”") == ["四点", "点半", "半课", "课堂"])
    }

    @Test func latinTextBecomesLowerCaseWords() {
        #expect(terms("Chengdong District") == ["chengdong", "district"])
        #expect(terms("qh2017-xn-001") == ["qh2017", "xn", "001"])
        #expect(terms("Left-behind children") == ["left", "behind", "children"])
        // Full-width letters and digits are read as their ASCII forms (NFKC).
        #expect(terms("ＱＨ２０１７") == ["qh2017"])
    }

    @Test func mixedText() {
        #expect(terms("城东区Chengdong 2017年") == ["城东", "东区", "chengdong", "2017", "年"])
        #expect(terms("") == [])
        #expect(terms(" ,;!") == [])
    }

    @Test func termKinds() {
        #expect(SearchTokenizer.terms("城东 ab") == [.han("城东"), .word("ab")])
        #expect(SearchTokenizer.isHan("〇".unicodeScalars.first!))
        #expect(!SearchTokenizer.isHan("a".unicodeScalars.first!))
        #expect(SearchTokenizer.isHan("𠀀".unicodeScalars.first!))
    }

    func sampleIndex() -> SearchIndex {
        SearchIndex(kinds: ["region", "project"], documents: [
            .init(kind: 1, key: "p-2", path: "projects/p-2/", title: "城西区老人项目", subtitle: "城西区", text: ["p-2"]),
            .init(kind: 1, key: "p-1", path: "projects/p-1/", title: "城东区留守儿童关爱服务项目", subtitle: "城东区 · 已验收",
                  text: ["p-1", "留守儿童", "Chengdong District"]),
            .init(kind: 0, key: "630102", path: "regions/630102/", title: "城东区", subtitle: "西宁市", text: ["Chengdong"]),
        ])
    }

    @Test func documentsAreOrderedByKindThenKey() {
        let index = sampleIndex()
        #expect(index.documents.map(\.key) == ["630102", "p-1", "p-2"])
    }

    @Test func postingsMarkTitleMatches() {
        let index = sampleIndex()
        // Region (doc 0) has 城东 in its title; project p-1 (doc 1) too; p-2 (doc 2) has neither.
        #expect(index.postings["城东"] == [0 * 2 + 1, 1 * 2 + 1])
        // 儿童 is in p-1's title: 2 × 1 + 1.
        #expect(index.postings["儿童"] == [3])
        // chengdong is only in the texts: no title flag.
        #expect(index.postings["chengdong"] == [0, 2])
        #expect(index.postings["城西"] == [5])
        #expect(index.postings["district"] == [2])
    }

    @Test func jsonIsCompactSortedAndDeltaEncoded() throws {
        let json = sampleIndex().json()
        #expect(json == sampleIndex().json())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let docs = try #require(object["docs"] as? [[Any]])
        #expect(docs.count == 3)
        #expect(docs[0][1] as? String == "regions/630102/")
        let terms = try #require(object["terms"] as? [String: [Int]])
        #expect(terms["城东"] == [1, 2])   // 1, then 3 − 1
        #expect(terms["chengdong"] == [0, 2])
        // Keys are written in code-point order.
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("\"") }.map { String($0.prefix { $0 != ":" }) }
        #expect(keys == keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    @Test func textIsEscaped() throws {
        let index = SearchIndex(kinds: ["notice"], documents: [
            .init(kind: 0, key: "x", path: "notices/x/", title: "<script>\"a\"</script>\n", subtitle: "&", text: []),
        ])
        let json = index.json()
        #expect(!json.contains("<script>"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let docs = try #require(object["docs"] as? [[Any]])
        #expect(docs[0][2] as? String == "<script>\"a\"</script>\n")
    }

    /// 10,000 projects (with 2,000 organizations and their notices) built from a realistic vocabulary: how large
    /// the index grows. Measured sizes are written to docs/feeds-and-search.md.
    @Test func tenThousandProjectsStaySmall() {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let counties = ["城东区", "城中区", "城西区", "城北区", "大通回族土族自治县", "湟中县", "湟源县", "格尔木市", "德令哈市",
                        "乐都区", "平安区", "民和回族土族自治县", "互助土族自治县", "化隆回族自治县", "循化撒拉族自治县",
                        "门源回族自治县", "祁连县", "海晏县", "刚察县", "同仁县", "尖扎县", "泽库县", "共和县", "贵德县",
                        "玛沁县", "班玛县", "玉树市", "杂多县", "称多县", "治多县"]
        let countiesEn = ["Chengdong", "Chengzhong", "Chengxi", "Chengbei", "Datong", "Huangzhong", "Huangyuan", "Golmud",
                          "Delingha", "Ledu", "Ping'an", "Minhe", "Huzhu", "Hualong", "Xunhua", "Menyuan", "Qilian",
                          "Haiyan", "Gangcha", "Tongren", "Jianzha", "Zeku", "Gonghe", "Guide", "Maqin", "Banma",
                          "Yushu", "Zadoi", "Chindu", "Zhidoi"]
        let groups = [("留守儿童", "Left-behind children"), ("困境儿童", "Children in difficulty"),
                      ("空巢老人", "Empty-nest elderly"), ("高龄独居老人", "Elderly living alone"),
                      ("残疾人", "People with disabilities"), ("社区矫正人员", "Community corrections"),
                      ("行为偏差青少年", "Young people at risk"), ("低保家庭", "Low-income families")]
        let services = [("心理疏导", "Counselling"), ("人文关怀", "Humanistic care"), ("矛盾调处", "Conflict mediation"),
                        ("生活照料", "Daily care"), ("法律援助", "Legal aid"), ("文体活动", "Sports and culture"),
                        ("社会融入", "Social integration"), ("家政服务", "Housekeeping")]
        let words = ["关爱", "陪伴", "成长", "守护", "温暖", "阳光", "春晖", "同心", "连心", "安宁", "和悦", "明理"]
        let statuses = ["已签约", "实施中", "整改中", "已终止", "已验收", "验收不合格"]
        var documents: [SearchIndex.Document] = []
        for i in 0..<2000 {
            let c = next(counties.count)
            documents.append(.init(kind: 2, key: "org-\(i)", path: "organizations/org-\(i)/",
                                   title: "\(counties[c])\(words[next(words.count)])\(words[next(words.count)])社会工作服务中心",
                                   subtitle: "\(counties[c]) · 社会工作服务类",
                                   text: ["org-\(i)", "52630102MJY\(100000 + i)W", "城乡社区服务类", counties[c], countiesEn[c]]))
        }
        for i in 0..<10_000 {
            let c = next(counties.count), g = next(groups.count), s = next(services.count), o = next(2000)
            let title = "\(counties[c])\(groups[g].0)\(words[next(words.count)])\(services[s].0)项目"
            documents.append(.init(kind: 1, key: String(format: "p%05d", i), path: String(format: "projects/p%05d/", i),
                                   title: title, subtitle: "\(counties[c]) · \(documents[o].title) · \(statuses[next(statuses.count)])",
                                   text: [String(format: "p%05d", i), "第\(next(40))社区", "第\(next(40))社区", counties[c],
                                          countiesEn[c], "社会工作服务", "Social-work services", services[s].0, services[s].1,
                                          groups[g].0, groups[g].1]))
        }
        for i in 0..<500 {
            documents.append(.init(kind: 3, key: "n-\(i)", path: "notices/n-\(i)/",
                                   title: "关于\(counties[next(counties.count)])\(services[next(services.count)].0)项目评审结果的公示",
                                   subtitle: "2017年6月12日 · 公示", text: ["n-\(i)", "拟确定下列项目及承接主体,现予公示。"]))
        }
        let json = SearchIndex(kinds: ["region", "project", "organization", "notice"], documents: documents).json()
        let bytes = json.utf8.count
        print("search index for 10,000 synthetic projects, 2,000 organizations, 500 notices: \(bytes) bytes")
        if let path = ProcessInfo.processInfo.environment["GAZETTE_SEARCH_INDEX_OUT"] {
            try? Data(json.utf8).write(to: URL(fileURLWithPath: path))
        }
        #expect(bytes < 6_000_000, "\(bytes) bytes")
    }
}
