/// The answers that list items a page at a time (search, units, reports): their own head (the
/// query and totals), then the page, where the next one starts (`null`: nothing follows) and,
/// when the page was cut to the budget, a note saying how to go on.
///
/// ```json
/// {"query":"乡村振兴","totalHits":120,…,"offset":0,"nextOffset":37,"hits":[…],"note":"cut at 20000 characters after 37 hits: …"}
/// ```
struct PagedAnswer<Head: Encodable, Item: Encodable>: Encodable {
    var head: Head
    var offset: Int
    var nextOffset: Int?
    /// The name of the list: `hits`, `rows`, `reports`.
    var itemsKey: String
    var items: ArraySlice<Item>
    var note: String?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { return nil }
    }

    /// The head's keys and the page's, in one object; absent values as `null`.
    func encode(to encoder: any Encoder) throws {
        try head.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(offset, forKey: Key("offset"))
        try c.encode(nextOffset, forKey: Key("nextOffset"))
        try c.encode(Array(items), forKey: Key(itemsKey))
        try c.encode(note, forKey: Key("note"))
    }

    /// The answer with as many of `items` (the page from `offset`) as fit the budget; `more`
    /// says whether items follow the page, `tool` names the tool to call for them.
    static func fitting(head: Head, items: [Item], itemsKey: String, offset: Int, more: Bool, tool: String,
                        budget: AnswerBudget, extraCost: (Item) -> Int = { _ in 0 }) throws -> (json: String, shown: Int) {
        try ToolAnswer.fitting(items, budget: budget, extraCost: extraCost) { page, cut in
            let next = cut || more ? offset + page.count : nil
            let note = cut ? "cut at \(budget.maxCharacters) characters after \(page.count) \(itemsKey): "
                + "call \(tool) with offset \(offset + page.count) for the next ones" : nil
            return PagedAnswer(head: head, offset: offset, nextOffset: next, itemsKey: itemsKey, items: page, note: note)
        }
    }
}
